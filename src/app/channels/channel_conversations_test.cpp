// Conversations over SMS and messengers (app/channels/channel_conversations.hpp), over a real
// SQLite store: a new sender gets an application and its receipt, the same sender and the same
// message id are stored once, STATUS/HELP/STOP answer, STOP leaves no address, operators'
// replies wait for the applicant's window, floods and blocked senders are dropped.
#include "app/channels/channel_conversations.hpp"

#include <regex>

#include "app/cases/office_fixture.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

using channels::ReplyKind;
using channels::ReplyState;
using namespace std::chrono;

// Synthetic numbers only (+999 is no country's code).
constexpr char kNumber[] = "+999 100 0001";
constexpr char kSameNumberTypedOtherwise[] = "+999-100-0001";
constexpr char kOtherNumber[] = "+9991000002";

std::string ReceiptIn(const std::string& reply) {
  std::smatch m;
  if (!std::regex_search(reply, m, std::regex(R"(\d{3} \d{3}-\d{2}-\d{2}, \d{6})"))) return {};
  return m.str();
}

class ChannelConversationsTest : public testing::IntakeOfficeTest {
 protected:
  void SetUp() override {
    IntakeOfficeTest::SetUp();
    ChannelOptions options;
    options.max_messages_per_hour = 8;
    auto keys = LoadInstallationKeys(*store_);
    ASSERT_TRUE(keys.ok());
    channels_ = std::make_unique<ChannelConversations>(*store_, *office_, *audit_, clock_,
                                                       keys->receipt_salt, options);
  }
  InboundResult Receive(std::string_view address, std::string_view id, std::string_view text,
                        ContactChannel channel = ContactChannel::kSms) {
    auto r = channels_->Receive(channel, address, id, text);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : InboundResult{};
  }
  std::int64_t Cases() { return store_->ListCases(store::CaseFilter{})->total; }
  std::size_t ApplicantMessages(std::int64_t case_id) {
    std::size_t n = 0;
    auto messages = store_->ListMessages(case_id);  // kept: a loop over *temporary would dangle
    for (const auto& m : *messages) n += !m.author_user_id;
    return n;
  }
  static const channels::ReplyWording& Ru() {
    static const auto wording = *channels::DefaultReplyWording("ru");
    return wording;
  }
  std::unique_ptr<ChannelConversations> channels_;
};

TEST_F(ChannelConversationsTest, ANewSenderOpensAnApplicationAndGetsItsReceipt) {
  const InboundResult first = Receive(kNumber, "m1", "Мне нужна помощь");
  EXPECT_EQ(first.outcome, InboundOutcome::kOpened);
  ASSERT_TRUE(first.reply);
  const std::string receipt = ReceiptIn(*first.reply);
  ASSERT_FALSE(receipt.empty());
  EXPECT_EQ(*first.reply, channels::RenderReply(Ru(), ReplyKind::kWelcome, receipt));
  auto details = office_->GetCase(operator_, first.case_id);
  ASSERT_TRUE(details.ok());
  EXPECT_EQ(details->summary.clear.contact_channel, ContactChannel::kSms);
  EXPECT_EQ(details->fields.message, "Мне нужна помощь");
  EXPECT_TRUE(details->fields.contact_handle.empty());  // the address lives in the sender row alone
  EXPECT_TRUE(CheckAndWait(receipt).ok());              // the receipt works on the web too
}

TEST_F(ChannelConversationsTest, TheSameSenderJoinsHisCaseAndTheSameMessageIdIsStoredOnce) {
  const InboundResult first = Receive(kNumber, "m1", "Первое");
  const InboundResult second = Receive(kSameNumberTypedOtherwise, "m2", "Второе");
  EXPECT_EQ(second.outcome, InboundOutcome::kJoined);
  EXPECT_EQ(second.case_id, first.case_id);
  EXPECT_FALSE(second.reply);
  EXPECT_EQ(Receive(kNumber, "m2", "Второе").outcome, InboundOutcome::kDuplicate);
  EXPECT_EQ(Receive(kNumber, "m1", "Первое").outcome,
            InboundOutcome::kDuplicate);  // redelivered after a crash
  EXPECT_EQ(Cases(), 1);
  EXPECT_EQ(ApplicantMessages(first.case_id), 1u);
  auto details = office_->GetCase(operator_, first.case_id);
  ASSERT_EQ(details->messages.size(), 1u);
  EXPECT_EQ(details->messages[0].text, "Второе");
  // Another number, or the same id on another channel, is someone else.
  EXPECT_EQ(Receive(kOtherNumber, "m1", "Привет").outcome, InboundOutcome::kOpened);
  EXPECT_EQ(Receive("4242", "m1", "hello", ContactChannel::kTelegram).outcome,
            InboundOutcome::kOpened);
  EXPECT_EQ(Cases(), 3);
}

