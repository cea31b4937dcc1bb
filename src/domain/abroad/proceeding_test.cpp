// Proceedings' events: which kinds belong where, and the dates a new event may not have.
#include "domain/abroad/proceeding.hpp"

#include <gtest/gtest.h>

namespace lifeline::abroad {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

constexpr sys_days kToday{2026y / 11 / 23};
constexpr sys_days kFiled{2026y / 10 / 1};

TEST(AbroadProceeding, EachKindHasItsOwnEventsAndTheirRisks) {
  EXPECT_EQ(FindEventKind(ProceedingKind::kAsylum, "appeal_deadline")->risk,
            RiskKind::kAppealDeadline);
  EXPECT_EQ(FindEventKind(ProceedingKind::kExtradition, "hearing")->risk,
            RiskKind::kExtraditionHearing);
  EXPECT_EQ(FindEventKind(ProceedingKind::kDeportation, "removal_date")->risk,
            RiskKind::kDeportation);
  EXPECT_EQ(FindEventKind(ProceedingKind::kBorderProsecution, "hearing")->risk,
            RiskKind::kCourtHearing);
  EXPECT_FALSE(FindEventKind(ProceedingKind::kAsylum, "decision_refused")->risk);
  EXPECT_FALSE(FindEventKind(ProceedingKind::kAsylum, "removal_date"));
  for (auto kind : {ProceedingKind::kAsylum, ProceedingKind::kBorderProsecution,
                    ProceedingKind::kDeportation, ProceedingKind::kExtradition}) {
    EXPECT_EQ(ParseProceedingKind(ToString(kind)), kind);
    EXPECT_FALSE(EventKinds(kind).empty());
  }
}

TEST(AbroadProceeding, RefusesDeadlinesInThePastAndEventsBeforeFiling) {
  EXPECT_TRUE(ValidateNewEvent(ProceedingKind::kAsylum, "appeal_deadline",
                               kToday + std::chrono::days{14}, kFiled, kToday));
  EXPECT_TRUE(ValidateNewEvent(ProceedingKind::kAsylum, "appeal_deadline", kToday, kFiled, kToday));

  auto past = ValidateNewEvent(ProceedingKind::kAsylum, "appeal_deadline",
                               kToday - std::chrono::days{1}, kFiled, kToday);
  ASSERT_FALSE(past);
  EXPECT_EQ(past.error().field, "on");
  // What happened in the past may be recorded: a decision last week.
  EXPECT_TRUE(ValidateNewEvent(ProceedingKind::kAsylum, "decision_refused",
                               kToday - std::chrono::days{7}, kFiled, kToday));

  auto before_filing = ValidateNewEvent(ProceedingKind::kAsylum, "decision_refused",
                                        kFiled - std::chrono::days{1}, kFiled, kToday);
  ASSERT_FALSE(before_filing);
  EXPECT_NE(before_filing.error().message.find("before the proceeding was filed"),
            std::string::npos);

  auto wrong = ValidateNewEvent(ProceedingKind::kDeportation, "interview", kToday, kFiled, kToday);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().field, "kind");
  EXPECT_NE(wrong.error().message.find("removal_date"), std::string::npos);
}

}  // namespace
}  // namespace lifeline::abroad
