#include "store/sqlite/outbox_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {
namespace {

namespace fs = std::filesystem;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

const Date kToday = year{2026} / month{12} / day{6};
constexpr std::string_view kMarker = "OUTBOX-PLAINTEXT-MARKER-7c2e";

Blob32 Lookup(std::uint8_t n) {
  Blob32 b{};
  b.fill(n);
  return b;
}

NewApplication Application(std::uint8_t n) {
  NewApplication a;
  a.clear.situation = Situation::kAtFront;
  a.clear.group_kind = GroupKind::kWithOthers;
  a.clear.group_size = 3;
  a.clear.contact_channel = ContactChannel::kSignal;
  a.clear.language = Language::kUk;
  a.clear.deploy_by = year{2027} / month{1} / day{15};
  a.received_on = kToday;
  a.receipt_lookup = Lookup(n);
  a.reply_public = Lookup(static_cast<std::uint8_t>(n + 100));
  a.ephemeral_public = Lookup(static_cast<std::uint8_t>(n + 200));
  a.key_generation = 2;
  a.wrapped_key = Blob{1, 2, 3};
  a.sealed_fields = Blob(kMarker.begin(), kMarker.end());  // stands in for ciphertext
  return a;
}

NewMessage ApplicantMessage(std::int64_t case_id, std::uint8_t n) {
  return {.case_id = case_id,
          .created_on = kToday,
          .sealed_for_applicant = Blob{n, n},
          .sealed_for_office = Blob{n, n, n},
          .wrapping = OfficeWrapping{2, Lookup(n), Blob{n}}};
}

ApplicantViewUpdate View(std::uint8_t n, std::int64_t case_id, CaseStatus status) {
  ApplicantViewUpdate v;
  v.receipt_lookup = Lookup(n);
  v.view.case_id = case_id;
  v.view.status = status;
  v.view.received_on = kToday;
  v.view.sealed_stage = Blob{static_cast<std::uint8_t>(status), 0x5e};  // stands in for a seal
  StoredMessage reply;
  reply.author_user_id = 7;
  reply.created_on = kToday;
  reply.sealed_for_applicant = Blob{9, 9};
  StoredMessage own;
  own.created_on = kToday;
  own.sealed_for_applicant = Blob{8, 8};
  v.view.messages = {reply, own};
  return v;
}

// Every file of the outbox (the database, its write-ahead log and shared memory) as bytes.
std::string AllFiles(const fs::path& dir) {
  std::string all;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), {});
  }
  return all;
}

class OutboxStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lifeline-outbox-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    outbox_ = std::make_unique<OutboxStore>((dir_ / "outbox.db").string());
  }
  void TearDown() override {
    outbox_.reset();
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::unique_ptr<OutboxStore> outbox_;
};

TEST_F(OutboxStoreTest, AnApplicationWaitsWholeUntilErased) {
  const NewApplication sent = Application(1);
  auto ids = outbox_->AppendApplications(std::span(&sent, 1));
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  auto batch = outbox_->Pending(10);
  ASSERT_TRUE(batch.ok());
  ASSERT_EQ(batch->applications.size(), 1u);
  const NewApplication& got = batch->applications[0].row;
  EXPECT_EQ(batch->applications[0].id, ids->at(0));
  EXPECT_EQ(got.receipt_lookup, sent.receipt_lookup);
  EXPECT_EQ(got.received_on, sent.received_on);
  EXPECT_EQ(got.clear.situation, sent.clear.situation);
  EXPECT_EQ(got.clear.group_kind, sent.clear.group_kind);
  EXPECT_EQ(got.clear.group_size, 3);
  EXPECT_EQ(got.clear.contact_channel, sent.clear.contact_channel);
  EXPECT_EQ(got.clear.language, sent.clear.language);
  EXPECT_EQ(got.clear.deploy_by, sent.clear.deploy_by);
  EXPECT_EQ(got.reply_public, sent.reply_public);
  EXPECT_EQ(got.ephemeral_public, sent.ephemeral_public);
  EXPECT_EQ(got.key_generation, 2);
  EXPECT_EQ(got.wrapped_key, sent.wrapped_key);
  EXPECT_EQ(got.sealed_fields, sent.sealed_fields);

  // While it waits, its applicant sees it received, with no messages and no case yet.
  auto view = outbox_->FindByReceiptLookup(sent.receipt_lookup);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->case_id, 0);
  EXPECT_EQ(ApplicantStageOf(view->status), ApplicantStage::kReceived);
  EXPECT_TRUE(view->messages.empty());

  const std::int64_t erased[] = {ids->at(0), 12345};  // an unknown id is skipped
  ASSERT_TRUE(outbox_->Erase(erased, {}).ok());
  EXPECT_TRUE(outbox_->Pending(10)->applications.empty());
  EXPECT_EQ(outbox_->FindByReceiptLookup(sent.receipt_lookup).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(outbox_->Erase(erased, {}).ok());  // twice: nothing happens
}