TEST_F(ChannelConversationsTest, StatusWithAReceiptAnswersHowTheApplicationStands) {
  const std::string receipt =
      ReceiptIn(Receive(kNumber, "m1", "Помогите").reply.value_or("<no reply>"));
  const InboundResult status = Receive(kNumber, "m2", "STATUS " + receipt);
  EXPECT_EQ(status.outcome, InboundOutcome::kCommand);
  const auto en = *channels::DefaultReplyWording("en");
  EXPECT_EQ(status.reply.value_or("<no reply>"),
            channels::RenderReply(en, ReplyKind::kStatus, receipt, ReplyState::kReceived));
  ASSERT_TRUE(office_->Reply(operator_, status.case_id, "Ответ").ok());
  EXPECT_EQ(Receive(kNumber, "m3", "статус " + receipt).reply.value_or("<no reply>"),
            channels::RenderReply(Ru(), ReplyKind::kStatus, receipt, ReplyState::kAnswered));
  EXPECT_EQ(Receive(kNumber, "m4", "СТАТУС").reply.value_or("<no reply>"),
            channels::RenderReply(Ru(), ReplyKind::kAskReceipt));
  EXPECT_EQ(Receive(kNumber, "m5", "СТАТУС 000 000-00-00, 000000").reply.value_or("<no reply>"),
            channels::RenderReply(Ru(), ReplyKind::kUnknownReceipt));
  EXPECT_EQ(Receive(kNumber, "m6", "HELP").reply.value_or("<no reply>"),
            channels::RenderReply(en, ReplyKind::kHelp));
  EXPECT_EQ(ApplicantMessages(status.case_id), 0u);  // commands are no messages of the case
}

TEST_F(ChannelConversationsTest, CommandsFromAnUnknownSenderAreAnsweredAndLeaveNothing) {
  EXPECT_EQ(Receive(kNumber, "m1", "ПОМОЩЬ").reply.value_or("<no reply>"),
            channels::RenderReply(Ru(), ReplyKind::kHelp));
  EXPECT_EQ(Receive(kNumber, "m2", "СТОП").reply.value_or("<no reply>"),
            channels::RenderReply(Ru(), ReplyKind::kStopped));
  EXPECT_EQ(Cases(), 0);
  EXPECT_EQ(Receive(kNumber, "m3", "Помогите").outcome, InboundOutcome::kOpened);
}

TEST_F(ChannelConversationsTest, StopDestroysTheAddressForGoodAndLaterRepliesAreRefused) {
  const InboundResult first = Receive(kNumber, "m1", "Помогите");
  ASSERT_TRUE(
      channels_->Reply(operator_, first.case_id, "Мы на связи").ok());  // queued: he gave no window
  const InboundResult stop = Receive(kNumber, "m2", "стоп");
  EXPECT_EQ(stop.outcome, InboundOutcome::kCommand);
  EXPECT_EQ(stop.reply.value_or("<no reply>"), channels::RenderReply(Ru(), ReplyKind::kStopped));

  auto sender = store_->Channels().FindSenderOfCase(first.case_id);
  ASSERT_TRUE(sender.ok() && sender->has_value());
  EXPECT_TRUE((*sender)->stopped);
  EXPECT_FALSE((*sender)->address_sealed.has_value());
  EXPECT_TRUE(
      store_->Channels().ListOutbound((*sender)->id)->empty());  // the unsent reply went with it
  EXPECT_TRUE(channels_->TakeDue(10)->empty());

  EXPECT_EQ(Receive(kNumber, "m3", "Ещё").outcome, InboundOutcome::kIgnored);
  EXPECT_FALSE(Receive(kNumber, "m4", "Ещё").reply);
  auto refused = channels_->Reply(operator_, first.case_id, "Ответ");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("STOP"), std::string::npos);
}

