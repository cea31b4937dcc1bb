#include "domain/safe_window.hpp"

#include <fmt/format.h>

#include <array>
#include <iterator>
#include <vector>

#include "domain/application.hpp"
#include "domain/utf8.hpp"

namespace lifeline {
namespace {

constexpr std::array<std::string_view, 7> kEnglishDays = {"mon", "tue", "wed", "thu",
                                                          "fri", "sat", "sun"};
constexpr std::uint8_t kEveryDay = 0x7F, kWeekdays = 0x1F, kWeekend = 0x60;

// Words for days and groups of days as people type them in the four languages: short and
// full names, and the forms "from Monday to Friday" takes (ru "с понедельника по пятницу",
// uk "з понеділка по п'ятницю", be "з панядзелка па пятніцу"). A day is its bit.
struct DayWord {
  std::u32string_view word;
  std::uint8_t days;
};
constexpr DayWord kDayWords[] = {
    // English
    {U"mon", 1},
    {U"monday", 1},
    {U"tue", 2},
    {U"tues", 2},
    {U"tuesday", 2},
    {U"wed", 4},
    {U"weds", 4},
    {U"wednesday", 4},
    {U"thu", 8},
    {U"thur", 8},
    {U"thurs", 8},
    {U"thursday", 8},
    {U"fri", 16},
    {U"friday", 16},
    {U"sat", 32},
    {U"saturday", 32},
    {U"sun", 64},
    {U"sunday", 64},
    {U"weekdays", kWeekdays},
    {U"weekday", kWeekdays},
    {U"weekends", kWeekend},
    {U"weekend", kWeekend},
    {U"daily", kEveryDay},
    {U"everyday", kEveryDay},
    // Russian
    {U"пн", 1},
    {U"пон", 1},
    {U"понедельник", 1},
    {U"понедельника", 1},
    {U"вт", 2},
    {U"вторник", 2},
    {U"вторника", 2},
    {U"ср", 4},
    {U"среда", 4},
    {U"среду", 4},
    {U"среды", 4},
    {U"чт", 8},
    {U"четверг", 8},
    {U"четверга", 8},
    {U"пт", 16},
    {U"пятница", 16},
    {U"пятницу", 16},
    {U"пятницы", 16},
    {U"сб", 32},
    {U"суббота", 32},
    {U"субботу", 32},
    {U"субботы", 32},
    {U"вс", 64},
    {U"воскресенье", 64},
    {U"воскресенья", 64},
    {U"будни", kWeekdays},
    {U"будням", kWeekdays},
    {U"будние", kWeekdays},
    {U"выходные", kWeekend},
    {U"выходным", kWeekend},
    {U"ежедневно", kEveryDay},
    // Ukrainian
    {U"понеділок", 1},
    {U"понеділка", 1},
    {U"вівторок", 2},
    {U"вівторка", 2},
    {U"середа", 4},
    {U"середу", 4},
    {U"середи", 4},
    {U"четвер", 8},
    {U"п'ятниця", 16},
    {U"п'ятницю", 16},
    {U"п'ятниці", 16},
    {U"субота", 32},
    {U"суботу", 32},
    {U"суботи", 32},
    {U"нд", 64},
    {U"неділя", 64},
    {U"неділю", 64},
    {U"неділі", 64},
    {U"будні", kWeekdays},
    {U"вихідні", kWeekend},
    {U"щодня", kEveryDay},
    // Belarusian
    {U"панядзелак", 1},
    {U"панядзелка", 1},
    {U"аў", 2},
    {U"аўторак", 2},
    {U"аўторка", 2},
    {U"серада", 4},
    {U"сераду", 4},
    {U"серады", 4},
    {U"чц", 8},
    {U"чацвер", 8},
    {U"чацвярга", 8},
    {U"пятніца", 16},
    {U"пятніцу", 16},
    {U"пятніцы", 16},
    {U"нядзеля", 64},
    {U"нядзелю", 64},
    {U"нядзелі", 64},
    {U"выхадныя", kWeekend},
    {U"штодня", kEveryDay},
};

// "every day": the first word, then one of the second.
constexpr std::u32string_view kEvery[] = {U"every",   U"каждый", U"кожен",
                                          U"кожного", U"кожны",  U"кожнага"};
constexpr std::u32string_view kDay[] = {U"day", U"день", U"дня", U"дзень"};
// Between two times or two days: "19 до 21", "пн по пт", "mon to fri", "з 19 да 21".
constexpr std::u32string_view kUntil[] = {U"до", U"по",   U"па",    U"да",
                                          U"to", U"till", U"until", U"through"};
// Between days of a list: "сб и вс", "sat and sun".
constexpr std::u32string_view kAnd[] = {U"и", U"і", U"й", U"та", U"and"};
// Words that say nothing here: "с/з/from 19", "в/у/on/at", "по будням" (the по of "on").
constexpr std::u32string_view kFiller[] = {U"с", U"з",  U"ад", U"from", U"в", U"у",
                                           U"ў", U"on", U"at", U"по",   U"па"};

template <std::size_t N>
bool OneOf(std::u32string_view word, const std::u32string_view (&words)[N]) {
  for (auto w : words)
    if (w == word) return true;
  return false;
}

struct Token {
  enum Kind { kWord, kTime, kDash, kComma } kind;
  std::u32string word;    // kWord
  int minutes = 0;        // kTime: minutes after midnight, 0..1440
  bool pm = false;        // kTime: "pm" after it
  bool meridiem = false;  // kTime: "am" or "pm" after it
};

bool IsLetter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= 0x430 && c <= 0x45F) || c == U'\'';
}

