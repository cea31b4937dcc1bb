#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace lifeline {

/// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points past
/// U+10FFFF). Pure; thread-safe.
bool IsValidUtf8(std::string_view text);

/// Number of code points in well-formed UTF-8 `text` (what a person calls characters).
std::size_t CountCodePoints(std::string_view text);

/// True when `text` holds a control character other than tab, CR and LF.
bool HasControlCharacters(std::string_view text);

/// The code points of well-formed UTF-8 `text` (check IsValidUtf8 first: malformed input
/// gives unspecified code points, never a read past the end).
std::u32string DecodeUtf8(std::string_view text);

/// The lower-case letter for a Latin (A–Z) or Cyrillic capital, including Ё, Є, І, Ї, Ў and
/// Ґ; any other code point unchanged. Enough for the four languages' command words.
char32_t LowerLatinOrCyrillic(char32_t c);

}  // namespace lifeline