TEST_F(ChannelConversationsTest, AReplyWithoutWindowsWaitsUntilHeWritesAgain) {
  const InboundResult first = Receive(kNumber, "m1", "Помогите");
  auto queued = channels_->Reply(operator_, first.case_id, "Напишите, когда удобно");
  ASSERT_TRUE(queued.ok());
  EXPECT_EQ(queued->state, store::OutboundState::kQueued);
  EXPECT_FALSE(queued->not_before);
  clock_.now += hours{48};
  EXPECT_TRUE(channels_->TakeDue(10)->empty());
  EXPECT_EQ(channels_->ListReplies(operator_, first.case_id)->front().state,
            store::OutboundState::kQueued);

  Receive(kNumber, "m2", "Я здесь");
  auto due = channels_->TakeDue(10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().address, "+9991000001");
  EXPECT_EQ(due->front().text, "Напишите, когда удобно");
  EXPECT_EQ(due->front().channel, ContactChannel::kSms);
  ASSERT_TRUE(channels_->ReportDelivery(due->front().id, true).ok());
  EXPECT_EQ(channels_->ListReplies(operator_, first.case_id)->front().state,
            store::OutboundState::kSent);
  // Said again (or after a delivery report came first): nothing changes, no error.
  auto again = channels_->ReportDelivery(due->front().id, false);
  EXPECT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(channels_->ListReplies(operator_, first.case_id)->front().state,
            store::OutboundState::kSent);
  // The network's delivery report follows.
  ASSERT_TRUE(channels_->ReportDeliveryReceipt(due->front().id, true).ok());
  EXPECT_EQ(channels_->ListReplies(operator_, first.case_id)->front().state,
            store::OutboundState::kDelivered);
  EXPECT_EQ(channels_->ReportDeliveryReceipt(due->front().id, false).error().code,
            ErrorCode::kConflict);
}

// A web-form applicant with a safe window who later texts from his number: the reply waits
// for the window. The sender row is made here as Receive makes it.
TEST_F(ChannelConversationsTest, AReplyOutsideTheSafeWindowStaysQueuedUntilItOpens) {
  auto keys = LoadInstallationKeys(*store_);
  crypto::IntakeSealer sealer(keys->office_public, milliseconds{1000}, 512);
  ValidApplication application;
  application.clear.contact_channel = ContactChannel::kSms;
  application.identifying.safe_windows = {
      *ParseSafeWindow("mon-fri 19:00-21:00")};  // +03:00: 16:00-18:00 UTC
  application.identifying.message = "Синтетика";
  SealedApplication sealed = SealApplication(sealer, keys->receipt_salt, application, clock_.Now());
  const auto& opener = office_->Opener();
  store::ChannelSender sender;
  sender.sender_index = crypto::KeyedHash(
      opener.DeriveSubkey("lifeline/blind-index/channel-sender/v1"), "sms|+9991000001");
  sender.channel = "sms";
  sender.language = "ru";
  sender.address_sealed =
      crypto::AeadEncrypt(opener.DeriveSubkey("lifeline/channel-address/v1"), "+9991000001",
                          "lifeline/channel-address/v1|" +
                              std::string(reinterpret_cast<const char*>(sender.sender_index.data()),
                                          sender.sender_index.size()));
  store::Blob32 key{};
  auto case_id = store_->Channels().OpenConversation(sealed.row, sender, key, 0);
  ASSERT_TRUE(case_id.ok());

  // Sunday 22 November 2026, 10:00 UTC: the next window is Monday 16:00 UTC.
  auto queued = channels_->Reply(operator_, *case_id, "Ответ");
  ASSERT_TRUE(queued.ok()) << queued.error().message;
  const sys_seconds monday_window = sys_days{year{2026} / 11 / 23} + hours{16};
  EXPECT_EQ(queued->not_before, monday_window.time_since_epoch().count());
  clock_.now = monday_window - minutes{1};
  EXPECT_TRUE(channels_->TakeDue(10)->empty());
  EXPECT_EQ(channels_->ListReplies(operator_, *case_id)->front().state,
            store::OutboundState::kQueued);
  clock_.now = monday_window;
  auto due = channels_->TakeDue(10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().address, "+9991000001");
  EXPECT_EQ(channels_->ListReplies(operator_, *case_id)->front().state, store::OutboundState::kDue);
}

TEST_F(ChannelConversationsTest, AFloodFromOneSenderIsDroppedPastHisHourlyLimitAndNobodyElsesIs) {
  const InboundResult first = Receive(kNumber, "m1", "1");
  for (int i = 2; i <= 8; ++i)
    EXPECT_EQ(Receive(kNumber, "m" + std::to_string(i), "x").outcome, InboundOutcome::kJoined);
  const InboundResult over = Receive(kNumber, "m9", "x");
  EXPECT_EQ(over.outcome, InboundOutcome::kRateLimited);
  EXPECT_FALSE(over.reply);
  EXPECT_EQ(ApplicantMessages(first.case_id), 7u);
  EXPECT_EQ(Receive(kOtherNumber, "o1", "Помогите").outcome, InboundOutcome::kOpened);
  clock_.now += hours{1} + seconds{1};
  EXPECT_EQ(Receive(kNumber, "m9", "x").outcome,
            InboundOutcome::kJoined);  // the dropped one, redelivered
}

