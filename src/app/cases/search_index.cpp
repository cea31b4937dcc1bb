#include "app/cases/search_index.hpp"

#include <algorithm>
#include <mutex>
#include <sstream>

#include "text/name_match.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kMaxQueryBytes = 800;  // 200 characters of four bytes
constexpr std::size_t kMaxQueryWords = 8;

std::vector<std::string> Words(std::string_view text) {
  std::istringstream in(text::Fold(text));
  std::vector<std::string> words;
  for (std::string w; in >> w;) {
    if (w.size() >= 2) words.push_back(std::move(w));
  }
  return words;
}

// Trigrams of "^word$", packed into 24 bits (folded words are ASCII).
std::vector<std::uint32_t> Trigrams(const std::string& word) {
  const std::string padded = "^" + word + "$";
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i + 3 <= padded.size(); ++i) {
    out.push_back((std::uint32_t(std::uint8_t(padded[i])) << 16) |
                  (std::uint32_t(std::uint8_t(padded[i + 1])) << 8) | std::uint8_t(padded[i + 2]));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`.
std::size_t BoundedDistance(const std::string& a, const std::string& b, std::size_t limit) {
  if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) return limit + 1;
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0], best = ++row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
  }
  return row[b.size()];
}

std::size_t TyposAllowed(const std::string& word) {
  return word.size() >= 8 ? 2 : word.size() >= 4 ? 1 : 0;
}

}  // namespace

SearchIndex::WordId SearchIndex::WordIdLocked(const std::string& word) {
  auto [it, inserted] = word_ids_.try_emplace(word, static_cast<WordId>(words_.size()));
  if (inserted) {
    words_.push_back(word);
    postings_.emplace_back();
    for (auto t : Trigrams(word)) by_trigram_[t].push_back(it->second);
  }
  return it->second;
}

void SearchIndex::Add(std::int64_t case_id, const IdentifyingFields& fields) {
  std::vector<std::string> words;
  for (const std::string* text : {&fields.name, &fields.unit, &fields.location, &fields.message}) {
    auto more = Words(*text);
    words.insert(words.end(), std::make_move_iterator(more.begin()),
                 std::make_move_iterator(more.end()));
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  const auto id = static_cast<std::uint32_t>(case_id);
  std::unique_lock lock(mutex_);
  removed_.erase(id);
  indexed_.insert(id);
  for (const auto& w : words) {
    auto& list = postings_[WordIdLocked(w)];
    if (list.empty() || list.back() < id) {
      list.push_back(id);  // the usual case: cases arrive in id order
    } else if (auto at = std::lower_bound(list.begin(), list.end(), id);
               at == list.end() || *at != id) {
      list.insert(at, id);
    }
  }
}

void SearchIndex::Remove(std::int64_t case_id) {
  std::unique_lock lock(mutex_);
  removed_.insert(static_cast<std::uint32_t>(case_id));
  indexed_.erase(static_cast<std::uint32_t>(case_id));
}

std::vector<SearchIndex::WordId> SearchIndex::MatchingWordsLocked(const std::string& q) const {
  std::vector<WordId> matches;
  if (auto exact = word_ids_.find(q); exact != word_ids_.end()) matches.push_back(exact->second);
  // Candidates share a trigram with the query word; typos and prefixes are checked on them.
  std::vector<WordId> candidates;
  for (auto t : Trigrams(q)) {
    if (auto it = by_trigram_.find(t); it != by_trigram_.end()) {
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  const std::size_t typos = TyposAllowed(q);
  for (WordId w : candidates) {
    const std::string& word = words_[w];
    if (word == q) continue;
    const bool prefix = q.size() >= 3 && word.compare(0, q.size(), q) == 0;
    if (prefix || (typos > 0 && BoundedDistance(q, word, typos) <= typos)) matches.push_back(w);
  }
  return matches;
}

Result<std::vector<std::int64_t>> SearchIndex::Find(std::string_view query) const {
  if (query.size() > kMaxQueryBytes) return InvalidInput("a search is at most 200 characters", "q");
  auto words = Words(query);
  if (words.empty())
    return InvalidInput("search for at least one word of two letters or digits", "q");
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  std::shared_lock lock(mutex_);
  std::vector<std::uint32_t> result;
  bool first = true;
  for (const auto& q : words) {
    // The cases containing any word that matches this query word...
    std::vector<std::uint32_t> any;
    for (WordId w : MatchingWordsLocked(q)) {
      std::vector<std::uint32_t> merged;
      merged.reserve(any.size() + postings_[w].size());
      std::set_union(any.begin(), any.end(), postings_[w].begin(), postings_[w].end(),
                     std::back_inserter(merged));
      any.swap(merged);
    }
    // ...and, across query words, the cases that have them all.
    if (first) {
      result.swap(any);
      first = false;
    } else {
      std::vector<std::uint32_t> both;
      std::set_intersection(result.begin(), result.end(), any.begin(), any.end(),
                            std::back_inserter(both));
      result.swap(both);
    }
    if (result.empty()) break;
  }
  std::vector<std::int64_t> out;
  out.reserve(result.size());
  for (auto it = result.rbegin(); it != result.rend(); ++it) {
    if (!removed_.count(*it)) out.push_back(*it);
  }
  return out;
}

std::size_t SearchIndex::cases() const {
  std::shared_lock lock(mutex_);
  return indexed_.size();
}

std::size_t SearchIndex::words() const {
  std::shared_lock lock(mutex_);
  return words_.size();
}

}  // namespace lifeline::app
