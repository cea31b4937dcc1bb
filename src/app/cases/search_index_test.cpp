#include "app/cases/search_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lifeline::app {
namespace {

IdentifyingFields Fields(std::string name, std::string unit = "", std::string message = "") {
  IdentifyingFields f;
  f.name = std::move(name);
  f.unit = std::move(unit);
  f.message = std::move(message);
  return f;
}

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Add(1, Fields("Пётр Поисков", "часть-пример 12", "хочу сдаться в плен"));
    index_.Add(2, Fields("Анна Поискова", "часть-пример 40"));
    index_.Add(3, Fields("Petr Sidorov", "", "synthetic message"));
  }
  std::vector<std::int64_t> Find(std::string_view q) {
    std::vector<std::int64_t> ids;
    const auto found = index_.Find(q, 100);
    EXPECT_TRUE(found.ok()) << q;
    if (!found) return ids;
    for (const auto& hit : found->hits) ids.push_back(hit.case_id);
    return ids;
  }
  SearchIndex index_;
};

TEST_F(SearchIndexTest, FindsAcrossScriptsBestFirst) {
  EXPECT_EQ(Find("Petr"), (std::vector<std::int64_t>{3, 1}));     // equals: newest first
  EXPECT_EQ(Find("поисков"), (std::vector<std::int64_t>{1, 2}));  // exact, then one letter more
  EXPECT_EQ(Find("Poiskov Petr"), (std::vector<std::int64_t>{1, 3, 2}));  // both words first
  const auto both = *index_.Find("Poiskov Petr", 100);
  EXPECT_EQ(both.total, 3u);
  EXPECT_EQ(both.complete, 1u);
}

