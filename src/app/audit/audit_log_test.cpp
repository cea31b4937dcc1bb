#include "app/audit/audit_log.hpp"

#include <gtest/gtest.h>

#include "app/test_support.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

class AuditLogTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  void SetUp() override {
    for (int i = 1; i <= 6; ++i) {
      ASSERT_TRUE(
          log_.Record({1, "op.one", AuditAction::kCaseRead, "case:" + std::to_string(i)}).ok());
    }
  }

  void Tamper(const std::string& sql) { store_.Tamper(sql); }

  std::vector<std::int64_t> BrokenEntries(const std::string& expected_head = {}) {
    auto result = VerifyAuditLog(*store_, key_, expected_head);
    EXPECT_TRUE(result.ok());
    std::vector<std::int64_t> seqs;
    for (const auto& p : result->problems) seqs.push_back(p.seq);
    return seqs;
  }

  crypto::Key32 key_{1, 2, 3};
  testing::FixedClock clock_;
  testing::TempStore store_{"audit"};
  AuditLog log_{*store_, clock_, key_};
};

TEST_F(AuditLogTest, IntactChainVerifies) {
  auto result = VerifyAuditLog(*store_, key_);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->entries, 6);
  EXPECT_TRUE(result->problems.empty());
  EXPECT_EQ(result->head_mac_hex.size(), 64u);
}

TEST_F(AuditLogTest, DetectsAnEditedEntry) {
  Tamper("UPDATE audit_log SET target = 'case:99' WHERE seq = 3");
  EXPECT_EQ(BrokenEntries(), (std::vector<std::int64_t>{3}));  // exactly where it was edited
}

TEST_F(AuditLogTest, DetectsADeletedEntry) {
  Tamper("DELETE FROM audit_log WHERE seq = 2");
  auto broken = BrokenEntries();
  ASSERT_FALSE(broken.empty());
  EXPECT_EQ(broken.front(), 3);
}

TEST_F(AuditLogTest, DetectsAnInsertedEntry) {
  // Shift later entries up by one and slip a forged entry in at 4.
  Tamper(
      "UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4; "
      "UPDATE audit_log SET seq = seq - 99 WHERE seq >= 104; "
      "INSERT INTO audit_log SELECT 4, at, actor_user_id, actor_name, action, 'case:77', mac "
      "FROM audit_log WHERE seq = 3");
  auto broken = BrokenEntries();
  ASSERT_FALSE(broken.empty());
  EXPECT_EQ(broken.front(), 4);
}

TEST_F(AuditLogTest, DetectsReorderedEntries) {
  Tamper(
      "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 5; "
      "UPDATE audit_log SET seq = 5 WHERE seq = 100");
  auto broken = BrokenEntries();
  ASSERT_FALSE(broken.empty());
  EXPECT_EQ(broken.front(), 2);
}

TEST_F(AuditLogTest, DetectsACutTailAgainstARecordedHead) {
  const std::string head = VerifyAuditLog(*store_, key_)->head_mac_hex;
  EXPECT_TRUE(BrokenEntries(head).empty());
  Tamper("DELETE FROM audit_log WHERE seq = 6");
  EXPECT_FALSE(BrokenEntries(head).empty());
}

TEST_F(AuditLogTest, AnotherKeyCannotForgeTheChain) {
  const crypto::Key32 other{9, 9, 9};
  auto result = VerifyAuditLog(*store_, other);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->problems.size(), 6u);
}

TEST_F(AuditLogTest, ChainsOntoEntriesWrittenByAnotherProcess) {
  AuditLog second(*store_, clock_, key_);  // a second office process on the same store
  ASSERT_TRUE(second.Record({2, "op.two", AuditAction::kSignIn, "user:2"}).ok());
  ASSERT_TRUE(log_.Record({1, "op.one", AuditAction::kSignOut, "user:1"}).ok());  // stale head
  auto result = VerifyAuditLog(*store_, key_);
  EXPECT_EQ(result->entries, 8);
  EXPECT_TRUE(result->problems.empty());
}

}  // namespace
}  // namespace lifeline::app
