#pragma once
#include <cstddef>
#include <string_view>

namespace lifeline {

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past
/// U+10FFFF). Pure; thread-safe.
bool IsValidUtf8(std::string_view text);

/// Number of code points in well-formed UTF-8 `text` (what a person calls characters).
std::size_t CountCodePoints(std::string_view text);

/// True when `text` holds a control character other than tab, CR and LF.
bool HasControlCharacters(std::string_view text);

}  // namespace lifeline