TEST_F(OutboxStoreTest, AnErasedRecordIsInNoFileOfTheOutbox) {
  const NewApplication sent = Application(1);
  auto ids = outbox_->AppendApplications(std::span(&sent, 1));
  ASSERT_TRUE(ids.ok());
  ASSERT_NE(AllFiles(dir_).find(kMarker), std::string::npos);  // the check can see it
  ASSERT_TRUE(outbox_->Erase(*ids, {}).ok());
  EXPECT_EQ(AllFiles(dir_).find(kMarker), std::string::npos);
}

TEST_F(OutboxStoreTest, ALookupWaitingOrCollectedIsNotTakenTwice) {
  const NewApplication first = Application(1);
  ASSERT_TRUE(outbox_->AppendApplications(std::span(&first, 1)).ok());
  const NewApplication batch[] = {Application(2), Application(1)};
  EXPECT_EQ(outbox_->AppendApplications(batch).error().code, ErrorCode::kConflict);
  EXPECT_EQ(outbox_->Pending(10)->applications.size(), 1u);  // all or nothing
  const ApplicantViewUpdate collected = View(3, 41, CaseStatus::kNew);
  ASSERT_TRUE(outbox_->PutViews(std::span(&collected, 1)).ok());
  const NewApplication again = Application(3);
  EXPECT_EQ(outbox_->AppendApplications(std::span(&again, 1)).error().code, ErrorCode::kConflict);
}

TEST_F(OutboxStoreTest, ACollectedApplicationShowsTheOfficesViewWithItsStageSealed) {
  const ApplicantViewUpdate views[] = {View(1, 41, CaseStatus::kSuspectedProvocation),
                                       View(2, 42, CaseStatus::kWithdrawn)};
  ASSERT_TRUE(outbox_->PutViews(views).ok());
  auto view = outbox_->FindByReceiptLookup(Lookup(1));
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->case_id, 41);
  EXPECT_EQ(view->sealed_stage, views[0].view.sealed_stage);  // kept as sealed, never read
  EXPECT_EQ(view->status, CaseStatus::kNew);                  // the office's status is not kept
  ASSERT_EQ(view->messages.size(), 2u);
  EXPECT_TRUE(view->messages[0].author_user_id.has_value());  // the office's reply
  EXPECT_EQ(view->messages[0].sealed_for_applicant, (Blob{9, 9}));
  EXPECT_FALSE(view->messages[1].author_user_id.has_value());  // the applicant's own
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(2))->sealed_stage, views[1].view.sealed_stage);
  // A newer view replaces the older one whole.
  ApplicantViewUpdate newer = View(1, 41, CaseStatus::kClosed);
  newer.view.messages.resize(1);
  ASSERT_TRUE(outbox_->PutViews(std::span(&newer, 1)).ok());
  view = outbox_->FindByReceiptLookup(Lookup(1));
  EXPECT_EQ(view->sealed_stage, newer.view.sealed_stage);
  EXPECT_EQ(view->messages.size(), 1u);
  // A view without its sealed stage or case is refused, and nothing of the batch is kept.
  ApplicantViewUpdate unsealed = View(3, 43, CaseStatus::kNew);
  unsealed.view.sealed_stage.clear();
  const ApplicantViewUpdate mixed[] = {View(4, 44, CaseStatus::kNew), unsealed};
  EXPECT_EQ(outbox_->PutViews(mixed).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(4)).error().code, ErrorCode::kNotFound);
}

