#include "app/channels/channel_conversations.hpp"

#include <stdexcept>

#include "app/cases/conversation.hpp"
#include "app/intake/intake.hpp"
#include "crypto/crypto.hpp"
#include "crypto/receipt_keys.hpp"
#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

using channels::CommandKind;
using channels::ReplyKind;

constexpr std::chrono::seconds kRateWindow{3600};

std::int64_t Seconds(std::chrono::sys_seconds t) { return t.time_since_epoch().count(); }

std::string_view AsText(const store::Blob32& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

std::string AddressAssociated(const store::Blob32& index) {
  return "lifeline/channel-address/v1|" + std::string(AsText(index));
}
std::string OutboxAssociated(std::int64_t sender_id) {
  return "lifeline/channel-outbox/v1|sender:" + std::to_string(sender_id);
}

// Phone numbers as digits after an optional "+", whatever spaces or dashes were typed;
// messenger ids as given, without surrounding spaces.
std::string NormaliseAddress(ContactChannel channel, std::string_view address) {
  std::string out;
  if (channel == ContactChannel::kSms) {
    for (char c : address) {
      if ((c >= '0' && c <= '9') || (c == '+' && out.empty())) out += c;
    }
    return out;
  }
  const auto first = address.find_first_not_of(" \t");
  const auto last = address.find_last_not_of(" \t");
  return first == std::string_view::npos ? std::string()
                                         : std::string(address.substr(first, last - first + 1));
}

Status CheckInbound(ContactChannel channel, std::string_view address, std::string_view message_id) {
  if (channel != ContactChannel::kSms && channel != ContactChannel::kTelegram) {
    return InvalidInput("conversations run over sms or telegram", "channel");
  }
  const std::string normal = NormaliseAddress(channel, address);
  if (normal.empty() || normal == "+" || address.size() > ChannelConversations::kMaxAddressBytes ||
      !IsValidUtf8(address) || HasControlCharacters(address)) {
    return InvalidInput("the sender's address is missing or malformed", "address");
  }
  if (message_id.empty() || message_id.size() > ChannelConversations::kMaxMessageIdBytes ||
      !IsValidUtf8(message_id) || HasControlCharacters(message_id)) {
    return InvalidInput("the message id is missing or malformed", "message_id");
  }
  return OkStatus();
}

std::string KnownLanguage(const std::string& wanted, const std::string& fallback) {
  return ParseLanguage(wanted) ? wanted : fallback;
}

QueuedReplyView ViewOf(const store::StoredOutbound& o) {
  return {o.id, o.state, o.not_before, o.created_at};
}

}  // namespace

std::string_view ToString(InboundOutcome outcome) {
  switch (outcome) {
    case InboundOutcome::kOpened:
      return "opened";
    case InboundOutcome::kJoined:
      return "joined";
    case InboundOutcome::kCommand:
      return "command";
    case InboundOutcome::kDuplicate:
      return "duplicate";
    case InboundOutcome::kRateLimited:
      return "rate_limited";
    case InboundOutcome::kBlocked:
      return "blocked";
    case InboundOutcome::kIgnored:
      return "ignored";
  }
  return "unknown";
}

ChannelConversations::ChannelConversations(store::Store& store, OfficeService& office,
                                           AuditLog& audit, const Clock& clock,
                                           crypto::Bytes receipt_salt, ChannelOptions options)
    : store_(store),
      channels_(store.Channels()),
      office_(office),
      audit_(audit),
      clock_(clock),
      receipt_salt_(std::move(receipt_salt)),
      options_(std::move(options)),
      throttle_(static_cast<double>(std::max<std::int64_t>(1, options_.max_messages_per_hour)),
                kRateWindow),
      index_key_(office.Opener().DeriveSubkey("lifeline/blind-index/channel-sender/v1")),
      address_key_(office.Opener().DeriveSubkey("lifeline/channel-address/v1")),
      sealer_(office.Opener().newest_public(), std::chrono::milliseconds{1000}, 512) {
  for (const char* language : {"ru", "uk", "be", "en"})
    wording_[language] = *channels::DefaultReplyWording(language);
  for (const auto& [language, wording] : options_.wording) {
    if (!ParseLanguage(language))
      throw std::invalid_argument("reply wording for an unknown language");
    if (auto ok = channels::ValidateReplyWording(wording); !ok) {
      throw std::invalid_argument("reply wording for " + language + ": " + ok.error().field + ": " +
                                  ok.error().message);
    }
    wording_[language] = wording;
  }
  if (!ParseLanguage(options_.default_language))
    throw std::invalid_argument("unknown default language");
}

const channels::ReplyWording& ChannelConversations::Wording(const std::string& language) const {
  auto found = wording_.find(language);
  return found != wording_.end() ? found->second : wording_.at(options_.default_language);
}

