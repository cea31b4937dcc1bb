#pragma once
// A safe-callback request as the office keeps it (callback.hpp has the rules that schedule
// it).

#include <cstdint>
#include <string>

#include "domain/contact_centre/callback_status.hpp"
#include "domain/record_values.hpp"

namespace lifeline::contact_centre {

/// A safe-callback request (domain/contact_centre/callback.hpp): the number, windows and time
/// zone sealed under the office's callback key (only the office derives it), the schedule
/// in clear. The schedule lies inside the caller's windows, so over many requests it hints
/// at them, as tasks' due times do.
struct NewCallback {
  Blob32 seal_id{};  // random; binds the seal to this row (associated data)
  Blob sealed;
  std::string language;  // wire name, for routing the call back to an operator who speaks it
  std::int64_t created_at = 0;
  std::int64_t due_at = 0;      // inside a window of the caller's
  std::int64_t window_end = 0;  // that window's end: never call at or after it
};

struct StoredCallback : NewCallback {
  std::int64_t id = 0;
  CallbackStatus status = CallbackStatus::kPending;
  int attempts = 0;
};

}  // namespace lifeline::contact_centre
