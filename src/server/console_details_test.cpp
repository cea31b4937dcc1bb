#include "server/console_details.hpp"

#include <gtest/gtest.h>

#include "domain/camp/correspondence.hpp"
#include "domain/camp/money.hpp"
#include "domain/channels/reply_wording.hpp"
#include "domain/result.hpp"
#include "server/console_common.hpp"

namespace lifeline::server::console {
namespace {

TEST(ConsoleDetails, APlainRuleReadsInRussian) {
  EXPECT_EQ(DetailRu("a reply cannot be empty"), "Ответ не может быть пустым.");
  EXPECT_EQ(DetailRu("this task is already done"), "Эта задача уже выполнена.");
}

TEST(ConsoleDetails, ValuesKeepTheirPlaceAndOrderAndStatusesAreInWords) {
  EXPECT_EQ(DetailRu("case 12 is itself merged into case 7; merge into that one"),
            "Заявка № 12 сама объединена с заявкой № 7: объединяйте с ней.");
  EXPECT_EQ(DetailRu("this case is a member of group case 3; manage the group from there"),
            "Эта заявка входит в групповую заявку № 3: управляйте группой оттуда.");
  EXPECT_EQ(DetailRu("your role cannot move a case from \"new\" to \"rejected\""),
            "Ваша роль не позволяет перевести заявку из «новая» в «отклонена».");
  EXPECT_EQ(DetailRu("that time is outside the applicant's safe windows; the next one opens at "
                     "2026-12-07 16:00 UTC"),
            "Это время вне безопасных окон заявителя; ближайшее открывается 2026-12-07 16:00 UTC.");
}

TEST(ConsoleDetails, AGenericRuleComesAfterEveryOneThatSaysMore) {
  EXPECT_EQ(DetailRu("calls_per_hour is required"), "Заполните его.");
  EXPECT_EQ(DetailRu("the name is required"), "Нужно имя.");  // its own entry, listed earlier
  EXPECT_EQ(DetailRu("target must be a number"), "Нужно число, например 240 или 0.8.");
  EXPECT_EQ(DetailRu("the prisoner's account does not cover this (it holds 30.00)"),
            "На счёте военнопленного недостаточно средств: на нём 30.00.");
}

// The refusals as the rules themselves write them, not as copied here: a reworded rule fails
// this test as well as tests/check_console_details.py.
TEST(ConsoleDetails, TheRulesOwnRefusalsReadInRussian) {
  EXPECT_EQ(DetailRu(camp::ParseCurrency("XYZ").error().message),
            "Неизвестная валюта «XYZ»: укажите UAH или CHF.");
  EXPECT_EQ(DetailRu(camp::ValidateMailLimit({.letters_per_month = 1}).error().message),
            "Письма можно ограничить не меньше чем двумя в месяц (III Женевская конвенция, ст. "
            "71).");
  auto wording = channels::DefaultReplyWording("ru").value();
  wording.states[0] = "сдаться";
  EXPECT_EQ(DetailRu(channels::ValidateReplyWording(wording).error().message),
            "В ответе не должно быть слова «сдаться»: телефоны проверяют, пишите нейтрально.");
  wording = channels::DefaultReplyWording("ru").value();
  wording.texts[0] += " {case}";
  EXPECT_EQ(DetailRu(channels::ValidateReplyWording(wording).error().message),
            "Неизвестная подстановка {case} (можно: {receipt} в приветствии и статусе, {state} в "
            "статусе).");
}

TEST(ConsoleDetails, OnlyTheWholeTextMatches) {
  EXPECT_EQ(DetailRu("a reply cannot be empty, really"), std::nullopt);
  EXPECT_EQ(DetailRu("not a reply cannot be empty"), std::nullopt);
  EXPECT_EQ(DetailRu("case  is not a member of this group"), std::nullopt);  // an empty value
  EXPECT_EQ(DetailRu("a group holds at most members"), std::nullopt);
  EXPECT_EQ(DetailRu(""), std::nullopt);
}

TEST(ConsoleDetails, TheConsoleRefusalUsesTheCatalogueAndSaysWhenItCannot) {
  const std::string known = ConsoleErrorRu(InvalidInput("a reply cannot be empty", "text"));
  EXPECT_EQ(known, "Проверьте поле «текст». Ответ не может быть пустым.");
  const std::string unknown = ConsoleErrorRu(InvalidInput("a rule not in the catalogue", "text"));
  EXPECT_EQ(unknown,
            "Проверьте поле «текст». Подробно (по-английски): a rule not in the catalogue");
}

}  // namespace
}  // namespace lifeline::server::console