Result<std::optional<store::ChannelSender>> ChannelConversations::Checked(
    Result<std::optional<store::ChannelSender>> sender) const {
  if (sender && *sender) {
    if (auto intact = office_.integrity().Check("channel_senders", (*sender)->id); !intact)
      return intact.error();
  }
  return sender;
}

Result<std::optional<store::ChannelSender>> ChannelConversations::FindSender(
    const store::Blob32& index) {
  return Checked(channels_.FindSender(index));
}

Result<std::optional<store::ChannelSender>> ChannelConversations::FindSenderOfCase(
    std::int64_t case_id) {
  return Checked(channels_.FindSenderOfCase(case_id));
}

store::Blob32 ChannelConversations::SenderIndex(ContactChannel channel,
                                                std::string_view address) const {
  return crypto::KeyedHash(
      index_key_, std::string(ToString(channel)) + "|" + NormaliseAddress(channel, address));
}

Result<InboundResult> ChannelConversations::Receive(ContactChannel channel,
                                                    std::string_view address,
                                                    std::string_view message_id,
                                                    std::string_view text) {
  if (auto ok = CheckInbound(channel, address, message_id); !ok) return ok.error();
  if (auto ok = CheckMessageText(text, "text"); !ok) return ok.error();
  const store::Blob32 index = SenderIndex(channel, address);
  // A flood from one sender stops here, before any store call, sealing or receipt hash, so it
  // holds up nobody else's messages (commands from someone unknown included).
  if (!throttle_.Allow(index, clock_.Now()))
    return InboundResult{InboundOutcome::kRateLimited, std::nullopt, 0};
  // Keyed as well: a stolen database cannot be searched for a channel's message id.
  // Message ids are unique per chat at best (Telegram's message_id): keyed with the sender.
  const store::Blob32 message_key = crypto::KeyedHash(
      index_key_, "message|" + std::string(AsText(index)) + "|" + std::string(message_id));
  const channels::ChannelCommand command = channels::ParseChannelCommand(text);

  auto sender = FindSender(index);
  if (!sender) return sender.error();
  if (!*sender) {
    const std::string language = KnownLanguage(command.language, options_.default_language);
    // Commands from someone unknown are answered and leave nothing behind: STOP has nothing
    // to destroy, HELP and STATUS open nothing.
    if (command.kind != CommandKind::kMessage) return Answer(language, command, 0);
    auto opened = OpenConversation(channel, address, index, message_key, text, language);
    if (opened || opened.error().code != ErrorCode::kConflict) return opened;
    // His first message raced another of his, or this one was taken in before.
    sender = FindSender(index);
    if (!sender) return sender.error();
    if (!*sender) return InboundResult{InboundOutcome::kDuplicate, std::nullopt, 0};
  }
  return Join(**sender, message_key, text);
}

Result<InboundResult> ChannelConversations::OpenConversation(
    ContactChannel channel, std::string_view address, const store::Blob32& index,
    const store::Blob32& message_key, std::string_view text, const std::string& language) {
  const auto now = clock_.Now();
  ValidApplication application;
  application.clear.contact_channel = channel;
  application.clear.language = *ParseLanguage(language);
  // The address is not the case's contact handle: it lives in the sender row alone, so that
  // STOP can destroy it without touching the case.
  application.identifying.message = std::string(text);
  SealedApplication sealed = SealApplication(sealer_, receipt_salt_, application, now);

  store::ChannelSender sender;
  sender.sender_index = index;
  sender.channel = std::string(ToString(channel));
  sender.language = language;
  sender.address_sealed = crypto::AeadEncrypt(address_key_, NormaliseAddress(channel, address),
                                              AddressAssociated(index));
  auto case_id = channels_.OpenConversation(sealed.row, sender, message_key, Seconds(now));
  sealer_.CloseExpiredWindow();
  if (!case_id) return case_id.error();
  return InboundResult{
      InboundOutcome::kOpened,
      channels::RenderReply(Wording(language), ReplyKind::kWelcome, FormatReceipt(sealed.receipt)),
      *case_id, language};
}

