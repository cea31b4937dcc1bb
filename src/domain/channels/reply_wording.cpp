#include "domain/channels/reply_wording.hpp"

#include <algorithm>
#include <vector>

#include "domain/channels/sms_segments.hpp"
#include "domain/utf8.hpp"

namespace lifeline::channels {
namespace {

constexpr std::array<std::string_view, kReplyKinds> kKindNames = {
    "welcome", "help", "status", "ask_receipt", "unknown_receipt", "stopped"};
constexpr std::array<std::string_view, kReplyStates> kStateNames = {"received", "in_progress",
                                                                    "answered", "closed"};

// The longest receipt FormatReceipt prints, for the length check.
constexpr std::string_view kLongestReceipt = "912 345-67-89, 012345";
constexpr std::size_t kMostParts = 2;

// Words that would tell whoever searches the phone what the messages are about. A stem
// matches at the beginning of a word ("арми" in "армия", "армией"); a whole word matches only
// alone ("war", not "warm"). Lower case.
struct Giveaway {
  std::string_view word;
  bool stem;
};
constexpr Giveaway kGiveaways[] = {
    // ru
    {"горяч", true},
    {"хочу жить", false},
    {"сдач", true},
    {"сдаться", false},
    {"сдавайся", false},
    {"плен", true},
    {"арми", true},
    {"военн", true},
    {"войн", true},
    {"фронт", true},
    {"дезерт", true},
    {"мобилиз", true},
    {"солдат", true},
    {"бойц", true},
    {"боец", false},
    {"всу", false},
    {"побег", true},
    {"призыв", true},
    {"контракт", true},
    {"командир", true},
    // uk
    {"гаряч", true},
    {"здач", true},
    {"полон", true},
    {"армі", true},
    {"війсь", true},
    {"війн", true},
    {"мобіліз", true},
    {"солдат", true},
    {"дезерт", true},
    {"фронт", true},
    // be
    {"гарач", true},
    {"здач", true},
    {"палон", true},
    {"армі", true},
    {"вайск", true},
    {"вайн", true},
    {"мабіліз", true},
    // en
    {"hotline", true},
    {"surrender", true},
    {"army", false},
    {"armies", false},
    {"military", true},
    {"soldier", true},
    {"desert", true},
    {"captiv", true},
    {"prisoner", true},
    {"pow", false},
    {"war", false},
    {"front line", false},
    {"mobiliz", true},
    {"conscript", true},
};

std::u32string Lower(std::string_view text) {
  std::u32string out = DecodeUtf8(text);
  for (char32_t& c : out) c = LowerLatinOrCyrillic(c);
  return out;
}

bool IsLetter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0x400 && c <= 0x4ff) ||
         c == U'\'' || c == U'ʼ';
}

struct Wording {
  std::string_view language;
  std::array<std::string_view, kReplyKinds> texts;
  std::array<std::string_view, kReplyStates> states;
};

// Innocuous on purpose: a small service's request number, nothing more.
constexpr Wording kDefaults[] = {
    {"ru",
     {"Спасибо, заявка принята. Номер: {receipt}. Сохраните его. Узнать ответ: СТАТУС и номер. "
      "Помощь: ПОМОЩЬ. "
      "Отписаться: СТОП.",
      "Узнать ответ: СТАТУС и номер заявки. Отписаться и удалить номер: СТОП.",
      "Заявка {receipt}: {state}.",
      "Пришлите СТАТУС и номер заявки, например: СТАТУС 912 345-67-89, 012345.",
      "Заявка с таким номером не найдена. Проверьте номер.",
      "Вы отписаны, ваш номер удалён. Больше сообщений не будет."},
     {"принята", "в работе", "есть ответ", "закрыта"}},
    {"uk",
     {"Дякуємо, заявку прийнято. Номер: {receipt}. Збережіть його. Дізнатися відповідь: СТАТУС і "
      "номер. Відписатися: "
      "СТОП.",
      "Дізнатися відповідь: СТАТУС і номер заявки. Відписатися й видалити номер: СТОП.",
      "Заявка {receipt}: {state}.",
      "Надішліть СТАТУС і номер заявки, наприклад: СТАТУС 912 345-67-89, 012345.",
      "Заявку з таким номером не знайдено. Перевірте номер.",
      "Вас відписано, ваш номер видалено. Більше повідомлень не буде."},
     {"прийнята", "в роботі", "є відповідь", "закрита"}},
    {"be",
     {"Дзякуй, заяўка прынята. Нумар: {receipt}. Захавайце яго. Даведацца адказ: СТАТУС і нумар. "
      "Адпісацца: СТОП.",
      "Даведацца адказ: СТАТУС і нумар заяўкі. Адпісацца і выдаліць нумар: СТОП.",
      "Заяўка {receipt}: {state}.",
      "Дашліце СТАТУС і нумар заяўкі, напрыклад: СТАТУС 912 345-67-89, 012345.",
      "Заяўка з такім нумарам не знойдзена. Праверце нумар.",
      "Вы адпісаны, ваш нумар выдалены. Больш паведамленняў не будзе."},
     {"прынята", "у рабоце", "ёсць адказ", "закрыта"}},
    {"en",
     {"Thank you, your request is in. Number: {receipt}. Keep it. For the answer: STATUS and the "
      "number. Help: HELP. "
      "Unsubscribe: STOP.",
      "For the answer: STATUS and your request number. To unsubscribe and delete your number: "
      "STOP.",
      "Request {receipt}: {state}.",
      "Send STATUS and your request number, e.g. STATUS 912 345-67-89, 012345.",
      "No request with that number. Please check it.",
      "You are unsubscribed and your number is deleted. No more messages will come."},
     {"received", "in progress", "answered", "closed"}},
};

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// The placeholders each text may hold, and must.
bool Allows(ReplyKind kind, std::string_view placeholder) {
  if (placeholder == "{receipt}") return kind == ReplyKind::kWelcome || kind == ReplyKind::kStatus;
  if (placeholder == "{state}") return kind == ReplyKind::kStatus;
  return false;
}

