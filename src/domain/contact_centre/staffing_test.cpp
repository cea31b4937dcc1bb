#include "domain/contact_centre/staffing.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace lifeline::contact_centre {
namespace {

Forecast Typical() {
  return {.calls_per_hour = 360, .handle_seconds = 240, .answer_within_seconds = 20, .target = 0.8};
}

TEST(PlanStaffing, FindsTheFewestOperatorsThatMeetTheTarget) {
  auto plan = PlanStaffing(Typical());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_DOUBLE_EQ(plan->offered_load, 24.0);
  EXPECT_EQ(plan->operators, 29);  // 28 give 76.1%, 29 give 84.0% (Erlang C)
  EXPECT_NEAR(plan->metrics.service_level, 0.840283, 1e-6);
  EXPECT_EQ(plan->rostered, 29);
  EXPECT_LE(plan->line_blocking, 0.01);
  // One line fewer would block more than allowed.
  const double line_load = 360 / 3600.0 * (240 + plan->metrics.asa_seconds);
  EXPECT_GT(ErlangB(plan->lines - 1, line_load), 0.01);
}

TEST(PlanStaffing, ShrinkageAddsRosteredOperatorsOnly) {
  Forecast f = Typical();
  f.shrinkage = 0.3;
  auto plan = PlanStaffing(f);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->operators, 29);
  EXPECT_EQ(plan->rostered, 42);  // 29 / 0.7 = 41.4
}

TEST(PlanStaffing, PatienceUsesErlangAAndReportsAbandonment) {
  Forecast f = Typical();
  f.patience_seconds = 60;
  auto plan = PlanStaffing(f);
  ASSERT_TRUE(plan.ok());
  EXPECT_GT(plan->metrics.abandonment, 0.0);
  EXPECT_GE(plan->metrics.service_level, 0.8);
  // Impatient callers leave the queue, so no more operators than Erlang C asks for.
  EXPECT_LE(plan->operators, 29);
  EXPECT_LT(ErlangA(plan->operators - 1, 24.0, 240, 20, 60).service_level, 0.8);
}

TEST(PlanStaffing, PlansASurgeOfThousandsOfOperators) {
  Forecast f = Typical();
  f.calls_per_hour = 120'000;  // 8,000 Erlangs
  auto plan = PlanStaffing(f);
  ASSERT_TRUE(plan.ok());
  EXPECT_GT(plan->operators, 8000);
  EXPECT_LT(plan->operators, 8100);
  EXPECT_GE(plan->metrics.service_level, 0.8);
  EXPECT_LT(ErlangC(plan->operators - 1, 8000.0, 240, 20).service_level, 0.8);
}

TEST(PlanStaffing, RefusesZeroNegativeAndAbsurdForecastsNamingTheField) {
  struct Case {
    Forecast forecast;
    const char* field;
  };
  Forecast base = Typical();
  auto with = [&](auto change) {
    Forecast f = base;
    change(f);
    return f;
  };
  const Case cases[] = {
      {with([](Forecast& f) { f.calls_per_hour = 0; }), "calls_per_hour"},
      {with([](Forecast& f) { f.calls_per_hour = -5; }), "calls_per_hour"},
      {with([](Forecast& f) { f.calls_per_hour = 1e12; }), "calls_per_hour"},
      {with([](Forecast& f) { f.handle_seconds = 0; }), "handle_seconds"},
      {with([](Forecast& f) { f.handle_seconds = 1e9; }), "handle_seconds"},
      {with([](Forecast& f) { f.answer_within_seconds = -1; }), "answer_within"},
      {with([](Forecast& f) { f.target = 1.0; }), "target"},
      {with([](Forecast& f) { f.target = 80; }), "target"},
      {with([](Forecast& f) { f.target = 0; }), "target"},
      {with([](Forecast& f) { f.patience_seconds = 0; }), "patience_seconds"},
      {with([](Forecast& f) { f.shrinkage = 1; }), "shrinkage"},
      {with([](Forecast& f) { f.blocking = 0; }), "blocking"},
      {with([](Forecast& f) { f.handle_seconds = std::nan(""); }), "handle_seconds"},
  };
  for (const auto& c : cases) {
    auto plan = PlanStaffing(c.forecast);
    ASSERT_FALSE(plan.ok()) << c.field;
    EXPECT_EQ(plan.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(plan.error().field, c.field);
  }
}

TEST(PlanStaffing, SaysPlainlyWhenTheLoadIsBeyondAnyStaff) {
  Forecast f = Typical();
  f.calls_per_hour = 1'000'000;
  f.handle_seconds = 3600;  // a million Erlangs
  auto plan = PlanStaffing(f);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.error().message.find("more than 100000 operators"), std::string::npos)
      << plan.error().message;
}

}  // namespace
}  // namespace lifeline::contact_centre