Result<InboundResult> ChannelConversations::Join(const store::ChannelSender& sender,
                                                 const store::Blob32& message_key,
                                                 std::string_view text) {
  if (sender.blocked) return InboundResult{InboundOutcome::kBlocked, std::nullopt, sender.case_id};
  if (sender.stopped) return InboundResult{InboundOutcome::kIgnored, std::nullopt, sender.case_id};
  const auto now = clock_.Now();
  auto recent = channels_.CountInboundSince(sender.id, Seconds(now - kRateWindow));
  if (!recent) return recent.error();
  if (*recent >= options_.max_messages_per_hour) {
    return InboundResult{InboundOutcome::kRateLimited, std::nullopt, sender.case_id};
  }
  const channels::ChannelCommand command = channels::ParseChannelCommand(text);
  std::optional<store::NewMessage> message;
  if (command.kind == CommandKind::kMessage) {
    auto stored = store_.GetApplication(sender.case_id);
    if (!stored) return stored.error();
    crypto::SealedRecord sealed = sealer_.Seal(text, ApplicantMessageAssociated(sender.case_id));
    sealer_.CloseExpiredWindow();
    message = store::NewMessage{
        .case_id = sender.case_id,
        .created_on = clock_.Today(),
        .sealed_for_applicant = crypto::SealForApplicant(stored->reply_public, text),
        .sealed_for_office = std::move(sealed.ciphertext),
        .wrapping = store::OfficeWrapping{sealed.key_generation, sealed.ephemeral_public,
                                          std::move(sealed.wrapped_key)}};
  }
  auto fresh = channels_.RecordInbound(sender.id, message_key, Seconds(now), message);
  if (!fresh) return fresh.error();
  if (!*fresh) return InboundResult{InboundOutcome::kDuplicate, std::nullopt, sender.case_id};
  if (command.kind == CommandKind::kMessage)
    return InboundResult{InboundOutcome::kJoined, std::nullopt, sender.case_id};
  if (command.kind == CommandKind::kStop) {
    if (auto stopped = channels_.StopSender(sender.id); !stopped) return stopped.error();
  }
  return Answer(KnownLanguage(command.language, sender.language), command, sender.case_id);
}

Result<InboundResult> ChannelConversations::Answer(const std::string& language,
                                                   const channels::ChannelCommand& command,
                                                   std::int64_t case_id) {
  const channels::ReplyWording& wording = Wording(language);
  InboundResult result{InboundOutcome::kCommand, std::nullopt, case_id, language};
  switch (command.kind) {
    case CommandKind::kHelp:
      result.reply = channels::RenderReply(wording, ReplyKind::kHelp);
      break;
    case CommandKind::kStop:
      result.reply = channels::RenderReply(wording, ReplyKind::kStopped);
      break;
    case CommandKind::kStatus: {
      if (!command.receipt) {
        result.reply = channels::RenderReply(wording, ReplyKind::kAskReceipt);
        break;
      }
      auto state = StateOf(*command.receipt);
      if (!state && state.error().code != ErrorCode::kNotFound) return state.error();
      result.reply = state ? channels::RenderReply(wording, ReplyKind::kStatus,
                                                   FormatReceipt(*command.receipt), *state)
                           : channels::RenderReply(wording, ReplyKind::kUnknownReceipt);
      break;
    }
    case CommandKind::kMessage:
      break;
  }
  return result;
}

Result<channels::ReplyState> ChannelConversations::StateOf(const Receipt& receipt) {
  const crypto::ReceiptKeys keys = crypto::DeriveReceiptKeys(receipt.digits, receipt_salt_);
  auto view = store_.FindByReceiptLookup(keys.lookup);
  if (!view) return view.error();
  const ApplicantStage stage = ApplicantStageOf(view->status);
  if (stage == ApplicantStage::kClosed) return channels::ReplyState::kClosed;
  for (const auto& m : view->messages) {
    if (m.author_user_id) return channels::ReplyState::kAnswered;  // the office wrote to him
  }
  return stage == ApplicantStage::kReceived ? channels::ReplyState::kReceived
                                            : channels::ReplyState::kInProgress;
}

Result<QueuedReplyView> ChannelConversations::Reply(const Actor& actor, std::int64_t case_id,
                                                    std::string_view text) {
  if (auto allowed = Require(actor, Permission::kReplyToApplicant); !allowed)
    return allowed.error();
  if (auto ok = CheckMessageText(text, "text"); !ok) return ok.error();
  auto sender = FindSenderOfCase(case_id);
  if (!sender) return sender.error();
  if (!*sender) return NotFound("this case has no SMS or messenger conversation");
  if ((*sender)->stopped) {
    return Error{ErrorCode::kConflict,
                 "the applicant sent STOP: his address is destroyed, so no reply can reach him"};
  }
  if ((*sender)->blocked)
    return Error{ErrorCode::kConflict, "this sender is blocked: nothing is sent to him"};
  // Checks the assignment, stores the reply in the case's conversation and audits it.
  if (auto replied = office_.Reply(actor, case_id, text); !replied) return replied.error();
  auto details = office_.GetCase(actor, case_id);
  if (!details) return details.error();
  const auto now = clock_.Now();
  store::NewOutbound outbound;
  outbound.sender_id = (*sender)->id;
  outbound.text_sealed = crypto::AeadEncrypt(address_key_, text, OutboxAssociated((*sender)->id));
  outbound.created_at = Seconds(now);
  // No windows given (a first SMS names none): it waits until he writes again.
  if (!details->windows.empty())
    outbound.not_before = Seconds(std::max(now, details->windows.front().start));
  auto id = channels_.QueueOutbound(outbound);
  if (!id) return id.error();
  return QueuedReplyView{*id, store::OutboundState::kQueued, outbound.not_before,
                         outbound.created_at};
}

