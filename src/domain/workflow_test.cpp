#include "domain/workflow.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace lifeline {
namespace {

TEST(Workflow, EveryStatusIsReachableFromNewAndClosedIsTheOnlyEnd) {
  std::set<CaseStatus> reached = {CaseStatus::kNew};
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& t : AllTransitions()) {
      if (reached.count(t.from) && reached.insert(t.to).second) grew = true;
    }
  }
  EXPECT_EQ(reached.size(), kAllCaseStatuses.size());
  for (CaseStatus s : kAllCaseStatuses) {
    bool leaves = false;
    for (const auto& t : AllTransitions()) leaves |= t.from == s;
    EXPECT_EQ(leaves, s != CaseStatus::kClosed) << ToString(s);
  }
}

TEST(Workflow, NoTransitionIsListedTwiceOrGoesNowhere) {
  std::set<std::pair<CaseStatus, CaseStatus>> seen;
  for (const auto& t : AllTransitions()) {
    EXPECT_NE(t.from, t.to);
    EXPECT_TRUE(seen.insert({t.from, t.to}).second) << ToString(t.from) << " -> " << ToString(t.to);
    EXPECT_NE(t.roles, 0u);
  }
}

TEST(Workflow, OutOfOrderMovesAreNotInTheTable) {
  EXPECT_EQ(FindTransition(CaseStatus::kNew, CaseStatus::kVerified), nullptr);
  EXPECT_EQ(FindTransition(CaseStatus::kNew, CaseStatus::kCrossed), nullptr);
  EXPECT_EQ(FindTransition(CaseStatus::kClosed, CaseStatus::kNew), nullptr);
  EXPECT_EQ(FindTransition(CaseStatus::kCrossed, CaseStatus::kSuspectedProvocation), nullptr);
  EXPECT_NE(FindTransition(CaseStatus::kNew, CaseStatus::kContacted), nullptr);
}

TEST(Workflow, OnlyVerifiersVerifyAndClearSuspicionAndOnlyCoordinatorsPlanCrossings) {
  const auto* verify = FindTransition(CaseStatus::kVerifying, CaseStatus::kVerified);
  ASSERT_NE(verify, nullptr);
  EXPECT_TRUE(MayMake(*verify, Role::kVerifier));
  EXPECT_FALSE(MayMake(*verify, Role::kOperator));
  EXPECT_FALSE(MayMake(*verify, Role::kCoordinator));
  const auto* clear = FindTransition(CaseStatus::kSuspectedProvocation, CaseStatus::kVerifying);
  ASSERT_NE(clear, nullptr);
  EXPECT_TRUE(clear->reason_required);
  EXPECT_FALSE(MayMake(*clear, Role::kOperator));
  const auto* raise = FindTransition(CaseStatus::kContacted, CaseStatus::kSuspectedProvocation);
  ASSERT_NE(raise, nullptr);
  EXPECT_TRUE(MayMake(*raise, Role::kOperator));
  EXPECT_TRUE(raise->reason_required);
  const auto* cross = FindTransition(CaseStatus::kCrossingPlanned, CaseStatus::kCrossed);
  ASSERT_NE(cross, nullptr);
  EXPECT_EQ(cross->roles, RoleBit(Role::kCoordinator));
  for (Role r :
       {Role::kAnalyst, Role::kAuditor, Role::kAdmin, Role::kCaseworker, Role::kCampAdmin}) {
    for (CaseStatus s : kAllCaseStatuses) EXPECT_TRUE(NextTransitions(s, r).empty()) << ToString(r);
  }
}

TEST(Workflow, RejectionsAndSuspicionsNeedAReason) {
  for (const auto& t : AllTransitions()) {
    if (t.to == CaseStatus::kRejected || t.to == CaseStatus::kSuspectedProvocation ||
        t.to == CaseStatus::kDuplicate || t.to == CaseStatus::kWithdrawn) {
      EXPECT_TRUE(t.reason_required) << ToString(t.from) << " -> " << ToString(t.to);
    }
  }
}

TEST(Workflow, ApplicantsNeverSeeScreeningOutcomes) {
  for (CaseStatus s : {CaseStatus::kSuspectedProvocation, CaseStatus::kRejected,
                       CaseStatus::kDuplicate, CaseStatus::kVerifying, CaseStatus::kVerified}) {
    EXPECT_EQ(ApplicantStageOf(s), ApplicantStage::kInProgress) << ToString(s);
  }
  EXPECT_EQ(ApplicantStageOf(CaseStatus::kNew), ApplicantStage::kReceived);
  EXPECT_EQ(ApplicantStageOf(CaseStatus::kClosed), ApplicantStage::kClosed);
  for (CaseStatus s : kAllCaseStatuses) EXPECT_EQ(ParseCaseStatus(ToString(s)), s);
}

TEST(Workflow, TheDocumentedTableIsTheTableInForce) {
  std::ifstream in(std::string(LIFELINE_SOURCE_DIR) + "/docs/workflow.md");
  ASSERT_TRUE(in) << "docs/workflow.md is missing";
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(doc.find(WorkflowMarkdownTable()), std::string::npos)
      << "docs/workflow.md must contain, verbatim:\n"
      << WorkflowMarkdownTable();
}

}  // namespace
}  // namespace lifeline
