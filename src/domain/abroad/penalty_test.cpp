// The penalty table against ../shared/REFERENCE.md ("Penalties at home").
#include "domain/abroad/penalty.hpp"

#include <gtest/gtest.h>

namespace lifeline::abroad {
namespace {

TEST(AbroadPenalty, TheTableMatchesTheReference) {
  auto range = [](std::string_view code) {
    auto p = FindPenalty(code);
    return p ? std::pair(p->min_years, p->max_years) : std::pair(-1, -1);
  };
  EXPECT_EQ(range("352.1"), std::pair(3, 10));
  EXPECT_EQ(range("337.2.1"), std::pair(0, 5));
  EXPECT_EQ(range("337.3.1"), std::pair(0, 7));
  EXPECT_EQ(range("337.5"), std::pair(5, 10));
  EXPECT_EQ(range("338.3"), std::pair(5, 15));
  EXPECT_EQ(range("332.2.1"), std::pair(2, 3));
  EXPECT_EQ(range("332.2.2"), std::pair(3, 10));
  EXPECT_FALSE(FindPenalty("999"));
  EXPECT_NE(FindPenalty("352.1")->note.find("exempt"), std::string_view::npos);
  for (const auto& p : PenaltyTable()) EXPECT_LE(p.min_years, p.max_years) << p.code;
}

}  // namespace
}  // namespace lifeline::abroad
