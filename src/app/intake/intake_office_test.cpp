#include <gtest/gtest.h>

#include <future>

#include "app/cases/office_fixture.hpp"

namespace lifeline::app {
namespace {

using testing::IntakeOfficeTest;
using testing::kPassphrase;

TEST_F(IntakeOfficeTest, OfficeReadsWhatApplicantSent) {
  auto receipt = SubmitAndWait(Draft());
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  auto page = office_->ListCases(operator_, {});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].clear.situation, Situation::kAtFront);
  auto details = office_->GetCase(operator_, page->items[0].id);
  ASSERT_TRUE(details.ok()) << details.error().message;
  EXPECT_EQ(details->fields.name, "Вымышлов Пробный");
  EXPECT_EQ(details->fields.contact_handle, "@synthetic_person");
  EXPECT_EQ(details->fields.safe_windows.size(), 1u);
  EXPECT_EQ(details->received_at, clock_.now.time_since_epoch().count());
}

TEST_F(IntakeOfficeTest, InvalidDraftIsRefusedAndNothingStored) {
  auto draft = Draft();
  draft.situation = "tourist";
  auto receipt = SubmitAndWait(draft);
  ASSERT_FALSE(receipt.ok());
  EXPECT_EQ(receipt.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(office_->ListCases(operator_, {})->total, 0);
}

TEST_F(IntakeOfficeTest, ReceiptShowsStatusAndOnlyItsOwnReplies) {
  auto first = SubmitAndWait(Draft());
  auto second = SubmitAndWait(Draft());
  ASSERT_TRUE(first.ok() && second.ok());
  const auto cases = office_->ListCases(operator_, {});
  const std::int64_t first_id = cases->items.back().id;
  ASSERT_TRUE(office_->Reply(operator_, first_id, "Мы получили вашу заявку.").ok());

  auto status = CheckAndWait(FormatReceipt(*first));
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->stage, ApplicantStage::kReceived);
  ASSERT_EQ(status->messages.size(), 1u);
  EXPECT_EQ(status->messages[0].text, "Мы получили вашу заявку.");
  EXPECT_FALSE(status->messages[0].from_applicant);
  EXPECT_TRUE(CheckAndWait(second->digits)->messages.empty());
  EXPECT_EQ(office_->GetCase(operator_, first_id)->messages.at(0).text, "Мы получили вашу заявку.");
}

TEST_F(IntakeOfficeTest, TheApplicantWritesBackAndOnlyTheOfficeAndTheApplicantRead) {
  auto receipt = SubmitAndWait(Draft());
  ASSERT_TRUE(receipt.ok());
  const std::int64_t case_id = office_->ListCases(operator_, {})->items.at(0).id;
  ASSERT_TRUE(office_->Reply(operator_, case_id, "Когда вам удобно говорить?").ok());
  ASSERT_TRUE(SendAndWait(receipt->digits, "Вечером после девяти.").ok());

  auto status = CheckAndWait(receipt->digits);
  ASSERT_EQ(status->messages.size(), 2u);
  EXPECT_TRUE(status->messages[1].from_applicant);
  EXPECT_EQ(status->messages[1].text, "Вечером после девяти.");
  auto details = office_->GetCase(operator_, case_id);
  ASSERT_TRUE(details.ok()) << details.error().message;
  ASSERT_EQ(details->messages.size(), 2u);
  EXPECT_FALSE(details->messages[1].author_user_id);
  EXPECT_EQ(details->messages[1].text, "Вечером после девяти.");

  // Stored sealed: the office copy under an office key wrapping, never in clear.
  auto stored = store_->ListMessages(case_id);
  ASSERT_TRUE(stored->at(1).wrapping);
  const std::string office_copy(stored->at(1).sealed_for_office.begin(),
                                stored->at(1).sealed_for_office.end());
  EXPECT_EQ(office_copy.find("девяти"), std::string::npos);
}

