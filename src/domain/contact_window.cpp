#include "domain/contact_window.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace lifeline {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

// Monday = 0 … Sunday = 6, as SafeWindow::days counts.
int MondayBasedWeekday(sys_days day) {
  return static_cast<int>((std::chrono::weekday{day}.c_encoding() + 6) % 7);
}

int DurationMinutes(const SafeWindow& w) {
  const int length = (w.end_minute - w.start_minute + 1440) % 1440;
  return length == 0 ? 1440 : length;  // "20:00-20:00" is the whole day
}

}  // namespace

std::optional<int> ParseUtcOffset(std::string_view text) {
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  // Digits only: from_chars also reads a sign, so "+-5:45" was taken as −05:45 (found by
  // fuzz/safe_window_fuzzer).
  for (const std::size_t at : {1, 2, 4, 5}) {
    if (text[at] < '0' || text[at] > '9') return std::nullopt;
  }
  int hours = 0, mins = 0;
  auto h = std::from_chars(text.data() + 1, text.data() + 3, hours);
  auto m = std::from_chars(text.data() + 4, text.data() + 6, mins);
  if (h.ec != std::errc() || h.ptr != text.data() + 3 || m.ec != std::errc() ||
      m.ptr != text.data() + 6) {
    return std::nullopt;
  }
  if (mins % 15 != 0 || mins >= 60) return std::nullopt;
  const int total = (text[0] == '-' ? -1 : 1) * (hours * 60 + mins);
  if (total < -12 * 60 || total > 14 * 60) return std::nullopt;
  return total;
}

std::string FormatUtcOffset(int minutes) {
  const int magnitude = minutes < 0 ? -minutes : minutes;
  return fmt::format("{}{:02}:{:02}", minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

std::vector<ContactWindow> UpcomingWindows(std::span<const SafeWindow> windows,
                                           int utc_offset_minutes, sys_seconds now,
                                           std::size_t count) {
  std::vector<ContactWindow> found;
  if (windows.empty() || count == 0) return found;
  const minutes offset{utc_offset_minutes};
  const sys_days local_today = std::chrono::floor<days>(now + offset);
  // Yesterday's window may still be open. Every week holds at least one (merged) window, so
  // `count` weeks and a day ahead always hold `count` of them.
  const int last_day = 7 * static_cast<int>(std::min<std::size_t>(count, 52)) + 8;
  for (int day = -1; day < last_day; ++day) {
    const sys_days local_day = local_today + days{day};
    for (const auto& w : windows) {
      if ((w.days & (1u << MondayBasedWeekday(local_day))) == 0) continue;
      const sys_seconds start = sys_seconds{local_day} + minutes{w.start_minute} - offset;
      const sys_seconds end = start + minutes{DurationMinutes(w)};
      if (end > now) found.push_back({start, end});
    }
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.start < b.start; });
  std::vector<ContactWindow> merged;
  for (const auto& w : found) {
    if (!merged.empty() && w.start <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, w.end);
    } else {
      merged.push_back(w);
    }
  }
  if (merged.size() > count) merged.resize(count);
  return merged;
}

}  // namespace lifeline
