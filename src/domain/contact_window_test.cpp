#include "domain/contact_window.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

using namespace std::chrono;

// 2026-11-23 is a Monday.
sys_seconds Utc(int day, int hour, int minute = 0) {
  return sys_seconds{sys_days{year{2026} / November / day}} + hours{hour} + minutes{minute};
}

SafeWindow Window(std::string_view text) { return *ParseSafeWindow(text); }

TEST(ContactWindow, OffsetsParseOnlyWithinRangeInQuarterHours) {
  EXPECT_EQ(ParseUtcOffset("+03:00"), 180);
  EXPECT_EQ(ParseUtcOffset("-01:30"), -90);
  EXPECT_EQ(ParseUtcOffset("+05:45"), 345);
  EXPECT_EQ(ParseUtcOffset("+14:00"), 840);
  for (const char* bad :
       {"+15:00", "-13:00", "+03:10", "03:00", "+3:00", "+03:60", "", "+0a:00", "+-5:45", "+-1:00",
        "+00:-0", "-+3:00"}) {  // a sign inside: found by fuzz/safe_window_fuzzer
    EXPECT_FALSE(ParseUtcOffset(bad)) << bad;
  }
  EXPECT_EQ(FormatUtcOffset(-90), "-01:30");
  EXPECT_EQ(FormatUtcOffset(180), "+03:00");
}

TEST(ContactWindow, WindowsAreTheApplicantsLocalTimeTurnedIntoUtc) {
  const SafeWindow evenings = Window("mon-fri 19:00-21:00");
  // Monday 10:00 UTC is 13:00 in Moscow: the next window opens at 19:00 MSK = 16:00 UTC.
  auto next = UpcomingWindows(std::span(&evenings, 1), 180, Utc(23, 10), 3);
  ASSERT_EQ(next.size(), 3u);
  EXPECT_EQ(next[0].start, Utc(23, 16));
  EXPECT_EQ(next[0].end, Utc(23, 18));
  EXPECT_EQ(next[1].start, Utc(24, 16));
  // At UTC+5 the same local evening is two hours earlier in UTC.
  EXPECT_EQ(UpcomingWindows(std::span(&evenings, 1), 300, Utc(23, 10), 1)[0].start, Utc(23, 14));
  // Inside the window, it is the current one.
  auto now = UpcomingWindows(std::span(&evenings, 1), 180, Utc(23, 17), 1);
  EXPECT_TRUE(now[0].Contains(Utc(23, 17)));
  // Friday evening's window is followed by Monday's: the weekend is skipped.
  auto after_friday = UpcomingWindows(std::span(&evenings, 1), 180, Utc(27, 19), 1);
  EXPECT_EQ(after_friday[0].start, Utc(30, 16));
}

TEST(ContactWindow, AWindowAcrossMidnightStaysOpenIntoTheNextDay) {
  const SafeWindow night = Window("sat 23:00-01:00");
  // Saturday 28th 23:00 MSK = 20:00 UTC, until Sunday 01:00 MSK = 22:00 UTC.
  auto windows = UpcomingWindows(std::span(&night, 1), 180, Utc(28, 21), 1);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].start, Utc(28, 20));
  EXPECT_EQ(windows[0].end, Utc(28, 22));
  EXPECT_TRUE(windows[0].Contains(Utc(28, 21)));
}

TEST(ContactWindow, OverlappingWindowsMergeAndNoWindowsMeanNone) {
  const SafeWindow both[] = {Window("daily 10:00-12:00"), Window("mon 11:00-13:00")};
  auto windows = UpcomingWindows(both, 0, Utc(23, 9), 2);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[0].start, Utc(23, 10));
  EXPECT_EQ(windows[0].end, Utc(23, 13));
  EXPECT_EQ(windows[1].start, Utc(24, 10));
  EXPECT_TRUE(UpcomingWindows({}, 180, Utc(23, 9), 5).empty());
}

}  // namespace
}  // namespace lifeline
