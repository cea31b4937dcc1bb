#include "text/written.hpp"

#include <algorithm>
#include <array>

#include "text/name_match.hpp"

namespace lifeline::text {
namespace {

// Written-form bytes: а..я are 0x80..0x9F in alphabetical order, then these.
constexpr unsigned char kI = 0xA0, kYi = 0xA1, kYe = 0xA2, kShortU = 0xA3, kGe = 0xA4;
constexpr std::size_t kLetters = 37;
constexpr unsigned char kE = 0x80 + 5;  // е

bool IsCyrillicByte(unsigned char c) { return c >= 0x80 && c <= kGe; }

// The letters in order а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я,
// then і ї є ў ґ.
using Table = std::array<std::string_view, kLetters>;

// What every scheme below writes alike unless it says otherwise (ICAO 9303).
constexpr Table kIcao = {"a",  "b", "v", "g", "d",  "e",  "zh", "z", "i",  "i",  "k",  "l",  "m",
                         "n",  "o", "p", "r", "s",  "t",  "u",  "f", "kh", "ts", "ch", "sh", "shch",
                         "ie", "y", "",  "e", "iu", "ia", "i",  "i", "ie", "u",  "g"};

struct Scheme {
  Table letters;
  // е, ю, я, є, ї, й at the start of a word (and, if `after_vowels`, after a vowel or a
  // sign), where the scheme writes them otherwise ("" for the same as elsewhere).
  std::array<std::string_view, 6> initial;
  bool after_vowels = true;
};
constexpr std::array<unsigned char, 6> kIotated = {0x80 + 5, 0x80 + 30, 0x80 + 31,
                                                   kYe,      kYi,       0x80 + 9};

constexpr Scheme Derived(std::array<std::pair<unsigned char, std::string_view>, 14> changes,
                         std::array<std::string_view, 6> initial, bool after_vowels = true) {
  Scheme s{kIcao, initial, after_vowels};
  for (const auto& [letter, spelling] : changes)
    if (letter != 0) s.letters[letter - 0x80] = spelling;
  return s;
}
constexpr unsigned char L(int index) { return static_cast<unsigned char>(0x80 + index); }
// Indexes of the letters that differ between schemes.
constexpr int kV = 2, kG = 3, kZh = 6, kZ = 7, kY = 8, kJ = 9, kU = 19, kKh = 21, kTs = 22,
              kCh = 23, kSh = 24, kShch = 25, kHard = 26, kYu = 30, kYa = 31, kEe = 29;

const std::array<Scheme, kSchemes>& Schemes() {
  static const std::array<Scheme, kSchemes> schemes = {
      // ICAO 9303 (Russian and Ukrainian passports)
      Scheme{kIcao, {}},
      // BGN/PCGN
      Derived({{{L(kJ), "y"},
                {L(kHard), ""},
                {L(kYu), "yu"},
                {L(kYa), "ya"},
                {kYi, "yi"},
                {kYe, "ye"},
                {kShortU, "w"}}},
              {"ye", "", "", "ye", "", ""}),
      // GOST 7.79 system B (apostrophes and backticks are not written forms' letters)
      Derived({{{L(kJ), "j"},
                {L(kKh), "x"},
                {L(kTs), "cz"},
                {L(kShch), "shh"},
                {L(kHard), ""},
                {L(kYu), "yu"},
                {L(kYa), "ya"},
                {kYi, "yi"},
                {kYe, "ye"}}},
              {}),
      // German (Duden)
      Derived({{{L(kV), "w"},
                {L(kZh), "sch"},
                {L(kZ), "s"},
                {L(kKh), "ch"},
                {L(kTs), "z"},
                {L(kCh), "tsch"},
                {L(kSh), "sch"},
                {L(kShch), "schtsch"},
                {L(kHard), ""},
                {L(kYu), "ju"},
                {L(kYa), "ja"},
                {kYi, "ji"},
                {kYe, "je"},
                {kShortU, "w"}}},
              {"je", "", "", "", "", ""}),
      // French (older Soviet passports)
      Derived({{{L(kZh), "j"},
                {L(kU), "ou"},
                {L(kCh), "tch"},
                {L(kSh), "ch"},
                {L(kShch), "chtch"},
                {L(kHard), ""},
                {L(kYu), "iou"},
                {kShortU, "ou"}}},
              {}),
      // The official Ukrainian romanisation (2010): ye, yu, ya, yi, y only word-initially
      Derived({{{L(kG), "h"}, {L(kY), "y"}, {L(kHard), ""}, {kGe, "g"}}},
              {"", "yu", "ya", "ye", "yi", "y"}, false),
      // The official Belarusian romanisation and Łacinka, marks dropped (č is c)
      Derived({{{L(kG), "h"},
                {L(kZh), "z"},
                {L(kJ), "j"},
                {L(kKh), "ch"},
                {L(kTs), "c"},
                {L(kCh), "c"},
                {L(kSh), "s"},
                {L(kShch), "sc"},
                {L(kHard), ""},
                {L(kEe), "e"},
                {L(5), "ie"},
                {L(kYu), "iu"},
                {L(kYa), "ia"},
                {kShortU, "u"}}},
              {"je", "ju", "ja", "je", "ji", "j"}),
  };
  return schemes;
}

bool IsVowelByte(unsigned char c) {
  switch (c) {
    case 0x80 + 0:   // а
    case 0x80 + 5:   // е
    case 0x80 + 8:   // и
    case 0x80 + 14:  // о
    case 0x80 + 19:  // у
    case 0x80 + 27:  // ы
    case 0x80 + 29:  // э
    case 0x80 + 30:  // ю
    case 0x80 + 31:  // я
    case kI:
    case kYi:
    case kYe:
      return true;
    default:
      return false;
  }
}

bool HasCyrillic(std::string_view w) {
  for (unsigned char c : w)
    if (IsCyrillicByte(c)) return true;
  return false;
}

}  // namespace

char WrittenCyrillic(char32_t c) {
  if (c == 0x451) return static_cast<char>(kE);  // ё as е
  if (c >= 0x430 && c <= 0x44F) return static_cast<char>(0x80 + (c - 0x430));
  switch (c) {
    case 0x456:
      return static_cast<char>(kI);
    case 0x457:
      return static_cast<char>(kYi);
    case 0x454:
      return static_cast<char>(kYe);
    case 0x45E:
      return static_cast<char>(kShortU);
    case 0x491:
      return static_cast<char>(kGe);
    default:
      return 0;
  }
}

std::string_view UnmarkedLatin(char32_t c) {
  switch (c) {
    case U'č':
    case U'ĉ':
    case U'ć':
    case U'ç':
      return "c";
    case U'š':
    case U'ŝ':
    case U'ş':
    case U'ș':
    case U'ś':
      return "s";
    case U'ž':
    case U'ż':
    case U'ź':
      return "z";
    case U'ţ':
    case U'ț':
    case U'ť':
      return "t";
    case U'ł':
    case U'ĺ':
    case U'ļ':
    case U'ľ':
      return "l";
    case U'ß':
      return "ss";
    case U'æ':
      return "ae";
    case U'œ':
      return "oe";
    case U'ğ':
    case U'ġ':
    case U'ģ':
      return "g";
    case U'ď':
    case U'đ':
      return "d";
    case U'ķ':
      return "k";
    case U'ñ':
    case U'ń':
    case U'ņ':
    case U'ň':
      return "n";
    case U'ŕ':
    case U'ř':
      return "r";
    case U'ĵ':
      return "j";
    case U'ý':
    case U'ÿ':
      return "y";
    default:
      break;
  }
  if ((c >= U'à' && c <= U'å') || (c >= 0x101 && c <= 0x105 && c % 2 == 1)) return "a";
  if ((c >= U'è' && c <= U'ë') || c == U'ē' || c == U'ė' || c == U'ę' || c == U'ě') return "e";
  if ((c >= U'ì' && c <= U'ï') || c == U'ī' || c == U'į' || c == U'ı') return "i";
  if ((c >= U'ò' && c <= U'ö') || c == U'ø' || c == U'ō' || c == U'ő') return "o";
  if ((c >= U'ù' && c <= U'ü') || c == U'ū' || c == U'ů' || c == U'ű' || c == U'ų' || c == U'ŭ')
    return "u";
  return "";
}

namespace {

// Romanise, into a buffer kept by the caller.
void RomaniseInto(std::string_view written, int scheme, std::string& out) {
  const Scheme& s = Schemes()[static_cast<std::size_t>(scheme)];
  out.clear();
  for (std::size_t i = 0; i < written.size(); ++i) {
    const auto c = static_cast<unsigned char>(written[i]);
    if (!IsCyrillicByte(c)) {
      out += static_cast<char>(c);
      continue;
    }
    const auto prev = i == 0 ? 0 : static_cast<unsigned char>(written[i - 1]);
    const bool initial =
        i == 0 || (s.after_vowels && (IsVowelByte(prev) || prev == 0x80 + 26 || prev == 0x80 + 28));
    std::string_view spelling = s.letters[c - 0x80];
    if (initial) {
      for (std::size_t k = 0; k < kIotated.size(); ++k)
        if (kIotated[k] == c && !s.initial[k].empty()) spelling = s.initial[k];
    }
    out += spelling;
  }
}

}  // namespace

std::string Romanise(std::string_view written, int scheme) {
  std::string out;
  RomaniseInto(written, scheme, out);
  return out;
}

std::size_t WrittenDistance(std::string_view a, std::string_view b, std::size_t limit) {
  const bool a_cyrillic = HasCyrillic(a), b_cyrillic = HasCyrillic(b);
  if (a_cyrillic == b_cyrillic) return a == b ? 0 : BoundedDistance(a, b, limit);
  const std::string_view cyrillic = a_cyrillic ? a : b, latin = a_cyrillic ? b : a;
  std::size_t best = limit + 1;
  for (int scheme = 0; scheme < kSchemes && best > 0; ++scheme)
    best =
        std::min(best, BoundedDistance(Romanise(cyrillic, scheme), latin, std::min(limit, best)));
  return best;
}

WrittenPattern::WrittenPattern(std::string_view written)
    : cyrillic_(HasCyrillic(written)), as_written_(written) {
  if (!cyrillic_) return;
  std::string romanised;
  for (int scheme = 0; scheme < kSchemes; ++scheme) {
    RomaniseInto(written, scheme, romanised);
    if (std::none_of(romanised_.begin(), romanised_.end(),
                     [&](const EditPattern& p) { return p.word() == romanised; }))
      romanised_.emplace_back(romanised);
  }
}

std::size_t WrittenPattern::Distance(std::string_view other, std::size_t limit) const {
  if (HasCyrillic(other) == cyrillic_) return as_written_.Distance(other, limit);
  std::size_t best = limit + 1;
  if (cyrillic_) {
    for (const EditPattern& romanised : romanised_) {
      best = std::min(best, romanised.Distance(other, std::min(limit, best)));
      if (best == 0) break;
    }
    return best;
  }
  // The other word is Cyrillic: each of its distinct romanisations against this one.
  std::array<std::string, kSchemes> romanised;
  for (int scheme = 0; scheme < kSchemes && best > 0; ++scheme) {
    auto& mine = romanised[static_cast<std::size_t>(scheme)];
    RomaniseInto(other, scheme, mine);
    if (std::find(romanised.begin(), romanised.begin() + scheme, mine) !=
        romanised.begin() + scheme)
      continue;
    best = std::min(best, as_written_.Distance(mine, std::min(limit, best)));
  }
  return best;
}

}  // namespace lifeline::text
