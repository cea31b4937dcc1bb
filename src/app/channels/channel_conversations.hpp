#pragma once
// Conversations over SMS and messengers, whatever the channel (docs/channels.md). A channel
// adapter (Kannel, a Telegram bot: not built yet) hands every inbound message to Receive and
// sends what it answers at once; operators answer in the case's conversation with Reply, and
// the adapter sends those from TakeDue once the applicant's safe window opens.
//
// Runs in the office role: finding a sender needs the blind-index key, which only the office
// secret derives. Addresses are sealed under a key of their own (derived from the office
// secret) and destroyed for good when the sender writes STOP. No address or text ever goes
// into an error message or a log.

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/cases/office.hpp"
#include "app/clock.hpp"
#include "app/intake/sender_throttle.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/application.hpp"
#include "domain/channels/channel_command.hpp"
#include "domain/channels/reply_wording.hpp"
#include "store/store.hpp"

namespace lifeline::app {

struct ChannelOptions {
  /// Reply wording per language ("ru", "uk", "be", "en"); a language left out keeps the
  /// built-in wording (domain/channels/reply_wording.hpp). Each is validated at start.
  std::map<std::string, channels::ReplyWording> wording;
  /// The language of a sender whose first message names none.
  std::string default_language = "ru";
  /// Messages one sender may send in an hour; past that they are dropped unanswered (a
  /// flood from one sender costs nobody else anything: an in-memory bucket per sender turns
  /// it away before any store call or hash, and the store's count holds across restarts).
  std::int64_t max_messages_per_hour = 30;
};

/// What became of an inbound message.
enum class InboundOutcome {
  kOpened,       // a new sender: his application was opened
  kJoined,       // added to his case's conversation
  kCommand,      // STATUS, HELP or STOP, answered
  kDuplicate,    // this message id was taken in before: nothing stored again
  kRateLimited,  // over his hourly limit: dropped
  kBlocked,      // an operator blocked him: dropped, unanswered
  kIgnored,      // he sent STOP before: dropped, unanswered
};
std::string_view ToString(InboundOutcome outcome);

struct InboundResult {
  InboundOutcome outcome = InboundOutcome::kJoined;
  /// What to send back to the address the message came from, now; nullopt: say nothing.
  std::optional<std::string> reply;
  std::int64_t case_id = 0;  // his case, or 0
  /// The language `reply` is in ("ru", "uk", "be", "en"); empty with no reply.
  std::string language;
};

/// An operator's reply whose window has come, for the channel to send.
struct OutgoingReply {
  std::int64_t id = 0;         // give it back to ReportDelivery
  std::int64_t sender_id = 0;  // whose it is (the outbox's fairness and flood bounds)
  ContactChannel channel = ContactChannel::kSms;
  std::string address;
  std::string text;
};

/// An operator's reply as the case shows it (never its text: the conversation has it).
struct QueuedReplyView {
  std::int64_t id = 0;
  store::OutboundState state = store::OutboundState::kQueued;
  std::optional<std::int64_t> not_before;  // seconds; nullopt: until he writes again
  std::int64_t created_at = 0;
};

/// A case's conversation over a channel, as its operator sees it.
struct ConversationView {
  ContactChannel channel = ContactChannel::kSms;
  bool stopped = false;                  // he sent STOP: nothing can reach him any more
  bool blocked = false;                  // an operator blocked him: he is not answered
  std::vector<QueuedReplyView> replies;  // oldest first
};

class ChannelConversations {
 public:
  /// Limits on what a channel hands over.
  static constexpr std::size_t kMaxAddressBytes = 64;
  static constexpr std::size_t kMaxMessageIdBytes = 128;

  /// `store`, `office`, `audit` and `clock` must outlive this. Throws std::invalid_argument
  /// when a configured wording fails its checks (a start-up failure). Thread-safe.
  ChannelConversations(store::Store& store, OfficeService& office, AuditLog& audit,
                       const Clock& clock, crypto::Bytes receipt_salt, ChannelOptions options = {});

  /// Takes in one message: `channel` kSms or kTelegram, `address` the phone number or
  /// messenger id, `message_id` the channel's own id (the same id again is stored once).
  /// A new sender's message opens an application (contact channel = `channel`) and is
  /// answered with its receipt; a known sender's joins his case. STATUS, HELP and STOP are
  /// answered (STOP destroys his address first). kInvalidInput naming the field for a bad
  /// channel, address, message id or text, with nothing stored.
  Result<InboundResult> Receive(ContactChannel channel, std::string_view address,
                                std::string_view message_id, std::string_view text);