// The text as tokens: words (lower case, apostrophes as '), times ("19", "19:00", "19.00",
// "7pm" read as the time and a word), dashes of any kind, commas; spaces separate. Nothing
// else is allowed.
std::optional<std::vector<Token>> Tokens(std::u32string_view text) {
  std::vector<Token> tokens;
  for (std::size_t i = 0; i < text.size();) {
    const char32_t c = text[i];
    if (c == U' ' || c == U'\t' || c == 0xA0) {
      ++i;
    } else if (c == U'-' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 ||
               c == 0x2014 || c == 0x2212) {
      tokens.push_back({Token::kDash, {}});
      ++i;
    } else if (c == U',' || c == U'/' || c == U'+') {
      tokens.push_back({Token::kComma, {}});
      ++i;
    } else if (c == U'.') {
      ++i;  // after an abbreviation: "пн." or "mon."
    } else if (c >= U'0' && c <= U'9') {
      int hours = 0, digits = 0;
      for (; i < text.size() && text[i] >= U'0' && text[i] <= U'9'; ++i, ++digits) {
        if (digits == 2) return std::nullopt;  // an hour has at most two digits
        hours = hours * 10 + static_cast<int>(text[i] - U'0');
      }
      Token time{Token::kTime, {}, hours * 60};
      if (i + 2 < text.size() && (text[i] == U':' || text[i] == U'.') && text[i + 1] >= U'0' &&
          text[i + 1] <= U'9' && text[i + 2] >= U'0' && text[i + 2] <= U'9') {
        const int minutes = static_cast<int>((text[i + 1] - U'0') * 10 + (text[i + 2] - U'0'));
        if (minutes > 59) return std::nullopt;
        time.minutes += minutes;
        i += 3;
      }
      if (hours > 24 || (hours == 24 && time.minutes != 1440)) return std::nullopt;
      tokens.push_back(std::move(time));
    } else if (IsLetter(c) || c == 0x2019 || c == 0x2BC) {
      Token word{Token::kWord, {}};
      for (; i < text.size() && (IsLetter(text[i]) || text[i] == 0x2019 || text[i] == 0x2BC); ++i)
        word.word += IsLetter(text[i]) ? text[i] : U'\'';
      tokens.push_back(std::move(word));
    } else {
      return std::nullopt;
    }
  }
  return tokens;
}

