#include "domain/statistics.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

std::vector<std::optional<std::int64_t>> Counts(const std::vector<Cell>& cells) {
  std::vector<std::optional<std::int64_t>> out;
  for (const auto& c : cells) out.push_back(c.count);
  return out;
}

TEST(Statistics, SmallCellsAreSuppressedAndALoneOneTakesANeighbourWithIt) {
  EXPECT_EQ(Counts(SuppressSmallCells({{"a", 40}, {"b", 0}, {"c", 12}})),
            (std::vector<std::optional<std::int64_t>>{40, 0, 12}));
  // "b" alone would be total minus the rest: the smallest other cell goes too.
  EXPECT_EQ(Counts(SuppressSmallCells({{"a", 40}, {"b", 3}, {"c", 12}})),
            (std::vector<std::optional<std::int64_t>>{40, std::nullopt, std::nullopt}));
  EXPECT_EQ(Counts(SuppressSmallCells({{"a", 40}, {"b", 3}, {"c", 9}})),
            (std::vector<std::optional<std::int64_t>>{40, std::nullopt, std::nullopt}));
  EXPECT_EQ(Counts(SuppressSmallCells({{"a", 1}})),
            (std::vector<std::optional<std::int64_t>>{std::nullopt}));
}

TEST(Statistics, ASurgeStandsOutOfItsOwnUsualLevel) {
  EXPECT_TRUE(IsSurge(60, {20, 22, 18, 21, 19, 20, 20}));
  EXPECT_FALSE(IsSurge(24, {20, 22, 18, 21, 19, 20, 20}));
  EXPECT_FALSE(IsSurge(8, {0, 0, 0, 1}));  // too few to matter, and to publish
  EXPECT_FALSE(IsSurge(50, {}));
}

}  // namespace
}  // namespace lifeline
