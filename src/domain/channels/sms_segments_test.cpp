#include "domain/channels/sms_segments.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lifeline::channels {
namespace {

std::string Times(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct Case {
  const char* what;
  std::string text;
  SmsCoding coding;
  std::size_t units, parts, left;
};

// Each row by hand: GSM 160 alone / 153 a part; UCS-2 70 alone / 67 a part.
TEST(SmsSegments, MatchTheHandCountedTable) {
  const Case table[] = {
      {"empty", "", SmsCoding::kGsm7, 0, 0, 160},
      {"one GSM part, full", Times("a", 160), SmsCoding::kGsm7, 160, 1, 0},
      {"one septet over", Times("a", 161), SmsCoding::kGsm7, 161, 2, 145},
      {"two split parts, full", Times("a", 306), SmsCoding::kGsm7, 306, 2, 0},
      {"three", Times("a", 307), SmsCoding::kGsm7, 307, 3, 152},
      {"extension characters cost two", Times("€", 80), SmsCoding::kGsm7, 160, 1, 0},
      // 76 euros fill 152 septets of the first part; the 77th would straddle it.
      {"an extension character never straddles", Times("€", 81), SmsCoding::kGsm7, 162, 2, 143},
      {"nor after 152 letters", Times("a", 152) + "€" + Times("a", 10), SmsCoding::kGsm7, 164, 2,
       141},
      {"GSM's own non-ASCII letters", "Ça coûte 5£ à Zürich?", SmsCoding::kUcs2, 21, 1,
       49},  // û is not GSM
      {"GSM's own non-ASCII letters only", "Ça 5£ à Zürich? ñ ß", SmsCoding::kGsm7, 19, 1, 141},
      {"a backtick is not GSM", "`", SmsCoding::kUcs2, 1, 1, 69},
      {"Cyrillic, one part full", Times("я", 70), SmsCoding::kUcs2, 70, 1, 0},
      {"Cyrillic, one over", Times("я", 71), SmsCoding::kUcs2, 71, 2, 63},
      {"Cyrillic, two parts full", Times("я", 134), SmsCoding::kUcs2, 134, 2, 0},
      {"Cyrillic, three", Times("я", 135), SmsCoding::kUcs2, 135, 3, 66},
      {"one Cyrillic letter turns it all UCS-2", Times("a", 100) + "ж", SmsCoding::kUcs2, 101, 2,
       33},
      {"an emoji is two units", Times("a", 66) + "😀" + "a", SmsCoding::kUcs2, 69, 1, 1},
      {"two units stay together", Times("a", 66) + Times("😀", 3), SmsCoding::kUcs2, 72, 2, 61},
  };
  for (const Case& c : table) {
    const SmsSegments s = CountSmsSegments(c.text);
    EXPECT_EQ(s.coding, c.coding) << c.what;
    EXPECT_EQ(s.units, c.units) << c.what;
    EXPECT_EQ(s.parts, c.parts) << c.what;
    EXPECT_EQ(s.units_left, c.left) << c.what;
  }
}

}  // namespace
}  // namespace lifeline::channels
