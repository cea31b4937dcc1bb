#include "domain/screening.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

TEST(Screening, OneContactTypedTwoWaysNormalisesTheSame) {
  EXPECT_EQ(NormaliseHandle("+7 (900) 000-00-01"), NormaliseHandle("79000000001"));
  EXPECT_EQ(NormaliseHandle("@Synthetic_User"), NormaliseHandle("synthetic_user"));
  EXPECT_NE(NormaliseHandle("@synthetic_user"), NormaliseHandle("@synthetic_user2"));
  EXPECT_EQ(NormaliseHandle("user 123"), "user123");  // not a phone: too few digits
}

TEST(Screening, AnOrdinaryApplicationRaisesNothing) {
  ScreeningInputs in;
  in.clear.situation = Situation::kServing;
  in.similar_same_day = 3;
  in.similar_daily_average = 2.5;
  EXPECT_TRUE(ScreeningSignals(in).empty());
}

TEST(Screening, EachSignalGivesItsReasonAndTheStrongestComeFirst) {
  ScreeningInputs in;
  in.clear.situation = Situation::kAtFront;
  in.clear.deploy_by = std::chrono::year_month_day{std::chrono::year{2026} / 12 / 1};
  in.same_handle_cases = {12, 40};
  in.similar_same_day = 30;
  in.similar_daily_average = 4;
  in.matched_markers = {"известный шаблон"};
  const auto signals = ScreeningSignals(in);
  ASSERT_EQ(signals.size(), 4u);
  EXPECT_EQ(signals[0].code, "marker");
  EXPECT_EQ(signals[1].code, "reused_contact");
  EXPECT_NE(signals[1].reason.find("№12, №40"), std::string::npos);
  EXPECT_EQ(signals[2].code, "burst");
  EXPECT_EQ(signals[3].code, "inconsistent");
  EXPECT_EQ(ScreeningScore(signals), 50 + 40 + 20 + 15);
  EXPECT_GE(ScreeningScore(signals), kReviewThreshold);
}

TEST(Screening, ABusyDayIsABurstOnlyAgainstItsUsualLevel) {
  ScreeningInputs in;
  in.similar_same_day = 12;
  in.similar_daily_average = 10;  // a busy line, not a burst
  EXPECT_TRUE(ScreeningSignals(in).empty());
  in.similar_daily_average = 1;
  EXPECT_EQ(ScreeningSignals(in).at(0).code, "burst");
}

}  // namespace
}  // namespace lifeline