Result<std::vector<QueuedReplyView>> ChannelConversations::ListReplies(const Actor& actor,
                                                                       std::int64_t case_id) {
  auto conversation = Conversation(actor, case_id);
  if (!conversation) return conversation.error();
  if (!*conversation) return NotFound("this case has no SMS or messenger conversation");
  return std::move((*conversation)->replies);
}

Result<std::optional<ConversationView>> ChannelConversations::Conversation(const Actor& actor,
                                                                           std::int64_t case_id) {
  if (auto allowed = Require(actor, Permission::kReplyToApplicant); !allowed)
    return allowed.error();
  if (auto may = office_.MayWorkOn(actor, case_id); !may) return may.error();
  auto sender = FindSenderOfCase(case_id);
  if (!sender) return sender.error();
  if (!*sender) return std::optional<ConversationView>();
  ConversationView view;
  view.channel = ParseContactChannel((*sender)->channel).value_or(ContactChannel::kSms);
  view.stopped = (*sender)->stopped;
  view.blocked = (*sender)->blocked;
  auto all = channels_.ListOutbound((*sender)->id);
  if (!all) return all.error();
  for (const auto& o : *all) view.replies.push_back(ViewOf(o));
  return std::optional<ConversationView>(std::move(view));
}

Status ChannelConversations::BlockSender(const Actor& actor, std::int64_t case_id) {
  if (auto allowed = Require(actor, Permission::kReviewScreening); !allowed) return allowed.error();
  auto sender = FindSenderOfCase(case_id);
  if (!sender) return sender.error();
  if (!*sender) return NotFound("this case has no SMS or messenger conversation");
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kSenderBlocked,
                                    "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  return channels_.BlockSender((*sender)->id);
}

bool ChannelConversations::IsBlockedNumber(std::string_view phone_number) {
  if (!CheckInbound(ContactChannel::kSms, phone_number, "-")) return false;
  auto sender = FindSender(SenderIndex(ContactChannel::kSms, phone_number));
  return sender && *sender && (*sender)->blocked;
}

Result<std::vector<OutgoingReply>> ChannelConversations::TakeDue(int limit) {
  if (auto released = channels_.ReleaseDue(Seconds(clock_.Now())); !released)
    return released.error();
  auto due = channels_.ListDue(limit);
  if (!due) return due.error();
  std::vector<OutgoingReply> out;
  for (const auto& o : *due) {
    auto sender = channels_.GetSender(o.sender_id);
    if (!sender) return sender.error();
    crypto::SecretBytes address;
    crypto::SecretBytes text;
    // A sender row that fails its check (audited there) gets nothing: the reply fails.
    if (!office_.integrity().Check("channel_senders", sender->id) || sender->blocked ||
        !sender->address_sealed ||
        !crypto::AeadDecrypt(address_key_, *sender->address_sealed,
                             AddressAssociated(sender->sender_index), address) ||
        !crypto::AeadDecrypt(address_key_, o.text_sealed, OutboxAssociated(sender->id), text)) {
      if (auto failed = channels_.FinishOutbound(o.id, store::OutboundState::kFailed); !failed)
        return failed.error();
      continue;
    }
    out.push_back({o.id, o.sender_id, *ParseContactChannel(sender->channel),
                   std::string(address.view()), std::string(text.view())});
  }
  return out;
}

Status ChannelConversations::ReportDelivery(std::int64_t reply_id, bool delivered) {
  auto finished = channels_.FinishOutbound(
      reply_id, delivered ? store::OutboundState::kSent : store::OutboundState::kFailed);
  // No longer due: the network's delivery report overtook the gateway's answer (Kannel reports
  // within milliseconds), or STOP or a deletion took the reply away meanwhile. Nothing to do.
  if (!finished && finished.error().code == ErrorCode::kConflict) return OkStatus();
  return finished;
}

Status ChannelConversations::ReportDeliveryReceipt(std::int64_t reply_id, bool delivered) {
  return channels_.RecordDeliveryReport(
      reply_id, delivered ? store::OutboundState::kDelivered : store::OutboundState::kUndelivered);
}

}  // namespace lifeline::app
