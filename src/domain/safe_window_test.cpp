#include "domain/safe_window.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

TEST(SafeWindow, ParsesDaysAndTimes) {
  auto w = ParseSafeWindow("mon-fri 19:00-21:30");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->days, 0x1F);
  EXPECT_EQ(w->start_minute, 19 * 60);
  EXPECT_EQ(w->end_minute, 21 * 60 + 30);
}

TEST(SafeWindow, NoDaysMeansDailyAndRussianDaysWork) {
  EXPECT_EQ(ParseSafeWindow("9:00-10:00")->days, 0x7F);
  EXPECT_EQ(ParseSafeWindow("сб,вс 10:00-12:00")->days, 0x60);
}

TEST(SafeWindow, WrapsOverMidnightAndWeekEnd) {
  auto w = ParseSafeWindow("sat-mon 23:00-01:00");
  ASSERT_TRUE(w);
  EXPECT_EQ(w->days, 0x61);
  EXPECT_GT(w->start_minute, w->end_minute);
}

TEST(SafeWindow, FormatRoundTrips) {
  for (const char* text :
       {"mon-fri 19:00-21:00", "10:00-11:00", "mon,wed,fri 08:15-08:45", "sat-sun 23:00-01:00"}) {
    auto w = ParseSafeWindow(text);
    ASSERT_TRUE(w) << text;
    EXPECT_EQ(ParseSafeWindow(FormatSafeWindow(*w)), w) << text;
  }
  EXPECT_EQ(FormatSafeWindow(*ParseSafeWindow("mon-fri 19:00-21:00")), "mon-fri 19:00-21:00");
}

TEST(SafeWindow, RejectsNonsense) {
  for (const char* text : {"", "evening", "25:00-26:00", "10:00-10:00", "mon-xyz 10:00-11:00",
                           "10:60-11:00", "10:00", "10:00-", "monday 10:00-11:00"}) {
    EXPECT_FALSE(ParseSafeWindow(text)) << text;
  }
}

}  // namespace
}  // namespace lifeline
