#pragma once
// A compact multimap from 32-bit hashes to 32-bit values, for the search index's deletion
// neighbourhoods (millions of entries, eight bytes each): entries are kept sorted, with a
// directory by the hash's top bits, so a lookup reads one short run; new entries wait in a
// small sorted level and a few unsorted ones, and are merged down as those fill, so adding
// costs little and the index answers while it grows. Not thread-safe: the index's lock
// guards it.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace lifeline::app {

class HashedLists {
 public:
  void Add(std::uint32_t hash, std::uint32_t value) {
    fresh_.push_back(Entry(hash, value));
    if (fresh_.size() < kFresh) return;
    Merge(fresh_, recent_);
    if (recent_.size() >= kRecent) MergeDown();
  }

  /// Appends to `out` every value added under `hash`.
  void Find(std::uint32_t hash, std::vector<std::uint32_t>& out) const {
    const std::uint64_t low = Entry(hash, 0), high = Entry(hash, 0xFFFFFFFF);
    if (!main_.empty()) {
      const auto from = main_.begin() + directory_[hash >> kShift];
      const auto to = main_.begin() + directory_[(hash >> kShift) + 1];
      for (auto it = std::lower_bound(from, to, low); it != to && *it <= high; ++it)
        out.push_back(static_cast<std::uint32_t>(*it));
    }
    for (auto it = std::lower_bound(recent_.begin(), recent_.end(), low);
         it != recent_.end() && *it <= high; ++it)
      out.push_back(static_cast<std::uint32_t>(*it));
    for (std::uint64_t e : fresh_)
      if (e >= low && e <= high) out.push_back(static_cast<std::uint32_t>(e));
  }

  /// Merges everything into the sorted main level and gives back spare capacity.
  void Compact() {
    Merge(fresh_, recent_);
    MergeDown();
    main_.shrink_to_fit();
    recent_.shrink_to_fit();
  }

 private:
  static constexpr std::size_t kFresh = 256, kRecent = 1 << 16;
  static constexpr int kShift = 12;  // the directory: 2^20 runs by the hash's top bits

  static std::uint64_t Entry(std::uint32_t hash, std::uint32_t value) {
    return (std::uint64_t{hash} << 32) | value;
  }
  // Sorts `from` into `into` (both then sorted), emptying `from`.
  static void Merge(std::vector<std::uint64_t>& from, std::vector<std::uint64_t>& into) {
    std::sort(from.begin(), from.end());
    const auto middle = static_cast<long>(into.size());
    into.insert(into.end(), from.begin(), from.end());
    std::inplace_merge(into.begin(), into.begin() + middle, into.end());
    from.clear();
  }
  void MergeDown() {
    Merge(recent_, main_);
    directory_.assign((std::size_t{1} << (32 - kShift)) + 1, 0);
    std::size_t at = 0;
    for (std::size_t run = 0; run < directory_.size(); ++run) {
      while (at < main_.size() && (main_[at] >> (32 + kShift)) < run) ++at;
      directory_[run] = static_cast<std::uint32_t>(at);
    }
  }

  std::vector<std::uint64_t> main_, recent_, fresh_;
  std::vector<std::uint32_t> directory_;  // per run of the main level, where it starts
};

}  // namespace lifeline::app
