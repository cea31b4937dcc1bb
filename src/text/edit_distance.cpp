#include "text/edit_distance.hpp"

#include <algorithm>
#include <vector>

namespace lifeline::text {
namespace {

std::size_t LengthGap(std::string_view a, std::string_view b) {
  return a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
}

}  // namespace

std::size_t BoundedDistance(std::string_view a, std::string_view b, std::size_t limit) {
  if (LengthGap(a, b) > limit) return limit + 1;
  if (a == b) return 0;
  // Three rows of the table (the one before the last for a swap), on the stack for words of
  // up to 63 bytes. Every cell is written before it is read.
  constexpr std::size_t kOnStack = 64;
  std::array<std::size_t, kOnStack * 3> stack;
  std::vector<std::size_t> heap;
  std::size_t* rows = stack.data();
  if (b.size() + 1 > kOnStack) {
    heap.resize((b.size() + 1) * 3);
    rows = heap.data();
  }
  std::size_t* before = rows;
  std::size_t* above = rows + b.size() + 1;
  std::size_t* row = rows + 2 * (b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) above[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    std::size_t best = row[0];
    for (std::size_t j = 1; j <= b.size(); ++j) {
      row[j] =
          std::min({above[j] + 1, row[j - 1] + 1, above[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], before[j - 2] + 1);
      best = std::min(best, row[j]);
    }
    if (best > limit) return limit + 1;
    std::swap(before, above);
    std::swap(above, row);
  }
  return std::min(above[b.size()], limit + 1);
}

EditPattern::EditPattern(std::string_view word) : word_(word) {
  if (word_.size() > 64) return;
  for (std::size_t i = 0; i < word_.size(); ++i)
    positions_[static_cast<unsigned char>(word_[i])] |= std::uint64_t{1} << i;
}

std::size_t EditPattern::Distance(std::string_view other, std::size_t limit) const {
  if (LengthGap(word_, other) > limit) return limit + 1;
  if (word_.size() > 64 || word_.empty() || other.empty())
    return BoundedDistance(word_, other, limit);
  // The table's columns, one per byte of `other`, as bit vectors over word_'s positions:
  // vertical steps of +1 (up) and -1 (down) between neighbouring rows, and the last row's
  // value (the distance so far) kept apart. Row 0 of each column counts the bytes read.
  const std::uint64_t last = std::uint64_t{1} << (word_.size() - 1);
  std::uint64_t up = ~std::uint64_t{0}, down = 0, zero_steps = 0, previous_matches = 0;
  std::size_t distance = word_.size();
  for (char c : other) {
    const std::uint64_t matches = positions_[static_cast<unsigned char>(c)];
    // A swap: this byte matches at i and the previous one at i - 1 where the diagonal step
    // before was not already free.
    const std::uint64_t swapped = (((~zero_steps) & matches) << 1) & previous_matches;
    zero_steps = (((matches & up) + up) ^ up) | matches | down | swapped;
    std::uint64_t right_up = down | ~(zero_steps | up);
    std::uint64_t right_down = zero_steps & up;
    if (right_up & last) ++distance;
    if (right_down & last) --distance;
    right_up = (right_up << 1) | 1;  // row 0 grows by one each column
    right_down <<= 1;
    up = right_down | ~(zero_steps | right_up);
    down = right_up & zero_steps;
    previous_matches = matches;
  }
  return std::min(distance, limit + 1);
}

}  // namespace lifeline::text
