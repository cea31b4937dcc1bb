#include "app/cases/search_index.hpp"

#include <algorithm>
#include <array>
#include <mutex>

#include "text/given_names.hpp"
#include "text/name_match.hpp"
#include "text/skeleton.hpp"
#include "text/written.hpp"

namespace lifeline::app {
namespace {

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

// Letter edits past which words are equally far as written.
constexpr std::size_t kFarAsWritten = 3;

// Calls `visit` with each of the word's variants with one symbol deleted, and with two if
// `depth` is 2 (a variant may come twice: callers take each word found once).
template <typename Visit>
void ForEachDeletion(std::string_view word, std::size_t depth, Visit&& visit) {
  std::string one, two;
  for (std::size_t i = 0; i < word.size(); ++i) {
    one.assign(word.substr(0, i)).append(word.substr(i + 1));
    visit(std::string_view(one));
    for (std::size_t j = i; depth > 1 && j < one.size(); ++j) {
      two.assign(std::string_view(one).substr(0, j)).append(std::string_view(one).substr(j + 1));
      visit(std::string_view(two));
    }
  }
}

// The symbols a skeleton is written in (skeleton.hpp), for changing or adding one.
constexpr std::string_view kSymbols = "abvhdeZziklmnoprstufcCSYA";

// Calls `visit(variant, changed)` with each of the word's variants with one symbol changed
// (changed: true) or one added (false).
template <typename Visit>
void ForEachChangedOrAdded(std::string_view word, Visit&& visit) {
  std::string variant;
  for (std::size_t i = 0; i <= word.size(); ++i) {
    for (char c : kSymbols) {
      if (i < word.size() && c != word[i]) {
        variant.assign(word);
        variant[i] = c;
        visit(std::string_view(variant), true);
      }
      variant.assign(word.substr(0, i)).append(1, c).append(word.substr(i));
      visit(std::string_view(variant), false);
    }
  }
}

// A deletion neighbourhood's key. Two variants may share a hash: every word found is
// checked by its distance.
std::uint32_t Hash(std::string_view variant) {
  return static_cast<std::uint32_t>(std::hash<std::string_view>{}(variant));
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

SearchIndex::WrittenId SearchIndex::WrittenIdLocked(std::string_view skeleton,
                                                    std::string_view written) {
  const auto [word, inserted] = words_.Insert(skeleton);
  if (inserted) {
    first_written_.push_back(kNoWritten);
    AddNeighboursLocked(word);
    if (text::IsGivenName(skeleton))
      given_name_forms_[std::string(text::CanonicalGivenName(skeleton))].push_back(word);
  }
  WrittenId last = kNoWritten;
  for (WrittenId w = first_written_[word]; w != kNoWritten; w = next_written_[w]) {
    if (written_[w] == written) return w;
    last = w;
  }
  const WrittenId added = written_.Add(written);
  next_written_.push_back(kNoWritten);
  postings_.AddWord();
  (last == kNoWritten ? first_written_[word] : next_written_[last]) = added;
  return added;
}

void SearchIndex::Add(std::int64_t case_id, const IdentifyingFields& fields) {
  if (case_id < 1 || case_id > kMaxCaseId) return;
  std::vector<std::pair<text::SkeletonWord, std::uint32_t>> words;  // and its field's bit
  const std::array<std::pair<const std::string*, SearchField>, 4> sources = {{
      {&fields.name, SearchField::kName},
      {&fields.unit, SearchField::kUnit},
      {&fields.location, SearchField::kLocation},
      {&fields.message, SearchField::kMessage},
  }};
  // Most words of a message were seen in an earlier case: their skeletons are remembered
  // (per thread: 16,384 tokens, a few MiB).
  thread_local text::SkeletonMemo memo(1 << 14);
  std::vector<text::SkeletonWord> field_words;
  for (const auto& [text, field] : sources) {
    field_words.clear();
    memo.Append(*text, field_words);
    for (auto& w : field_words)
      if (w.skeleton.size() >= 2) words.emplace_back(std::move(w), 1u << static_cast<int>(field));
  }
  const auto id = static_cast<std::uint32_t>(case_id);
  std::unique_lock lock(mutex_);
  if (indexed_.size() <= id) indexed_.resize(std::max<std::size_t>(id + 1, indexed_.size() * 2));
  if (!indexed_[id]) {
    indexed_[id] = true;
    ++indexed_count_;
  }
  // (written word, fields mask), merged per written word.
  std::vector<std::pair<WrittenId, std::uint32_t>> postings;
  postings.reserve(words.size());
  for (const auto& [w, mask] : words)
    postings.emplace_back(WrittenIdLocked(w.skeleton, w.written), mask);
  std::sort(postings.begin(), postings.end());
  for (std::size_t i = 0; i < postings.size();) {
    std::uint32_t mask = 0;
    std::size_t j = i;
    for (; j < postings.size() && postings[j].first == postings[i].first; ++j)
      mask |= postings[j].second;
    postings_.Add(postings[i].first, id, mask);
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

void SearchIndex::AddNeighboursLocked(WordId word) {
  const std::string_view skeleton = words_[word];
  by_spelling_.push_back(word);
  if (!text::IsNumber(skeleton)) {  // numbers are found exactly or by their beginning
    ForEachDeletion(skeleton, 1, [&](std::string_view v) { neighbours_.Add(Hash(v), word); });
    neighbours_.Add(Hash(skeleton), word);
  }
  // Recent words stay unsorted at the end (a search reads them one by one) until there are
  // enough of them to merge.
  if (by_spelling_.size() - by_spelling_sorted_ > kUnsortedWords) SortSpellingsLocked();
}

void SearchIndex::SortSpellingsLocked() {
  auto by_word = [&](WordId a, WordId b) { return words_[a] < words_[b]; };
  const auto middle = by_spelling_.begin() + static_cast<long>(by_spelling_sorted_);
  std::sort(middle, by_spelling_.end(), by_word);
  std::inplace_merge(by_spelling_.begin(), middle, by_spelling_.end(), by_word);
  by_spelling_sorted_ = by_spelling_.size();
}

void SearchIndex::NeighboursOfLocked(std::string_view variant, std::vector<WordId>& out) const {
  neighbours_.Find(Hash(variant), out);
}

std::vector<SearchIndex::Candidate> SearchIndex::MatchingWordsLocked(const std::string& q) const {
  std::vector<Candidate> matches;
  if (auto exact = words_.Find(q)) matches.push_back({*exact, MatchKind::kExact, false});
  if (text::IsGivenName(q)) {
    if (auto forms = given_name_forms_.find(std::string(text::CanonicalGivenName(q)));
        forms != given_name_forms_.end()) {
      for (WordId w : forms->second)
        if (words_[w] != q) matches.push_back({w, MatchKind::kGivenNameForm, false});
    }
  }
  const bool number = text::IsNumber(q);
  const std::size_t typos = number ? 0 : SearchTypos(q.size());
  std::vector<WordId> found, typo_words;
  if (typos > 0) {
    // Deletion neighbourhoods: a word one edit away shares the query, or the query less one
    // symbol, with the word or the word less one symbol. Two edits away: the query less two
    // symbols, or with one symbol changed or added, is one edit from the word (the same
    // way). Where one typo is allowed, words two edits away are still taken where found
    // cheaply (the query with a symbol added, and what the one-edit lookups bring), because
    // their letters may be closer than their symbols ("Жудииу" is one letter from Жудиин,
    // two symbols); the query with a symbol changed and then one deleted costs twenty-four
    // times the lookups, and is done only where two typos are allowed.
    auto look_up = [&](std::string_view v) { NeighboursOfLocked(v, found); };
    ForEachDeletion(q, typos, look_up);
    look_up(q);
    ForEachChangedOrAdded(q, [&](std::string_view v, bool changed) {
      if (!changed) {
        look_up(v);
      } else if (typos > 1) {
        look_up(v);
        ForEachDeletion(v, 1, look_up);
      }
    });
    std::sort(found.begin(), found.end());
    found.erase(std::unique(found.begin(), found.end()), found.end());
    const text::EditPattern query(q);
    for (WordId w : found) {
      const std::string_view word = words_[w];
      if (word == q) continue;
      const std::size_t distance = query.Distance(word, 2);
      if (distance > 2) continue;
      if (text::IsGivenName(q) && text::CanonicalGivenName(word) == text::CanonicalGivenName(q))
        continue;  // already a given-name form
      const bool beyond = distance > typos;
      if (!beyond) typo_words.push_back(w);  // in order: `found` is sorted
      matches.push_back({w, distance == 1 ? MatchKind::kTypo : MatchKind::kTwoTypos, beyond});
    }
  }
  if (q.size() >= 3) {  // the words the query begins, in spelling order
    auto starts = [&](WordId w) { return words_[w].substr(0, q.size()) == q; };
    const auto sorted_end = by_spelling_.begin() + static_cast<long>(by_spelling_sorted_);
    auto it = std::lower_bound(by_spelling_.begin(), sorted_end, q,
                               [&](WordId w, const std::string& s) { return words_[w] < s; });
    std::vector<WordId> prefixed;
    for (; it != sorted_end && starts(*it); ++it) prefixed.push_back(*it);
    for (auto tail = sorted_end; tail != by_spelling_.end(); ++tail)
      if (starts(*tail)) prefixed.push_back(*tail);
    for (WordId w : prefixed)
      if (words_[w].size() > q.size() &&
          !std::binary_search(typo_words.begin(), typo_words.end(), w))
        matches.push_back({w, MatchKind::kPrefix, false});
  }
  return matches;
}

std::vector<SearchIndex::WrittenMatch> SearchIndex::MatchingWrittenLocked(
    const QueryWord& q) const {
  const std::size_t typos = text::IsNumber(q.skeleton) ? 0 : SearchTypos(q.skeleton.size());
  std::vector<WrittenMatch> matches;
  const text::WrittenPattern query(q.written);
  for (const Candidate& c : MatchingWordsLocked(q.skeleton)) {
    for (WrittenId w = first_written_[c.word]; w != kNoWritten; w = next_written_[w]) {
      const std::size_t letters = query.Distance(written_[w], kFarAsWritten);
      if (c.beyond_typos && letters > typos) continue;
      MatchKind kind = c.kind;
      // A word is as many edits away as the fewer of its symbols and its letters.
      if (kind != MatchKind::kExact && kind != MatchKind::kGivenNameForm) {
        const std::size_t symbols = kind == MatchKind::kTypo       ? 1
                                    : kind == MatchKind::kTwoTypos ? 2
                                                                   : kFarAsWritten + 1;
        const std::size_t edits = std::min(symbols, letters <= typos ? letters : symbols);
        kind = edits == 0   ? MatchKind::kExact
               : edits == 1 ? MatchKind::kTypo
               : edits == 2 ? MatchKind::kTwoTypos
                            : kind;
      }
      matches.push_back(
          {w, kind, static_cast<std::uint8_t>(kFarAsWritten - std::min(letters, kFarAsWritten))});
    }
  }
  return matches;
}

Result<SearchResult> SearchIndex::Find(std::string_view query, std::size_t top) const {
  if (query.size() > kMaxQueryBytes) return InvalidInput("a search is at most 200 characters", "q");
  // The query's words, each once (by skeleton), up to eight.
  std::vector<QueryWord> words;
  for (auto& w : text::SkeletonWordsCounted(query)) {
    if (w.letters < 2 || w.skeleton.size() < 2) continue;
    if (std::none_of(words.begin(), words.end(),
                     [&](const QueryWord& q) { return q.skeleton == w.skeleton; }))
      words.push_back({std::move(w.skeleton), std::move(w.written)});
  }
  if (words.empty())
    return InvalidInput("search for at least one word of two letters or digits", "q");
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);

  // A match's weight in a case: kind times field, then how close as written.
  auto weight = [](const WrittenMatch& m, std::uint32_t posting) {
    return static_cast<std::uint8_t>(KindWeight(m.kind) * FieldWeight(BestField(posting & 15)) * 4 +
                                     m.closeness);
  };
  // The most a match can weigh in any case: in a name.
  auto most = [](const WrittenMatch& m) {
    return KindWeight(m.kind) * FieldWeight(SearchField::kName) * 4 + m.closeness;
  };
  thread_local Scratch scratch;
  std::shared_lock lock(mutex_);
  scratch.Fit(indexed_.size());
  std::vector<std::vector<WrittenMatch>> matches;
  for (const auto& q : words) {
    matches.push_back(MatchingWrittenLocked(q));
    // Heaviest first, so that explaining a hit below can stop at the first that weighs more
    // than every match after it.
    std::stable_sort(
        matches.back().begin(), matches.back().end(),
        [&](const WrittenMatch& a, const WrittenMatch& b) { return most(a) > most(b); });
    for (const WrittenMatch& m : matches.back()) {
      for (std::uint32_t posting : postings_[m.written]) {
        const std::uint32_t id = posting >> 4;
        if (!indexed_[id]) continue;
        if (scratch.word_best[id] == 0) scratch.touched_by_word.push_back(id);
        scratch.word_best[id] = std::max(scratch.word_best[id], weight(m, posting));
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
    // What each query word matched here: the best of its matches in this case.
    for (const auto& list : matches) {
      std::optional<WordMatch> best;
      int best_weight = 0;
      for (const WrittenMatch& m : list) {
        if (most(m) <= best_weight) break;
        const auto postings = postings_[m.written];
        auto at = std::lower_bound(postings.begin(), postings.end(), id << 4);
        if (at == postings.end() || (*at >> 4) != id) continue;
        if (const int w = weight(m, *at); w > best_weight) {
          best_weight = w;
          best = WordMatch{m.kind, BestField(*at & 15)};
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

void SearchIndex::Compact() {
  std::unique_lock lock(mutex_);
  postings_.Compact();
  neighbours_.Compact();
  SortSpellingsLocked();
  by_spelling_.shrink_to_fit();
  words_.Compact();
  written_.Compact();
  first_written_.shrink_to_fit();
  next_written_.shrink_to_fit();
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