TEST_F(ChannelConversationsTest, AFloodOfCommandsFromSomeoneUnknownIsTurnedAwayBeforeAnyWork) {
  // Commands from someone unknown store nothing, so only the in-memory bucket limits them:
  // STATUS costs a receipt hash each.
  int answered = 0;
  for (int i = 0; i < 50; ++i) {
    const InboundResult r =
        Receive(kOtherNumber, "s" + std::to_string(i), "STATUS 912 345-67-89, 012345");
    answered += r.reply.has_value();
    if (!r.reply) {
      EXPECT_EQ(r.outcome, InboundOutcome::kRateLimited);
    }
  }
  EXPECT_EQ(answered, 8);
  EXPECT_EQ(Receive(kNumber, "m1", "Помогите").outcome, InboundOutcome::kOpened);
  EXPECT_EQ(Receive("5550001", "t1", "/start", ContactChannel::kTelegram).outcome,
            InboundOutcome::kCommand);
}

TEST_F(ChannelConversationsTest, RepliesSayWhichLanguageTheyAreIn) {
  EXPECT_EQ(Receive(kNumber, "m1", "Помогите").language, "ru");
  EXPECT_EQ(Receive(kOtherNumber, "o1", "HELP").language, "en");
  EXPECT_EQ(Receive(kNumber, "m2", "ещё").language, "");  // joined: no reply
}

TEST_F(ChannelConversationsTest, AVerifierBlocksASenderWhoIsThenDroppedUnanswered) {
  const InboundResult first = Receive(kNumber, "m1", "Провокация");
  const Actor op{2, "op", Role::kOperator};
  EXPECT_EQ(channels_->BlockSender(op, first.case_id).error().code, ErrorCode::kForbidden);
  const Actor verifier{3, "verifier", Role::kVerifier};
  ASSERT_TRUE(channels_->BlockSender(verifier, first.case_id).ok());
  auto audit = store_->ListAuditRecords(0, 100);
  ASSERT_FALSE(audit->empty());
  EXPECT_EQ(audit->back().action, "sender_blocked");
  EXPECT_EQ(audit->back().target, "case:" + std::to_string(first.case_id));

  const InboundResult dropped = Receive(kNumber, "m2", "ещё");
  EXPECT_EQ(dropped.outcome, InboundOutcome::kBlocked);
  EXPECT_FALSE(dropped.reply);
  EXPECT_FALSE(Receive(kNumber, "m3", "STATUS").reply);
  EXPECT_EQ(ApplicantMessages(first.case_id), 0u);
  EXPECT_EQ(channels_->Reply(operator_, first.case_id, "x").error().code, ErrorCode::kConflict);
  EXPECT_EQ(channels_->BlockSender(verifier, first.case_id + 100).error().code,
            ErrorCode::kNotFound);

  // The voice line asks by number, however it is written; nobody else is blocked.
  EXPECT_TRUE(channels_->IsBlockedNumber(kNumber));
  EXPECT_TRUE(channels_->IsBlockedNumber(kSameNumberTypedOtherwise));
  EXPECT_FALSE(channels_->IsBlockedNumber(kOtherNumber));
  EXPECT_FALSE(channels_->IsBlockedNumber("anonymous"));
  EXPECT_FALSE(channels_->IsBlockedNumber(""));
}

