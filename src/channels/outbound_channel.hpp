#pragma once
// What every channel that sends operators' replies implements (SMS through Kannel, the
// Telegram bot). The outbox (app::ChannelConversations::TakeDue) hands a due reply to the
// channel it belongs to; the channel says what its gateway made of it.

#include <string>

#include "app/channels/channel_conversations.hpp"

namespace lifeline::channels {

enum class SendOutcome {
  kAccepted,    // the gateway took it (delivery may still be reported later)
  kRetryLater,  // the gateway is down, busy or throttling: keep the reply due, try again later
  kRejected,    // the gateway refused this reply for good (a bad address, a blocked bot)
};

struct SendResult {
  SendOutcome outcome = SendOutcome::kRetryLater;
  /// Seconds the gateway asked us to wait (Telegram's retry_after), or 0.
  int retry_after_seconds = 0;
};

class OutboundChannel {
 public:
  virtual ~OutboundChannel() = default;
  /// Sends one reply. Must not throw; must not log the address or the text.
  virtual SendResult Send(const app::OutgoingReply& reply) = 0;
};

}  // namespace lifeline::channels
