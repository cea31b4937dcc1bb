#pragma once
// How many SMS parts a text costs, as a phone and an SMSC count them (3GPP TS 23.038 and
// 23.040). Pure.
//
// A text that fits the GSM 7-bit default alphabet goes as GSM: 160 septets in one part, 153 a
// part once split (the user-data header takes the rest); the extension table's characters
// (^ { } \ [ ~ ] | € and form feed) cost two septets and never straddle two parts. Anything else
// (any Cyrillic letter) sends the whole text as UCS-2: 70 UTF-16 units in one part, 67 a part
// once split, and a character beyond the BMP (an emoji) takes two units that stay together.

#include <cstddef>
#include <string_view>

namespace lifeline::channels {

enum class SmsCoding { kGsm7, kUcs2 };

struct SmsSegments {
  SmsCoding coding = SmsCoding::kGsm7;
  std::size_t units = 0;       // septets (GSM) or UTF-16 code units (UCS-2)
  std::size_t parts = 0;       // 0 for an empty text
  std::size_t units_left = 0;  // room left in the last part before another part is needed
};

/// The parts `utf8` (well-formed UTF-8, see IsValidUtf8) costs. Thread-safe.
SmsSegments CountSmsSegments(std::string_view utf8);

/// Units one part holds: alone, or as one of several.
std::size_t UnitsPerPart(SmsCoding coding, bool split);

}  // namespace lifeline::channels