  /// An operator's answer in the case's conversation (OfficeService::Reply), queued for his
  /// phone until his next safe window opens (or, with no windows given, until he writes
  /// again). kForbidden; kInvalidInput ("text"); kNotFound when the case has no channel
  /// conversation; kConflict when he sent STOP (nothing can reach him) or is blocked.
  Result<QueuedReplyView> Reply(const Actor& actor, std::int64_t case_id, std::string_view text);

  /// The case's queued and sent replies, oldest first. kForbidden (also for a case the
  /// operator may not work on), kNotFound.
  Result<std::vector<QueuedReplyView>> ListReplies(const Actor& actor, std::int64_t case_id);

  /// The case's channel conversation, or nullopt when the case came in another way (the web
  /// form). kForbidden without the permission to reply or for a case the operator may not
  /// work on; kNotFound for no case.
  Result<std::optional<ConversationView>> Conversation(const Actor& actor, std::int64_t case_id);

  /// Blocks the sender of `case_id` by his blind index (audited): his messages are dropped
  /// unanswered from now on. kForbidden, kNotFound.
  Status BlockSender(const Actor& actor, std::int64_t case_id);

  /// True when an operator blocked the SMS sender with this phone number (however it is
  /// written): other channels that reach people by their number (the voice line) honour the
  /// block. False for a number nobody blocked, one that is not a phone number, or when the
  /// store cannot be read (a person in danger is not turned away on a fault).
  bool IsBlockedNumber(std::string_view phone_number);

  /// Replies whose window has come, at most `limit`, with the address opened: the oldest of
  /// each sender first, taking turns across senders (one sender's backlog holds nobody up).
  Result<std::vector<OutgoingReply>> TakeDue(int limit);
  /// The channel's word on a reply from TakeDue. A reply no longer due (a delivery report
  /// came first, STOP or a deletion took it) is left as it is, without an error.
  Status ReportDelivery(std::int64_t reply_id, bool delivered);
  /// The network's later word on a sent reply (an SMS delivery report): it reached his phone
  /// (`delivered`) or the network gave up. The same report again succeeds and changes
  /// nothing; kConflict when the reply was not sent or has the other report.
  Status ReportDeliveryReceipt(std::int64_t reply_id, bool delivered);

 private:
  const channels::ReplyWording& Wording(const std::string& language) const;
  store::Blob32 SenderIndex(ContactChannel channel, std::string_view address) const;
  Result<InboundResult> Answer(const std::string& language, const channels::ChannelCommand& command,
                               std::int64_t case_id);
  Result<InboundResult> OpenConversation(ContactChannel channel, std::string_view address,
                                         const store::Blob32& index,
                                         const store::Blob32& message_key, std::string_view text,
                                         const std::string& language);
  /// The sender found, once its row passed its tamper check (docs/security.md, "Tamper-evident
  /// rows"): kIntegrity, audited, otherwise, so that no reply goes to a moved conversation.
  Result<std::optional<store::ChannelSender>> FindSender(const store::Blob32& index);
  Result<std::optional<store::ChannelSender>> FindSenderOfCase(std::int64_t case_id);
  Result<std::optional<store::ChannelSender>> Checked(
      Result<std::optional<store::ChannelSender>> sender) const;
  Result<InboundResult> Join(const store::ChannelSender& sender, const store::Blob32& message_key,
                             std::string_view text);
  Result<channels::ReplyState> StateOf(const Receipt& receipt);

  store::Store& store_;
  store::ChannelStore& channels_;
  OfficeService& office_;
  AuditLog& audit_;
  const Clock& clock_;
  const crypto::Bytes receipt_salt_;
  const ChannelOptions options_;
  std::map<std::string, channels::ReplyWording> wording_;
  SenderThrottle throttle_;    // max_messages_per_hour per sender, in memory, before any other work
  crypto::Key32 index_key_;    // blind index of senders and message ids (never leaves the office)
  crypto::Key32 address_key_;  // seals addresses and queued replies
  crypto::IntakeSealer sealer_;  // seals new applications and his messages like the web form's
};

}  // namespace lifeline::app
