#include "domain/contact_centre/voice_prompts.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace lifeline::contact_centre {
namespace {

TEST(VoicePrompts, MinutesTakeTheSlavonicPluralForms) {
  EXPECT_EQ(MinutesWord(Language::kRu, 1), "минута");
  EXPECT_EQ(MinutesWord(Language::kRu, 2), "минуты");
  EXPECT_EQ(MinutesWord(Language::kRu, 4), "минуты");
  EXPECT_EQ(MinutesWord(Language::kRu, 5), "минут");
  EXPECT_EQ(MinutesWord(Language::kRu, 11), "минут");
  EXPECT_EQ(MinutesWord(Language::kRu, 12), "минут");
  EXPECT_EQ(MinutesWord(Language::kRu, 14), "минут");
  EXPECT_EQ(MinutesWord(Language::kRu, 21), "минута");
  EXPECT_EQ(MinutesWord(Language::kRu, 22), "минуты");
  EXPECT_EQ(MinutesWord(Language::kRu, 25), "минут");
  EXPECT_EQ(MinutesWord(Language::kRu, 40), "минут");
  EXPECT_EQ(MinutesWord(Language::kUk, 1), "хвилина");
  EXPECT_EQ(MinutesWord(Language::kUk, 3), "хвилини");
  EXPECT_EQ(MinutesWord(Language::kUk, 13), "хвилин");
  EXPECT_EQ(MinutesWord(Language::kUk, 60), "хвилин");
  EXPECT_EQ(MinutesWord(Language::kBe, 1), "хвіліна");
  EXPECT_EQ(MinutesWord(Language::kBe, 2), "хвіліны");
  EXPECT_EQ(MinutesWord(Language::kBe, 15), "хвілін");
  EXPECT_EQ(MinutesWord(Language::kEn, 1), "minute");
  EXPECT_EQ(MinutesWord(Language::kEn, 21), "minutes");
}

TEST(VoicePrompts, NumbersAgreeWithTheGenderOfTheirNoun) {
  EXPECT_EQ(NumberWords(Language::kRu, 1, Gender::kFeminine), "одна");
  EXPECT_EQ(NumberWords(Language::kRu, 1, Gender::kMasculine), "один");
  EXPECT_EQ(NumberWords(Language::kRu, 2, Gender::kFeminine), "две");
  EXPECT_EQ(NumberWords(Language::kRu, 21, Gender::kFeminine), "двадцать одна");
  EXPECT_EQ(NumberWords(Language::kRu, 12, Gender::kFeminine),
            "двенадцать");  // no agreement in the teens
  EXPECT_EQ(NumberWords(Language::kRu, 40, Gender::kMasculine), "сорок");
  EXPECT_EQ(NumberWords(Language::kUk, 2, Gender::kFeminine), "дві");
  EXPECT_EQ(NumberWords(Language::kUk, 2, Gender::kMasculine), "два");
  EXPECT_EQ(NumberWords(Language::kUk, 55, Gender::kFeminine), "п'ятдесят п'ять");
  EXPECT_EQ(NumberWords(Language::kBe, 1, Gender::kFeminine), "адна");
  EXPECT_EQ(NumberWords(Language::kBe, 22, Gender::kFeminine), "дваццаць дзве");
  EXPECT_EQ(NumberWords(Language::kEn, 21, Gender::kFeminine), "twenty-one");
  EXPECT_EQ(NumberWords(Language::kEn, 0, Gender::kFeminine), "");
  EXPECT_EQ(NumberWords(Language::kEn, 100, Gender::kFeminine), "");
}

TEST(VoicePrompts, WaitPromptsSayTheNumberAndMinuteInAgreement) {
  std::map<std::string, std::string> text;
  for (const auto& p : AllPrompts()) text[p.file] = p.text;
  EXPECT_EQ(text["ru/wait_1.wav"], "Примерное время ожидания: одна минута.");
  EXPECT_EQ(text["ru/wait_2.wav"], "Примерное время ожидания: две минуты.");
  EXPECT_EQ(text["ru/wait_5.wav"], "Примерное время ожидания: пять минут.");
  EXPECT_EQ(text["uk/wait_2.wav"], "Орієнтовний час очікування: дві хвилини.");
  EXPECT_EQ(text["be/wait_1.wav"], "Прыблізны час чакання: адна хвіліна.");
  EXPECT_EQ(text["en/wait_1.wav"], "The expected wait is about one minute.");
  EXPECT_EQ(text["en/wait_25.wav"], "The expected wait is about twenty-five minutes.");
  EXPECT_EQ(text["ru/position_1.wav"], "Ваш номер в очереди: один.");
  EXPECT_EQ(text["uk/position_2.wav"], "Ваш номер у черзі: два.");
}

TEST(VoicePrompts, EveryPromptExistsInEveryLanguage) {
  std::map<std::string, std::set<std::string>> ids_by_language;
  std::set<std::string> voices;
  for (const auto& p : AllPrompts()) {
    const auto slash = p.file.find('/');
    ASSERT_NE(slash, std::string::npos) << p.file;
    ids_by_language[p.file.substr(0, slash)].insert(p.file.substr(slash + 1));
    EXPECT_FALSE(p.text.empty()) << p.file;
    EXPECT_EQ(p.text.find("{}"), std::string::npos) << p.file;
    voices.insert(p.voice);
  }
  ASSERT_EQ(ids_by_language.size(), 4u);
  EXPECT_EQ(voices, (std::set<std::string>{"ru", "uk", "be", "en-gb"}));
  const auto& ru = ids_by_language["ru"];
  for (const auto& [language, ids] : ids_by_language) EXPECT_EQ(ids, ru) << language;
  // Everything an announcement can ask for has a file.
  for (bool first : {true, false}) {
    for (bool flood : {true, false}) {
      for (int ahead : {0, 5, 19, 20, 500}) {
        for (auto wait : {std::optional<double>(), std::optional<double>(1),
                          std::optional<double>(61), std::optional<double>(599),
                          std::optional<double>(3600), std::optional<double>(3601)}) {
          for (const auto& id : Announcement(first, flood, ahead, wait, true))
            EXPECT_TRUE(ru.count(id + ".wav")) << id;
        }
      }
    }
  }
  EXPECT_TRUE(ru.count(std::string(kCallbackConfirmed) + ".wav"));
}

TEST(VoicePrompts, AnAnnouncementSaysPositionWaitAndTheOffer) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Announcement(true, false, 0, 30.0, true),
            (V{"welcome", "position_1", "wait_1", "offer"}));
  EXPECT_EQ(Announcement(true, true, 4, 601.0, true),
            (V{"flood", "position_5", "wait_15", "offer"}));
  EXPECT_EQ(Announcement(false, true, 25, std::nullopt, false), (V{"position_more"}));
  EXPECT_EQ(Announcement(false, false, 1, 7200.0, false), (V{"position_2", "wait_more"}));
  EXPECT_EQ(Announcement(false, false, 1, 3600.0, false), (V{"position_2", "wait_60"}));
}

}  // namespace
}  // namespace lifeline::contact_centre
