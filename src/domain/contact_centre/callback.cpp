#include "domain/contact_centre/callback.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lifeline::contact_centre {

Result<Callback> ValidateCallback(const CallbackDraft& draft) {
  Callback c;
  int digits = 0;
  for (std::size_t i = 0; i < draft.number.size(); ++i) {
    const char ch = draft.number[i];
    if (ch >= '0' && ch <= '9') {
      c.number += ch;
      ++digits;
    } else if (ch == '+' && c.number.empty() && digits == 0) {
      c.number += ch;
    } else if (ch != ' ' && ch != '-' && ch != '.' && ch != '(' && ch != ')') {
      return InvalidInput("number: only digits, spaces, dashes, dots, parentheses and a leading +",
                          "number");
    }
  }
  if (digits < CallbackLimits::kMinDigits || digits > CallbackLimits::kMaxDigits) {
    return InvalidInput(fmt::format("number: between {} and {} digits", CallbackLimits::kMinDigits,
                                    CallbackLimits::kMaxDigits),
                        "number");
  }
  if (draft.windows.empty())
    return InvalidInput("windows: give at least one time when it is safe to call back", "windows");
  if (draft.windows.size() > ApplicationLimits::kSafeWindows) {
    return InvalidInput(fmt::format("windows: at most {}", ApplicationLimits::kSafeWindows),
                        "windows");
  }
  for (const auto& text : draft.windows) {
    auto window = ParseSafeWindow(text);
    if (!window) return InvalidInput("windows: write each like \"mon-fri 19:00-21:00\"", "windows");
    c.windows.push_back(*window);
  }
  if (!draft.utc_offset.empty()) {
    auto offset = ParseUtcOffset(draft.utc_offset);
    if (!offset)
      return InvalidInput("utc_offset: write the time zone like \"+03:00\"", "utc_offset");
    c.utc_offset_minutes = *offset;
  }
  if (!draft.language.empty()) {
    auto language = ParseLanguage(draft.language);
    if (!language) return InvalidInput("language must be ru, be, uk or en", "language");
    c.language = *language;
  }
  return c;
}

ContactWindow NextCallbackSlot(const Callback& callback, std::chrono::sys_seconds not_before) {
  const auto next = UpcomingWindows(callback.windows, callback.utc_offset_minutes, not_before, 1);
  // Valid windows recur every week, so there is always a next one.
  ContactWindow slot = next.front();
  slot.start = std::max(slot.start, not_before);
  return slot;
}

}  // namespace lifeline::contact_centre