Status CheckText(std::string_view text, std::string_view field) {
  const std::string name(field);
  if (text.empty()) return InvalidInput("a reply cannot be empty", name);
  if (!IsValidUtf8(text) || HasControlCharacters(text))
    return InvalidInput("a reply must be plain text", name);
  if (auto word = GiveawayWord(text)) {
    return InvalidInput(
        "a reply must not say \"" + *word + "\": phones are searched, keep it innocuous", name);
  }
  return OkStatus();
}

}  // namespace

std::string_view ToString(ReplyKind kind) { return kKindNames[static_cast<std::size_t>(kind)]; }
std::string_view ToString(ReplyState state) { return kStateNames[static_cast<std::size_t>(state)]; }

std::optional<ReplyWording> DefaultReplyWording(std::string_view language) {
  for (const Wording& w : kDefaults) {
    if (w.language != language) continue;
    ReplyWording out;
    for (std::size_t i = 0; i < kReplyKinds; ++i) out.texts[i] = std::string(w.texts[i]);
    for (std::size_t i = 0; i < kReplyStates; ++i) out.states[i] = std::string(w.states[i]);
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> GiveawayWord(std::string_view text) {
  const std::u32string lower = Lower(text);
  for (const Giveaway& g : kGiveaways) {
    const std::u32string word = DecodeUtf8(g.word);
    for (std::size_t at = lower.find(word); at != std::u32string::npos;
         at = lower.find(word, at + 1)) {
      const bool starts = at == 0 || !IsLetter(lower[at - 1]);
      const std::size_t after = at + word.size();
      const bool ends = after == lower.size() || !IsLetter(lower[after]);
      if (starts && (g.stem || ends)) return std::string(g.word);
    }
  }
  return std::nullopt;
}

Status ValidateReplyWording(const ReplyWording& wording) {
  std::size_t longest_state = 0;
  std::string longest;
  for (std::size_t i = 0; i < kReplyStates; ++i) {
    const std::string field = "states." + std::string(kStateNames[i]);
    if (auto ok = CheckText(wording.states[i], field); !ok) return ok;
    if (CountSmsSegments(wording.states[i]).units > longest_state) {
      longest_state = CountSmsSegments(wording.states[i]).units;
      longest = wording.states[i];
    }
  }
  for (std::size_t i = 0; i < kReplyKinds; ++i) {
    const auto kind = static_cast<ReplyKind>(i);
    const std::string field = "texts." + std::string(kKindNames[i]);
    const std::string& text = wording.texts[i];
    if (auto ok = CheckText(text, field); !ok) return ok;
    for (std::size_t open = text.find('{'); open != std::string::npos;
         open = text.find('{', open + 1)) {
      const std::size_t close = text.find('}', open);
      const std::string_view placeholder =
          close == std::string::npos ? std::string_view(text).substr(open)
                                     : std::string_view(text).substr(open, close - open + 1);
      if (!Allows(kind, placeholder)) {
        return InvalidInput("unknown placeholder " + std::string(placeholder) +
                                " (allowed: {receipt} in welcome and "
                                "status, {state} in status)",
                            field);
      }
    }
    if ((kind == ReplyKind::kWelcome || kind == ReplyKind::kStatus) &&
        text.find("{receipt}") == std::string::npos) {
      return InvalidInput("this reply must give the number: put {receipt} in it", field);
    }
    if (kind == ReplyKind::kStatus && text.find("{state}") == std::string::npos) {
      return InvalidInput("this reply must say how the request stands: put {state} in it", field);
    }
    const std::string filled =
        ReplaceAll(ReplaceAll(text, "{receipt}", kLongestReceipt), "{state}", longest);
    if (CountSmsSegments(filled).parts > kMostParts) {
      return InvalidInput(
          "this reply would take more than two SMS parts (134 characters in Cyrillic); shorten it",
          field);
    }
  }
  return OkStatus();
}

std::string RenderReply(const ReplyWording& wording, ReplyKind kind, std::string_view receipt,
                        std::optional<ReplyState> state) {
  std::string text = ReplaceAll(wording.Text(kind), "{receipt}", receipt);
  return ReplaceAll(std::move(text), "{state}", state ? wording.State(*state) : std::string());
}

}  // namespace lifeline::channels
