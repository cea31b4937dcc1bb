// Safe windows as people type them: every expected window below was worked out by hand
// (days as bits: Monday 1, Tuesday 2, Wednesday 4, Thursday 8, Friday 16, Saturday 32,
// Sunday 64; weekdays 31, the weekend 96, every day 127; times in minutes after midnight).

#include "domain/safe_window.hpp"

#include <gtest/gtest.h>

#include "domain/application.hpp"

namespace lifeline {
namespace {

struct Read {
  const char* text;
  std::uint8_t days;
  int start, end;
};

TEST(SafeWindow, ReadsWhatPeopleTypeInFourLanguages) {
  const Read table[] = {
      // The canonical form and its old inputs.
      {"mon-fri 19:00-21:30", 31, 1140, 1290},
      {"9:00-10:00", 127, 540, 600},
      {"сб,вс 10:00-12:00", 96, 600, 720},
      {"sat-mon 23:00-01:00", 97, 1380, 60},  // over the week's end and midnight
      // What the walkthrough typed and was refused.
      {"Пн-Пт 19:00-21:00", 31, 1140, 1260},
      {"19-21", 127, 1140, 1260},
      {"19.00-21.00", 127, 1140, 1260},
      {"пн - пт 19:00 - 21:00", 31, 1140, 1260},
      {"будни 19-21", 31, 1140, 1260},
      {"нд 10-12", 64, 600, 720},              // Ukrainian and Belarusian Sunday
      {"аў, чц 18:30-20:00", 10, 1110, 1200},  // Belarusian Tuesday and Thursday
      // Dashes of every kind, case, dots after abbreviations, times first.
      {"ПН–ПТ 19:00—21:00", 31, 1140, 1260},
      {"пн.-пт. 19.00 − 21.00", 31, 1140, 1260},
      {"19:00-21:00 пн-пт", 31, 1140, 1260},
      // Words for "from ... to", groups and every day.
      {"с 19 до 21", 127, 1140, 1260},
      {"с понедельника по пятницу с 19 до 21", 31, 1140, 1260},
      {"з понеділка по п'ятницю з 19 до 21", 31, 1140, 1260},
      {"з панядзелка па пятніцу з 19 да 21", 31, 1140, 1260},
      {"з понеділка по п’ятницю 8-9", 31, 480, 540},  // a typographic apostrophe
      {"по будням 19-21", 31, 1140, 1260},
      {"в выходные 10:00-14:00", 96, 600, 840},
      {"вихідні 10-14", 96, 600, 840},
      {"выхадныя 10-14", 96, 600, 840},
      {"ежедневно 22-23", 127, 1320, 1380},
      {"щодня 22-23", 127, 1320, 1380},
      {"штодня 22-23", 127, 1320, 1380},
      {"каждый день 22-23", 127, 1320, 1380},
      {"сб и вс 10-12", 96, 600, 720},
      {"Monday, Wednesday and Friday 8:15-8:45", 21, 495, 525},
      {"mon to thu 6-8", 15, 360, 480},
      {"weekends 10-12", 96, 600, 720},
      {"every day 7pm-9pm", 127, 1140, 1260},
      {"7-9pm", 127, 1140, 1260},  // the start takes the end's pm
      {"11-1pm", 127, 660, 780},   // ... only where that keeps it earlier
      {"12am-6am", 127, 0, 360},
      {"19ч-21ч", 127, 1140, 1260},
      {"22:00-24:00", 127, 1320, 0},    // to midnight
      {"пт-пн 22-02", 113, 1320, 120},  // Friday to Monday: 16+32+64+1
      {"пн-ср, пт 9-10", 23, 540, 600},
  };
  for (const auto& r : table) {
    const auto w = ParseSafeWindow(r.text);
    ASSERT_TRUE(w) << r.text;
    EXPECT_EQ(w->days, r.days) << r.text;
    EXPECT_EQ(w->start_minute, r.start) << r.text;
    EXPECT_EQ(w->end_minute, r.end) << r.text;
  }
}

TEST(SafeWindow, FormatRoundTrips) {
  for (const char* text : {"mon-fri 19:00-21:00", "10:00-11:00", "mon,wed,fri 08:15-08:45",
                           "sat-sun 23:00-01:00", "будни 19-21", "пт-пн 22-02"}) {
    auto w = ParseSafeWindow(text);
    ASSERT_TRUE(w) << text;
    EXPECT_EQ(ParseSafeWindow(FormatSafeWindow(*w)), w) << text;
  }
  EXPECT_EQ(FormatSafeWindow(*ParseSafeWindow("Пн-Пт 19-21")), "mon-fri 19:00-21:00");
}

TEST(SafeWindow, RefusesWhatCannotBeReadOneWay) {
  for (const char* text :
       {"", "evening", "вечером", "25:00-26:00", "10:00-10:00", "mon-xyz 10:00-11:00",
        "10:60-11:00", "10:00", "10:00-", "19-21 20-22",  // two ranges
        "пн-будни 10-12", "пн- 10-12", "пн-ср-пт 10-12", "1900-2100", "24:30-01:00", "13pm-14pm",
        "пн 10-12 (дома)", "понедельник"}) {
    EXPECT_FALSE(ParseSafeWindow(text)) << text;
  }
  // Long numbers are refused without overflowing (found by the fuzzer).
  for (const char* text : {"333333333333-21", "пн 10-99999999999999999999"})
    EXPECT_FALSE(ParseSafeWindow(text)) << text;
}

TEST(SafeWindow, SaysHowItWasReadInThePersonsLanguage) {
  const auto weekdays = *ParseSafeWindow("будни 19-21");
  EXPECT_EQ(DescribeSafeWindow(weekdays, Language::kRu), "по будням, 19:00–21:00");
  EXPECT_EQ(DescribeSafeWindow(weekdays, Language::kUk), "у будні, 19:00–21:00");
  EXPECT_EQ(DescribeSafeWindow(weekdays, Language::kBe), "у будні, 19:00–21:00");
  EXPECT_EQ(DescribeSafeWindow(weekdays, Language::kEn), "weekdays, 19:00–21:00");
  const auto some = *ParseSafeWindow("пн-ср, пт 9-10");
  EXPECT_EQ(DescribeSafeWindow(some, Language::kRu), "пн–ср, пт, 09:00–10:00");
  EXPECT_EQ(DescribeSafeWindow(*ParseSafeWindow("вт, чт 9-10"), Language::kBe),
            "аў, чц, 09:00–10:00");
  EXPECT_EQ(DescribeSafeWindow(*ParseSafeWindow("sat,sun 23-1"), Language::kUk),
            "у вихідні, 23:00–01:00");
  EXPECT_EQ(DescribeSafeWindow(*ParseSafeWindow("22-23"), Language::kEn), "every day, 22:00–23:00");
  EXPECT_EQ(DescribeSafeWindow(*ParseSafeWindow("mon,tue 8-9"), Language::kEn),
            "Mon, Tue, 08:00–09:00");
  EXPECT_EQ(DescribeSafeWindow(*ParseSafeWindow("mon-thu 8-9"), Language::kRu),
            "пн–чт, 08:00–09:00");
}

}  // namespace
}  // namespace lifeline
