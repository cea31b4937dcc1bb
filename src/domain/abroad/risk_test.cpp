#include "domain/abroad/risk.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace lifeline::abroad {
namespace {

using namespace std::chrono;

constexpr sys_days kToday = sys_days{year{2026} / November / 23};

TEST(AbroadRisk, TheSoonestDangerComesFirstAndPastEventsDoNotCount) {
  const std::vector<RiskEvent> events = {
      {1, kToday + days{40}, RiskKind::kDocumentExpires},
      {1, kToday + days{9}, RiskKind::kAppealDeadline},
      {2, kToday + days{3}, RiskKind::kStayEnds},
      {3, kToday - days{1}, RiskKind::kExtraditionHearing},  // past: not on the board
      {4, kToday + days{3}, RiskKind::kExtraditionHearing},  // same day as 2, graver
  };
  auto board = RankRisks(events, kToday, {}, 10);
  ASSERT_EQ(board.size(), 3u);
  EXPECT_EQ(board[0].person_id, 4);
  EXPECT_EQ(board[1].person_id, 2);
  EXPECT_EQ(board[2].person_id, 1);
  EXPECT_EQ(board[2].next.kind, RiskKind::kAppealDeadline);  // his soonest, not his first listed
  EXPECT_EQ(board[2].days_left, 9);
  EXPECT_TRUE(board[2].alert);  // within an appeal's 10 days
}

TEST(AbroadRisk, AlertsFollowEachKindsLeadTime) {
  LeadTimes lead;
  lead.days[static_cast<int>(RiskKind::kDocumentExpires)] = 5;
  const std::vector<RiskEvent> events = {{1, kToday + days{6}, RiskKind::kDocumentExpires},
                                         {2, kToday + days{5}, RiskKind::kDocumentExpires},
                                         {3, kToday, RiskKind::kAsylumInterview}};
  auto board = RankRisks(events, kToday, lead, 10);
  ASSERT_EQ(board.size(), 3u);
  EXPECT_EQ(board[0].days_left, 0);
  EXPECT_TRUE(board[0].alert);
  EXPECT_TRUE(board[1].alert);
  EXPECT_FALSE(board[2].alert);
  EXPECT_EQ(RankRisks(events, kToday, lead, 1).size(), 1u);
  EXPECT_EQ(ParseRiskKind("stay_ends"), RiskKind::kStayEnds);
  EXPECT_EQ(ParseRiskKind("rumour"), std::nullopt);
}

TEST(AbroadRisk, AnOverstayDoesNotHideAHearingComingUp) {
  const RiskEvent overstay{7, kToday - days{36}, RiskKind::kStayEnds};
  const std::vector<RiskEvent> his = {
      {7, kToday + days{11}, RiskKind::kExtraditionHearing},
      {7, kToday + days{45}, RiskKind::kAppealDeadline},  // beyond its 10 days
      {7, kToday + days{40}, RiskKind::kDocumentExpires},
      {7, kToday + days{11}, RiskKind::kExtraditionHearing},  // read twice
      {7, kToday - days{2}, RiskKind::kCourtHearing}};        // past
  const auto beside = RisksBeside(his, overstay, kToday, LeadTimes{});
  ASSERT_EQ(beside.size(), 2u);
  EXPECT_EQ(beside[0].kind, RiskKind::kExtraditionHearing);
  EXPECT_EQ(beside[1].kind, RiskKind::kDocumentExpires);
  // The line's own date is not repeated beside it.
  EXPECT_EQ(RisksBeside(his, his[0], kToday, LeadTimes{}).size(), 1u);
}

}  // namespace
}  // namespace lifeline::abroad
