#include "domain/channels/reply_wording.hpp"

#include <gtest/gtest.h>

#include "domain/channels/sms_segments.hpp"

namespace lifeline::channels {
namespace {

TEST(ReplyWording, TheBuiltInWordingPassesItsOwnChecksInEveryLanguage) {
  for (const char* language : {"ru", "uk", "be", "en"}) {
    const auto wording = DefaultReplyWording(language);
    ASSERT_TRUE(wording) << language;
    EXPECT_TRUE(ValidateReplyWording(*wording).ok())
        << language << ": " << ValidateReplyWording(*wording).error().message;
    const std::string welcome = RenderReply(*wording, ReplyKind::kWelcome, "912 345-67-89, 012345");
    EXPECT_NE(welcome.find("912 345-67-89, 012345"), std::string::npos);
    EXPECT_LE(CountSmsSegments(welcome).parts, 2u) << language;
  }
  EXPECT_FALSE(DefaultReplyWording("de"));
}

TEST(ReplyWording, GiveawayWordsAreFoundInAnyCaseAndForm) {
  EXPECT_EQ(GiveawayWord("Горячая линия слушает"), "горяч");
  EXPECT_EQ(GiveawayWord("после службы в АРМИИ"), "арми");
  EXPECT_EQ(GiveawayWord("Про полон"), "полон");
  EXPECT_EQ(GiveawayWord("The Surrender desk"), "surrender");
  EXPECT_EQ(GiveawayWord("no WAR here"), "war");
  EXPECT_EQ(GiveawayWord("ВСУ"), "всу");
  for (const char* innocent :
       {"warm regards", "forward it", "award", "Номер: 912 345-67-89", "Заявка принята",
        "Дзякуй, заяўка прынята", "Дякуємо, заявку прийнято", "your request is in"}) {
    EXPECT_EQ(GiveawayWord(innocent), std::nullopt) << innocent;
  }
}

TEST(ReplyWording, ARewordingIsRefusedWithTheTextAtFault) {
  auto wording = *DefaultReplyWording("ru");
  auto with = [&](ReplyKind kind, std::string text) {
    auto w = wording;
    w.texts[static_cast<std::size_t>(kind)] = std::move(text);
    return ValidateReplyWording(w);
  };
  EXPECT_EQ(with(ReplyKind::kHelp, "Горячая линия: пишите СТАТУС").error().field, "texts.help");
  EXPECT_EQ(with(ReplyKind::kStatus, "Заявка: {state}.").error().field,
            "texts.status");  // no number
  EXPECT_EQ(with(ReplyKind::kHelp, "Номер {receipt}").error().field,
            "texts.help");  // not given to HELP
  EXPECT_EQ(with(ReplyKind::kHelp, "Привет, {name}").error().field, "texts.help");
  EXPECT_EQ(with(ReplyKind::kStopped, "").error().field, "texts.stopped");
  EXPECT_EQ(with(ReplyKind::kStopped, std::string(135, 'x') + "ж").error().field,
            "texts.stopped");                                                // three parts
  EXPECT_TRUE(with(ReplyKind::kStopped, std::string(130, 'x') + "ж").ok());  // two
  auto state = wording;
  state.states[static_cast<std::size_t>(ReplyState::kAnswered)] = "ответ от армии";
  EXPECT_EQ(ValidateReplyWording(state).error().field, "states.answered");
}

TEST(ReplyWording, StatusSaysTheStateOfTheRequest) {
  const auto en = *DefaultReplyWording("en");
  EXPECT_EQ(RenderReply(en, ReplyKind::kStatus, "912 345-67-89, 012345", ReplyState::kAnswered),
            "Request 912 345-67-89, 012345: answered.");
  EXPECT_EQ(ToString(ReplyKind::kUnknownReceipt), "unknown_receipt");
  EXPECT_EQ(ToString(ReplyState::kInProgress), "in_progress");
}

}  // namespace
}  // namespace lifeline::channels
