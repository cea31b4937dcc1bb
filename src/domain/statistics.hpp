#pragma once
// Aggregates for analysts. Any count from 1 to kSmallCell - 1 could point at a person, so
// such cells are suppressed, and one more cell beside a lone suppressed one, so that a
// published total cannot give it back. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lifeline {

inline constexpr std::int64_t kSmallCell = 10;

/// A counted cell; `count` is nullopt when suppressed.
struct Cell {
  std::string label;
  std::optional<std::int64_t> count;
};

/// Suppresses cells under kSmallCell (zero is safe and kept) and, when that leaves exactly
/// one suppressed cell in the group, the smallest other non-zero one too.
std::vector<Cell> SuppressSmallCells(
    const std::vector<std::pair<std::string, std::int64_t>>& counts);

/// Whether `today` is a surge against the trailing days: at least kSmallCell and more than
/// the mean plus three standard deviations (at least the Poisson spread, √mean).
bool IsSurge(std::int64_t today, const std::vector<std::int64_t>& trailing_days);

}  // namespace lifeline
