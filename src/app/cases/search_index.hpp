#pragma once
// The office's search index over decrypted case fields (name, unit, location, message). It
// lives in memory only: nothing of it is ever written to disk, and it is rebuilt from the
// sealed cases when the office starts (docs/search.md). Words are compared as skeletons
// (text/skeleton.hpp), so one spelling finds the others and a typo is one edit in either
// script; a given name finds its Russian, Ukrainian and Belarusian forms.
//
// Ranking (docs/search.md): cases that match more of the query's words first; among those,
// the higher sum over query words of the best match's weight, kind times field, then how
// close the words are as written (text/written.hpp):
//   kind:  exact 8, another form of the given name 7, one typo 5, two typos 4 (words of seven
//          symbols or more), prefix 3; a word is as many edits away as the fewer of its
//          symbols and its letters in the closest scheme ("Sodoliych" is Зодолиых exactly)
//   field: name 4, unit 3, location 2, message 1
//   as written: 3 for the same letters, 2, 1 or 0 for one, two or more letter edits
// and among equals the newest (highest id) first. Thread-safe: many searches at once, one
// writer at a time.

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "app/cases/hashed_lists.hpp"
#include "app/cases/posting_lists.hpp"
#include "app/cases/spellings.hpp"
#include "domain/application.hpp"
#include "domain/result.hpp"

namespace lifeline::app {

enum class SearchField : std::uint8_t { kMessage = 0, kLocation = 1, kUnit = 2, kName = 3 };
enum class MatchKind : std::uint8_t { kPrefix, kTwoTypos, kTypo, kGivenNameForm, kExact };

/// "message", "location", "unit", "name"; "prefix", "two_typos", "typo", "given_name_form",
/// "exact" (the API's words for them).
std::string_view ToString(SearchField field);
std::string_view ToString(MatchKind kind);

/// How one query word matched a case: the best of its matches there.
struct WordMatch {
  MatchKind kind;
  SearchField field;
};

struct SearchHit {
  std::int64_t case_id = 0;
  int words_matched = 0;  // of the query's words
  int score = 0;          // the sum over query words of (kind x field) x 4 + as written
  std::vector<std::optional<WordMatch>> matches;  // per query word, in the query's order
};

struct SearchResult {
  std::vector<SearchHit> hits;  // ranked; at most the `top` asked for
  std::size_t total = 0;        // cases matching at least one query word
  std::size_t complete = 0;     // cases matching every query word
  std::size_t query_words = 0;
};

class SearchIndex {
 public:
  /// The longest query, in bytes: 200 characters of four bytes.
  static constexpr std::size_t kMaxQueryBytes = 800;

  /// Indexes the case's searchable fields (again, if it was indexed before: words are
  /// only added, so call Remove first when fields change). Case ids from 1 to 2^28 - 1.
  void Add(std::int64_t case_id, const IdentifyingFields& fields);
  /// Drops the case from every answer (a deleted case).
  void Remove(std::int64_t case_id);

  /// The `top` best-ranked cases matching any word of `query`. kInvalidInput for a query
  /// with no word of at least two letters or digits, or longer than 200 characters; words
  /// past the eighth are ignored.
  Result<SearchResult> Find(std::string_view query, std::size_t top) const;

  /// Gives back the spare capacity of lists grown one case at a time (after a bulk load).
  void Compact();

  std::size_t cases() const;
  std::size_t words() const;

 private:
  using WordId = std::uint32_t;     // a skeleton
  using WrittenId = std::uint32_t;  // one way a skeleton was written
  static constexpr WrittenId kNoWritten = 0xFFFFFFFF;
  struct QueryWord {
    std::string skeleton, written;
  };
  struct Candidate {  // a skeleton near a query word's
    WordId word;
    MatchKind kind;
    bool beyond_typos;  // more symbol edits away than allowed: only a written form within them
  };
  struct WrittenMatch {  // a written word near a query word's, and its weight per field
    WrittenId written;
    MatchKind kind;
    std::uint8_t closeness;  // 3 for the same letters down to 0
  };
  WrittenId WrittenIdLocked(std::string_view skeleton, std::string_view written);
  std::vector<Candidate> MatchingWordsLocked(const std::string& skeleton) const;
  void AddNeighboursLocked(WordId word);
  void SortSpellingsLocked();
  void NeighboursOfLocked(std::string_view variant, std::vector<WordId>& out) const;
  std::vector<WrittenMatch> MatchingWrittenLocked(const QueryWord& q) const;

  mutable std::shared_mutex mutex_;
  Vocabulary words_;                      // GUARDED_BY(mutex_): the skeletons
  std::vector<WrittenId> first_written_;  // GUARDED_BY(mutex_): per word
  Spellings written_;                     // GUARDED_BY(mutex_): the written forms
  std::vector<WrittenId> next_written_;   // GUARDED_BY(mutex_): the same word's next one
  PostingLists postings_;  // GUARDED_BY(mutex_): per written word, the cases it is in
  // GUARDED_BY(mutex_), for typos: each word by its own and its one-symbol deletions' hashes
  HashedLists neighbours_;
  // GUARDED_BY(mutex_), for prefixes: the words in spelling order up to by_spelling_sorted_,
  // then in the order added.
  std::vector<WordId> by_spelling_;
  std::size_t by_spelling_sorted_ = 0;
  static constexpr std::size_t kUnsortedWords = 1 << 13;
  // GUARDED_BY(mutex_): the vocabulary's given names, by their canonical form
  std::unordered_map<std::string, std::vector<WordId>> given_name_forms_;
  std::vector<bool> indexed_;  // GUARDED_BY(mutex_), by case id
  std::size_t indexed_count_ = 0;
};

}  // namespace lifeline::app