TEST_F(OutboxStoreTest, TheApplicantWritesOnlyOnceTheOfficeHasTheCase) {
  const NewApplication waiting = Application(1);
  ASSERT_TRUE(outbox_->AppendApplications(std::span(&waiting, 1)).ok());
  EXPECT_EQ(outbox_->AddMessage(ApplicantMessage(0, 1)).error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(outbox_->AddMessage(ApplicantMessage(99, 1)).error().code, ErrorCode::kNotFound);
  NewMessage staff = ApplicantMessage(41, 1);
  staff.author_user_id = 3;
  EXPECT_EQ(outbox_->AddMessage(staff).error().code, ErrorCode::kInternal);

  const ApplicantViewUpdate collected = View(2, 41, CaseStatus::kContacted);
  ASSERT_TRUE(outbox_->PutViews(std::span(&collected, 1)).ok());
  auto id = outbox_->AddMessage(ApplicantMessage(41, 5));
  ASSERT_TRUE(id.ok()) << id.error().message;
  // Counted with the view's own message of today, and shown after the view's messages.
  EXPECT_EQ(*outbox_->CountApplicantMessages(41, kToday), 2);
  EXPECT_EQ(*outbox_->CountApplicantMessages(41, year{2026} / month{12} / day{5}), 0);
  auto view = outbox_->FindByReceiptLookup(Lookup(2));
  ASSERT_EQ(view->messages.size(), 3u);
  EXPECT_EQ(view->messages[2].sealed_for_applicant, (Blob{5, 5}));
  EXPECT_FALSE(view->messages[2].author_user_id.has_value());

  auto batch = outbox_->Pending(10);
  ASSERT_EQ(batch->messages.size(), 1u);
  const NewMessage& m = batch->messages[0].message;
  EXPECT_EQ(batch->messages[0].id, *id);
  EXPECT_EQ(batch->messages[0].receipt_lookup, Lookup(2));  // its case's, for the office to check
  EXPECT_EQ(m.case_id, 41);
  EXPECT_EQ(m.created_on, kToday);
  EXPECT_EQ(m.sealed_for_office, (Blob{5, 5, 5}));
  ASSERT_TRUE(m.wrapping.has_value());
  EXPECT_EQ(m.wrapping->key_generation, 2);
  EXPECT_EQ(m.wrapping->ephemeral_public, Lookup(5));
  EXPECT_EQ(m.wrapping->wrapped_key, (Blob{5}));
  const std::int64_t erased[] = {*id};
  ASSERT_TRUE(outbox_->Erase({}, erased).ok());
  EXPECT_TRUE(outbox_->Pending(10)->messages.empty());
  EXPECT_EQ(*outbox_->CountApplicantMessages(41, kToday), 1);
}

TEST_F(OutboxStoreTest, ReopeningKeepsWhatWaits) {
  const NewApplication sent = Application(1);
  ASSERT_TRUE(outbox_->AppendApplications(std::span(&sent, 1)).ok());
  outbox_ = std::make_unique<OutboxStore>((dir_ / "outbox.db").string());
  EXPECT_EQ(outbox_->Pending(10)->applications.size(), 1u);
}

TEST_F(OutboxStoreTest, EitherReceiptOfAWaitingApplicationFindsItAndTheChecksWaitForTheOffice) {
  NewApplication sent = Application(1);
  sent.duress = DuressReceipt{Lookup(51), Lookup(52)};
  ASSERT_TRUE(outbox_->AppendApplications(std::span(&sent, 1)).ok());
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(1))->received_on, kToday);
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(51))->received_on, kToday);
  // Neither lookup can be taken again, as either receipt.
  NewApplication again = Application(51);
  EXPECT_EQ(outbox_->AppendApplications(std::span(&again, 1)).error().code, ErrorCode::kConflict);
  const Blob32 checked[] = {Lookup(1), Lookup(51)};
  ASSERT_TRUE(outbox_->AddChecks(checked).ok());
  auto batch = outbox_->Pending(10);
  ASSERT_EQ(batch->applications.size(), 1u);
  ASSERT_TRUE(batch->applications[0].row.duress.has_value());
  EXPECT_EQ(batch->applications[0].row.duress->lookup, Lookup(51));
  EXPECT_EQ(batch->applications[0].row.duress->reply_public, Lookup(52));
  ASSERT_EQ(batch->checks.size(), 2u);
  EXPECT_EQ(batch->checks[1].receipt_lookup, Lookup(51));
  const std::int64_t apps[] = {batch->applications[0].id};
  const std::int64_t checks[] = {batch->checks[0].id, batch->checks[1].id};
  ASSERT_TRUE(outbox_->Erase(apps, {}, checks).ok());
  EXPECT_TRUE(outbox_->Pending(10)->checks.empty());
  // Two views of one case (its receipt's and its duress receipt's) are kept side by side.
  const ApplicantViewUpdate views[] = {View(1, 41, CaseStatus::kContacted),
                                       View(51, 41, CaseStatus::kNew)};
  ASSERT_TRUE(outbox_->PutViews(views).ok());
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(51))->case_id, 41);
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(1))->case_id, 41);
  // The applicant's own message shows in both views: counted once.
  EXPECT_EQ(*outbox_->CountApplicantMessages(41, kToday), 1);
}