// Applies "am"/"pm" after a time, and drops the hour words ("ч", "h", "часов"...).
std::optional<std::vector<Token>> ReadHourWords(std::vector<Token> tokens) {
  std::vector<Token> out;
  for (auto& t : tokens) {
    if (t.kind == Token::kWord && !out.empty() && out.back().kind == Token::kTime) {
      Token& time = out.back();
      if (t.word == U"am" || t.word == U"pm") {
        const int hours = time.minutes / 60;
        if (hours < 1 || hours > 12) return std::nullopt;
        time.pm = t.word == U"pm";
        time.meridiem = true;
        time.minutes = time.minutes % 60 + (hours % 12 + (time.pm ? 12 : 0)) * 60;
        continue;
      }
      if (t.word == U"h" || t.word == U"ч" || t.word == U"час" || t.word == U"часа" ||
          t.word == U"часов" || t.word == U"год" || t.word == U"гадз")
        continue;
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::optional<std::uint8_t> DayWordMask(std::u32string_view word) {
  for (const auto& d : kDayWords)
    if (d.word == word) return d.days;
  return std::nullopt;
}

int DayIndex(std::uint8_t single_day_bit) {
  int d = 0;
  while (!(single_day_bit & (1u << d))) ++d;
  return d;
}

bool IsSingleDay(std::uint8_t mask) { return mask != 0 && (mask & (mask - 1)) == 0; }

// The days of what is left once the times are taken: a list of days, ranges ("пн-пт",
// "mon to fri", "с понедельника по пятницу") and groups ("будни"). Empty: every day.
std::optional<std::uint8_t> ReadDays(const std::vector<Token>& tokens) {
  std::uint8_t mask = 0;
  int range_from = -1;  // the single day before a dash or "по", if any
  bool pending_range = false;
  bool saw_day = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind == Token::kComma) {
      if (pending_range) return std::nullopt;
      range_from = -1;
      continue;
    }
    if (t.kind == Token::kDash ||
        (t.kind == Token::kWord && OneOf(t.word, kUntil) && range_from >= 0)) {
      if (range_from < 0 || pending_range) return std::nullopt;
      pending_range = true;
      continue;
    }
    if (t.kind != Token::kWord) return std::nullopt;
    if (OneOf(t.word, kAnd)) {
      if (pending_range) return std::nullopt;
      range_from = -1;
      continue;
    }
    if (OneOf(t.word, kEvery) && i + 1 < tokens.size() && tokens[i + 1].kind == Token::kWord &&
        OneOf(tokens[i + 1].word, kDay)) {
      mask = kEveryDay;
      saw_day = true;
      ++i;
      continue;
    }
    if (OneOf(t.word, kFiller)) continue;
    auto days = DayWordMask(t.word);
    if (!days) return std::nullopt;
    saw_day = true;
    if (pending_range) {
      if (!IsSingleDay(*days)) return std::nullopt;
      for (int d = range_from;; d = (d + 1) % 7) {  // "sat-mon" wraps over the week
        mask |= static_cast<std::uint8_t>(1u << d);
        if (d == DayIndex(*days)) break;
      }
      pending_range = false;
      range_from = -1;
      continue;
    }
    mask |= *days;
    range_from = IsSingleDay(*days) ? DayIndex(*days) : -1;
  }
  if (pending_range) return std::nullopt;
  if (!saw_day) return kEveryDay;
  return mask;
}

}  // namespace

