#include "domain/abroad/stay.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace lifeline::abroad {
namespace {

using namespace std::chrono;

constexpr sys_days D(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / day{d}};
}

// Each row computed by hand (days of 2026 numbered from 1 January = 1; a window ending on
// day X holds days X − P + 1 … X), then checked against a brute-force count of every window.
struct HandComputed {
  const char* what;
  StayRule rule;
  std::vector<Stay> earlier;
  sys_days arrived;
  sys_days last_legal_day;
};

const std::vector<HandComputed>& Table() {
  static const std::vector<HandComputed> table = {
      // 90 days counting the day of arrival: 1 August (213) to 29 October (302).
      {"one stay", {90, 180}, {}, D(2026, 8, 1), D(2026, 10, 29)},
      // 60 days (1 June – 30 July) stay in every window until 9 November, when 60 + 31 > 90.
      {"an earlier stay inside every window",
       {90, 180},
       {{D(2026, 6, 1), D(2026, 7, 30)}},
       D(2026, 10, 10),
       D(2026, 11, 8)},
      // 1 March – 29 May is 90 days and all of it is in the window ending 1 July: the day of
      // arrival is already one too many, so the last legal day lies before it.
      {"the allowance used up before arrival",
       {90, 180},
       {{D(2026, 3, 1), D(2026, 5, 29)}},
       D(2026, 7, 1),
       D(2026, 6, 30)},
      {"back the day after leaving",
       {90, 180},
       {{D(2026, 1, 1), D(2026, 3, 31)}},
       D(2026, 4, 1),
       D(2026, 3, 31)},
      // Straddling: 1 January – 1 March (days 1–60) leaves the window one day a time from day
      // 180 while the current stay (from day 152) adds one: the count holds at 89 until the
      // old stay is gone (day 240), then reaches 91 on day 242. Last legal: day 241.
      {"an earlier stay leaving the window",
       {90, 180},
       {{D(2026, 1, 1), D(2026, 3, 1)}},
       D(2026, 6, 1),
       D(2026, 8, 29)},
      // Two earlier stays, days 1–20 and 41–80, back on day 160: the first leaves the window
      // (days 180–199, the count holding at 81), the second is still in it when the count
      // reaches 91 on day 210.
      {"one earlier stay gone, the next still in",
       {90, 180},
       {{D(2026, 1, 1), D(2026, 1, 20)}, {D(2026, 2, 10), D(2026, 3, 21)}},
       D(2026, 6, 9),
       D(2026, 7, 28)},
      // The last day of an old stay (31 December 2025) is in the window ending 28 June (days
      // 0–179) but not in the one ending 29 June: a day's difference in arrival.
      {"an old stay's last day on the window's edge",
       {90, 180},
       {{D(2025, 10, 3), D(2025, 12, 31)}},
       D(2026, 6, 28),
       D(2026, 9, 25)},
      {"an old stay just outside the window",
       {90, 180},
       {{D(2025, 10, 3), D(2025, 12, 31)}},
       D(2026, 6, 29),
       D(2026, 9, 26)},
      // 180 days in 365: 120 days in spring leave 60 from 1 July.
      {"a year's window",
       {180, 365},
       {{D(2026, 1, 1), D(2026, 4, 30)}},
       D(2026, 7, 1),
       D(2026, 8, 29)},
      // 365 in 365 can never be broken by a window, so it counts from each entry: earlier
      // stays do not shorten it.
      {"a year from each entry",
       {365, 365},
       {{D(2024, 12, 1), D(2025, 11, 30)}},
       D(2025, 12, 10),
       D(2026, 12, 9)},
      {"thirty days from each entry", {30, 30}, {}, D(2026, 11, 20), D(2026, 12, 19)},
  };
  return table;
}