TEST_F(IntakeOfficeTest, ApplicantMessagesAreCheckedAndBounded) {
  auto receipt = SubmitAndWait(Draft());
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(SendAndWait(receipt->digits, "").error().field, "text");
  EXPECT_EQ(SendAndWait(receipt->digits, std::string(2001, 'x')).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(SendAndWait(receipt->digits, "bell\a").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(SendAndWait("0000000000000000", "hello").error().code, ErrorCode::kNotFound);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(SendAndWait(receipt->digits, "сообщение").ok()) << i;
  EXPECT_EQ(SendAndWait(receipt->digits, "ещё одно").error().code, ErrorCode::kRateLimited);
  clock_.now += std::chrono::hours(24);
  EXPECT_TRUE(SendAndWait(receipt->digits, "на следующий день").ok());
}

TEST_F(IntakeOfficeTest, WrongAndMalformedReceiptsLookTheSame) {
  ASSERT_TRUE(SubmitAndWait(Draft()).ok());
  auto wrong = CheckAndWait("0000000000000000");
  auto malformed = CheckAndWait("hello");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(malformed.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(wrong.error().message, malformed.error().message);
}

TEST_F(IntakeOfficeTest, RefusesAtOnceWhenTooManyHashesAreAdmitted) {
  auto keys = LoadInstallationKeys(*store_);
  IntakeService saturated(*store_, clock_, keys->office_public, keys->receipt_salt,
                          IntakeOptions{.max_waiting_hashes = 0});
  std::promise<Result<Receipt>> promise;
  saturated.Submit(Draft(), [&](Result<Receipt> r) { promise.set_value(std::move(r)); });
  auto receipt = promise.get_future().get();
  ASSERT_FALSE(receipt.ok());
  EXPECT_EQ(receipt.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(CheckAndWait("1234567890123456", &saturated).error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(office_->ListCases(operator_, {})->total, 0);
}

TEST_F(IntakeOfficeTest, EveryDecryptionAndReplyIsAuditedAndTheChainVerifies) {
  ASSERT_TRUE(SubmitAndWait(Draft()).ok());
  const std::int64_t id = office_->ListCases(operator_, {})->items[0].id;
  ASSERT_TRUE(office_->GetCase(operator_, id).ok());
  ASSERT_TRUE(office_->Reply(operator_, id, "ответ").ok());
  auto entries = store_->ListAuditRecords(0, 100);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> actions;
  for (const auto& e : *entries) actions.push_back(e.action + " " + e.target);
  EXPECT_EQ(actions, (std::vector<std::string>{"installation_created ", "user_added user:1",
                                               "case_read case:1", "reply_sent case:1"}));
  auto opener = UnlockOffice(*store_, kPassphrase);
  auto verified = VerifyAuditLog(*store_, AuditKey(*opener));
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->entries, 4);
  EXPECT_TRUE(verified->problems.empty());
}

TEST_F(IntakeOfficeTest, OperatorsClaimBeforeOpeningAndSeeOnlyUnassignedOrOwnCases) {
  ASSERT_TRUE(AddUser(*store_, *audit_, "op.one", Role::kOperator, "synthetic-password-1").ok());
  ASSERT_TRUE(AddUser(*store_, *audit_, "op.two", Role::kOperator, "synthetic-password-2").ok());
  const Actor one{2, "op.one", Role::kOperator}, two{3, "op.two", Role::kOperator};
  ASSERT_TRUE(SubmitAndWait(Draft()).ok());
  ASSERT_TRUE(SubmitAndWait(Draft()).ok());
  EXPECT_EQ(office_->GetCase(one, 1).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(office_->ClaimCase(one, 1).ok());
  EXPECT_TRUE(office_->GetCase(one, 1).ok());
  EXPECT_EQ(office_->ClaimCase(two, 1).error().code, ErrorCode::kConflict);
  EXPECT_EQ(office_->GetCase(two, 1).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(office_->Reply(two, 1, "x").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(office_->ListCases(two, {})->total, 1);  // only the unassigned one
  EXPECT_EQ(office_->ListCases(one, {})->total, 2);
  EXPECT_EQ(office_->ListCases(operator_, {})->total, 2);
}

TEST_F(IntakeOfficeTest, OnlyCoordinatorsExportTheWholeListAndEachExportIsAuditedFirst) {
  ASSERT_TRUE(AddUser(*store_, *audit_, "op.one", Role::kOperator, "synthetic-password-1").ok());
  const Actor one{2, "op.one", Role::kOperator};
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(SubmitAndWait(Draft()).ok());
  ASSERT_TRUE(office_->ClaimCase(operator_, 2).ok());
  EXPECT_EQ(office_->ExportCaseList(one, {}).error().code, ErrorCode::kForbidden);

  // The list's offset and limit are not the export's: every match, one file.
  auto all = office_->ExportCaseList(operator_, {.offset = 2, .limit = 1});
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(all->total, 3);
  ASSERT_EQ(all->items.size(), 3u);
  EXPECT_EQ(all->items[1].assigned_user_id, operator_.user_id);
  auto serving = office_->ExportCaseList(operator_, {.situation = Situation::kServing});
  ASSERT_TRUE(serving.ok());
  EXPECT_TRUE(serving->items.empty());  // Draft() is at the front

  auto entries = store_->ListAuditRecords(0, 100);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> exports;
  for (const auto& e : *entries)
    if (e.action == "case_list_exported") exports.push_back(e.actor_name + " " + e.target);
  EXPECT_EQ(exports,
            (std::vector<std::string>{operator_.name + " cases:3", operator_.name + " cases:0"}));
}

TEST_F(IntakeOfficeTest, WrongPassphraseDoesNotUnlock) {
  auto opener = UnlockOffice(*store_, "not the passphrase");
  ASSERT_FALSE(opener.ok());
  EXPECT_EQ(opener.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(IntakeOfficeTest, SecondInitIsRefused) {
  EXPECT_EQ(
      InitialiseInstallation(*store_, kPassphrase, "admin2", "synthetic-admin-pw").error().code,
      ErrorCode::kConflict);
}

TEST_F(IntakeOfficeTest, ListRejectsAbsurdPaging) {
  EXPECT_FALSE(office_->ListCases(operator_, {.limit = 0}).ok());
  EXPECT_FALSE(office_->ListCases(operator_, {.offset = -1}).ok());
  EXPECT_FALSE(office_->ListCases(operator_, {.limit = 100000}).ok());
}

TEST_F(IntakeOfficeTest, ReplyRejectsEmptyOrHugeText) {
  ASSERT_TRUE(SubmitAndWait(Draft()).ok());
  const std::int64_t id = office_->ListCases(operator_, {})->items[0].id;
  EXPECT_EQ(office_->Reply(operator_, id, "").error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(office_->Reply(operator_, id, std::string(5000, 'x')).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(office_->Reply(operator_, 999, "hi").error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lifeline::app
