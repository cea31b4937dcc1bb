#include "text/name_match.hpp"

#include <algorithm>
#include <array>

#include "text/given_names.hpp"
#include "text/skeleton.hpp"

namespace lifeline::text {

std::vector<std::string> NameWords(std::string_view utf8) {
  std::vector<std::string> words;
  for (auto& w : SkeletonWords(utf8)) words.emplace_back(CanonicalGivenName(w));
  if (words.size() < 3) return words;  // a surname and a given name at least: nothing to drop
  std::size_t patronymic = words.size();
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (IsGivenName(words[i - 1]) && LooksLikePatronymic(words[i])) {
      patronymic = i;
      break;
    }
  }
  if (patronymic == words.size()) {
    for (std::size_t i = words.size(); i-- > 0;) {
      if (LooksLikePatronymic(words[i])) {
        patronymic = i;
        break;
      }
    }
  }
  if (patronymic < words.size()) words.erase(words.begin() + static_cast<long>(patronymic));
  return words;
}

std::string NameKey(std::string_view utf8) {
  auto words = NameWords(utf8);
  std::sort(words.begin(), words.end());
  std::string key;
  for (const auto& w : words) key += (key.empty() ? "" : " ") + w;
  return key;
}

std::size_t TyposAllowed(std::size_t symbols) { return symbols >= 8 ? 2 : symbols >= 4 ? 1 : 0; }

NameAgreement CompareNames(std::string_view a, std::string_view b) {
  auto x = NameWords(a), y = NameWords(b);
  if (x.size() > y.size()) std::swap(x, y);
  if (x.size() < 2 || y.size() > x.size() + 1) return NameAgreement::kNone;
  // Each word of the shorter name takes a distinct word of the longer: an equal one first,
  // then one within its typos.
  std::vector<bool> taken(y.size(), false);
  bool spelled = false;
  for (int pass = 0; pass < 2; ++pass) {
    for (auto& word : x) {
      if (word.empty()) continue;
      for (std::size_t j = 0; j < y.size(); ++j) {
        if (taken[j]) continue;
        const std::size_t typos = TyposAllowed(std::min(word.size(), y[j].size()));
        if (pass == 0 ? word == y[j] : BoundedDistance(word, y[j], typos) <= typos) {
          taken[j] = true;
          spelled = spelled || pass == 1;
          word.clear();
          break;
        }
      }
    }
  }
  for (const auto& word : x)
    if (!word.empty()) return NameAgreement::kNone;
  if (y.size() > x.size()) return NameAgreement::kPartial;
  return spelled ? NameAgreement::kSpelled : NameAgreement::kSame;
}

}  // namespace lifeline::text
