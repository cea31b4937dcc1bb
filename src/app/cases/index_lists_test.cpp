// The search index's two list stores against plain standard containers holding the same
// entries, across the sizes where each changes how it keeps them (a posting inline, then a
// list; a hashed entry fresh, recent, then merged into the main level).

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

#include "app/cases/hashed_lists.hpp"
#include "app/cases/posting_lists.hpp"

namespace lifeline::app {
namespace {

TEST(PostingLists, KeepEachWordsCasesSortedWithFieldsMerged) {
  PostingLists lists;
  const std::uint32_t none = lists.AddWord(), one = lists.AddWord(), many = lists.AddWord();
  EXPECT_TRUE(lists[none].empty());
  lists.Add(one, 7, 0b0001);
  lists.Add(one, 7, 0b1000);  // the same case, another field: merged, still inline
  ASSERT_EQ(lists[one].size(), 1u);
  EXPECT_EQ(lists[one][0], (7u << 4) | 0b1001);
  lists.Add(many, 5, 1);
  lists.Add(many, 9, 2);  // a second case: a list of its own
  lists.Add(many, 2, 4);  // out of order (a case indexed again): in its place
  lists.Add(many, 9, 8);
  lists.Compact();
  const std::vector<std::uint32_t> expected = {(2u << 4) | 4, (5u << 4) | 1, (9u << 4) | 10};
  EXPECT_EQ(std::vector<std::uint32_t>(lists[many].begin(), lists[many].end()), expected);
  EXPECT_EQ(lists[one].size(), 1u);
  EXPECT_TRUE(lists[none].empty());
}

TEST(PostingLists, AgreeWithAMapOnRandomAdds) {
  std::mt19937 random(19);
  PostingLists lists;
  std::vector<std::map<std::uint32_t, std::uint32_t>> expected(500);  // per word: case -> mask
  for (std::size_t w = 0; w < expected.size(); ++w) lists.AddWord();
  for (std::uint32_t case_id = 1; case_id < 3000; ++case_id) {
    // Mostly in id order, sometimes an earlier case again.
    const std::uint32_t id = random() % 10 == 0 ? 1 + random() % case_id : case_id;
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t word = random() % 10 == 0 ? random() % 500 : random() % 20;
      const std::uint32_t mask = 1u << (random() % 4);
      lists.Add(word, id, mask);
      expected[word][id] |= mask;
    }
  }
  for (std::uint32_t w = 0; w < expected.size(); ++w) {
    std::vector<std::uint32_t> want;
    for (auto [id, mask] : expected[w]) want.push_back((id << 4) | mask);
    ASSERT_EQ(std::vector<std::uint32_t>(lists[w].begin(), lists[w].end()), want) << w;
  }
}

TEST(HashedLists, FindEveryValueAddedUnderAHashAtEverySize) {
  std::mt19937 random(19);
  HashedLists lists;
  std::multimap<std::uint32_t, std::uint32_t> expected;
  std::vector<std::uint32_t> hashes;
  auto check = [&](std::size_t sample) {
    for (std::size_t i = 0; i < sample; ++i) {
      const std::uint32_t hash = hashes[random() % hashes.size()];
      std::vector<std::uint32_t> found;
      lists.Find(hash, found);
      std::multiset<std::uint32_t> got(found.begin(), found.end()), want;
      for (auto [it, end] = expected.equal_range(hash); it != end; ++it) want.insert(it->second);
      ASSERT_EQ(got, want) << hash;
    }
    std::vector<std::uint32_t> found;
    lists.Find(0x12345678, found);  // never added (the generator below never makes it)
    EXPECT_TRUE(found.empty());
  };
  // Past the fresh level (256), the recent level (65,536) and several merges down.
  for (std::uint32_t value = 0; value < 300'000; ++value) {
    std::uint32_t hash = value % 3 == 0 && !hashes.empty() ? hashes[random() % hashes.size()]
                                                           : static_cast<std::uint32_t>(random());
    if (hash == 0x12345678) hash = 1;
    hashes.push_back(hash);
    lists.Add(hash, value);
    expected.emplace(hash, value);
    if (value == 100 || value == 5'000 || value == 70'000) check(200);
  }
  check(2000);
  lists.Compact();
  check(2000);
}

}  // namespace
}  // namespace lifeline::app