// The rule read literally: the first day from arrival whose window holds more than D days.
sys_days BruteForceLastLegalDay(const StayRule& rule, const std::vector<Stay>& stays) {
  const sys_days arrived = stays.back().entered;
  if (rule.PerEntry()) return arrived + days{rule.days_allowed - 1};
  auto present = [&](sys_days d) {
    for (const Stay& s : stays) {
      if (d >= s.entered && d <= s.left.value_or(sys_days::max())) return true;
    }
    return false;
  };
  for (sys_days x = arrived;; x += days{1}) {
    int held = 0;
    for (int i = 0; i < rule.period_days; ++i) held += present(x - days{i});
    if (held > rule.days_allowed) return x - days{1};
  }
}

TEST(AbroadStay, LastLegalDayMatchesTheHandComputedTable) {
  for (const HandComputed& c : Table()) {
    std::vector<Stay> stays = c.earlier;
    stays.push_back({c.arrived, std::nullopt});
    const sys_days today = D(2026, 12, 4);
    EXPECT_EQ(LastLegalDay(c.rule, stays, today).value(), c.last_legal_day) << c.what;
    EXPECT_EQ(BruteForceLastLegalDay(c.rule, stays), c.last_legal_day) << c.what;
  }
}

TEST(AbroadStay, TheLastLegalDayDoesNotMoveWithTheDayAsked) {
  // The field test's case: from 1 August, overstaying since 30 October, asked in December.
  const std::vector<Stay> stays = {{D(2026, 8, 1), std::nullopt}};
  for (const sys_days today :
       {D(2026, 8, 1), D(2026, 10, 29), D(2026, 10, 30), D(2026, 12, 4), D(2027, 3, 1)}) {
    EXPECT_EQ(LastLegalDay({90, 180}, stays, today).value(), D(2026, 10, 29));
  }
}

TEST(AbroadStay, DaysOverstayedCountEveryDayAfterTheLastLegalDay) {
  EXPECT_EQ(DaysOverstayed(D(2026, 10, 29), D(2026, 10, 29)), 0);
  EXPECT_EQ(DaysOverstayed(D(2026, 10, 29), D(2026, 10, 1)), 0);
  EXPECT_EQ(DaysOverstayed(D(2026, 10, 29), D(2026, 10, 30)), 1);
  EXPECT_EQ(DaysOverstayed(D(2026, 10, 29), D(2026, 12, 4)), 36);  // 2 in October, 30, 4
  EXPECT_EQ(DaysOverstayed(D(2026, 11, 8), D(2026, 12, 4)), 26);
}

TEST(AbroadStay, ImpossibleStaysAndRulesAreRefused) {
  EXPECT_EQ(ValidateStays(std::vector<Stay>{{D(2026, 1, 10), D(2026, 1, 1)}}).error().field,
            "stays");
  EXPECT_NE(ValidateStays(
                std::vector<Stay>{{D(2026, 1, 1), D(2026, 1, 20)}, {D(2026, 1, 15), std::nullopt}})
                .error()
                .message.find("overlap"),
            std::string::npos);
  EXPECT_FALSE(
      ValidateStays(std::vector<Stay>{{D(2026, 1, 1), std::nullopt}, {D(2026, 2, 1), std::nullopt}})
          .ok());
  EXPECT_TRUE(ValidateStays(
                  std::vector<Stay>{{D(2026, 2, 1), std::nullopt}, {D(2026, 1, 1), D(2026, 1, 20)}})
                  .ok());
  EXPECT_EQ(ValidateStayRule({0, 180}).error().field, "stay_rule");
  EXPECT_FALSE(ValidateStayRule({200, 180}).ok());
  EXPECT_FALSE(
      LastLegalDay({90, 180}, std::vector<Stay>{{D(2026, 1, 1), D(2026, 1, 5)}}, D(2026, 2, 1))
          .ok());
  EXPECT_EQ(LastLegalDay({90, 180}, std::vector<Stay>{{D(2026, 3, 1), std::nullopt}}, D(2026, 2, 1))
                .error()
                .field,
            "stays");  // arriving in the future
}

}  // namespace
}  // namespace lifeline::abroad
