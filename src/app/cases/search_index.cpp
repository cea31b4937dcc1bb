#include "app/cases/search_index.hpp"

#include <algorithm>
#include <array>
#include <mutex>

#include "text/given_names.hpp"
#include "text/name_match.hpp"
#include "text/skeleton.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kMaxQueryBytes = 800;  // 200 characters of four bytes
constexpr std::size_t kMaxQueryWords = 8;
constexpr std::uint32_t kMaxCaseId = (1u << 28) - 1;  // a posting keeps 4 bits for fields

constexpr int KindWeight(MatchKind kind) {
  // prefix, two typos, one typo, given-name form, exact
  constexpr std::array<int, 5> kWeights = {3, 4, 5, 7, 8};
  return kWeights[static_cast<std::size_t>(kind)];
}
constexpr int FieldWeight(SearchField field) { return static_cast<int>(field) + 1; }

// A search forgives more than duplicate detection (text::TyposAllowed): a wrong match costs a
// glance down the list, and a Latin typo often breaks a digraph (kh, ch) into two edits. The
// ranking puts closer words first.
std::size_t SearchTypos(std::size_t symbols) { return symbols >= 7 ? 2 : symbols >= 4 ? 1 : 0; }

// The most telling field in a posting's field mask.
SearchField BestField(std::uint32_t mask) {
  for (int f = 3; f > 0; --f)
    if (mask & (1u << f)) return static_cast<SearchField>(f);
  return SearchField::kMessage;
}

std::vector<std::string> QueryWords(std::string_view text) {
  std::vector<std::string> words;
  for (auto& w : text::SkeletonWordsCounted(text))
    if (w.letters >= 2 && w.skeleton.size() >= 2) words.push_back(std::move(w.skeleton));
  return words;
}

// Trigrams of "^word$", packed into 24 bits (skeletons are ASCII).
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

// Per-thread scratch for ranking, sized by the highest case id and reset after each search
// by walking only what it touched.
struct Scratch {
  std::vector<std::uint8_t> word_best;  // this query word's best weight per case
  std::vector<std::uint16_t> score;
  std::vector<std::uint8_t> matched;
  std::vector<std::uint32_t> touched_by_word, touched;
  void Fit(std::size_t cases) {
    if (word_best.size() < cases) {
      word_best.resize(cases);
      score.resize(cases);
      matched.resize(cases);
    }
  }
};

}  // namespace

std::string_view ToString(SearchField field) {
  constexpr std::array<std::string_view, 4> kNames = {"message", "location", "unit", "name"};
  return kNames[static_cast<std::size_t>(field)];
}

std::string_view ToString(MatchKind kind) {
  constexpr std::array<std::string_view, 5> kNames = {"prefix", "two_typos", "typo",
                                                      "given_name_form", "exact"};
  return kNames[static_cast<std::size_t>(kind)];
}

SearchIndex::WordId SearchIndex::WordIdLocked(const std::string& word) {
  auto [it, inserted] = word_ids_.try_emplace(word, static_cast<WordId>(words_.size()));
  if (inserted) {
    words_.push_back(word);
    postings_.emplace_back();
    for (auto t : Trigrams(word)) by_trigram_[t].push_back(it->second);
    if (text::IsGivenName(word))
      given_name_forms_[std::string(text::CanonicalGivenName(word))].push_back(it->second);
  }
  return it->second;
}

