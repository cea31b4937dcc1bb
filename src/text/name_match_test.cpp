#include "text/name_match.hpp"

#include <gtest/gtest.h>

namespace lifeline::text {
namespace {

// Pairs of one person's name as two applications, a passport and a relative wrote them.
TEST(NameMatch, OnePersonsNameWrittenEveryWayIsOneName) {
  const std::vector<std::pair<const char*, const char*>> same = {
      {"Юрий Щукин", "Iurii Shchukin"},          // Russian passport, ICAO 9303
      {"Юрий Щукин", "Yury Schukin"},            // as a relative types it
      {"Щукин Юрий", "Shchukin Yuriy"},          // BGN, surname first
      {"Алексей Ёлкин", "Aleksei Yolkin"},       // ё as yo
      {"Алексей Ёлкин", "Alexey Elkin"},         // ё as e, x for кс
      {"Алексей Ёлкин", "Олексій Йолкін"},       // the Ukrainian form of the given name
      {"Сяргей Пятроў", "Siarhei Piatrou"},      // Belarusian, the official romanisation
      {"Сяргей Пятроў", "Siarhei Piatroŭ"},      // Łacinka
      {"Евгений Ткаченко", "Yevhen Tkachenko"},  // the Ukrainian form, Latin
      {"Пётр Иванов", "ivanov PETR"},
  };
  for (const auto& [a, b] : same) {
    EXPECT_NE(CompareNames(a, b), NameAgreement::kNone) << a << " / " << b;
    EXPECT_EQ(CompareNames(b, a), CompareNames(a, b)) << "symmetric: " << a << " / " << b;
  }
  EXPECT_EQ(CompareNames("Юрий Щукин", "Yury Schukin"), NameAgreement::kSame);
  EXPECT_EQ(NameKey("Юрий Щукин"), NameKey("Shchukin Iurii"));
  EXPECT_EQ(NameKey("Aleksei Yolkin"), NameKey("Олексій Ёлкін"));
}

TEST(NameMatch, APatronymicGivenOrNotIsTheSameName) {
  EXPECT_EQ(CompareNames("Щукин Юрий Петрович", "Юрий Щукин"), NameAgreement::kSame);
  EXPECT_EQ(CompareNames("Iurii Petrovich Shchukin", "Щукин Юрий"), NameAgreement::kSame);
  EXPECT_EQ(CompareNames("Щукина Анна Сергеевна", "Анна Щукина"), NameAgreement::kSame);
  EXPECT_EQ(CompareNames("Шевчук Тарас Іванович", "Тарас Шевчук"), NameAgreement::kSame);  // uk
  // A surname that ends like a patronymic stays when the patronymic is there as well.
  EXPECT_EQ(NameWords("Лукашевич Иван Петрович"), (std::vector<std::string>{"lukaSeviC", "ivan"}));
  EXPECT_EQ(NameWords("Иван Лукашевич"), (std::vector<std::string>{"ivan", "lukaSeviC"}));
}

TEST(NameMatch, ATypoIsSpelledButADifferentPersonIsNot) {
  EXPECT_EQ(CompareNames("Юрий Щукин", "Юрий Щукен"), NameAgreement::kSpelled);
  EXPECT_EQ(CompareNames("Юрий Щукин", "Iurii Shchukyn"), NameAgreement::kSame);  // y is и
  EXPECT_EQ(CompareNames("Пётр Иванов", "Павел Иванов"), NameAgreement::kNone);
  EXPECT_EQ(CompareNames("Пётр Иванов", "Пётр Смирнов"), NameAgreement::kNone);
  EXPECT_EQ(CompareNames("Иванов", "Иванов"), NameAgreement::kNone);  // a surname alone
  EXPECT_EQ(CompareNames("", "Petr Ivanov"), NameAgreement::kNone);
  EXPECT_EQ(CompareNames("Пётр Иванов", "Пётр Иванов-Смирнов"), NameAgreement::kPartial);
}

}  // namespace
}  // namespace lifeline::text
