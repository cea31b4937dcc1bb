#pragma once
// The rules' details in the console's language. A rule (app/, domain/) says what is wrong in
// English, for the API; the console's refusal leads with the field in Russian
// (console::ConsoleErrorRu) and follows with the detail from this catalogue. It is keyed by
// the English text itself, as gettext keys by the source string: "{}" in a key stands for a
// value (a number, a time, a status), which the translation receives in the same order; a
// value that is a workflow status's code is given in words.

#include <optional>
#include <string>
#include <string_view>

namespace lifeline::server::console {

/// The Russian for a rule's English detail, or nullopt when the catalogue lacks it.
std::optional<std::string> DetailRu(std::string_view english);

}  // namespace lifeline::server::console
