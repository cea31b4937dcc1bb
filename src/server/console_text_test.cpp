#include "server/console_text.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "server/console_common.hpp"

namespace lifeline::server::console {
namespace {

bool HasCyrillic(std::string_view text) {
  // Cyrillic letters are U+0400–U+04FF: UTF-8 lead bytes 0xD0–0xD3.
  for (unsigned char c : text)
    if (c >= 0xD0 && c <= 0xD3) return true;
  return false;
}

TEST(ConsoleText, RussianIsTheSourceItself) {
  EXPECT_EQ(TextIn(Language::kRu, "Выйти"), "Выйти");
  const LanguageScope russian(Language::kRu);
  EXPECT_EQ(T("Выйти"), "Выйти");
  EXPECT_EQ(TF("с другими: {} чел.", 3), "с другими: 3 чел.");
}

TEST(ConsoleText, EnglishAndUkrainianComeFromTheirCatalogues) {
  EXPECT_EQ(TextIn(Language::kEn, "Выйти"), "Sign out");
  EXPECT_EQ(TextIn(Language::kUk, "Выйти"), "Вийти");
  EXPECT_EQ(TextIn(Language::kEn, "Журнал аудита"), "Audit log");
  EXPECT_EQ(TextIn(Language::kUk, "Журнал аудита"), "Журнал аудиту");
}

TEST(ConsoleText, ValuesKeepTheirPlaceInTheTranslation) {
  const LanguageScope english(Language::kEn);
  const std::string group = TF("с другими: {} чел.", 3);
  EXPECT_NE(group.find('3'), std::string::npos);
  EXPECT_FALSE(HasCyrillic(group)) << group;
}

TEST(ConsoleText, ATextNoCatalogueHoldsStaysRussian) {
  EXPECT_EQ(TextIn(Language::kEn, "такого текста в каталоге нет"), "такого текста в каталоге нет");
  EXPECT_EQ(TextIn(Language::kUk, ""), "");  // never the catalogue's header
}

TEST(ConsoleText, ATranslationWhoseValuesDoNotFitFallsBackToTheRussian) {
  const auto args = fmt::make_format_args(3);
  EXPECT_EQ(FormatTranslated("{} дня", "{} days {}", args), "3 дня");
  EXPECT_EQ(FormatTranslated("{} дня", "{:d} days", args), "3 days");
}

TEST(ConsoleText, AScopeSetsTheThreadsLanguageAndRestoresIt) {
  EXPECT_EQ(CurrentLanguage(), Language::kRu);
  {
    const LanguageScope english(Language::kEn);
    EXPECT_EQ(CurrentLanguage(), Language::kEn);
    {
      const LanguageScope ukrainian(Language::kUk);
      EXPECT_EQ(CurrentLanguage(), Language::kUk);
      UseLanguage(Language::kEn);
      EXPECT_EQ(CurrentLanguage(), Language::kEn);
    }
    EXPECT_EQ(CurrentLanguage(), Language::kEn);
    // Belarusian is not a console language: Russian stands in.
    UseLanguage(Language::kBe);
    EXPECT_EQ(CurrentLanguage(), Language::kRu);
  }
  EXPECT_EQ(CurrentLanguage(), Language::kRu);
}

TEST(ConsoleText, EachThreadRendersInItsOwnLanguage) {
  const LanguageScope english(Language::kEn);
  std::string other;
  std::thread([&] { other = std::string(T("Выйти")); }).join();
  EXPECT_EQ(other, "Выйти");
  EXPECT_EQ(T("Выйти"), "Sign out");
}

TEST(ConsoleText, TheConsolesWordsFollowTheLanguage) {
  const LanguageScope english(Language::kEn);
  EXPECT_EQ(StatusLabelRu(CaseStatus::kNew), "new");
  EXPECT_EQ(RoleRu(Role::kAuditor), "auditor");
  const std::string refusal = ConsoleErrorRu(Error{ErrorCode::kInvalidInput, "x", "reason"});
  EXPECT_FALSE(HasCyrillic(refusal)) << refusal;
  EXPECT_NE(refusal.find("x"), std::string::npos);
  EXPECT_NE(ConsolePage("t", "b").find("<html lang=\"en\">"), std::string::npos);
}

}  // namespace
}  // namespace lifeline::server::console
