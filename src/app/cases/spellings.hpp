#pragma once
// Compact word stores for the search index, which holds hundreds of thousands of words:
// `Spellings` keeps every word's letters one after another in one buffer (a few bytes of
// bookkeeping a word, where a std::string costs 32 and a hash map node more), and
// `Vocabulary` adds an open-addressing table to find a word's id by its spelling. Ids count
// from 0 in the order added. A view into either is valid until the next Add. Not
// thread-safe: the index's lock guards them.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lifeline::app {

class Spellings {
 public:
  std::uint32_t Add(std::string_view word) {
    text_.append(word);
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
    return static_cast<std::uint32_t>(ends_.size() - 1);
  }
  std::string_view operator[](std::uint32_t id) const {
    const std::uint32_t begin = id == 0 ? 0 : ends_[id - 1];
    return std::string_view(text_).substr(begin, ends_[id] - begin);
  }
  std::size_t size() const { return ends_.size(); }
  void Compact() {
    text_.shrink_to_fit();
    ends_.shrink_to_fit();
  }

 private:
  std::string text_;                 // every word, one after another
  std::vector<std::uint32_t> ends_;  // per id, where its word ends in text_
};

class Vocabulary {
 public:
  /// The word's id, and whether it was added now.
  std::pair<std::uint32_t, bool> Insert(std::string_view word) {
    if ((spellings_.size() + 1) * 2 > slots_.size()) Grow();
    std::size_t slot = SlotOf(word);
    if (slots_[slot] != 0) return {slots_[slot] - 1, false};
    const std::uint32_t id = spellings_.Add(word);
    slots_[slot] = id + 1;
    return {id, true};
  }
  std::optional<std::uint32_t> Find(std::string_view word) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint32_t found = slots_[SlotOf(word)];
    if (found == 0) return std::nullopt;
    return found - 1;
  }
  std::string_view operator[](std::uint32_t id) const { return spellings_[id]; }
  std::size_t size() const { return spellings_.size(); }
  void Compact() { spellings_.Compact(); }

 private:
  // The slot holding `word`, or the empty one where it would go (linear probing).
  std::size_t SlotOf(std::string_view word) const {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = std::hash<std::string_view>{}(word)&mask;; slot = (slot + 1) & mask)
      if (slots_[slot] == 0 || spellings_[slots_[slot] - 1] == word) return slot;
  }
  void Grow() {
    std::vector<std::uint32_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    for (std::uint32_t entry : old)
      if (entry != 0) slots_[SlotOf(spellings_[entry - 1])] = entry;
  }

  Spellings spellings_;
  std::vector<std::uint32_t> slots_;  // id + 1, or 0 for an empty slot; a power of two
};

}  // namespace lifeline::app
