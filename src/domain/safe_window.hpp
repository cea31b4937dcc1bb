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

/// Reads a window as people type it in Russian, Ukrainian, Belarusian or English: days
/// (short or full names, "пн", "нд", "аў", "чц", "monday", in any case; lists, ranges with a
/// dash or "по/to", "с понедельника по пятницу"; "будни", "выходные", "вихідні", "weekends";
/// "ежедневно", "щодня", "штодня", "каждый день", "daily"; none given: every day), before or
/// after one time range ("19:00-21:00", "19-21", "19.00 – 21.00", "с 19 до 21", "7-9pm",
/// "19ч-21ч"). Returns nullopt for anything else (two time ranges, an unknown word, a time
/// past 24:00, an empty window). FormatSafeWindow's canonical text reads back the same.
std::optional<SafeWindow> ParseSafeWindow(std::string_view text);

/// Canonical text, e.g. "mon-fri 19:00-21:00"; ParseSafeWindow(Format(w)) == w.
std::string FormatSafeWindow(const SafeWindow& window);

enum class Language;  // application.hpp

/// The window in words of `language`, to show a person how their text was read: "по
/// будням, 19:00–21:00", "Mon, Wed, Fri, 08:15–08:45", "щодня, 23:00–01:00".
std::string DescribeSafeWindow(const SafeWindow& window, Language language);

}  // namespace lifeline
