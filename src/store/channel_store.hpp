#pragma once
// The lasting state of conversations over SMS and messengers (docs/channels.md): who wrote
// (found only through a keyed blind index of the channel and his address, the address itself
// sealed), which channel message ids were taken in (so a redelivery is stored once), and the
// outbox of operators' replies waiting for the applicant's safe window. Implemented by both
// engines through the SQL written once (store/sql/channel_store.cpp). Same contract as
// store.hpp: durable on return, thread-safe; kNotFound, kConflict, kUnavailable, kInternal.

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/channels/outbound_state.hpp"
#include "domain/result.hpp"
#include "store/records.hpp"

namespace lifeline::store {

using channels::OutboundState;
using channels::ParseOutboundState;
using channels::ToString;

struct ChannelSender {
  std::int64_t id = 0;
  Blob32 sender_index{};               // keyed BLAKE2b of (channel, normalised address): unique
  std::string channel;                 // "sms", "telegram"
  std::int64_t case_id = 0;            // the application his first message opened
  std::string language;                // "ru", "uk", "be", "en": what his replies are written in
  std::optional<Blob> address_sealed;  // nullopt once he sent STOP (shredded)
  bool stopped = false;
  bool blocked = false;
};

struct NewOutbound {
  std::int64_t sender_id = 0;
  Blob text_sealed;                        // under the channel key, bound to the sender
  std::optional<std::int64_t> not_before;  // seconds; nullopt: until he writes again
  std::int64_t created_at = 0;
};

struct StoredOutbound {
  std::int64_t id = 0;
  std::int64_t sender_id = 0;
  OutboundState state = OutboundState::kQueued;
  std::optional<std::int64_t> not_before;
  std::int64_t created_at = 0;
  Blob text_sealed;  // empty once sent or failed: the conversation keeps the reply
};

class ChannelStore {
 public:
  virtual ~ChannelStore() = default;

  /// The sender with this blind index, or nullopt.
  virtual Result<std::optional<ChannelSender>> FindSender(const Blob32& sender_index) = 0;
  virtual Result<ChannelSender> GetSender(std::int64_t id) = 0;
  /// The sender whose first message opened `case_id`, or nullopt.
  virtual Result<std::optional<ChannelSender>> FindSenderOfCase(std::int64_t case_id) = 0;

  /// A new sender's first message, in one transaction: his application (its ids are ignored),
  /// the sender row pointing at it, and the message id taken in. Returns the case id.
  /// kConflict, storing nothing, when the index or the message key is already stored (a
  /// concurrent or repeated delivery: look the sender up again).
  virtual Result<std::int64_t> OpenConversation(const NewApplication& application,
                                                const ChannelSender& sender,
                                                const Blob32& message_key, std::int64_t at) = 0;

  /// A known sender's message, in one transaction: takes `message_key` in, adds `message`
  /// (if any) to his case's conversation and makes his queued replies due at `at` (he holds
  /// his phone now). False, writing nothing, when the key was taken in before.
  virtual Result<bool> RecordInbound(std::int64_t sender_id, const Blob32& message_key,
                                     std::int64_t at, const std::optional<NewMessage>& message) = 0;
  /// Messages taken in from the sender at or after `since` (a flood bound).
  virtual Result<std::int64_t> CountInboundSince(std::int64_t sender_id, std::int64_t since) = 0;

  /// STOP, in one transaction: destroys his sealed address and his unsent replies so that no
  /// database file keeps them readable, and marks him stopped. Idempotent.
  virtual Status StopSender(std::int64_t sender_id) = 0;
  /// Marks him blocked; kNotFound.
  virtual Status BlockSender(std::int64_t sender_id) = 0;

  virtual Result<std::int64_t> QueueOutbound(const NewOutbound& reply) = 0;
  /// Makes queued replies whose not_before has come due; returns how many.
  virtual Result<std::int64_t> ReleaseDue(std::int64_t now) = 0;
  /// Due replies, oldest first, at most `limit`.
  virtual Result<std::vector<StoredOutbound>> ListDue(int limit) = 0;
  /// The sender's replies, oldest first.
  virtual Result<std::vector<StoredOutbound>> ListOutbound(std::int64_t sender_id) = 0;
  /// Moves a due reply to kSent or kFailed and drops its text. kConflict unless it is due.
  virtual Status FinishOutbound(std::int64_t id, OutboundState state) = 0;
  /// The network's delivery report on a sent reply: moves it from kSent (or kDue: the report
  /// may overtake FinishOutbound) to kDelivered or kUndelivered and drops its text. The same
  /// report again succeeds; kConflict when the reply is queued, failed or has the other
  /// report; kInvalidInput for any other state.
  virtual Status RecordDeliveryReport(std::int64_t id, OutboundState state) = 0;
};

}  // namespace lifeline::store
