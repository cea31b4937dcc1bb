// The two-person rule (app/audit/approvals.hpp) and the alerts (access_alerts.hpp) over a
// real store and audit log, with a clock the test moves: an approval is the requester's
// own, used once, and only within 30 minutes of asking; the pattern scan records each alert
// once; a canary list edited without the office's key is alerted.

#include "app/audit/approvals.hpp"

#include <gtest/gtest.h>

#include "app/accounts/setup.hpp"
#include "app/audit/access_alerts.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

using testing::FixedClock;
using testing::TempStore;

const Actor kFirst{2, "first.coordinator", Role::kCoordinator};
const Actor kSecond{3, "second.coordinator", Role::kCoordinator};
const Actor kAuditor{4, "an.auditor", Role::kAuditor};
const Actor kOperator{5, "an.operator", Role::kOperator};

class ApprovalsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  void SetUp() override {
    ASSERT_TRUE(InitialiseInstallation(*store_, "synthetic office passphrase", "admin",
                                       "synthetic-admin-pw")
                    .ok());
    auto opener = UnlockOffice(*store_, "synthetic office passphrase");
    ASSERT_TRUE(opener.ok());
    key_ = AuditKey(*opener);
    audit_ = std::make_unique<AuditLog>(*store_, clock_, key_);
  }
  void Later(std::chrono::seconds by) { clock_.now += by; }

  FixedClock clock_;
  TempStore store_{"app-approvals"};
  crypto::Key32 key_{};
  std::unique_ptr<AuditLog> audit_;
};

