// Words as written: each expected distance was worked out by hand from the schemes in
// written.cpp (the closest scheme named beside it).

#include "text/written.hpp"

#include <gtest/gtest.h>

#include "text/skeleton.hpp"

namespace lifeline::text {
namespace {

std::string Written(std::string_view word) {
  const auto words = SkeletonWordsCounted(word);
  return words.size() == 1 ? words[0].written : "?";
}

std::size_t Distance(std::string_view a, std::string_view b) {
  return WrittenDistance(Written(a), Written(b), 3);
}

TEST(Written, IsLowerCaseWithoutMarksAndOneBytePerCyrillicLetter) {
  EXPECT_EQ(Written("Shchukin"), "shchukin");
  EXPECT_EQ(Written("Žukaŭ"), "zukau");
  EXPECT_EQ(Written("Dar'ya"), "darya");
  EXPECT_EQ(Written("Щукин").size(), 5u);
  EXPECT_EQ(Written("Ёлкин"), Written("Елкин"));  // ё is written е as often as not
  EXPECT_NE(Written("Шукин"), Written("Щукин"));  // one skeleton, two written words
  EXPECT_EQ(Skeleton("Шукин"), Skeleton("Щукин"));
}

TEST(Written, EachSchemeWritesTheCyrillicWordAsItsTableSays) {
  const std::string shchukin = Written("Щукин");
  EXPECT_EQ(Romanise(shchukin, 0), "shchukin");            // ICAO 9303
  EXPECT_EQ(Romanise(shchukin, 2), "shhukin");             // GOST 7.79 B
  EXPECT_EQ(Romanise(shchukin, 3), "schtschukin");         // German
  EXPECT_EQ(Romanise(shchukin, 4), "chtchoukin");          // French
  EXPECT_EQ(Romanise(shchukin, 6), "scukin");              // Łacinka without marks
  EXPECT_EQ(Romanise(Written("Евгений"), 1), "yevgeniy");  // BGN: е is ye at the start
  EXPECT_EQ(Romanise(Written("Юрій"), 5), "yurii");        // Ukrainian: ю is yu at the start
  EXPECT_EQ(Romanise(Written("Юрій"), 0), "iurii");        // ICAO: iu everywhere
  EXPECT_EQ(Romanise(Written("Пятроў"), 6), "piatrou");    // Belarusian
  EXPECT_EQ(Romanise(Written("Григорій"), 5), "hryhorii");
}

TEST(Written, DistanceReadsTheCyrillicWordInTheClosestScheme) {
  struct Case {
    const char* a;
    const char* b;
    std::size_t distance;
  };
  const Case table[] = {
      {"Shchukin", "Щукин", 0},        // ICAO
      {"Shchukin", "Шукин", 1},        // German "schukin": h missing (ICAO "shukin" is two)
      {"Schtschukin", "Щукин", 0},     // German
      {"Sodoliych", "Зодолиых", 0},    // German: з s, х ch
      {"Sodoliykh", "Зодолиых", 1},    // German "sodoliych", ICAO "zodoliykh": one letter
      {"Chtchoukine", "Щукин", 1},     // French "chtchoukin" and its final e
      {"Poonaenko", "Поконаенко", 1},  // ICAO "pokonaenko": k missing
      {"Poonaenko", "Гонаенко", 2},    // "gonaenko": p to g, o missing
      {"Hryhorii", "Григорій", 0},     // Ukrainian national
      {"Щукин", "Щукн", 1},            // same script: letters compared as they are
      {"Щукин", "Шукин", 1},          {"Shchukin", "Shukin", 2},
      {"Ivanov", "Ivanov", 0},        {"Ivanov", "Петров", 4},  // past the limit of 3: limit + 1
  };
  for (const auto& c : table) {
    EXPECT_EQ(Distance(c.a, c.b), c.distance) << c.a << " / " << c.b;
    EXPECT_EQ(Distance(c.b, c.a), c.distance) << c.b << " / " << c.a;
  }
}

}  // namespace
}  // namespace lifeline::text