TEST_F(ChannelConversationsTest,
       TheConversationShowsItsChannelStateAndRepliesToThoseWhoMayWorkOnTheCase) {
  const InboundResult first = Receive(kNumber, "m1", "Помогите", ContactChannel::kTelegram);
  ASSERT_TRUE(channels_->Reply(operator_, first.case_id, "Мы на связи").ok());
  auto view = channels_->Conversation(operator_, first.case_id);
  ASSERT_TRUE(view.ok() && view->has_value());
  EXPECT_EQ((*view)->channel, ContactChannel::kTelegram);
  EXPECT_FALSE((*view)->stopped);
  EXPECT_FALSE((*view)->blocked);
  ASSERT_EQ((*view)->replies.size(), 1u);
  EXPECT_EQ((*view)->replies.front().state, store::OutboundState::kQueued);

  // An operator who has not claimed the case sees neither the conversation nor its replies.
  const Actor other{7, "other", Role::kOperator};
  EXPECT_EQ(channels_->Conversation(other, first.case_id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(channels_->ListReplies(other, first.case_id).error().code, ErrorCode::kForbidden);
  const Actor analyst{8, "analyst", Role::kAnalyst};
  EXPECT_EQ(channels_->Conversation(analyst, first.case_id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(channels_->Conversation(operator_, first.case_id + 100).error().code,
            ErrorCode::kNotFound);

  Receive(kNumber, "m2", "stop", ContactChannel::kTelegram);
  view = channels_->Conversation(operator_, first.case_id);
  ASSERT_TRUE(view.ok() && view->has_value());
  EXPECT_TRUE((*view)->stopped);
  EXPECT_TRUE((*view)->replies.empty());  // the unsent reply was destroyed with his address
}

TEST_F(ChannelConversationsTest, ACaseFromTheWebFormHasNoChannelConversation) {
  ASSERT_TRUE(SubmitAndWait(Draft()).ok());
  const std::int64_t case_id = store_->ListCases(store::CaseFilter{})->items.front().id;
  auto view = channels_->Conversation(operator_, case_id);
  ASSERT_TRUE(view.ok());
  EXPECT_FALSE(view->has_value());
  EXPECT_EQ(channels_->ListReplies(operator_, case_id).error().code, ErrorCode::kNotFound);
}

TEST_F(ChannelConversationsTest, BadInputIsRefusedNamingTheFieldAndStoresNothing) {
  auto field = [&](ContactChannel channel, std::string_view address, std::string_view id,
                   std::string_view text) {
    auto r = channels_->Receive(channel, address, id, text);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return std::string();
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(r.error().message.find("999"), std::string::npos);  // no address in errors
    return r.error().field;
  };
  EXPECT_EQ(field(ContactChannel::kPhone, kNumber, "m1", "x"), "channel");
  EXPECT_EQ(field(ContactChannel::kSms, "", "m1", "x"), "address");
  EXPECT_EQ(field(ContactChannel::kSms, "no digits", "m1", "x"), "address");
  EXPECT_EQ(field(ContactChannel::kSms, std::string(65, '9'), "m1", "x"), "address");
  EXPECT_EQ(field(ContactChannel::kSms, kNumber, "", "x"), "message_id");
  EXPECT_EQ(field(ContactChannel::kSms, kNumber, std::string(129, 'a'), "x"), "message_id");
  EXPECT_EQ(field(ContactChannel::kSms, kNumber, "m1", ""), "text");
  EXPECT_EQ(field(ContactChannel::kSms, kNumber, "m1", "\xff\xfe"), "text");
  EXPECT_EQ(field(ContactChannel::kSms, kNumber, "m1", std::string(2001, 'a')), "text");
  EXPECT_EQ(Cases(), 0);

  const Actor analyst{4, "analyst", Role::kAnalyst};
  EXPECT_EQ(channels_->Reply(analyst, 1, "").error().code,
            ErrorCode::kForbidden);  // permission first
  EXPECT_EQ(channels_->Reply(operator_, 1, "").error().field, "text");
  EXPECT_EQ(channels_->Reply(operator_, 1, "x").error().code, ErrorCode::kNotFound);
}

TEST_F(ChannelConversationsTest, ConfiguredWordingIsCheckedAtStart) {
  ChannelOptions options;
  auto wording = *channels::DefaultReplyWording("en");
  wording.texts[static_cast<std::size_t>(ReplyKind::kHelp)] = "Surrender hotline: send STATUS";
  options.wording["en"] = wording;
  auto keys = LoadInstallationKeys(*store_);
  EXPECT_THROW(
      ChannelConversations(*store_, *office_, *audit_, clock_, keys->receipt_salt, options),
      std::invalid_argument);
  wording.texts[static_cast<std::size_t>(ReplyKind::kHelp)] = "Send STATUS and your number.";
  options.wording["en"] = wording;
  ChannelConversations reworded(*store_, *office_, *audit_, clock_, keys->receipt_salt, options);
  EXPECT_EQ(
      reworded.Receive(ContactChannel::kSms, kNumber, "m1", "HELP")->reply.value_or("<no reply>"),
      "Send STATUS and your number.");
}

}  // namespace
}  // namespace lifeline::app
