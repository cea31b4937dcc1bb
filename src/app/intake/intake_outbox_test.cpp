// An intake on its own outbox (store::sqlite::OutboxStore) and an office that collects from
// it (app/intake/collection.hpp), in one process: the link between them is played by the
// test, so that it can fail between any two steps.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <thread>

#include "app/cases/office_fixture.hpp"
#include "app/intake/application_proof.hpp"
#include "app/intake/collection.hpp"
#include "store/sqlite/outbox_store.hpp"

namespace lifeline::app {
namespace {

namespace fs = std::filesystem;

class IntakeOutboxTest : public testing::IntakeOfficeTest {
 protected:
  void SetUp() override {
    IntakeOfficeTest::SetUp();
    dir_ = fs::temp_directory_path() /
           ("lifeline-intake-outbox-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    outbox_ = std::make_unique<store::sqlite::OutboxStore>((dir_ / "outbox.db").string());
    auto keys = LoadInstallationKeys(*store_);
    ASSERT_TRUE(keys.ok());
    remote_ =
        std::make_unique<IntakeService>(*outbox_, clock_, keys->office_public, keys->receipt_salt);
  }
  void TearDown() override {
    remote_->Stop();
    remote_.reset();
    outbox_.reset();
    fs::remove_all(dir_);
  }

  Result<Receipt> SubmitRemotely(const ApplicationDraft& draft) {
    std::promise<Result<Receipt>> promise;
    remote_->Submit(draft, [&](Result<Receipt> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }
  Status WriteRemotely(std::string_view receipt, std::string text) {
    std::promise<Status> promise;
    remote_->SendMessage(receipt, std::move(text), [&](Status s) { promise.set_value(s); });
    return promise.get_future().get();
  }

  // Fetches what waits and stores it in the office (the first half of a collection).
  CollectedIds Store() {
    auto batch = outbox_->Pending(100);
    EXPECT_TRUE(batch.ok());
    for (const auto& a : batch->applications) collected_.push_back(a.row.receipt_lookup);
    auto held = StoreCollected(*store_, *batch);
    EXPECT_TRUE(held.ok()) << held.error().message;
    return *held;
  }
  // The second half: erases what the office holds and sends back every applicant's view.
  void EraseAndSendViews(const CollectedIds& held) {
    ASSERT_TRUE(outbox_->Erase(held.applications, held.messages).ok());
    auto views = ViewsFor(*store_, collected_);
    ASSERT_TRUE(views.ok()) << views.error().message;
    ASSERT_TRUE(outbox_->PutViews(*views).ok());
  }
  void Collect() { EraseAndSendViews(Store()); }

  std::int64_t CasesInOffice() { return office_->ListCases(operator_, {})->total; }

  fs::path dir_;
  std::unique_ptr<store::sqlite::OutboxStore> outbox_;
  std::unique_ptr<IntakeService> remote_;
  std::vector<store::Blob32> collected_;  // every lookup collected: the views sent back
};

TEST_F(IntakeOutboxTest, AnApplicationReachesTheOfficeOnlyByCollection) {
  auto receipt = SubmitRemotely(Draft());
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_EQ(CasesInOffice(), 0);
  EXPECT_EQ(CheckAndWait(receipt->digits, remote_.get())->stage, ApplicantStage::kReceived);

  Collect();
  ASSERT_EQ(CasesInOffice(), 1);
  const auto id = office_->ListCases(operator_, {})->items.at(0).id;
  auto details = office_->GetCase(operator_, id);
  ASSERT_TRUE(details.ok()) << details.error().message;
  EXPECT_EQ(details->fields.name, "Вымышлов Пробный");
  EXPECT_TRUE(outbox_->Pending(10)->applications.empty());
  // The applicant still checks at the intake, now against the office's view.
  auto status = CheckAndWait(receipt->digits, remote_.get());
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->stage, ApplicantStage::kReceived);
}

TEST_F(IntakeOutboxTest, RepliesAndTheApplicantsMessagesGoBothWays) {
  auto receipt = SubmitRemotely(Draft());
  ASSERT_TRUE(receipt.ok());
  // Before the office holds the case, a message cannot be bound to it: try again later.
  EXPECT_EQ(WriteRemotely(receipt->digits, "Слишком рано").error().code, ErrorCode::kUnavailable);
  Collect();
  const auto id = office_->ListCases(operator_, {})->items.at(0).id;
  ASSERT_TRUE(office_->Reply(operator_, id, "Когда вам удобно говорить?").ok());
  Collect();  // the view with the reply goes back
  auto status = CheckAndWait(receipt->digits, remote_.get());
  ASSERT_EQ(status->messages.size(), 1u);
  EXPECT_EQ(status->messages[0].text, "Когда вам удобно говорить?");
  EXPECT_FALSE(status->messages[0].from_applicant);

  // The office moves the case on: the intake shows the new stage, which it stores sealed.
  ASSERT_TRUE(office_->ChangeStatus(operator_, id, {.to = CaseStatus::kContacted}).ok());
  Collect();
  EXPECT_EQ(CheckAndWait(receipt->digits, remote_.get())->stage, ApplicantStage::kInProgress);
  ASSERT_TRUE(WriteRemotely(receipt->digits, "Вечером после девяти.").ok());
  status = CheckAndWait(receipt->digits, remote_.get());  // shown at once, not yet collected
  ASSERT_EQ(status->messages.size(), 2u);
  EXPECT_EQ(status->messages[1].text, "Вечером после девяти.");
  Collect();
  auto details = office_->GetCase(operator_, id);
  ASSERT_TRUE(details.ok()) << details.error().message;
  ASSERT_EQ(details->messages.size(), 2u);
  EXPECT_EQ(details->messages[1].text, "Вечером после девяти.");
  EXPECT_FALSE(details->messages[1].author_user_id);
  status = CheckAndWait(receipt->digits, remote_.get());  // once, from the office's view now
  ASSERT_EQ(status->messages.size(), 2u);
  EXPECT_TRUE(status->messages[1].from_applicant);
}

TEST_F(IntakeOutboxTest, ALinkThatFailsAtAnyStepLosesAndDuplicatesNothing) {
  std::vector<Receipt> receipts;
  for (int i = 0; i < 3; ++i) receipts.push_back(*SubmitRemotely(Draft()));

  // Stored, but the erase never reached the intake: the next collection finds them held.
  const CollectedIds first = Store();
  EXPECT_EQ(first.applications.size(), 3u);
  EXPECT_EQ(CasesInOffice(), 3);
  const CollectedIds again = Store();
  EXPECT_EQ(again.applications, first.applications);  // held, so erased this time
  EXPECT_EQ(CasesInOffice(), 3);
  EraseAndSendViews(again);

  // A batch cut short (the office stopped midway), then whole.
  receipts.push_back(*SubmitRemotely(Draft()));
  receipts.push_back(*SubmitRemotely(Draft()));
  auto batch = outbox_->Pending(100);
  ASSERT_EQ(batch->applications.size(), 2u);
  store::OutboxBatch cut{{batch->applications.at(0)}, {}};
  ASSERT_TRUE(StoreCollected(*store_, cut).ok());
  Collect();
  EXPECT_EQ(CasesInOffice(), 5);

  // The applicant's message, collected twice before its erase: stored once.
  ASSERT_TRUE(WriteRemotely(receipts[0].digits, "Одно сообщение").ok());
  Store();
  Store();
  Collect();
  std::int64_t messages = 0;
  const auto page = office_->ListCases(operator_, {});
  for (const auto& item : page->items)
    messages += static_cast<std::int64_t>(office_->GetCase(operator_, item.id)->messages.size());
  EXPECT_EQ(messages, 1);
  // Every receipt still answers at the intake.
  for (const auto& r : receipts) EXPECT_TRUE(CheckAndWait(r.digits, remote_.get()).ok());
  EXPECT_TRUE(outbox_->Pending(100)->applications.empty());
  EXPECT_TRUE(outbox_->Pending(100)->messages.empty());
}

TEST_F(IntakeOutboxTest, AnIntakeCannotWriteIntoACaseThatDidNotComeThroughIt) {
  auto ours = SubmitRemotely(Draft());
  Collect();
  const std::int64_t ours_id = office_->ListCases(operator_, {})->items.at(0).id;
  ASSERT_TRUE(WriteRemotely(ours->digits, "Наше сообщение").ok());
  // Another case of the office's, which came by another way (here: straight into its store).
  ASSERT_TRUE(SubmitAndWait(Draft()).ok());
  std::int64_t theirs = 0;
  const auto page = office_->ListCases(operator_, {});
  for (const auto& item : page->items)
    if (item.id != ours_id) theirs = item.id;
  ASSERT_NE(theirs, 0);
  // The outbox's message, readdressed to that case: dropped, though the office lets it go.
  auto batch = outbox_->Pending(10);
  ASSERT_EQ(batch->messages.size(), 1u);
  store::OutboxBatch forged = *batch;
  forged.messages[0].message.case_id = theirs;
  auto held = StoreCollected(*store_, forged);
  ASSERT_TRUE(held.ok());
  EXPECT_EQ(held->messages.size(), 1u);
  EXPECT_TRUE(held->message_cases.empty());  // so no view of that case goes back either
  EXPECT_TRUE(office_->GetCase(operator_, theirs)->messages.empty());
  Collect();  // the genuine one still arrives
  EXPECT_EQ(office_->GetCase(operator_, ours_id)->messages.size(), 1u);
}

TEST_F(IntakeOutboxTest, AMessageForACaseDeletedMeanwhileIsLetGo) {
  auto receipt = SubmitRemotely(Draft());
  Collect();
  ASSERT_TRUE(WriteRemotely(receipt->digits, "Пишу снова").ok());
  const auto id = office_->ListCases(operator_, {})->items.at(0).id;
  ASSERT_TRUE(store_->DeleteApplication(id).ok());
  const CollectedIds held = Store();
  EXPECT_EQ(held.messages.size(), 1u);  // reported held, so the outbox lets it go
  EraseAndSendViews(held);
  EXPECT_TRUE(outbox_->Pending(10)->messages.empty());
  // And the intake forgets the case: its receipt no longer answers there either.
  EXPECT_EQ(CheckAndWait(receipt->digits, remote_.get()).error().code, ErrorCode::kNotFound);
}

// Duress receipts on an outbox intake (docs/security.md "Duress receipts"): the outbox keeps
// every check alike, the office alone tells which was under duress; the two views of a case
// look alike in the outbox, and the harmless one opens only with the duress receipt.
class OutboxDuressTest : public IntakeOutboxTest {
 protected:
  void SetUp() override {
    IntakeOutboxTest::SetUp();
    remote_->Stop();
    auto keys = LoadInstallationKeys(*store_);
    remote_ = std::make_unique<IntakeService>(
        *outbox_, clock_, keys->office_public, keys->receipt_salt,
        IntakeOptions{.on_status_check =
                          [this](const store::Blob32& lookup) {
                            ASSERT_TRUE(outbox_->AddChecks(std::span(&lookup, 1)).ok());
                            ++kept_;
                          },
                      .request_proof =
                          [this](const store::OutboxProofRequest& request) {
                            return outbox_->AddProofRequest(request);
                          }});
    auto opener = UnlockOffice(*store_, testing::kPassphrase);
    ASSERT_TRUE(opener.ok());
    proofs_ = std::make_unique<ProofIssuer>(*store_, *audit_, clock_, ProofSigningKey(*opener));
  }
  std::unique_ptr<ProofIssuer> proofs_;
  Result<std::string> AskProof(std::string_view receipt) {
    std::promise<Result<std::string>> promise;
    remote_->RequestProof(receipt, [&](Result<std::string> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }
  // A status check at the intake, once the intake has kept it for the office (it does so
  // after answering).
  Result<ApplicantStatus> Check(std::string_view receipt) {
    const int before = kept_;
    auto status = CheckAndWait(receipt, remote_.get());
    while (status.ok() && kept_ == before)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return status;
  }
  std::atomic<int> kept_{0};
  // A whole collection, with the checks noted by the office as the collector does.
  void CollectAndNote() {
    auto batch = outbox_->Pending(100);
    ASSERT_TRUE(batch.ok());
    for (const auto& a : batch->applications) {
      collected_.push_back(a.row.receipt_lookup);
      if (a.row.duress) collected_.push_back(a.row.duress->lookup);
    }
    auto held = StoreCollected(*store_, *batch);
    ASSERT_TRUE(held.ok()) << held.error().message;
    std::vector<store::Blob32> checked;
    std::vector<std::int64_t> ids;
    for (const auto& c : batch->checks) {
      checked.push_back(c.receipt_lookup);
      ids.push_back(c.id);
    }
    EXPECT_EQ(office_->NoteStatusChecks(checked), 0u);
    // The proofs asked for, as the collector answers them.
    std::vector<std::int64_t> requests;
    for (const auto& p : batch->proof_requests) {
      requests.push_back(p.id);
      (void)proofs_->ProofFor(p.receipt_lookup, p.commitment, p.salt);
    }
    ASSERT_TRUE(outbox_->Erase(held->applications, held->messages, ids, requests).ok());
    auto views = ViewsFor(*store_, collected_, proofs_.get());
    ASSERT_TRUE(views.ok()) << views.error().message;
    ASSERT_TRUE(outbox_->PutViews(*views).ok());
  }
  std::vector<std::string> Signals() {
    std::vector<std::string> out;
    auto found = store_->FindAuditRecords({.action = "duress_signalled"}, 0, 100);
    for (const auto& e : found->entries) out.push_back(e.target);
    return out;
  }
};

TEST_F(OutboxDuressTest, TheOfficeAloneLearnsOfADuressCheckAndTheOutboxCannotTellTheViewsApart) {
  EXPECT_TRUE(remote_->IssuesDuressReceipts());
  ApplicationDraft d = Draft();
  d.duress_receipt = true;
  auto receipt = SubmitRemotely(d);
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  ASSERT_FALSE(receipt->duress_digits.empty());
  // Waiting to be collected: either receipt shows "received".
  EXPECT_EQ(Check(receipt->duress_digits)->stage, ApplicantStage::kReceived);
  EXPECT_EQ(Check(receipt->digits)->stage, ApplicantStage::kReceived);
  CollectAndNote();
  const auto id = office_->ListCases(operator_, {})->items.at(0).id;
  EXPECT_EQ(Signals(), std::vector<std::string>{"case:" + std::to_string(id)});
  ASSERT_TRUE(store_->DuressReceiptOf(id)->has_value());  // the office holds it

  // The case moves on and gets a reply; the real receipt sees both, the duress one neither.
  ASSERT_TRUE(office_->Reply(operator_, id, "Синтетический ответ").ok());
  ASSERT_TRUE(office_->ChangeStatus(operator_, id, {.to = CaseStatus::kContacted}).ok());
  CollectAndNote();
  auto real = Check(receipt->digits);
  ASSERT_TRUE(real.ok()) << real.error().message;
  EXPECT_EQ(real->stage, ApplicantStage::kInProgress);
  EXPECT_EQ(real->messages.size(), 1u);
  auto harmless = Check(receipt->duress_digits);
  ASSERT_TRUE(harmless.ok()) << harmless.error().message;
  EXPECT_EQ(harmless->stage, ApplicantStage::kReceived);
  EXPECT_TRUE(harmless->messages.empty());
  CollectAndNote();
  EXPECT_EQ(Signals().size(), 2u);  // the two duress checks; the real ones signal nothing

  // In the outbox the two views of the case are alike: the same case, day, messages and
  // sealed stage size, whatever the stage.
  const auto views = ViewsFor(*store_, collected_);
  ASSERT_EQ(views->size(), 2u);
  const auto& a = (*views)[0].view;
  const auto& b = (*views)[1].view;
  EXPECT_EQ(a.case_id, b.case_id);
  EXPECT_EQ(a.received_on, b.received_on);
  EXPECT_EQ(a.sealed_stage.size(), b.sealed_stage.size());
  EXPECT_EQ(a.messages.size(), b.messages.size());

  // A message written with the duress receipt reaches the case (it may be the coercer's).
  ASSERT_TRUE(WriteRemotely(receipt->duress_digits, "Всё в порядке").ok());
  CollectAndNote();
  EXPECT_EQ(store_->ListMessages(id)->size(), 2u);
}

// A proof of application at an intake on its own outbox: the intake commits to the receipt
// and asks; the office issues the proof when it collects, and sends it back in the view,
// sealed; the duress receipt's view gets padding of the same size, and never a proof.
TEST_F(OutboxDuressTest, AProofAskedForAtTheIntakeComesBackInTheViewAndVerifies) {
  EXPECT_TRUE(remote_->IssuesProofs());
  ApplicationDraft d = Draft();
  d.duress_receipt = true;
  d.proof = true;  // asked for at submission: not there yet
  auto receipt = SubmitRemotely(d);
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_TRUE(receipt->proof.empty());
  EXPECT_EQ(AskProof(receipt->digits).error().code, ErrorCode::kUnavailable);  // not yet
  EXPECT_EQ(AskProof(receipt->duress_digits).error().code, ErrorCode::kUnavailable);
  CollectAndNote();
  auto proof = AskProof(receipt->digits);
  ASSERT_TRUE(proof.ok()) << proof.error().message;
  auto parsed = ParseProofText(*proof);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->entry.statement.entry, 1);  // one entry, though asked three times
  EXPECT_TRUE(VerifyProof(*parsed, receipt->digits, &proofs_->public_key()).ok());
  EXPECT_EQ(AskProof(receipt->duress_digits).error().code, ErrorCode::kUnavailable);
  CollectAndNote();
  EXPECT_EQ(AskProof(receipt->duress_digits).error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(*AskProof(receipt->digits), *proof);
  EXPECT_EQ(store_->ListProofs(0, 10)->size(), 1u);  // the duress requests logged nothing
  // The two views carry sealed proofs of one size.
  const auto views = ViewsFor(*store_, collected_, proofs_.get());
  ASSERT_EQ(views->size(), 2u);
  EXPECT_FALSE((*views)[0].view.sealed_proof.empty());
  EXPECT_EQ((*views)[0].view.sealed_proof.size(), (*views)[1].view.sealed_proof.size());
  // A later request with a commitment that is not the receipt's (an intake taken over)
  // changes nothing: the case's first proof stands, and it is the one shown.
  const auto keys =
      crypto::DeriveReceiptKeys(receipt->digits, LoadInstallationKeys(*store_)->receipt_salt);
  auto again = proofs_->ProofFor(keys.lookup, store::Blob32{}, crypto::Bytes(16, 1));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(ProofText(*again), *proof);
}

}  // namespace
}  // namespace lifeline::app
