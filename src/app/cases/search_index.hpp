#pragma once
// The office's search index over decrypted case fields (name, unit, location, message). It
// lives in memory only: nothing of it is ever written to disk, and it is rebuilt from the
// sealed cases when the office starts (docs/search.md). Words are folded across scripts
// (text/name_match.hpp) and matched exactly, by prefix, or within one or two typos.
// Thread-safe: many searches at once, one writer at a time.

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/application.hpp"
#include "domain/result.hpp"

namespace lifeline::app {

class SearchIndex {
 public:
  /// Indexes the case's searchable fields (again, if it was indexed before: words are
  /// only added, so call Remove first when fields change).
  void Add(std::int64_t case_id, const IdentifyingFields& fields);
  /// Drops the case from every answer (a deleted case).
  void Remove(std::int64_t case_id);

  /// Cases matching every word of `query`, newest (highest id) first. kInvalidInput for a
  /// query with no word of at least two letters or digits, or longer than 200 characters.
  Result<std::vector<std::int64_t>> Find(std::string_view query) const;

  std::size_t cases() const;
  std::size_t words() const;

 private:
  using WordId = std::uint32_t;
  WordId WordIdLocked(const std::string& word);
  std::vector<WordId> MatchingWordsLocked(const std::string& query_word) const;

  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, WordId> word_ids_;  // GUARDED_BY(mutex_)
  std::vector<std::string> words_;                    // GUARDED_BY(mutex_)
  std::vector<std::vector<std::uint32_t>>
      postings_;  // GUARDED_BY(mutex_): sorted case ids per word
  std::unordered_map<std::uint32_t, std::vector<WordId>>
      by_trigram_;                             // GUARDED_BY(mutex_): the vocabulary's trigrams
  std::unordered_set<std::uint32_t> removed_;  // GUARDED_BY(mutex_)
  std::unordered_set<std::uint32_t> indexed_;  // GUARDED_BY(mutex_)
};

}  // namespace lifeline::app
