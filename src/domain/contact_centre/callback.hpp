#pragma once
// Safe callbacks: a caller who would wait too long leaves a number and the times it is safe
// to call back. The number and the windows are contact data, sealed like an application's;
// the office only ever schedules the call inside one of the caller's windows. Pure.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "domain/application.hpp"
#include "domain/contact_window.hpp"
#include "domain/result.hpp"
#include "domain/safe_window.hpp"

namespace lifeline::contact_centre {

/// As the telephony side sends it.
struct CallbackDraft {
  std::string number;
  std::vector<std::string> windows;  // "mon-fri 19:00-21:00", at least one
  std::string utc_offset;            // "+03:00"; empty: Moscow time
  std::string language;              // ru, be, uk or en; empty: ru
};

/// A valid request. Holds personal data: never log it.
struct Callback {
  std::string number;  // digits, with a leading + when one was given
  std::vector<SafeWindow> windows;
  int utc_offset_minutes = kDefaultUtcOffsetMinutes;
  Language language = Language::kRu;
};

struct CallbackLimits {
  static constexpr int kMinDigits = 5;
  static constexpr int kMaxDigits = 20;
  static constexpr int kMaxAttempts = 3;  // unanswered calls before the request lapses
  static constexpr std::chrono::minutes kRetryAfter{10};  // a new attempt, still inside the window
};

/// kInvalidInput naming the field: a number with too few or too many digits or other
/// characters than digits, spaces, dashes, dots, parentheses and a leading +; no window or a
/// malformed one; a bad offset or language.
Result<Callback> ValidateCallback(const CallbackDraft& draft);

/// When to call: the first moment not before `not_before` inside one of the caller's
/// windows, and that window's end. Never outside a window.
ContactWindow NextCallbackSlot(const Callback& callback, std::chrono::sys_seconds not_before);

}  // namespace lifeline::contact_centre
