#pragma once
// The search index's postings: per written word, the cases it is in, as (case id << 4 |
// fields bit mask), sorted by case id. Most written words are in one case only (a surname
// written one way, at a million cases nine in ten), so a word's first posting is kept inline
// and only a word in two cases or more gets a list of its own: eight bytes a word, where a
// vector each would cost 24 and a heap block. Not thread-safe: the index's lock guards it.

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace lifeline::app {

class PostingLists {
 public:
  /// A new word with no postings; its id (from 0, in the order added).
  std::uint32_t AddWord() {
    heads_.emplace_back();
    return static_cast<std::uint32_t>(heads_.size() - 1);
  }

  /// Records that `word` is in case `case_id` (1 to 2^28 - 1) in the fields of `mask`
  /// (4 bits), merging with what the case already has there.
  void Add(std::uint32_t word, std::uint32_t case_id, std::uint32_t mask) {
    const std::uint32_t posting = (case_id << 4) | mask;
    Head& head = heads_[word];
    if (head.list == 0) {
      if (head.single == 0 || (head.single >> 4) == case_id) {
        head.single |= posting;
        return;
      }
      lists_.push_back({head.single});  // a second case: the word gets its own list
      head = {0, static_cast<std::uint32_t>(lists_.size())};
    }
    auto& list = lists_[head.list - 1];
    if ((list.back() >> 4) < case_id) {
      list.push_back(posting);  // the usual case: cases arrive in id order
      return;
    }
    auto at = std::lower_bound(list.begin(), list.end(), case_id << 4);
    if (at != list.end() && (*at >> 4) == case_id)
      *at |= mask;
    else
      list.insert(at, posting);
  }

  /// The word's postings, sorted by case id; valid until the next Add.
  std::span<const std::uint32_t> operator[](std::uint32_t word) const {
    const Head& head = heads_[word];
    if (head.list != 0) return lists_[head.list - 1];
    return {&head.single, head.single == 0 ? 0u : 1u};
  }

  /// Gives back the spare capacity of lists grown one case at a time.
  void Compact() {
    for (auto& list : lists_) list.shrink_to_fit();
    lists_.shrink_to_fit();
    heads_.shrink_to_fit();
  }

 private:
  struct Head {
    std::uint32_t single = 0;  // the one posting, while the word is in one case (0: none)
    std::uint32_t list = 0;    // else its list's index in lists_ + 1
  };
  std::vector<Head> heads_;
  std::vector<std::vector<std::uint32_t>> lists_;
};

}  // namespace lifeline::app