void SearchIndex::Add(std::int64_t case_id, const IdentifyingFields& fields) {
  if (case_id < 1 || case_id > kMaxCaseId) return;
  // (word, fields mask), merged per word.
  std::vector<std::pair<std::string, std::uint32_t>> words;
  const std::array<std::pair<const std::string*, SearchField>, 4> sources = {{
      {&fields.name, SearchField::kName},
      {&fields.unit, SearchField::kUnit},
      {&fields.location, SearchField::kLocation},
      {&fields.message, SearchField::kMessage},
  }};
  for (const auto& [text, field] : sources) {
    for (auto& w : text::SkeletonWords(*text))
      if (w.size() >= 2) words.emplace_back(std::move(w), 1u << static_cast<int>(field));
  }
  std::sort(words.begin(), words.end());
  const auto id = static_cast<std::uint32_t>(case_id);
  std::unique_lock lock(mutex_);
  if (indexed_.size() <= id) indexed_.resize(std::max<std::size_t>(id + 1, indexed_.size() * 2));
  if (!indexed_[id]) {
    indexed_[id] = true;
    ++indexed_count_;
  }
  for (std::size_t i = 0; i < words.size();) {
    std::uint32_t mask = 0;
    std::size_t j = i;
    for (; j < words.size() && words[j].first == words[i].first; ++j) mask |= words[j].second;
    auto& list = postings_[WordIdLocked(words[i].first)];
    const std::uint32_t posting = (id << 4) | mask;
    if (list.empty() || (list.back() >> 4) < id) {
      list.push_back(posting);  // the usual case: cases arrive in id order
    } else {
      auto at = std::lower_bound(list.begin(), list.end(), id << 4);
      if (at != list.end() && (*at >> 4) == id)
        *at |= mask;
      else
        list.insert(at, posting);
    }
    i = j;
  }
}

void SearchIndex::Remove(std::int64_t case_id) {
  std::unique_lock lock(mutex_);
  const auto id = static_cast<std::size_t>(case_id);
  if (case_id > 0 && id < indexed_.size() && indexed_[id]) {
    indexed_[id] = false;
    --indexed_count_;
  }
}

