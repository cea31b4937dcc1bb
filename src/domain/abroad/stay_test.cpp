#include "domain/abroad/stay.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace lifeline::abroad {
namespace {

using namespace std::chrono;

constexpr sys_days D(int y, unsigned m, unsigned d) { return sys_days{year{y} / month{m} / day{d}}; }

TEST(AbroadStay, ASingleStayEndsAfterTheDaysAllowed) {
  const std::vector<Stay> stays = {{D(2026, 1, 1), std::nullopt}};
  // 90 days counting the day of arrival: 1 January to 31 March.
  EXPECT_EQ(LastLegalDay({90, 180}, stays, D(2026, 2, 1)).value(), D(2026, 3, 31));
  EXPECT_EQ(LastLegalDay({90, 180}, stays, D(2026, 3, 31)).value(), D(2026, 3, 31));
  EXPECT_EQ(LastLegalDay({90, 180}, stays, D(2026, 4, 1)).value(), std::nullopt);  // overstaying already
}

TEST(AbroadStay, EarlierStaysInTheWindowCount) {
  // 60 days in autumn, out, then back on 1 January: 30 days left of 90 in 180.
  const std::vector<Stay> stays = {{D(2025, 11, 1), D(2025, 12, 30)}, {D(2026, 1, 1), std::nullopt}};
  EXPECT_EQ(LastLegalDay({90, 180}, stays, D(2026, 1, 1)).value(), D(2026, 1, 30));
  // With a year's rule of 180 days the same stays leave 120 days.
  EXPECT_EQ(LastLegalDay({180, 365}, stays, D(2026, 1, 1)).value(), D(2026, 4, 30));
}

TEST(AbroadStay, OldStaysLeaveTheWindow) {
  const std::vector<Stay> stays = {{D(2025, 1, 1), D(2025, 3, 31)}, {D(2026, 1, 1), std::nullopt}};
  EXPECT_EQ(LastLegalDay({90, 180}, stays, D(2026, 1, 10)).value(), D(2026, 3, 31));
}

TEST(AbroadStay, ImpossibleStaysAndRulesAreRefused) {
  EXPECT_EQ(ValidateStays(std::vector<Stay>{{D(2026, 1, 10), D(2026, 1, 1)}}).error().field, "stays");
  EXPECT_NE(ValidateStays(std::vector<Stay>{{D(2026, 1, 1), D(2026, 1, 20)}, {D(2026, 1, 15), std::nullopt}})
                .error()
                .message.find("overlap"),
            std::string::npos);
  EXPECT_FALSE(ValidateStays(std::vector<Stay>{{D(2026, 1, 1), std::nullopt}, {D(2026, 2, 1), std::nullopt}}).ok());
  EXPECT_TRUE(ValidateStays(std::vector<Stay>{{D(2026, 2, 1), std::nullopt}, {D(2026, 1, 1), D(2026, 1, 20)}}).ok());
  EXPECT_EQ(ValidateStayRule({0, 180}).error().field, "stay_rule");
  EXPECT_FALSE(ValidateStayRule({200, 180}).ok());
  EXPECT_FALSE(LastLegalDay({90, 180}, std::vector<Stay>{{D(2026, 1, 1), D(2026, 1, 5)}}, D(2026, 2, 1)).ok());
}

}  // namespace
}  // namespace lifeline::abroad