TEST_F(SearchIndexTest, ToleratesTyposButNotDifferentWords) {
  // One typo from "poiskov", two from "poiskova" (seven symbols may have two): closer first.
  EXPECT_EQ(Find("Поискоф"), (std::vector<std::int64_t>{1, 2}));
  // A prefix of both: the one fewer letters longer first (closer as written).
  EXPECT_EQ(Find("Поиск"), (std::vector<std::int64_t>{1, 2}));
  EXPECT_TRUE(Find("Поис").size() == 2);
  EXPECT_EQ(Find("Sidorof"), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(Find("Smirnov").empty());
}

TEST_F(SearchIndexTest, SearchesUnitsAndMessagesAndForgetsDeletedCases) {
  EXPECT_EQ(Find("часть-пример 40"), (std::vector<std::int64_t>{2, 1}));  // all three words first
  EXPECT_EQ(Find("плен"), (std::vector<std::int64_t>{1}));
  index_.Remove(1);
  EXPECT_EQ(Find("Petr"), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(index_.cases(), 2u);
  index_.Remove(1);  // twice is once
  EXPECT_EQ(index_.cases(), 2u);
}

TEST_F(SearchIndexTest, EmptyHugeAndWildcardQueriesAreRefused) {
  for (std::string_view q : {"", "   ", "*", "%%%", "a", "?*"}) {
    auto refused = index_.Find(q, 10);
    ASSERT_FALSE(refused.ok()) << q;
    EXPECT_EQ(refused.error().field, "q");
  }
  EXPECT_FALSE(index_.Find(std::string(801, 'x'), 10).ok());
  EXPECT_EQ(Find("*Petr*"),
            (std::vector<std::int64_t>{3, 1}));  // wildcards are ignored, not expanded
}

// The weights of docs/search.md, by hand: kind (exact 8, given-name form 7, typo 5, prefix
// 3) times field (name 4, unit 3, location 2, message 1), summed over the query's words.
TEST(SearchRanking, ScoresAreTheDocumentedWeights) {
  SearchIndex index;
  // A word's score: kind x field x 4, plus 3 less the letter edits as written (at least 0).
  index.Add(1, Fields("Алексей Щукин"));  // name exact, ICAO "aleksei": 32 x 4 + 3
  index.Add(2, Fields("Олексій Щукін"));  // given-name form, "oleksii" two letters: 28 x 4 + 1
  index.Add(3, Fields("Иван Петров", "", "Алексей просил"));  // message exact: 8 x 4 + 3
  index.Add(4, Fields("Алексейчук Пётр"));  // name prefix, "alekseichuk" four letters: 12 x 4
  index.Add(5, Fields("Алексий Иванов"));   // name typo, "aleksii" one letter: 20 x 4 + 2
  auto found = *index.Find("Aleksei", 10);
  std::vector<std::pair<std::int64_t, int>> scores;
  for (const auto& hit : found.hits) scores.emplace_back(hit.case_id, hit.score);
  EXPECT_EQ(scores, (std::vector<std::pair<std::int64_t, int>>{
                        {1, 131}, {2, 113}, {5, 82}, {4, 48}, {3, 35}}));
  ASSERT_TRUE(found.hits[1].matches[0].has_value());
  EXPECT_EQ(found.hits[1].matches[0]->kind, MatchKind::kGivenNameForm);
  EXPECT_EQ(found.hits[1].matches[0]->field, SearchField::kName);
  EXPECT_EQ(found.hits[4].matches[0]->field, SearchField::kMessage);

  // Two words: matching both beats a better single match; the unmatched word says so.
  index.Add(6, Fields("Щукин", "в/ч 12345"));
  auto two = *index.Find("Щукин 12345", 10);
  EXPECT_EQ(two.hits[0].case_id, 6);
  EXPECT_EQ(two.hits[0].score, 131 + 99);  // name exact + unit exact, both as written
  EXPECT_EQ(two.complete, 1u);
  EXPECT_FALSE(two.hits[1].matches[1].has_value());
  EXPECT_EQ(two.total, 3u);  // 6, 1 and 2 (Щукін is the same skeleton)
}

TEST(SearchRanking, TopCutsTheListButNotTheCounts) {
  SearchIndex index;
  for (int id = 1; id <= 300; ++id) index.Add(id, Fields("Синтетический Тестов"));
  auto found = *index.Find("Тестов", 20);
  ASSERT_EQ(found.hits.size(), 20u);
  EXPECT_EQ(found.total, 300u);
  EXPECT_EQ(found.hits.front().case_id, 300);
  EXPECT_EQ(found.hits.back().case_id, 281);
  EXPECT_TRUE(index.Find("Тестов", 0)->hits.empty());
}

TEST(SearchRanking, NumbersMatchExactlyOrByPrefixNeverByTypo) {
  SearchIndex index;
  index.Add(1, Fields("", "в/ч 12345"));
  index.Add(2, Fields("", "в/ч 12346"));
  auto found = *index.Find("12345", 10);
  ASSERT_EQ(found.hits.size(), 1u);
  EXPECT_EQ(found.hits[0].case_id, 1);
  EXPECT_EQ(index.Find("1234", 10)->hits.size(), 2u);  // a prefix of both
}

TEST(SearchRanking, TheWordCloserAsWrittenComesFirst) {
  SearchIndex index;
  index.Add(1, Fields("Щукин"));
  index.Add(2, Fields("Шукин"));  // the same skeleton; newer, but two letters from "Shchukin"
  auto found = *index.Find("Shchukin", 10);
  ASSERT_EQ(found.hits.size(), 2u);
  EXPECT_EQ(found.hits[0].case_id, 1);
  // German "Sodoliych" is Зодолиых letter for letter, though two symbols off (ch read as ч).
  index.Add(3, Fields("Зодолиых"));
  found = *index.Find("Sodoliych", 10);
  ASSERT_EQ(found.hits.size(), 1u);
  EXPECT_EQ(found.hits[0].matches[0]->kind, MatchKind::kExact);
}

// Words are kept sorted for typos and prefixes, the newest unsorted until there are enough
// of them: words on both sides of that line are found alike.
TEST(SearchRanking, OldAndNewWordsAreFoundByTypoAndPrefix) {
  const char* const syllables[] = {"ка", "ро", "ми", "ла", "то", "не", "ва", "си", "ру", "го",
                                   "зе", "ду", "бо", "пе", "ли", "хо", "че", "ша", "ны", "фу"};
  auto surname = [&](int i) {
    return std::string(syllables[i % 20]) + syllables[i / 20 % 20] + syllables[i / 400 % 20] + "ов";
  };
  SearchIndex index;
  constexpr int kCases = 9000;  // past 2^16 recent neighbours and 2^13 unsorted words
  for (int id = 1; id <= kCases; ++id) index.Add(id, Fields(surname(id)));
  for (int id : {1, 4321, kCases}) {
    std::string typo = surname(id);
    typo.erase(2, 2);  // the first syllable's vowel missing
    auto found = *index.Find(typo, 50);
    EXPECT_TRUE(std::any_of(found.hits.begin(), found.hits.end(), [&](const SearchHit& h) {
      return h.case_id == id;
    })) << id;
    const std::string begins = surname(id).substr(0, 8);  // four letters of two bytes
    found = *index.Find(begins, 50);
    EXPECT_TRUE(std::any_of(found.hits.begin(), found.hits.end(), [&](const SearchHit& h) {
      return h.case_id == id;
    })) << id;
  }
  index.Compact();  // everything sorted: the same answers
  EXPECT_EQ(index.Find(surname(kCases), 5)->hits.at(0).case_id, kCases);
}

}  // namespace
}  // namespace lifeline::app