TEST_F(OutboxStoreTest, ProofRequestsWaitForTheOfficeAndItsSealedProofComesBackInTheView) {
  ASSERT_TRUE(outbox_->AddProofRequest({0, Lookup(1), Lookup(2), Blob(16, 3)}).ok());
  auto batch = outbox_->Pending(10);
  ASSERT_EQ(batch->proof_requests.size(), 1u);
  EXPECT_EQ(batch->proof_requests[0].receipt_lookup, Lookup(1));
  EXPECT_EQ(batch->proof_requests[0].commitment, Lookup(2));
  EXPECT_EQ(batch->proof_requests[0].salt, Blob(16, 3));
  const std::int64_t requests[] = {batch->proof_requests[0].id};
  ASSERT_TRUE(outbox_->Erase({}, {}, {}, requests).ok());
  EXPECT_TRUE(outbox_->Pending(10)->proof_requests.empty());
  ApplicantViewUpdate with_proof = View(1, 41, CaseStatus::kContacted);
  with_proof.view.sealed_proof = Blob{4, 4, 4};
  ASSERT_TRUE(outbox_->PutViews(std::span(&with_proof, 1)).ok());
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(1))->sealed_proof, (Blob{4, 4, 4}));
  const ApplicantViewUpdate without = View(1, 41, CaseStatus::kContacted);
  ASSERT_TRUE(outbox_->PutViews(std::span(&without, 1)).ok());
  EXPECT_TRUE(outbox_->FindByReceiptLookup(Lookup(1))->sealed_proof.empty());
}

// An outbox made before duress receipts (one view per case, no duress columns) is brought up
// to date on opening, keeping what waits and every view.
TEST_F(OutboxStoreTest, AnOutboxFromBeforeDuressReceiptsIsUpgradedKeepingEverything) {
  outbox_.reset();
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  {
    Connection old((dir_ / "outbox.db").string(), true);
    old.Execute(R"sql(
CREATE TABLE outbox_applications (
  id INTEGER PRIMARY KEY, receipt_lookup BLOB NOT NULL UNIQUE, received_on INTEGER NOT NULL,
  situation INTEGER NOT NULL, group_kind INTEGER NOT NULL, group_size INTEGER NOT NULL,
  contact_channel INTEGER NOT NULL, language INTEGER NOT NULL, deploy_by INTEGER,
  reply_public BLOB NOT NULL, ephemeral_public BLOB NOT NULL, key_generation INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL, sealed_fields BLOB NOT NULL);
CREATE TABLE outbox_messages (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, receipt_lookup BLOB NOT NULL,
  created_on INTEGER NOT NULL, sealed_for_applicant BLOB NOT NULL, sealed_for_office BLOB NOT NULL,
  key_generation INTEGER NOT NULL, ephemeral_public BLOB NOT NULL, wrapped_key BLOB NOT NULL);
CREATE TABLE applicant_views (
  receipt_lookup BLOB PRIMARY KEY, case_id INTEGER NOT NULL UNIQUE, sealed_stage BLOB NOT NULL,
  received_on INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE view_messages (
  receipt_lookup BLOB NOT NULL REFERENCES applicant_views(receipt_lookup) ON DELETE CASCADE,
  position INTEGER NOT NULL, created_on INTEGER NOT NULL, from_applicant INTEGER NOT NULL,
  sealed_for_applicant BLOB NOT NULL, PRIMARY KEY (receipt_lookup, position)) WITHOUT ROWID;
INSERT INTO outbox_applications VALUES (1, x'0202020202020202020202020202020202020202020202020202020202020202',
  20000, 1, 1, 1, 1, 1, NULL, x'00', x'00', 1, x'01', x'02');
INSERT INTO applicant_views VALUES (x'0101010101010101010101010101010101010101010101010101010101010101',
  41, x'5e5e', 20000);
INSERT INTO view_messages VALUES (x'0101010101010101010101010101010101010101010101010101010101010101',
  0, 20000, 1, x'0808');
)sql");
  }
  outbox_ = std::make_unique<OutboxStore>((dir_ / "outbox.db").string());
  EXPECT_EQ(outbox_->Pending(10)->applications.size(), 1u);
  auto view = outbox_->FindByReceiptLookup(Lookup(1));
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->case_id, 41);
  ASSERT_EQ(view->messages.size(), 1u);  // the view's messages survived the rebuild
  const ApplicantViewUpdate second[] = {View(51, 41, CaseStatus::kNew)};
  ASSERT_TRUE(outbox_->PutViews(second).ok());  // a second view of the case is taken now
  NewApplication with_duress = Application(3);
  with_duress.duress = DuressReceipt{Lookup(53), Lookup(54)};
  ASSERT_TRUE(outbox_->AppendApplications(std::span(&with_duress, 1)).ok());
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(53))->received_on, kToday);
  // Proofs came later still: its views take them too.
  ApplicantViewUpdate with_proof = View(51, 41, CaseStatus::kNew);
  with_proof.view.sealed_proof = Blob{4};
  ASSERT_TRUE(outbox_->PutViews(std::span(&with_proof, 1)).ok());
  EXPECT_EQ(outbox_->FindByReceiptLookup(Lookup(51))->sealed_proof, Blob{4});
  // Opening again changes nothing more.
  outbox_ = std::make_unique<OutboxStore>((dir_ / "outbox.db").string());
  EXPECT_EQ(outbox_->Pending(10)->applications.size(), 2u);
}

}  // namespace
}  // namespace lifeline::store::sqlite
