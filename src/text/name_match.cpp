#include "text/name_match.hpp"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <sstream>
#include <vector>

namespace lifeline::text {
namespace {

// ICU transliterators are not thread-safe to share; one per thread, built once.
icu::Transliterator& ToAsciiLatin() {
  thread_local std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(icu::Transliterator::createInstance(
        // BGN for Russian gives the spellings people type ("ch", "ya", "zh"); Any-Latin
        // covers Belarusian, Ukrainian and the rest.
        "Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status) || !made) throw std::runtime_error("ICU cannot transliterate to Latin");
    return made;
  }();
  return *t;
}

}  // namespace

std::string Fold(std::string_view utf8) {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  ToAsciiLatin().transliterate(text);
  std::string ascii;
  text.toUTF8String(ascii);
  std::string out;
  bool space = false;
  for (unsigned char c : ascii) {
    if (c == '\'' || c == '"') continue;  // soft and hard signs: "Zayavitel'" is "zayavitel"
    if (std::isalnum(c)) {
      if (space && !out.empty()) out += ' ';
      // "j" and "y" stand for the same sound in common spellings ("Sinteticheskij").
      out += c == 'j' || c == 'J' ? 'y' : static_cast<char>(std::tolower(c));
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

std::string NameKey(std::string_view utf8) {
  std::istringstream words(Fold(utf8));
  std::vector<std::string> sorted;
  for (std::string w; words >> w;) sorted.push_back(w);
  std::sort(sorted.begin(), sorted.end());
  std::string key;
  for (const auto& w : sorted) key += (key.empty() ? "" : " ") + w;
  return key;
}

double NameSimilarity(std::string_view a, std::string_view b) {
  const std::string x = NameKey(a), y = NameKey(b);
  if (x.empty() || y.empty()) return 0.0;
  // Levenshtein distance, one row at a time.
  std::vector<std::size_t> row(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return 1.0 -
         static_cast<double>(row[y.size()]) / static_cast<double>(std::max(x.size(), y.size()));
}

}  // namespace lifeline::text
