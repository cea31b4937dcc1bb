#include "text/skeleton.hpp"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <utility>

#include "text/written.hpp"

namespace lifeline::text {
namespace {

constexpr char32_t kInvalid = 0xFFFFFFFF;

// One code point from `s` at `i`, advancing `i`; kInvalid (one byte skipped) for broken UTF-8.
char32_t NextCodePoint(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  const int extra = b0 < 0x80           ? 0
                    : (b0 >> 5) == 0x6  ? 1
                    : (b0 >> 4) == 0xE  ? 2
                    : (b0 >> 3) == 0x1E ? 3
                                        : -1;
  if (extra < 0 || (extra > 0 && i + static_cast<std::size_t>(extra) >= s.size())) {
    ++i;
    return kInvalid;
  }
  char32_t c = extra == 0 ? b0 : extra == 1 ? (b0 & 0x1F) : extra == 2 ? (b0 & 0x0F) : (b0 & 0x07);
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b >> 6) != 0x2) {
      ++i;
      return kInvalid;
    }
    c = (c << 6) | (b & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return c;
}

// Lower-case Cyrillic (U+0430..U+045F) to its symbol; "" for the signs that are dropped,
// nullptr for a letter outside Russian, Ukrainian and Belarusian.
const char* CyrillicSymbol(char32_t c) {
  static constexpr std::array<const char*, 32> kBasic = {
      "a", "b", "v", "h", "d", "e", "Z", "z", "i", "i", "k", "l", "m", "n", "o", "p",   // а..п
      "r", "s", "t", "u", "f", "h", "c", "C", "S", "S", "",  "i", "",  "e", "Y", "A"};  // р..я
  if (c >= 0x430 && c <= 0x44F) return kBasic[c - 0x430];
  switch (c) {
    case 0x451:
      return "e";  // ё
    case 0x454:
      return "e";  // є
    case 0x456:
      return "i";  // і
    case 0x457:
      return "i";  // ї
    case 0x45E:
      return "v";  // ў
    case 0x491:
      return "h";  // ґ
    default:
      return nullptr;
  }
}

// Latin letters with marks, lower-case, to what they stand for in Slavic romanisations:
// č, š, ž, ŭ (Łacinka, ISO 9, Czech and Croatian), ğ (Turkish-style г), ţ/ț (Romanian ц),
// ĵ and ý (й); every other marked letter is the letter without its mark (written.hpp's
// UnmarkedLatin: ł, ś, ć, ź are l, s, c, z). nullptr: not a letter either table knows.
const char* MarkedLatin(char32_t c) {
  switch (c) {
    case U'č':
    case U'ĉ':
      return "C";
    case U'š':
    case U'ŝ':
    case U'ş':
    case U'ș':
      return "S";
    case U'ž':
    case U'ż':
      return "Z";
    case U'ŭ':
      return "v";
    case U'ţ':
    case U'ț':
      return "c";
    case U'ğ':
    case U'ġ':
    case U'ģ':
      return "h";
    case U'ĵ':
    case U'ý':
    case U'ÿ':
      return "i";
    default:
      break;
  }
  const std::string_view plain = UnmarkedLatin(c);  // a literal: its data ends in '\0'
  return plain.empty() ? nullptr : plain.data();
}

char32_t Lower(char32_t c) {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c >= 0x430 && c <= 0x45F) return c;  // lower-case Cyrillic: most of what is indexed
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

// Marks inside a word that stand for no sound: apostrophes (Ukrainian "м'ята"), the prime
// and backtick some schemes write for ь and ъ, and combining accents.
bool IsSilentMark(char32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0x430 && c <= 0x45F)) return false;
  return c == '\'' || c == '`' || c == '"' || c == 0x2019 || c == 0x02BC || c == 0x02B9 ||
         c == 0x02BA || c == 0x00B4 || c == 0x2032 || c == 0x2033 ||
         u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}

// Other scripts: ICU's transliteration to ASCII Latin, one code point at a time (rare, so
// the per-thread transliterator is built on first use only).
std::string ToAsciiLatin(char32_t c) {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !made) throw std::runtime_error("ICU cannot transliterate to Latin");
    return made;
  }();
  icu::UnicodeString text(static_cast<UChar32>(c));
  t->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  std::string letters;
  for (unsigned char ch : out)
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) letters += static_cast<char>(ch);
  return letters;
}

bool IsLatinVowel(char c) { return c == 'a' || c == 'e' || c == 'o'; }

// Belarusian ў written "u" after a vowel, as ICAO and the official romanisation write it: at
// the end of a word (Piatrou, Ivanou) or before -sk- (Piatrouski). Anywhere else "ou", "au"
// and "eu" are two vowels (Paustovsky) or French у.
bool IsShortU(std::string_view s, std::size_t i) {
  return i < s.size() && s[i] == 'u' && i > 0 && IsLatinVowel(s[i - 1]) &&
         (i + 1 == s.size() || s.substr(i + 1, 2) == "sk");
}

// The French romanisation (older Soviet passports): "ou" is у, "ch" ш, "tch" ч, "j" ж. A word
// is read so when it has an "ou" that is not ў.
bool IsFrenchSpelling(std::string_view s) {
  for (std::size_t at = s.find("ou"); at != std::string_view::npos; at = s.find("ou", at + 1))
    if (!IsShortU(s, at + 1)) return true;
  return false;
}

using Spellings = std::array<std::pair<std::string_view, std::string_view>, 16>;

