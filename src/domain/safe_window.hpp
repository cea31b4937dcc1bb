#pragma once
// A weekly time window in which the applicant says contact is safe. Operators must never
// contact outside these windows (issue 4 schedules inside them), so they are structured,
// not free text.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lifeline {

struct SafeWindow {
  std::uint8_t days = 0x7F;  // bit 0 = Monday … bit 6 = Sunday
  int start_minute = 0;      // minutes after local midnight, [0, 1440)
  int end_minute = 0;        // exclusive; less than start_minute means the window spans midnight

  bool operator==(const SafeWindow&) const = default;
};

/// Parses "[DAYS ]HH:MM-HH:MM". DAYS is a comma list of days or day ranges in English or
/// Russian abbreviations ("mon-fri", "sat,sun", "пн-пт") or "daily"; absent means daily.
/// Returns nullopt when the text does not follow that form.
std::optional<SafeWindow> ParseSafeWindow(std::string_view text);

/// Canonical text, e.g. "mon-fri 19:00-21:00"; ParseSafeWindow(Format(w)) == w.
std::string FormatSafeWindow(const SafeWindow& window);

}  // namespace lifeline
