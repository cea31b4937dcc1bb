// Annex IV's capture card as lines: the date of capture, and every value in the card's
// languages (his and the camp's), never an English word or a code lifeline uses inside.

#include "server/camp/capture_card.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace lifeline::server {
namespace {

using namespace std::chrono;

app::Prisoner Prisoner(std::string health) {
  app::Prisoner p;
  p.stored.id = 42;
  p.stored.language = "ru";
  p.stored.health = std::move(health);
  p.stored.arrived_on = year{2026} / November / 10;
  p.number = "POW-000042";
  p.fields = app::PrisonerFields{"Примеров",
                                 "Пётр",
                                 "Пётр",
                                 "Образцова",
                                 "рядовой",
                                 "X-1",
                                 "1999-04-30",
                                 "г. Вымышленск",
                                 "Государство А",
                                 "Примерова Анна",
                                 "ул. Синтетическая, 1",
                                 "2026-11-08"};
  return p;
}

camp::CampRecord Camp() {
  camp::CampRecord c;
  c.name = "Лагерь № 7";
  c.language = "uk";
  return c;
}

std::string ValueOf(const CaptureCard& card, std::string_view label_start) {
  for (const auto& line : card.lines) {
    if (line.label.starts_with(label_start)) return line.value;
  }
  return "<no such line>";
}

TEST(CaptureCard, PrintsTheDateOfCaptureAndHisHealthInBothLanguages) {
  const CaptureCard card = MakeCaptureCard(Camp(), Prisoner("not_wounded"));
  EXPECT_EQ(ValueOf(card, "Взят в плен"), "2026-11-08");
  EXPECT_EQ(ValueOf(card, "Состояние здоровья"), "не ранен / не поранений");
}

TEST(CaptureCard, NoValueIsInEnglishOnARussianAndUkrainianCard) {
  for (std::string_view health : camp::kAnnexIvHealth) {
    const CaptureCard card = MakeCaptureCard(Camp(), Prisoner(std::string(health)));
    for (const auto& line : card.lines) {
      // What was typed in stays as typed (his service number "X-1"); his number is lifeline's.
      if (line.value == "X-1") continue;
      std::string value = line.value;
      if (value.starts_with("POW-000042")) value.erase(0, std::string_view("POW-000042").size());
      const bool latin =
          std::any_of(value.begin(), value.end(), [](unsigned char c) { return std::isalpha(c); });
      EXPECT_FALSE(latin) << line.label << ": " << line.value;
    }
    EXPECT_FALSE(ValueOf(card, "Состояние здоровья").empty()) << health;
  }
}

TEST(CaptureCard, EveryStateOfHealthHasItsWordsInEveryLanguage) {
  constexpr std::size_t kHealthLine =
      9;  // Annex IV's order: power, name, …, taken prisoner, health
  for (std::string language : {"ru", "uk", "be", "en"}) {
    for (std::string_view health : camp::kAnnexIvHealth) {
      auto p = Prisoner(std::string(health));
      p.stored.language = language;
      auto camp = Camp();
      camp.language = language;
      const CaptureCard card = MakeCaptureCard(camp, p);
      ASSERT_GT(card.lines.size(), kHealthLine);
      const std::string& words = card.lines[kHealthLine].value;
      EXPECT_FALSE(words.empty()) << language << " " << health;
      EXPECT_EQ(words.find('_'), std::string::npos) << language << " " << health;  // never a code
    }
  }
}

}  // namespace
}  // namespace lifeline::server
