#include "domain/channels/channel_command.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "domain/utf8.hpp"

namespace lifeline::channels {
namespace {

struct CommandWord {
  std::u32string_view word;  // lower case, Cyrillic where Cyrillic is meant
  CommandKind kind;
  std::string_view language;  // empty: shared by several
};

constexpr std::array<CommandWord, 12> kWords = {{
    {U"status", CommandKind::kStatus, "en"},
    {U"статус", CommandKind::kStatus, ""},  // ru, uk, be
    {U"help", CommandKind::kHelp, "en"},
    {U"start", CommandKind::kHelp, "en"},  // a messenger's first message
    {U"помощь", CommandKind::kHelp, "ru"},
    {U"допомога", CommandKind::kHelp, "uk"},
    {U"дапамога", CommandKind::kHelp, "be"},
    {U"stop", CommandKind::kStop, "en"},
    {U"стоп", CommandKind::kStop, ""},  // ru, uk, be
    {U"unsubscribe", CommandKind::kStop, "en"},
    {U"отписаться", CommandKind::kStop, "ru"},
    {U"відписатися", CommandKind::kStop, "uk"},
}};

// A Latin letter typed for the Cyrillic one it looks like, lower case.
char32_t AsCyrillic(char32_t c) {
  switch (c) {
    case U'a':
      return U'а';
    case U'c':
      return U'с';
    case U'e':
      return U'е';
    case U'o':
      return U'о';
    case U'p':
      return U'р';
    case U't':
      return U'т';
    case U'y':
      return U'у';
    case U'x':
      return U'х';
    case U'k':
      return U'к';
    case U'm':
      return U'м';
    case U'i':
      return U'і';
    default:
      return c;
  }
}

bool IsCyrillic(char32_t c) { return c >= 0x400 && c <= 0x4ff; }

bool IsSpaceOrPunct(char32_t c) {
  return c < 0x80 && (std::isspace(static_cast<int>(c)) || std::ispunct(static_cast<int>(c)));
}

// The first word: lower case, up to a space, a digit, "+", "(" or "@" (Telegram's /cmd@bot).
std::u32string FirstWord(const std::u32string& text, std::size_t& end) {
  std::size_t i = 0;
  while (i < text.size() && (text[i] == U'/' || IsSpaceOrPunct(text[i]))) ++i;
  std::u32string word;
  for (; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (c < 0x80 &&
        (std::isspace(static_cast<int>(c)) || std::isdigit(static_cast<int>(c)) || c == U'+' ||
         c == U'(' || c == U'@' || c == U'.' || c == U',' || c == U'!' || c == U'?' || c == U':')) {
      break;
    }
    word.push_back(LowerLatinOrCyrillic(c));
  }
  end = i;
  return word;
}

// The word as meant: all Cyrillic if any letter of it is (phones mix look-alike letters).
std::u32string Normalise(std::u32string word) {
  bool cyrillic = false;
  for (char32_t c : word) cyrillic = cyrillic || IsCyrillic(c);
  if (cyrillic) {
    for (char32_t& c : word) c = AsCyrillic(c);
  }
  return word;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.front())) ||
                        std::ispunct(static_cast<unsigned char>(s.front())))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) ||
                        std::ispunct(static_cast<unsigned char>(s.back())))) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

ChannelCommand ParseChannelCommand(std::string_view text) {
  const std::u32string decoded = DecodeUtf8(text);
  std::size_t end = 0;
  const std::u32string word = Normalise(FirstWord(decoded, end));
  ChannelCommand command;
  const CommandWord* found = nullptr;
  for (const CommandWord& w : kWords) {
    if (w.word == word) found = &w;
  }
  if (found == nullptr) {  // all look-alike Latin letters for a Cyrillic word: "CTATYC"
    std::u32string cyrillic = word;
    for (char32_t& c : cyrillic) c = AsCyrillic(c);
    for (const CommandWord& w : kWords) {
      if (w.word == cyrillic) found = &w;
    }
  }
  if (found == nullptr) return command;

  // What follows the word, back in UTF-8: the rest of `text` after as many code points.
  std::size_t byte = 0;
  for (std::size_t cp = 0; cp < end && byte < text.size(); ++cp) {
    const auto b = static_cast<unsigned char>(text[byte]);
    byte += b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
  }
  std::string_view rest = text.substr(std::min(byte, text.size()));
  if (!rest.empty() && rest.front() == '@') {  // "/stop@some_bot": the bot's name is not text
    const auto space = rest.find_first_of(" \t\r\n");
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space);
  }
  rest = Trim(rest);
  if (found->kind == CommandKind::kStatus) {
    command.kind = CommandKind::kStatus;
    if (!rest.empty()) {
      command.receipt = ParseReceipt(rest);
      command.receipt_malformed = !command.receipt;
    }
  } else if (rest.empty()) {
    command.kind = found->kind;  // HELP and STOP only alone: never a word inside a message
  } else {
    return command;
  }
  command.language = std::string(found->language);
  return command;
}

}  // namespace lifeline::channels
