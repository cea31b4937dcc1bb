#include "domain/channels/messenger_notice.hpp"

#include <gtest/gtest.h>

#include "domain/channels/reply_wording.hpp"

namespace lifeline::channels {
namespace {

constexpr std::string_view kOnion =
    "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcd.onion";

TEST(MessengerNotice, SaysTheChatIsNotEndToEndEncryptedAndNamesTheOnionForm) {
  const std::string en = MessengerNotice("en", "Telegram", kOnion);
  EXPECT_NE(en.find("not end-to-end encrypted"), std::string::npos);
  EXPECT_NE(en.find("Telegram"), std::string::npos);
  EXPECT_NE(en.find(kOnion), std::string::npos);
  EXPECT_NE(en.find("Tor Browser"), std::string::npos);
}

TEST(MessengerNotice, LeavesTheOnionSentenceOutWhenNoneIsConfigured) {
  const std::string ru = MessengerNotice("ru", "Telegram", "");
  EXPECT_NE(ru.find("сквозным шифрованием"), std::string::npos);
  EXPECT_EQ(ru.find("Tor"), std::string::npos);
  EXPECT_EQ(ru.find("{"), std::string::npos);
}

TEST(MessengerNotice, EveryLanguageIsInnocuousAndAnUnknownOneFallsBackToRussian) {
  for (const char* language : {"ru", "uk", "be", "en"}) {
    const std::string text = MessengerNotice(language, "Telegram", kOnion);
    EXPECT_FALSE(GiveawayWord(text).has_value()) << language;
    EXPECT_EQ(text.find('{'), std::string::npos) << language;
  }
  EXPECT_EQ(MessengerNotice("de", "Telegram", kOnion), MessengerNotice("ru", "Telegram", kOnion));
  EXPECT_NE(MessengerNotice("uk", "Telegram", kOnion), MessengerNotice("be", "Telegram", kOnion));
}

}  // namespace
}  // namespace lifeline::channels
