#include "domain/channels/sms_segments.hpp"

#include <algorithm>
#include <vector>

#include "domain/utf8.hpp"

namespace lifeline::channels {
namespace {

// The GSM 03.38 default alphabet's characters outside printable ASCII, and the ASCII ones it
// lacks. Everything else in printable ASCII is in it.
constexpr char32_t kGsmBasicNonAscii[] = {
    U'£', U'¥', U'è', U'é', U'ù', U'ì', U'ò', U'Ç', U'Ø', U'ø', U'Å', U'å', U'Δ',
    U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ', U'Σ', U'Θ', U'Ξ', U'Æ', U'æ', U'ß', U'É',
    U'¤', U'¡', U'Ä', U'Ö', U'Ñ', U'Ü', U'§', U'¿', U'ä', U'ö', U'ñ', U'ü', U'à'};
constexpr char32_t kGsmExtension[] = {U'\f', U'^', U'{', U'}', U'\\', U'[', U'~', U']', U'|', U'€'};
constexpr std::string_view kAsciiNotInGsm = "`";  // '$' '@' '_' are in it, at other code points

template <std::size_t N>
bool In(const char32_t (&set)[N], char32_t c) {
  return std::find(std::begin(set), std::end(set), c) != std::end(set);
}

// Septets for `c` in GSM 7-bit: 1, 2 (extension table) or 0 (not encodable).
int GsmSeptets(char32_t c) {
  if (In(kGsmExtension, c)) return 2;
  if (c == U'\n' || c == U'\r') return 1;
  if (c >= 0x20 && c < 0x7f)
    return kAsciiNotInGsm.find(static_cast<char>(c)) == std::string_view::npos ? 1 : 0;
  return In(kGsmBasicNonAscii, c) ? 1 : 0;
}

// Packs characters of the given widths into parts of `per_part` units, no character split.
std::size_t Parts(const std::vector<int>& widths, std::size_t per_part, std::size_t& units_left) {
  std::size_t parts = 1, used = 0;
  for (int w : widths) {
    if (used + static_cast<std::size_t>(w) > per_part) {
      ++parts;
      used = 0;
    }
    used += static_cast<std::size_t>(w);
  }
  units_left = per_part - used;
  return parts;
}

}  // namespace

std::size_t UnitsPerPart(SmsCoding coding, bool split) {
  if (coding == SmsCoding::kGsm7) return split ? 153 : 160;
  return split ? 67 : 70;
}

SmsSegments CountSmsSegments(std::string_view utf8) {
  const std::u32string chars = DecodeUtf8(utf8);
  SmsSegments s;
  std::vector<int> widths;
  widths.reserve(chars.size());
  for (char32_t c : chars) {
    const int septets = GsmSeptets(c);
    if (septets == 0) {
      s.coding = SmsCoding::kUcs2;
      break;
    }
    widths.push_back(septets);
  }
  if (s.coding == SmsCoding::kUcs2) {
    widths.clear();
    for (char32_t c : chars) widths.push_back(c > 0xffff ? 2 : 1);
  }
  for (int w : widths) s.units += static_cast<std::size_t>(w);
  if (s.units == 0) {
    s.units_left = UnitsPerPart(s.coding, false);
    return s;
  }
  const std::size_t single = UnitsPerPart(s.coding, false);
  if (s.units <= single) {
    s.parts = 1;
    s.units_left = single - s.units;
    return s;
  }
  s.parts = Parts(widths, UnitsPerPart(s.coding, true), s.units_left);
  return s;
}

}  // namespace lifeline::channels
