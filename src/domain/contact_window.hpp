#pragma once
// When the applicant may be contacted. Their safe windows are weekly and in their own local
// time; the office works in UTC. Operators must never contact outside a window, so the
// office schedules contact only at the windows computed here.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/safe_window.hpp"

namespace lifeline {

/// Offsets are whole quarter hours from UTC−12:00 to UTC+14:00; applicants who give none
/// are taken to be on Moscow time.
inline constexpr int kDefaultUtcOffsetMinutes = 180;

/// Parses "+03:00" / "-01:30"; nullopt when malformed or out of range.
std::optional<int> ParseUtcOffset(std::string_view text);
std::string FormatUtcOffset(int minutes);

/// One occurrence of a safe window, in UTC. `end` is exclusive.
struct ContactWindow {
  std::chrono::sys_seconds start;
  std::chrono::sys_seconds end;
  bool Contains(std::chrono::sys_seconds t) const { return start <= t && t < end; }
};

/// The next `count` occurrences of `windows` (in local time at `utc_offset_minutes`) that
/// have not ended by `now`, soonest first; the first may contain `now`. Overlapping
/// occurrences are merged. Empty when `windows` is.
std::vector<ContactWindow> UpcomingWindows(std::span<const SafeWindow> windows,
                                           int utc_offset_minutes, std::chrono::sys_seconds now,
                                           std::size_t count);

}  // namespace lifeline
