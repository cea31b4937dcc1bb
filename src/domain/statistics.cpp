#include "domain/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace lifeline {

std::vector<Cell> SuppressSmallCells(
    const std::vector<std::pair<std::string, std::int64_t>>& counts) {
  std::vector<Cell> cells;
  int suppressed = 0;
  for (const auto& [label, count] : counts) {
    const bool small = count > 0 && count < kSmallCell;
    cells.push_back({label, small ? std::nullopt : std::optional(count)});
    suppressed += small;
  }
  if (suppressed == 1) {
    Cell* smallest = nullptr;
    for (auto& c : cells) {
      if (c.count && *c.count > 0 && (!smallest || *c.count < *smallest->count)) smallest = &c;
    }
    if (smallest) smallest->count.reset();
  }
  return cells;
}

bool IsSurge(std::int64_t today, const std::vector<std::int64_t>& trailing_days) {
  if (today < kSmallCell || trailing_days.empty()) return false;
  const double n = static_cast<double>(trailing_days.size());
  const double mean = std::accumulate(trailing_days.begin(), trailing_days.end(), 0.0) / n;
  double variance = 0;
  for (auto d : trailing_days)
    variance += (static_cast<double>(d) - mean) * (static_cast<double>(d) - mean);
  // Daily counts vary at least as a Poisson count does: a very steady history must not
  // make an ordinary day look like a surge.
  const double spread = std::max(std::sqrt(variance / n), std::sqrt(mean));
  return static_cast<double>(today) > mean + 3.0 * spread;
}

}  // namespace lifeline
