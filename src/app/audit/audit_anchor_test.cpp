#include "app/audit/audit_anchor.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "app/audit/audit_log.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

// The audit log with its checkpoint file, attacked by someone who can write the database
// (and, in the last tests, the file) but holds no office secret.
class AuditAnchorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  void SetUp() override {
    for (int i = 1; i <= 6; ++i) {
      ASSERT_TRUE(
          log_.Record({1, "op.one", AuditAction::kCaseRead, "case:" + std::to_string(i)}).ok());
    }
  }

  void Tamper(const std::string& sql) { store_.Tamper(sql); }

  std::vector<std::string> Problems() {
    auto file = ReadCheckpoints(path_, signing_.public_key);
    EXPECT_TRUE(file.ok());
    auto result = VerifyAuditLog(*store_, key_, {}, &*file);
    EXPECT_TRUE(result.ok());
    std::vector<std::string> out;
    for (const auto& p : result->problems) out.push_back(std::to_string(p.seq) + ": " + p.what);
    return out;
  }

  crypto::Key32 key_{1, 2, 3};
  crypto::SigningKey signing_ = crypto::SigningKeyFromSeed(crypto::Key32{4, 5, 6});
  testing::FixedClock clock_;
  testing::TempStore store_{"audit-anchor"};
  std::string path_ = (store_.dir() / "audit-checkpoints").string();
  AuditAnchor anchor_{path_, signing_};
  AuditLog log_{*store_, clock_, key_, &anchor_};
};

TEST_F(AuditAnchorTest, EveryEntryIsCheckpointedAndAnIntactLogVerifies) {
  auto file = ReadCheckpoints(path_, signing_.public_key);
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(file->checkpoints.size(), 6u);
  EXPECT_EQ(file->checkpoints.back().seq, 6);
  EXPECT_TRUE(file->bad_lines.empty());
  EXPECT_TRUE(Problems().empty());
  ASSERT_TRUE(log_.LatestCheckpoint().has_value());
  EXPECT_EQ(log_.LatestCheckpoint()->seq, 6);
}

// The chain alone cannot see this: the remaining entries still chain correctly.
TEST_F(AuditAnchorTest, ACutTailIsFoundWithoutARecordedHead) {
  Tamper("DELETE FROM audit_log WHERE seq >= 5");
  auto problems = Problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(
      problems[0].find("6: a signed checkpoint names this entry, but the log ends at entry 4"),
      std::string::npos)
      << problems[0];
}

TEST_F(AuditAnchorTest, AnEmptiedLogIsFound) {
  Tamper("DELETE FROM audit_log");
  auto problems = Problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("the log ends at entry 0"), std::string::npos) << problems[0];
}

// A cut followed by new entries: the new entry 5 is not the one the checkpoint signed.
TEST_F(AuditAnchorTest, ALogCutAndWrittenAgainIsFound) {
  Tamper("DELETE FROM audit_log WHERE seq >= 5");
  AuditLog unanchored(*store_, clock_, key_);  // a writer that skips the checkpoint file
  ASSERT_TRUE(unanchored.Record({1, "op.one", AuditAction::kSignIn, "user:1"}).ok());
  ASSERT_TRUE(unanchored.Record({1, "op.one", AuditAction::kSignIn, "user:1"}).ok());
  auto problems = Problems();
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].rfind("5: the entry differs from its signed checkpoint", 0), 0u)
      << problems[0];
  EXPECT_EQ(problems[1].rfind("6: the entry differs from its signed checkpoint", 0), 0u)
      << problems[1];
}

TEST_F(AuditAnchorTest, AForgedOrEditedCheckpointLineIsNamed) {
  // A line signed with another key, and a real line with its entry number changed.
  crypto::SigningKey other = crypto::SigningKeyFromSeed(crypto::Key32{7});
  AuditCheckpoint forged{7, store::Blob32{}, 0, {}};
  forged.signature = crypto::Sign(other, CheckpointStatement(forged.seq, forged.head, forged.at));
  auto file = ReadCheckpoints(path_, signing_.public_key);
  AuditCheckpoint edited = file->checkpoints[2];
  edited.seq = 9;
  // The last line's "v" is text: reading it threw nlohmann's type_error before.
  std::ofstream(path_, std::ios::app)
      << CheckpointLine(forged) << "\n"
      << CheckpointLine(edited) << "\nnot json\n{\"v\":\"1\",\"seq\":1}\n";
  auto problems = Problems();
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0],
            "0: line 7 of the checkpoint file is not a checkpoint signed by this office");
  EXPECT_EQ(problems[1],
            "0: line 8 of the checkpoint file is not a checkpoint signed by this office");
  EXPECT_EQ(problems[2],
            "0: line 9 of the checkpoint file is not a checkpoint signed by this office");
  EXPECT_EQ(problems[3],
            "0: line 10 of the checkpoint file is not a checkpoint signed by this office");
}

TEST_F(AuditAnchorTest, ACheckpointAtStartAnchorsEntriesWrittenWithoutOne) {
  AuditLog unanchored(*store_, clock_, key_);
  ASSERT_TRUE(unanchored.Record({1, "op.one", AuditAction::kSignIn, "user:1"}).ok());
  ASSERT_TRUE(log_.Checkpoint().ok());
  EXPECT_EQ(log_.LatestCheckpoint()->seq, 7);
  Tamper("DELETE FROM audit_log WHERE seq = 7");
  auto problems = Problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("7: a signed checkpoint names this entry", 0), 0u) << problems[0];
}

TEST_F(AuditAnchorTest, NoFileIsNotFound) {
  auto missing = ReadCheckpoints((store_.dir() / "none").string(), signing_.public_key);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lifeline::app
