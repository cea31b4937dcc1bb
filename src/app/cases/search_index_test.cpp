#include "app/cases/search_index.hpp"

#include <gtest/gtest.h>

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
  std::vector<std::int64_t> Find(std::string_view q) { return *index_.Find(q); }
  SearchIndex index_;
};

TEST_F(SearchIndexTest, FindsAcrossScriptsNewestFirst) {
  EXPECT_EQ(Find("Petr"), (std::vector<std::int64_t>{3, 1}));
  EXPECT_EQ(Find("поисков"), (std::vector<std::int64_t>{2, 1}));  // a prefix of "poiskova" too
  EXPECT_EQ(Find("Poiskov Petr"), (std::vector<std::int64_t>{1}));
}

TEST_F(SearchIndexTest, ToleratesTyposButNotDifferentWords) {
  EXPECT_EQ(Find("Поискоф"),
            (std::vector<std::int64_t>{1}));  // one typo from "poiskov", two from "poiskova"
  EXPECT_EQ(Find("Sidorof"), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(Find("Smirnov").empty());
}

TEST_F(SearchIndexTest, SearchesUnitsAndMessagesAndForgetsDeletedCases) {
  EXPECT_EQ(Find("часть-пример 40"), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(Find("плен"), (std::vector<std::int64_t>{1}));
  index_.Remove(1);
  EXPECT_EQ(Find("Petr"), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(index_.cases(), 2u);
}

TEST_F(SearchIndexTest, EmptyHugeAndWildcardQueriesAreRefused) {
  for (std::string_view q : {"", "   ", "*", "%%%", "a", "?*"}) {
    auto refused = index_.Find(q);
    ASSERT_FALSE(refused.ok()) << q;
    EXPECT_EQ(refused.error().field, "q");
  }
  EXPECT_FALSE(index_.Find(std::string(801, 'x')).ok());
  EXPECT_EQ(Find("*Petr*"),
            (std::vector<std::int64_t>{3, 1}));  // wildcards are ignored, not expanded
}

}  // namespace
}  // namespace lifeline::app