std::optional<SafeWindow> ParseSafeWindow(std::string_view text) {
  if (!IsValidUtf8(text)) return std::nullopt;
  std::u32string lower = DecodeUtf8(text);
  for (auto& c : lower) c = LowerLatinOrCyrillic(c);
  auto lexed = Tokens(lower);
  if (!lexed) return std::nullopt;
  auto tokens = ReadHourWords(std::move(*lexed));
  if (!tokens) return std::nullopt;
  // The times: exactly one pair, "T1 - T2" or "T1 до/to T2" (with "с/from" before, if any).
  std::optional<std::size_t> first;
  for (std::size_t i = 0; i < tokens->size(); ++i) {
    if ((*tokens)[i].kind != Token::kTime) continue;
    if (first) return std::nullopt;  // a third time, or two pairs
    const bool joined =
        i + 2 < tokens->size() && (*tokens)[i + 2].kind == Token::kTime &&
        ((*tokens)[i + 1].kind == Token::kDash ||
         ((*tokens)[i + 1].kind == Token::kWord && OneOf((*tokens)[i + 1].word, kUntil)));
    if (!joined) return std::nullopt;
    first = i;
    i += 2;
  }
  if (!first) return std::nullopt;
  // "7-9pm" is 19:00-21:00: a bare start takes the end's "pm" where that keeps it earlier.
  Token& start = (*tokens)[*first];
  const Token& end = (*tokens)[*first + 2];
  if (!start.meridiem && end.pm && start.minutes >= 60 && start.minutes < 720 &&
      start.minutes + 720 < end.minutes)
    start.minutes += 720;
  SafeWindow window;
  window.start_minute = (*tokens)[*first].minutes % 1440;
  window.end_minute = (*tokens)[*first + 2].minutes % 1440;
  if (window.start_minute == window.end_minute) return std::nullopt;
  std::vector<Token> rest(tokens->begin(), tokens->begin() + static_cast<long>(*first));
  // A "с/з/from" just before the times belongs to them.
  if (!rest.empty() && rest.back().kind == Token::kWord && OneOf(rest.back().word, kFiller))
    rest.pop_back();
  rest.insert(rest.end(), tokens->begin() + static_cast<long>(*first) + 3, tokens->end());
  auto days = ReadDays(rest);
  if (!days || *days == 0) return std::nullopt;
  window.days = *days;
  return window;
}

std::string FormatSafeWindow(const SafeWindow& window) {
  std::string days;
  if (window.days != kEveryDay) {
    int d = 0;
    while (d < 7) {
      if (!(window.days & (1u << d))) {
        ++d;
        continue;
      }
      int run_end = d;
      while (run_end + 1 < 7 && (window.days & (1u << (run_end + 1)))) ++run_end;
      if (!days.empty()) days += ',';
      days += kEnglishDays[d];
      if (run_end > d) {
        days += '-';
        days += kEnglishDays[run_end];
      }
      d = run_end + 1;
    }
    days += ' ';
  }
  return fmt::format("{}{:02}:{:02}-{:02}:{:02}", days, window.start_minute / 60,
                     window.start_minute % 60, window.end_minute / 60, window.end_minute % 60);
}

std::string DescribeSafeWindow(const SafeWindow& window, Language language) {
  struct Words {
    std::array<std::string_view, 7> days;
    std::string_view every_day, weekdays, weekend;
  };
  // ru, be, uk, en: the order of Language.
  static constexpr std::array<Words, 4> kWords = {{
      {{"пн", "вт", "ср", "чт", "пт", "сб", "вс"}, "ежедневно", "по будням", "в выходные"},
      {{"пн", "аў", "ср", "чц", "пт", "сб", "нд"}, "штодня", "у будні", "у выхадныя"},
      {{"пн", "вт", "ср", "чт", "пт", "сб", "нд"}, "щодня", "у будні", "у вихідні"},
      {{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}, "every day", "weekdays", "weekends"},
  }};
  const Words& w = kWords[static_cast<std::size_t>(language)];
  std::string days;
  if (window.days == kEveryDay) {
    days = w.every_day;
  } else if (window.days == kWeekdays) {
    days = w.weekdays;
  } else if (window.days == kWeekend) {
    days = w.weekend;
  } else {
    // Runs of three days or more as a range, others one by one: "пн–ср, пт".
    for (int d = 0; d < 7;) {
      if (!(window.days & (1u << d))) {
        ++d;
        continue;
      }
      int run_end = d;
      while (run_end + 1 < 7 && (window.days & (1u << (run_end + 1)))) ++run_end;
      const int last = run_end - d >= 2 ? run_end : d;
      if (!days.empty()) days += ", ";
      days += w.days[static_cast<std::size_t>(d)];
      if (last > d)
        fmt::format_to(std::back_inserter(days), "–{}", w.days[static_cast<std::size_t>(last)]);
      d = last + 1;
    }
  }
  return fmt::format("{}, {:02}:{:02}–{:02}:{:02}", days, window.start_minute / 60,
                     window.start_minute % 60, window.end_minute / 60, window.end_minute % 60);
}

}  // namespace lifeline
