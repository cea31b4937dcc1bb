#pragma once
// Marks a Russian text for the console's catalogue (po/console/, server/console_text.hpp)
// without translating it: xgettext reads the literal inside Marked("…"), and the console
// translates the value where it shows it. For tables of words kept beside their codes (in
// domain/ or server/); the value is the Russian itself.

#include <string_view>

namespace lifeline {

constexpr std::string_view Marked(std::string_view russian) { return russian; }

}  // namespace lifeline