std::vector<SearchIndex::Candidate> SearchIndex::MatchingWordsLocked(const std::string& q) const {
  std::vector<Candidate> matches;
  if (auto exact = word_ids_.find(q); exact != word_ids_.end())
    matches.push_back({exact->second, MatchKind::kExact});
  if (text::IsGivenName(q)) {
    if (auto forms = given_name_forms_.find(std::string(text::CanonicalGivenName(q)));
        forms != given_name_forms_.end()) {
      for (WordId w : forms->second)
        if (words_[w] != q) matches.push_back({w, MatchKind::kGivenNameForm});
    }
  }
  const bool number = text::IsNumber(q);
  const std::size_t typos = number ? 0 : SearchTypos(q.size());
  if (q.size() < 3 && typos == 0) return matches;
  // Candidates share enough of the query's trigrams: an edit breaks at most four (two
  // neighbours swapped; a letter changed, missing or extra breaks three), and a
  // word the query is a prefix of lacks only the query's last ("..x$"). A word sharing
  // `needed` of them shares at least one of the rarest |T| - needed + 1 (prefix filtering),
  // so only those trigrams' words are read, and each is checked exactly.
  auto trigrams = Trigrams(q);
  const std::size_t spare = std::max<std::size_t>(1, 4 * typos);
  const std::size_t needed = trigrams.size() > spare ? trigrams.size() - spare : 1;
  auto frequency = [&](std::uint32_t t) {
    auto it = by_trigram_.find(t);
    return it == by_trigram_.end() ? std::size_t{0} : it->second.size();
  };
  std::sort(trigrams.begin(), trigrams.end(),
            [&](std::uint32_t a, std::uint32_t b) { return frequency(a) < frequency(b); });
  std::vector<WordId> candidates;
  for (std::size_t i = 0; i < trigrams.size() - needed + 1; ++i) {
    if (auto it = by_trigram_.find(trigrams[i]); it != by_trigram_.end())
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (WordId w : candidates) {
    const std::string& word = words_[w];
    if (word == q) continue;
    if (const std::size_t distance = typos > 0 ? text::BoundedDistance(q, word, typos) : 1;
        typos > 0 && distance <= typos) {
      if (!(text::IsGivenName(q) && text::CanonicalGivenName(word) == text::CanonicalGivenName(q)))
        matches.push_back({w, distance == 1 ? MatchKind::kTypo : MatchKind::kTwoTypos});
    } else if (q.size() >= 3 && word.compare(0, q.size(), q) == 0) {
      matches.push_back({w, MatchKind::kPrefix});
    }
  }
  return matches;
}

Result<SearchResult> SearchIndex::Find(std::string_view query, std::size_t top) const {
  if (query.size() > kMaxQueryBytes) return InvalidInput("a search is at most 200 characters", "q");
  auto words = QueryWords(query);
  if (words.empty())
    return InvalidInput("search for at least one word of two letters or digits", "q");
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  // A word given twice counts once.
  std::vector<std::string> unique;
  for (auto& w : words)
    if (std::find(unique.begin(), unique.end(), w) == unique.end()) unique.push_back(w);
  words.swap(unique);

  thread_local Scratch scratch;
  std::shared_lock lock(mutex_);
  scratch.Fit(indexed_.size());
  std::vector<std::vector<Candidate>> candidates;
  for (const auto& q : words) {
    candidates.push_back(MatchingWordsLocked(q));
    for (const Candidate& c : candidates.back()) {
      const int kind = KindWeight(c.kind);
      for (std::uint32_t posting : postings_[c.word]) {
        const std::uint32_t id = posting >> 4;
        if (!indexed_[id]) continue;
        const auto weight = static_cast<std::uint8_t>(kind * FieldWeight(BestField(posting & 15)));
        if (scratch.word_best[id] == 0) scratch.touched_by_word.push_back(id);
        scratch.word_best[id] = std::max(scratch.word_best[id], weight);
      }
    }
    for (std::uint32_t id : scratch.touched_by_word) {
      if (scratch.matched[id] == 0) scratch.touched.push_back(id);
      scratch.score[id] = static_cast<std::uint16_t>(scratch.score[id] + scratch.word_best[id]);
      ++scratch.matched[id];
      scratch.word_best[id] = 0;
    }
    scratch.touched_by_word.clear();
  }

  SearchResult result;
  result.query_words = words.size();
  result.total = scratch.touched.size();
  auto better = [&](std::uint32_t a, std::uint32_t b) {
    if (scratch.matched[a] != scratch.matched[b]) return scratch.matched[a] > scratch.matched[b];
    if (scratch.score[a] != scratch.score[b]) return scratch.score[a] > scratch.score[b];
    return a > b;
  };
  const std::size_t n = std::min(top, scratch.touched.size());
  std::partial_sort(scratch.touched.begin(), scratch.touched.begin() + static_cast<long>(n),
                    scratch.touched.end(), better);
  for (std::uint32_t id : scratch.touched)
    if (scratch.matched[id] == words.size()) ++result.complete;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t id = scratch.touched[i];
    SearchHit hit{id, scratch.matched[id], scratch.score[id], {}};
    // What each query word matched here: the best of its candidate words in this case.
    for (const auto& list : candidates) {
      std::optional<WordMatch> best;
      int best_weight = 0;
      for (const Candidate& c : list) {
        const auto& postings = postings_[c.word];
        auto at = std::lower_bound(postings.begin(), postings.end(), id << 4);
        if (at == postings.end() || (*at >> 4) != id) continue;
        const SearchField field = BestField(*at & 15);
        const int weight = KindWeight(c.kind) * FieldWeight(field);
        if (weight > best_weight) {
          best_weight = weight;
          best = WordMatch{c.kind, field};
        }
      }
      hit.matches.push_back(best);
    }
    result.hits.push_back(std::move(hit));
  }
  for (std::uint32_t id : scratch.touched) {
    scratch.score[id] = 0;
    scratch.matched[id] = 0;
  }
  scratch.touched.clear();
  return result;
}

std::size_t SearchIndex::cases() const {
  std::shared_lock lock(mutex_);
  return indexed_count_;
}

std::size_t SearchIndex::words() const {
  std::shared_lock lock(mutex_);
  return words_.size();
}

}  // namespace lifeline::app
