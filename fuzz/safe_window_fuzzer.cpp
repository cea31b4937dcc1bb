// Safe windows and UTC offsets as an applicant gives them (API, form): a window that parses
// prints in canonical form and parses back to itself; an offset that parses is in range and
// was written in its canonical form; the contact windows computed from them are ordered.

#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <vector>

#include "domain/contact_window.hpp"
#include "domain/safe_window.hpp"
#include "fuzz_check.hpp"

using namespace lifeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string offset_text = in.ConsumeRandomLengthString(8);
  int offset = kDefaultUtcOffsetMinutes;
  if (auto parsed = ParseUtcOffset(offset_text)) {
    FUZZ_CHECK(*parsed >= -12 * 60 && *parsed <= 14 * 60 && *parsed % 15 == 0);
    FUZZ_CHECK(FormatUtcOffset(*parsed) == offset_text ||
               (*parsed == 0 && offset_text == "-00:00"));
    FUZZ_CHECK(ParseUtcOffset(FormatUtcOffset(*parsed)) == parsed);
    offset = *parsed;
  }
  std::vector<SafeWindow> windows;
  while (in.remaining_bytes() > 0 && windows.size() < 8) {
    const std::string text = in.ConsumeRandomLengthString(40);
    auto window = ParseSafeWindow(text);
    if (!window) continue;
    FUZZ_CHECK(window->days != 0 && window->days <= 0x7F);
    FUZZ_CHECK(window->start_minute >= 0 && window->start_minute < 1440);
    FUZZ_CHECK(window->end_minute >= 0 && window->end_minute < 1440 &&
               window->end_minute != window->start_minute);
    const std::string canonical = FormatSafeWindow(*window);
    auto again = ParseSafeWindow(canonical);
    FUZZ_CHECK(again && *again == *window && FormatSafeWindow(*again) == canonical);
    windows.push_back(*window);
  }
  const auto now = std::chrono::sys_seconds{std::chrono::seconds{1773532800}};  // 2026-03-15
  const auto upcoming = UpcomingWindows(windows, offset, now, 5);
  FUZZ_CHECK(upcoming.size() <= 5 && (windows.empty() == upcoming.empty()));
  for (std::size_t i = 0; i < upcoming.size(); ++i) {
    FUZZ_CHECK(upcoming[i].start < upcoming[i].end && upcoming[i].end > now);
    if (i > 0) FUZZ_CHECK(upcoming[i - 1].end <= upcoming[i].start);
  }
  return 0;
}
