#pragma once
// Edit distance between words as optimal string alignment: a byte changed, missing or extra,
// or two neighbours swapped, each one edit (the distance a typo is measured in: skeletons and
// written forms both keep one byte per letter). Search compares one query word with
// thousands of indexed words, so a word can be prepared once as an `EditPattern`, which
// compares by Hyyrö's bit-parallel algorithm (a 64-bit word per column instead of a row of
// the table: "A bit-vector algorithm for computing Levenshtein and Damerau edit distances",
// Nordic Journal of Computing 10, 2003). Pure and thread-safe.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lifeline::text {

/// The distance between `a` and `b`, stopping at `limit` + 1, computed row by row (the
/// reference the bit-parallel comparison is tested against; any length).
std::size_t BoundedDistance(std::string_view a, std::string_view b, std::size_t limit);

/// A word prepared for comparing with many: Distance(b, limit) == BoundedDistance(word, b,
/// limit) for every b. Words of up to 64 bytes compare bit-parallel, longer ones row by row.
/// 2 KiB: make one per query word, not per comparison.
class EditPattern {
 public:
  explicit EditPattern(std::string_view word);
  std::size_t Distance(std::string_view other, std::size_t limit) const;
  std::string_view word() const { return word_; }

 private:
  std::string word_;
  std::array<std::uint64_t, 256> positions_{};  // per byte value, a bit where word_ has it
};

}  // namespace lifeline::text