TEST_F(ApprovalsTest, AnApprovalIsTheRequestersAndOpensOneReadWithinTheWindow) {
  Approvals approvals(*audit_, clock_);
  const std::string subject = CustodyReadSubject(7);
  EXPECT_EQ(approvals.Use(kFirst, subject).error().code, ErrorCode::kForbidden);
  auto request = approvals.Request(kFirst, subject);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(approvals.Request(kFirst, subject)->seq, request->seq);  // the open one again
  EXPECT_EQ(approvals.Grant(kFirst, request->seq).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(approvals.Grant(kOperator, request->seq).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(approvals.Grant(kSecond, request->seq + 100).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(approvals.Grant(kSecond, request->seq).ok());
  EXPECT_EQ(approvals.Grant(kAuditor, request->seq).error().code, ErrorCode::kConflict);
  EXPECT_EQ(approvals.Use(kSecond, subject).error().code, ErrorCode::kForbidden);  // not his
  EXPECT_EQ(approvals.Use(kFirst, CustodyReadSubject(8)).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(approvals.Use(kFirst, subject).ok());
  EXPECT_EQ(approvals.Use(kFirst, subject).error().code, ErrorCode::kForbidden);  // used up
  // A new request is a new one, not the used one.
  auto next = approvals.Request(kFirst, subject);
  ASSERT_TRUE(next.ok());
  EXPECT_NE(next->seq, request->seq);
}

TEST_F(ApprovalsTest, ARequestLapsesThirtyMinutesAfterItWasMade) {
  Approvals approvals(*audit_, clock_);
  const std::string subject = CustodyReadSubject(7);
  auto request = approvals.Request(kFirst, subject);
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->expires_at() - request->at, 1800);
  Later(std::chrono::seconds(1799));
  ASSERT_TRUE(approvals.Grant(kAuditor, request->seq).ok());
  Later(std::chrono::seconds(1));  // exactly 30 minutes: lapsed
  EXPECT_EQ(approvals.Use(kFirst, subject).error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(approvals.Open()->empty());
  auto late = approvals.Request(kFirst, subject);
  ASSERT_TRUE(late.ok());
  Later(std::chrono::seconds(1800));
  EXPECT_EQ(approvals.Grant(kSecond, late->seq).error().code, ErrorCode::kNotFound);
}

TEST_F(ApprovalsTest, AGrantWrittenWithoutTheOfficeKeyIsRefused) {
  Approvals approvals(*audit_, clock_);
  const std::string subject = CustodyReadSubject(7);
  auto request = approvals.Request(kFirst, subject);
  ASSERT_TRUE(request.ok());
  auto last = store_->LastAuditRecord();
  ASSERT_TRUE(last.ok() && last->has_value());
  store::AuditRecord forged{.seq = (*last)->seq + 1,
                            .at = (*last)->at,
                            .actor_user_id = kSecond.user_id,
                            .actor_name = kSecond.name,
                            .action = "approval_granted",
                            .target = "approval:" + std::to_string(request->seq),
                            .mac = (*last)->mac};
  ASSERT_TRUE(store_->AppendAuditRecord(forged).ok());
  auto used = approvals.Use(kFirst, subject);
  ASSERT_FALSE(used.ok());
  EXPECT_EQ(used.error().code, ErrorCode::kInternal);
}

// Two reads an hour for three weeks, then 40 in one hour today: one alert, recorded once
// however often the scan runs.
TEST_F(ApprovalsTest, ThePatternScanRecordsEachAlertOnce) {
  const auto day = std::chrono::floor<std::chrono::days>(clock_.now);
  const auto start = day - std::chrono::days(21);
  for (int d = 0; d < 21; ++d) {
    clock_.now = start + std::chrono::days(d) + std::chrono::hours(9);
    for (int i = 0; i < 16; ++i) {
      ASSERT_TRUE(
          audit_->Record({kOperator.user_id, kOperator.name, AuditAction::kCaseRead, "case:1"})
              .ok());
      Later(std::chrono::minutes(30));
    }
  }
  clock_.now = day + std::chrono::hours(10);
  for (int i = 0; i < 40; ++i) {
    ASSERT_TRUE(
        audit_->Record({kOperator.user_id, kOperator.name, AuditAction::kCaseRead, "case:1"}).ok());
    Later(std::chrono::seconds(60));
  }
  clock_.now = day + std::chrono::hours(12);
  auto first = ScanAccessPatterns(*store_, *audit_, clock_);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, 1);
  EXPECT_EQ(*ScanAccessPatterns(*store_, *audit_, clock_), 0);
  auto alerts = store_->FindAuditRecords({.action = "access_alert"}, 0, 10);
  ASSERT_EQ(alerts->entries.size(), 1u);
  EXPECT_EQ(alerts->entries[0].actor_name, kOperator.name);
  EXPECT_EQ(alerts->entries[0].target.rfind("pattern:reads_per_hour:user:5:", 0), 0u);
}

TEST_F(ApprovalsTest, ACanaryListWithoutTheOfficesMacIsAlertedAndTheLastGoodOneKept) {
  CanaryCases canaries(*store_, *audit_, crypto::Hash("test", "canary key"));
  ASSERT_TRUE(
      audit_->Record({kFirst.user_id, kFirst.name, AuditAction::kCanaryChanged, "case:9"}).ok());
  ASSERT_TRUE(canaries.Save({9}).ok());
  EXPECT_EQ(*canaries.List(), (std::set<std::int64_t>{9}));
  ASSERT_TRUE(store_->PutSetting(std::string(kCanarySetting), "").ok());  // deleted behind it
  EXPECT_EQ(*canaries.List(), (std::set<std::int64_t>{9}));
  const std::int64_t nine = 9, one = 1;
  ASSERT_TRUE(canaries.Touched(kOperator, std::span(&nine, 1)).ok());
  ASSERT_TRUE(canaries.Touched(kOperator, std::span(&one, 1)).ok());
  auto alerts = store_->FindAuditRecords({.action = "access_alert"}, 0, 10);
  ASSERT_EQ(alerts->entries.size(), 2u);  // newest first; the list alerted once
  EXPECT_EQ(alerts->entries[0].target, "canary:case:9");
  EXPECT_EQ(alerts->entries[1].target, "canary:list");
}

}  // namespace
}  // namespace lifeline::app
