#include "text/name_match.hpp"

#include <gtest/gtest.h>

namespace lifeline::text {
namespace {

TEST(NameMatch, CyrillicAndLatinSpellingsOfOneNameShareAKey) {
  EXPECT_EQ(Fold("Пётр  Иванов-Младший"), "petr ivanov mladshiy");
  EXPECT_EQ(NameKey("Пётр Иванов"), NameKey("ivanov PETR"));
  EXPECT_EQ(NameKey("Синтетический Заявитель"), NameKey("Zayavitel' Sinteticheskij"));
  EXPECT_NE(NameKey("Пётр Иванов"), NameKey("Павел Иванов"));
}

TEST(NameMatch, ATypoStillScoresHighAndADifferentNameLow) {
  EXPECT_DOUBLE_EQ(NameSimilarity("Пётр Иванов", "Petr Ivanov"), 1.0);
  EXPECT_GT(NameSimilarity("Пётр Иванов", "Петр Иваноф"), 0.85);
  EXPECT_LT(NameSimilarity("Пётр Иванов", "Анна Смирнова"), 0.5);
  EXPECT_EQ(NameSimilarity("", "Petr"), 0.0);
}

TEST(NameMatch, ControlCharactersMixedScriptsAndBrokenUtf8DoNotBreakIt) {
  EXPECT_EQ(Fold("a\x01"
                 "b"),
            "a b");
  EXPECT_EQ(Fold("Ivan Иванович"), "ivan ivanovich");
  EXPECT_NO_THROW(Fold(std::string("\xff\xfe broken", 9)));
}

}  // namespace
}  // namespace lifeline::text
