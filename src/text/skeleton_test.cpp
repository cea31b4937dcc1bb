// The skeleton's rules, tested on spellings of names as they are really written: passports
// (ICAO 9303 since 2013, and the older French-style ones), BGN/PCGN, GOST 7.79, German,
// Polish, Belarusian Łacinka and the official Ukrainian and Belarusian romanisations. Each
// expected skeleton was worked out by hand from the table in skeleton.hpp.

#include "text/skeleton.hpp"

#include <gtest/gtest.h>

#include "text/name_match.hpp"

namespace lifeline::text {
namespace {

struct Spellings {
  const char* skeleton;
  std::vector<const char*> forms;
};

TEST(Skeleton, EverySchemesSpellingOfAWordIsOneSkeleton) {
  const std::vector<Spellings> table = {
      // щ: ICAO/BGN shch, German schtsch, Polish szcz, Łacinka/ISO šč, ISO 9 ŝ, and the
      // everyday "sch"
      {"Sukin",
       {"Щукин", "Shchukin", "Schukin", "Schtschukin", "Szczukin", "Ščukin", "Ŝukin", "Shukin",
        "Šukin"}},
      // ё and е after a consonant and at the start: yo, io, jo, ë, e, ye, ie, je
      {"elkin", {"Ёлкин", "Елкин", "Yolkin", "Iolkin", "Jolkin", "Ëlkin", "Elkin", "Yelkin"}},
      {"fedor", {"Фёдор", "Федор", "Fyodor", "Fiodor", "Fjodor", "Fedor", "Fëdor"}},
      // й and the endings -ий/-ій/-ый: y, i, j, iy, ii, yi, ij
      {"Yri", {"Юрий", "Юрій", "Юрый", "Yuriy", "Yurii", "Iurii", "Yury", "Yuri", "Jurij", "Juri"}},
      {"aleksei", {"Алексей", "Aleksei", "Aleksey", "Alexey", "Alexei", "Aleksej"}},
      // я, ю: ya, ia, ja; yu, iu, ju; and after a soft sign (Дарья: Darya, Daria, Dar'ya)
      {"darA", {"Дарья", "Darya", "Daria", "Dar'ya", "Darja", "Dar’ia"}},
      {"ilYSin", {"Ильюшин", "Ilyushin", "Iliushin", "Il'jušin", "Iljuschin"}},
      {"anastasA",
       {"Анастасия", "Анастасія", "Anastasia", "Anastasiya", "Anastasija", "Anastasiia"}},
      // ж: zh, ž, ż; г, ґ, х: g, h, kh (Ukrainian and Belarusian г is h)
      {"Zukov", {"Жуков", "Zhukov", "Žukov", "Żukow"}},
      {"hrihori", {"Григорий", "Григорій", "Hryhorii", "Grigoriy", "Grigorij", "Hryhoriy"}},
      {"mihail", {"Михаил", "Mikhail", "Mihail"}},
      // ч: ch, č, cz, tsch, tch; ц: ts, c, tz, ć, and the тс of -тский
      {"Cernov", {"Чернов", "Chernov", "Černov", "Czernow", "Tschernow", "Tchernov"}},
      {"cvetkov", {"Цветков", "Tsvetkov", "Cvetkov"}},
      {"sovecki", {"Советский", "Sovetskiy", "Sovetsky", "Sovetskij"}},
      // Belarusian ў after a vowel: u (ICAO), w (BGN), ŭ (Łacinka); the Russian в
      {"pAtrov", {"Пятроў", "Piatrou", "Pyatrow", "Piatroŭ", "Pjatrou"}},
      {"pAtrovski", {"Пятроўскі", "Piatrouski", "Piatroŭski"}},
      // Ukrainian и, і, ї, є, ґ, and the apostrophe
      {"mikola", {"Микола", "Mykola"}},
      {"marAna", {"Мар'яна", "Maryana", "Mariana", "Mar'iana"}},
      {"evhen", {"Євген", "Yevhen", "Ievgen", "Jewhen"}},
      // French (older passports): ou is у, ch ш, tch ч, j ж, -ine -ин
      {"Zukov", {"Joukov"}},
      {"bulhakov", {"Булгаков", "Boulgakov", "Bulgakov"}},
      {"Sukin", {"Chtchoukine"}},
      {"SuliC", {"Шулич", "Choulitch", "Shulich"}},
      // ... but an "ou" that is ў is no sign of French: Belarusian -оў and -оўскі
      {"Savcovski", {"Шаўцоўскі", "Shaŭcoŭski"}},
      // x is кс; w is в; doubled letters are one
      {"aleksandr", {"Александр", "Aleksandr", "Alexandr"}},
      {"vasili", {"Василий", "Vasiliy", "Vassili", "Wassilij", "Vasily", "Vasilii"}},
      {"ana", {"Анна", "Anna", "Ana"}},
      // digits stay
      {"12345", {"12345"}},
  };
  for (const auto& row : table) {
    for (const char* form : row.forms) EXPECT_EQ(Skeleton(form), row.skeleton) << form;
  }
}

TEST(Skeleton, SpellingsTheRulesCannotReachAreLeftToGivenNamesAndTypos) {
  // German "ch" is х (Michail) where every other scheme's is ч; English "-ander". Both stay
  // within a typo or are given-name forms (given_names.cpp).
  EXPECT_EQ(Skeleton("Michail"), "miCail");
  EXPECT_EQ(BoundedDistance(Skeleton("Michail"), Skeleton("Михаил"), 2), 1u);
  EXPECT_EQ(Skeleton("Alexander"), "aleksander");
}

TEST(Skeleton, OneWrongCyrillicLetterIsOneEditInEitherScript) {
  // The reason for the skeleton: folding to one Latin spelling made one typo several edits.
  const std::vector<std::pair<const char*, const char*>> typos = {
      {"Щукин", "Шукин"},       {"Хорошев", "Хорошов"}, {"Жуков", "Зуков"},
      {"Shchukin", "Shchukyn"}, {"Zhukov", "Zhukow"},   {"Khoroshev", "Horoshev"},
      {"Щукин", "Schukyn"},     {"Пятроў", "Петров"},   {"Ёлкин", "Ёлкен"},
  };
  for (const auto& [a, b] : typos) {
    EXPECT_LE(BoundedDistance(Skeleton(a), Skeleton(b), 3), 1u) << a << " / " << b;
  }
  // two neighbouring letters swapped are one edit too
  EXPECT_EQ(BoundedDistance(Skeleton("Гамоёў"), Skeleton("Гмаоёў"), 3), 1u);
  EXPECT_EQ(BoundedDistance("abcd", "badc", 3), 2u);
  EXPECT_EQ(BoundedDistance("abc", "cba", 1), 2u);  // not a swap of neighbours: over the limit
  // and different names stay apart
  EXPECT_GT(BoundedDistance(Skeleton("Щукин"), Skeleton("Смирнов"), 3), 2u);
  EXPECT_NE(Skeleton("Иванов"), Skeleton("Ивашов"));
}

TEST(Skeleton, WordsSplitOnPunctuationNotOnApostrophesOrAccents) {
  EXPECT_EQ(SkeletonWords("Пётр  Иванов-Младший"),
            (std::vector<std::string>{"petr", "ivanov", "mladSi"}));
  EXPECT_EQ(SkeletonWords("часть-пример 12"), (std::vector<std::string>{"Cast", "primer", "12"}));
  EXPECT_EQ(SkeletonWords("Ива\u0301нов"), (std::vector<std::string>{"ivanov"}));  // stress mark
  EXPECT_EQ(SkeletonWords("Пeтров"), (std::vector<std::string>{"petrov"}));        // Latin e inside
  EXPECT_TRUE(SkeletonWords("").empty());
  EXPECT_TRUE(SkeletonWords("*** ... ---").empty());
  const auto counted = SkeletonWordsCounted("x Щукин");
  ASSERT_EQ(counted.size(), 2u);
  EXPECT_EQ(counted[0].skeleton, "ks");
  EXPECT_EQ(counted[0].letters, 1u);
  EXPECT_EQ(counted[1].letters, 5u);
  EXPECT_TRUE(IsNumber("12345"));
  EXPECT_FALSE(IsNumber("12a"));
}

TEST(Skeleton, OtherScriptsAndBrokenInputDoNotBreakIt) {
  EXPECT_EQ(Skeleton("Γιώργος"), Skeleton("Giorgos"));  // Greek through ICU
  EXPECT_EQ(SkeletonWords("a\x01"
                          "b"),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_NO_THROW(SkeletonWords(std::string("\xff\xfe broken \xd0", 12)));
  EXPECT_EQ(SkeletonWords(std::string("\xff\xfe broken \xd0", 12)),
            (std::vector<std::string>{"broken"}));
  EXPECT_NO_THROW(SkeletonWords("\xe2\x82"));  // a truncated sequence at the end
}

TEST(Skeleton, TheMemoGivesTheWordsOfTheWholeText) {
  auto same = [](const std::vector<SkeletonWord>& a, const std::vector<SkeletonWord>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i].skeleton != b[i].skeleton || a[i].letters != b[i].letters ||
          a[i].written != b[i].written)
        return false;
    }
    return true;
  };
  SkeletonMemo memo(3);  // small, so that it forgets and learns again below
  const std::string texts[] = {"Пётр  Иванов-Младший",
                               "\tчасть-пример 12\r\n",
                               "Shchukin, Щукин; Shchukin",
                               "",
                               "   ",
                               "Ива\u0301нов x Щукин",
                               std::string("\xff\xfe broken \xd0", 12),
                               "a\xe2 \x82"
                               "b",
                               "Iurii\nPetrovich\tShchukin Iurii Iurii Yury",
                               "\xe2\x82"};
  for (int round = 0; round < 2; ++round) {
    for (const auto& text : texts) {
      std::vector<SkeletonWord> words{{"before", 6, "before"}};
      memo.Append(text, words);
      auto expected = SkeletonWordsCounted(text);
      expected.insert(expected.begin(), {"before", 6, "before"});
      EXPECT_TRUE(same(words, expected)) << text;
    }
  }
}

}  // namespace
}  // namespace lifeline::text
