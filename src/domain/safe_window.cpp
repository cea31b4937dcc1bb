#include "domain/safe_window.hpp"

#include <fmt/format.h>

#include <array>

namespace lifeline {
namespace {

constexpr std::array<std::string_view, 7> kEnglishDays = {"mon", "tue", "wed", "thu",
                                                          "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> kRussianDays = {"пн", "вт", "ср", "чт", "пт", "сб", "вс"};

std::optional<int> ParseDay(std::string_view s) {
  for (int i = 0; i < 7; ++i) {
    if (s == kEnglishDays[i] || s == kRussianDays[i]) return i;
  }
  return std::nullopt;
}

std::optional<std::uint8_t> ParseDays(std::string_view text) {
  if (text == "daily") return 0x7F;
  std::uint8_t mask = 0;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    const auto dash = item.find('-');
    auto first = ParseDay(item.substr(0, dash));
    auto last = dash == std::string_view::npos ? first : ParseDay(item.substr(dash + 1));
    if (!first || !last) return std::nullopt;
    for (int d = *first;; d = (d + 1) % 7) {  // "sat-mon" wraps over the week's end
      mask |= static_cast<std::uint8_t>(1u << d);
      if (d == *last) break;
    }
  }
  return mask == 0 ? std::nullopt : std::optional<std::uint8_t>(mask);
}

std::optional<int> ParseHhMm(std::string_view s) {
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || s.size() - colon != 3) {
    return std::nullopt;
  }
  int hours = 0, minutes = 0;
  for (char c : s.substr(0, colon)) {
    if (c < '0' || c > '9') return std::nullopt;
    hours = hours * 10 + (c - '0');
  }
  for (char c : s.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    minutes = minutes * 10 + (c - '0');
  }
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<SafeWindow> ParseSafeWindow(std::string_view text) {
  text = Trim(text);
  SafeWindow window;
  const auto space = text.rfind(' ');
  std::string_view times = text;
  if (space != std::string_view::npos) {
    auto days = ParseDays(Trim(text.substr(0, space)));
    if (!days) return std::nullopt;
    window.days = *days;
    times = text.substr(space + 1);
  }
  const auto dash = times.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto start = ParseHhMm(times.substr(0, dash));
  auto end = ParseHhMm(times.substr(dash + 1));
  if (!start || !end || *start == *end) return std::nullopt;
  window.start_minute = *start % 1440;
  window.end_minute = *end % 1440;
  if (window.start_minute == window.end_minute) return std::nullopt;
  return window;
}

std::string FormatSafeWindow(const SafeWindow& window) {
  std::string days;
  if (window.days != 0x7F) {
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

}  // namespace lifeline
