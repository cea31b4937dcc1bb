#pragma once
// A safe callback's state (app/cases/office_callbacks.cpp): where it stands between the caller's
// request and the call.

#include <optional>
#include <string_view>

namespace lifeline::contact_centre {

/// pending: waits for its slot; dialing: handed to the telephony side; connected, lapsed:
/// over, and the sealed number is shredded.
enum class CallbackStatus { kPending, kDialing, kConnected, kLapsed };
inline std::string_view ToString(CallbackStatus status) {
  switch (status) {
    case CallbackStatus::kPending:
      return "pending";
    case CallbackStatus::kDialing:
      return "dialing";
    case CallbackStatus::kConnected:
      return "connected";
    case CallbackStatus::kLapsed:
      return "lapsed";
  }
  return "?";
}
inline std::optional<CallbackStatus> ParseCallbackStatus(std::string_view text) {
  for (auto s : {CallbackStatus::kPending, CallbackStatus::kDialing, CallbackStatus::kConnected,
                 CallbackStatus::kLapsed}) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

}  // namespace lifeline::contact_centre
