#include "domain/contact_centre/voice_prompts.hpp"

#include <fmt/format.h>

#include <cmath>

namespace lifeline::contact_centre {
namespace {

// The wording, one row per language. Heard only by the caller on the line, so it may say what
// the hotline is for; kept short. {} in "position" is the number (masculine, nominative); in
// "wait" the number (agreeing with "minute", feminine in ru/uk/be) and then "minute" in the
// form the number takes.
struct Wording {
  Language language;
  const char* voice;  // espeak-ng
  const char* welcome;
  const char* flood;
  const char* position;
  const char* position_more;
  const char* wait;
  const char* wait_more;
  const char* offer;
  const char* callback_ok;
};

constexpr Wording kWording[] = {
    {Language::kRu, "ru", "Здравствуйте. Все операторы заняты. Пожалуйста, оставайтесь на линии.",
     "Сейчас очень много звонков, ожидание дольше обычного. Пожалуйста, оставайтесь на линии.",
     "Ваш номер в очереди: {}.", "Ваш номер в очереди больше двадцати.",
     "Примерное время ожидания: {} {}.", "Примерное время ожидания: больше часа.",
     "Чтобы вам перезвонили в безопасное для вас время, нажмите один.",
     "Спасибо. Мы перезвоним вам в безопасное для вас время. До свидания."},
    {Language::kUk, "uk", "Вітаємо. Усі оператори зайняті. Будь ласка, залишайтеся на лінії.",
     "Зараз дуже багато дзвінків, очікування довше, ніж зазвичай. Будь ласка, залишайтеся на "
     "лінії.",
     "Ваш номер у черзі: {}.", "Ваш номер у черзі більше двадцяти.",
     "Орієнтовний час очікування: {} {}.", "Орієнтовний час очікування: понад годину.",
     "Щоб вам передзвонили в безпечний для вас час, натисніть один.",
     "Дякуємо. Ми передзвонимо вам у безпечний для вас час. До побачення."},
    {Language::kBe, "be", "Добры дзень. Усе аператары занятыя. Калі ласка, заставайцеся на лініі.",
     "Зараз вельмі шмат званкоў, чаканне даўжэйшае, чым звычайна. Калі ласка, заставайцеся на "
     "лініі.",
     "Ваш нумар у чарзе: {}.", "Ваш нумар у чарзе больш за дваццаць.",
     "Прыблізны час чакання: {} {}.", "Прыблізны час чакання: больш за гадзіну.",
     "Каб вам ператэлефанавалі ў бяспечны для вас час, націсніце адзін.",
     "Дзякуй. Мы ператэлефануем вам у бяспечны для вас час. Да пабачэння."},
    {Language::kEn, "en-gb", "Hello. All operators are busy. Please stay on the line.",
     "We are receiving very many calls right now, so the wait is longer than usual. Please stay on "
     "the line.",
     "You are number {} in the queue.", "You are beyond number twenty in the queue.",
     "The expected wait is about {} {}.", "The expected wait is more than an hour.",
     "To be called back at a time that is safe for you, press one.",
     "Thank you. We will call you back at a time that is safe for you. Goodbye."},
};

// Number words: units 1–9 (masculine, then the feminine forms of 1 and 2), 10–19, tens 20–90.
struct Numbers {
  Language language;
  const char* units[10];
  const char* one_two_feminine[2];
  const char* teens[10];
  const char* tens[10];
  const char* joiner;     // between tens and units
  const char* minute[3];  // the forms for 1, 2–4 and 5–20 (English: 1 and the rest)
};

constexpr Numbers kNumbers[] = {
    {Language::kRu,
     {"", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"},
     {"одна", "две"},
     {"десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать",
      "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"},
     {"", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят",
      "восемьдесят", "девяносто"},
     " ",
     {"минута", "минуты", "минут"}},
    {Language::kUk,
     {"", "один", "два", "три", "чотири", "п'ять", "шість", "сім", "вісім", "дев'ять"},
     {"одна", "дві"},
     {"десять", "одинадцять", "дванадцять", "тринадцять", "чотирнадцять", "п'ятнадцять",
      "шістнадцять", "сімнадцять", "вісімнадцять", "дев'ятнадцять"},
     {"", "", "двадцять", "тридцять", "сорок", "п'ятдесят", "шістдесят", "сімдесят", "вісімдесят",
      "дев'яносто"},
     " ",
     {"хвилина", "хвилини", "хвилин"}},
    {Language::kBe,
     {"", "адзін", "два", "тры", "чатыры", "пяць", "шэсць", "сем", "восем", "дзевяць"},
     {"адна", "дзве"},
     {"дзесяць", "адзінаццаць", "дванаццаць", "трынаццаць", "чатырнаццаць", "пятнаццаць",
      "шаснаццаць", "семнаццаць", "васямнаццаць", "дзевятнаццаць"},
     {"", "", "дваццаць", "трыццаць", "сорак", "пяцьдзясят", "шэсцьдзясят", "семдзесят",
      "восемдзесят", "дзевяноста"},
     " ",
     {"хвіліна", "хвіліны", "хвілін"}},
    {Language::kEn,
     {"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
     {"one", "two"},
     {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
      "eighteen", "nineteen"},
     {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"},
     "-",
     {"minute", "minutes", "minutes"}},
};

const Wording& WordingOf(Language language) {
  for (const auto& w : kWording) {
    if (w.language == language) return w;
  }
  return kWording[0];
}

const Numbers& NumbersOf(Language language) {
  for (const auto& n : kNumbers) {
    if (n.language == language) return n;
  }
  return kNumbers[0];
}

constexpr Language kLanguages[] = {Language::kRu, Language::kUk, Language::kBe, Language::kEn};

}  // namespace

std::string NumberWords(Language language, int n, Gender gender) {
  if (n < 1 || n > 99) return "";
  const Numbers& words = NumbersOf(language);
  if (n >= 10 && n < 20) return words.teens[n - 10];
  const int unit = n % 10;
  std::string unit_word;
  if (unit == 1 || unit == 2) {
    unit_word = gender == Gender::kFeminine ? words.one_two_feminine[unit - 1] : words.units[unit];
  } else if (unit > 0) {
    unit_word = words.units[unit];
  }
  if (n < 10) return unit_word;
  std::string tens = words.tens[n / 10];
  return unit == 0 ? tens : tens + words.joiner + unit_word;
}

std::string MinutesWord(Language language, int n) {
  const Numbers& words = NumbersOf(language);
  if (language == Language::kEn) return words.minute[n == 1 ? 0 : 1];
  // The Slavonic rule: the last digit decides, except 11–14, which take the genitive plural.
  const int last_two = n % 100;
  const int last = n % 10;
  if (last_two >= 11 && last_two <= 14) return words.minute[2];
  if (last == 1) return words.minute[0];
  if (last >= 2 && last <= 4) return words.minute[1];
  return words.minute[2];
}

std::string PromptFile(Language language, std::string_view id) {
  return fmt::format("{}/{}.wav", ToString(language), id);
}

std::vector<PromptText> AllPrompts() {
  std::vector<PromptText> prompts;
  for (Language language : kLanguages) {
    const Wording& w = WordingOf(language);
    auto add = [&](std::string_view id, std::string text) {
      prompts.push_back({PromptFile(language, id), w.voice, std::move(text)});
    };
    add("welcome", w.welcome);
    add("flood", w.flood);
    for (int n = 1; n <= kMaxAnnouncedPosition; ++n) {
      add(fmt::format("position_{}", n),
          fmt::format(fmt::runtime(w.position), NumberWords(language, n, Gender::kMasculine)));
    }
    add("position_more", w.position_more);
    for (int minutes : kAnnouncedWaitMinutes) {
      add(fmt::format("wait_{}", minutes),
          fmt::format(fmt::runtime(w.wait), NumberWords(language, minutes, Gender::kFeminine),
                      MinutesWord(language, minutes)));
    }
    add("wait_more", w.wait_more);
    add("offer", w.offer);
    add(kCallbackConfirmed, w.callback_ok);
  }
  return prompts;
}

std::vector<std::string> Announcement(bool first, bool flood, int ahead,
                                      std::optional<double> estimated_wait_seconds,
                                      bool offer_callback) {
  std::vector<std::string> ids;
  if (first) ids.push_back(flood ? "flood" : "welcome");
  const int position = ahead + 1;
  ids.push_back(position <= kMaxAnnouncedPosition ? fmt::format("position_{}", position)
                                                  : "position_more");
  if (estimated_wait_seconds) {
    const int minutes = std::max(1, static_cast<int>(std::ceil(*estimated_wait_seconds / 60.0)));
    std::string wait = "wait_more";
    for (int bucket : kAnnouncedWaitMinutes) {
      if (minutes <= bucket) {
        wait = fmt::format("wait_{}", bucket);
        break;
      }
    }
    ids.push_back(std::move(wait));
  }
  if (offer_callback) ids.push_back("offer");
  return ids;
}

}  // namespace lifeline::contact_centre
