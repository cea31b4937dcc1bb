#include "server/audit/audit_words.hpp"

#include <gtest/gtest.h>

#include <set>

namespace lifeline::server {
namespace {

// Every action this version records has words of its own, in Cyrillic, and no two share them.
TEST(AuditWords, EveryActionHasItsOwnRussianWords) {
  std::set<std::string_view> seen;
  int actions = 0;
  for (int i = 0; ToString(static_cast<AuditAction>(i)) != "?"; ++i, ++actions) {
    const auto action = static_cast<AuditAction>(i);
    const std::string_view words = AuditActionRu(action);
    ASSERT_FALSE(words.empty()) << ToString(action);
    EXPECT_TRUE(words.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string_view::npos)
        << ToString(action) << ": " << words;
    EXPECT_TRUE(seen.insert(words).second) << "shared: " << words;
    EXPECT_EQ(AuditActionRu(ToString(action)), words);
  }
  EXPECT_GE(actions, 66);
  EXPECT_EQ(AuditActionRu(std::string_view("from_a_newer_version")), "from_a_newer_version");
}

TEST(AuditWords, TargetsInWords) {
  EXPECT_EQ(AuditTargetRu("case:42"), "заявка № 42");
  EXPECT_EQ(AuditTargetRu("prisoner:7 case:3"), "военнопленный № 7, заявка № 3");
  EXPECT_EQ(AuditTargetRu("user:3:everywhere"), "учётная запись № 3 (на всех устройствах)");
  EXPECT_EQ(AuditTargetRu("export:csv"), "выгрузка: csv");
  EXPECT_EQ(AuditTargetRu("users:5"), "учётная запись № 5");
  EXPECT_EQ(AuditTargetRu("lead_times"), "lead_times");  // no kind: as it is
  EXPECT_EQ(AuditTargetRu("unknown:1"), "unknown:1");
  EXPECT_EQ(AuditTargetRu(""), "");
  EXPECT_EQ(AuditTargetRu("  case:1  "), "заявка № 1");
}

}  // namespace
}  // namespace lifeline::server
