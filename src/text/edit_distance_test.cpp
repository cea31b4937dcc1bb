// Edit distance: a table worked out by hand, then the bit-parallel comparison against the
// row-by-row table on many random pairs (short alphabets, so that swaps and repeats are
// common; lengths on both sides of 64, where the pattern falls back to the table).

#include "text/edit_distance.hpp"

#include <gtest/gtest.h>

#include <random>

#include "text/written.hpp"

namespace lifeline::text {
namespace {

TEST(EditDistance, TableWorkedOutByHand) {
  struct Case {
    std::string a, b;
    std::size_t limit, distance;
  };
  const std::string sixty_four(64, 'a');
  const Case table[] = {
      {"", "", 3, 0},
      {"", "abc", 3, 3},
      {"abc", "abc", 3, 0},
      {"abc", "acb", 3, 1},                    // two neighbours swapped
      {"ca", "abc", 3, 3},                     // a swap is not edited again: not 2 as in Damerau's
      {"kitten", "sitting", 3, 3},             // k to s, e to i, g added
      {"kitten", "sitting", 2, 3},             // past the limit: limit + 1
      {"flaw", "lawn", 3, 2},                  // f dropped, n added
      {"abcdef", "badcfe", 3, 3},              // three swaps
      {"a", "abcd", 1, 2},                     // three longer than the limit allows
      {"\x80\x81\x9f", "\x81\x80\x9f", 3, 1},  // bytes above 0x7f (Cyrillic written forms)
      {sixty_four, sixty_four.substr(1) + "b", 3, 1},  // 64 bytes: the last bit
      {sixty_four + "a", sixty_four + "b", 3, 1},      // 65: the table
      {sixty_four, std::string(60, 'a') + "bbbb", 5, 4},
  };
  for (const auto& c : table) {
    EXPECT_EQ(BoundedDistance(c.a, c.b, c.limit), c.distance) << c.a << " / " << c.b;
    EXPECT_EQ(EditPattern(c.a).Distance(c.b, c.limit), c.distance) << c.a << " / " << c.b;
    EXPECT_EQ(EditPattern(c.b).Distance(c.a, c.limit), c.distance) << "symmetric: " << c.a;
  }
}

TEST(EditDistance, BitParallelAgreesWithTheTableOnRandomPairs) {
  std::mt19937 random(19);
  auto word = [&](std::size_t length, char alphabet) {
    std::string w;
    for (std::size_t i = 0; i < length; ++i)
      w += static_cast<char>('a' + std::uniform_int_distribution<int>(0, alphabet - 1)(random));
    return w;
  };
  for (int trial = 0; trial < 20000; ++trial) {
    const char alphabet = static_cast<char>(2 + trial % 5);
    const std::size_t length = std::uniform_int_distribution<std::size_t>(0, 70)(random);
    const std::string a = word(length, alphabet);
    std::string b = a;
    // A few edits of every kind, or a word of its own.
    if (trial % 7 == 0) {
      b = word(std::uniform_int_distribution<std::size_t>(0, 70)(random), alphabet);
    } else {
      for (int edits = trial % 4; edits > 0; --edits) {
        const std::size_t at = b.empty() ? 0 : random() % b.size();
        switch (random() % 4) {
          case 0:
            if (!b.empty()) b[at] = 'z';
            break;
          case 1:
            if (!b.empty()) b.erase(at, 1);
            break;
          case 2:
            b.insert(at, 1, 'y');
            break;
          default:
            if (at + 1 < b.size()) std::swap(b[at], b[at + 1]);
        }
      }
    }
    const std::size_t limit = trial % 3 == 0 ? 100 : 2;
    ASSERT_EQ(EditPattern(a).Distance(b, limit), BoundedDistance(a, b, limit)) << a << " / " << b;
  }
}

TEST(EditDistance, WrittenPatternIsWrittenDistance) {
  const char* words[] = {"shchukin",
                         "schukin",
                         "\x99\x93\x8a\x88\x8d",  // щукин
                         "\x98\x93\x8a\x88\x8d" /* шукин */,
                         "chtchoukine",
                         "sodoliych",
                         "piatrou",
                         "",
                         "\x9e\x90\x88\x89",
                         "iurii",
                         "yurii",
                         "yuriy",
                         "123"};
  for (const char* a : words) {
    const WrittenPattern pattern(a);
    for (const char* b : words) {
      for (std::size_t limit : {0, 1, 3, 20})
        EXPECT_EQ(pattern.Distance(b, limit), WrittenDistance(a, b, limit)) << a << " / " << b;
    }
  }
}

}  // namespace
}  // namespace lifeline::text