// Plain Latin (lower-case ASCII letters and digits) to symbols, longest spelling first.
void ParseLatin(std::string_view s, std::string& out) {
  static constexpr Spellings kSpellings = {{
      {"tsch", "C"},
      {"sch", "S"},
      {"tch", "C"},
      {"zh", "Z"},
      {"kh", "h"},
      {"gh", "h"},
      {"ch", "C"},
      {"sh", "S"},
      {"sz", "S"},
      {"cz", "C"},
      {"tz", "c"},
      {"ph", "f"},
      {"ck", "k"},
      {"x", "ks"},
      {"w", "v"},
      {"q", "k"},
  }};
  static constexpr Spellings kFrench = {{
      {"chtch", "S"},
      {"tch", "C"},
      {"ch", "S"},
      {"ou", "u"},
      {"zh", "Z"},
      {"kh", "h"},
      {"gh", "h"},
      {"sh", "S"},
      {"j", "Z"},
      {"tz", "c"},
      {"ph", "f"},
      {"ck", "k"},
      {"x", "ks"},
      {"w", "v"},
      {"q", "k"},
      {"gu", "h"},
  }};
  const Spellings& spellings = IsFrenchSpelling(s) ? kFrench : kSpellings;
  for (std::size_t i = 0; i < s.size();) {
    bool matched = false;
    for (const auto& [spelling, symbols] : spellings) {
      if (s.substr(i, spelling.size()) == spelling && !(spelling == "ou" && IsShortU(s, i + 1))) {
        out += symbols;
        i += spelling.size();
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const char c = s[i];
    if (c == 'y' || c == 'j') {
      out += 'i';
    } else if (c == 'g') {
      out += 'h';
    } else if (IsShortU(s, i)) {
      out += 'v';
    } else {
      out += c;
    }
    ++i;
  }
  // French writes the ending -ин as "-ine" (Poutine).
  if (&spellings == &kFrench && s.size() > 4 && s.substr(s.size() - 3) == "ine") out.pop_back();
}

bool IsVowelSymbol(char c) {
  return c == 'a' || c == 'e' || c == 'o' || c == 'u' || c == 'A' || c == 'Y';
}

// The rules both scripts share, applied to a word's raw symbols.
std::string Normalise(const std::string& raw) {
  std::string joined;  // ts -> c, SC -> S
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i + 1 < raw.size() && raw[i] == 't' && raw[i + 1] == 's') {
      joined += 'c';
      ++i;
    } else if (i + 1 < raw.size() && raw[i] == 'S' && raw[i + 1] == 'C') {
      joined += 'S';
      ++i;
    } else {
      joined += raw[i];
    }
  }
  auto collapse = [](const std::string& in) {
    std::string out;
    for (char c : in)
      if (out.empty() || out.back() != c || (c >= '0' && c <= '9')) out += c;
    return out;
  };
  const std::string single = collapse(joined);
  std::string iotated;
  for (std::size_t i = 0; i < single.size(); ++i) {
    if (single[i] == 'i' && i + 1 < single.size() && IsVowelSymbol(single[i + 1])) {
      const char v = single[++i];
      iotated += v == 'a' ? 'A' : v == 'u' ? 'Y' : v == 'o' ? 'e' : v;
    } else {
      iotated += single[i];
    }
  }
  return collapse(iotated);
}

}  // namespace

std::vector<SkeletonWord> SkeletonWordsCounted(std::string_view utf8) {
  std::vector<SkeletonWord> words;
  std::string raw, latin, written;
  std::size_t letters = 0;
  auto flush_latin = [&] {
    ParseLatin(latin, raw);
    latin.clear();
  };
  auto end_word = [&] {
    flush_latin();
    if (!raw.empty()) words.push_back({Normalise(raw), letters, written});
    raw.clear();
    written.clear();
    letters = 0;
  };
  for (std::size_t i = 0; i < utf8.size();) {
    const char32_t c = Lower(NextCodePoint(utf8, i));
    if (c == kInvalid) {
      end_word();
      continue;
    }
    const bool plain =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0x430 && c <= 0x45F);
    if (plain || (!IsSilentMark(c) && u_isalnum(static_cast<UChar32>(c)))) ++letters;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      latin += static_cast<char>(c);
      written += static_cast<char>(c);
    } else if (const char* cyrillic = CyrillicSymbol(c)) {
      flush_latin();
      raw += cyrillic;
      written += WrittenCyrillic(c);
    } else if (const char* marked = MarkedLatin(c)) {
      flush_latin();
      raw += marked;
      written += UnmarkedLatin(c);
    } else if (IsSilentMark(c)) {
      continue;
    } else if (u_isalnum(static_cast<UChar32>(c))) {
      const std::string ascii = ToAsciiLatin(c);
      latin += ascii;
      written += ascii;
    } else {
      end_word();
    }
  }
  end_word();
  return words;
}

void SkeletonMemo::Append(std::string_view utf8, std::vector<SkeletonWord>& out) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  for (std::size_t from = 0; from < utf8.size();) {
    if (space(utf8[from])) {
      ++from;
      continue;
    }
    std::size_t to = from;
    while (to < utf8.size() && !space(utf8[to])) ++to;
    const std::string token(utf8.substr(from, to - from));
    auto known = tokens_.find(token);
    if (known == tokens_.end()) {
      if (tokens_.size() >= capacity_) tokens_.clear();
      known = tokens_.emplace(token, SkeletonWordsCounted(token)).first;
    }
    out.insert(out.end(), known->second.begin(), known->second.end());
    from = to;
  }
}

std::vector<std::string> SkeletonWords(std::string_view utf8) {
  std::vector<std::string> words;
  for (auto& w : SkeletonWordsCounted(utf8)) words.push_back(std::move(w.skeleton));
  return words;
}

std::string Skeleton(std::string_view utf8) {
  std::string joined;
  for (auto& w : SkeletonWords(utf8)) joined += w;
  return Normalise(joined);
}

bool IsNumber(std::string_view skeleton) {
  if (skeleton.empty()) return false;
  for (char c : skeleton)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace lifeline::text
