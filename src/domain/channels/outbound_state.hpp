#pragma once
// Where an operator's reply to an SMS or messenger conversation stands on its way to his
// phone (docs/channels.md).

#include <iterator>
#include <optional>
#include <string_view>

namespace lifeline::channels {

enum class OutboundState { kQueued, kDue, kSent, kFailed, kDelivered, kUndelivered };
inline constexpr std::string_view kOutboundStateNames[] = {"queued", "due",       "sent",
                                                           "failed", "delivered", "undelivered"};
/// "queued" (waiting for his safe window), "due" (to be sent now), "sent" (the gateway took
/// it), "failed" (the gateway refused it), and after "sent" the network's delivery report:
/// "delivered" (it reached his phone) or "undelivered" (the network gave up).
inline std::string_view ToString(OutboundState state) {
  return kOutboundStateNames[static_cast<int>(state)];
}
inline std::optional<OutboundState> ParseOutboundState(std::string_view text) {
  for (int i = 0; i < static_cast<int>(std::size(kOutboundStateNames)); ++i) {
    if (kOutboundStateNames[i] == text) return static_cast<OutboundState>(i);
  }
  return std::nullopt;
}

}  // namespace lifeline::channels
