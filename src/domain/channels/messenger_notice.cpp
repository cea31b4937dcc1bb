#include "domain/channels/messenger_notice.hpp"

#include <array>

namespace lifeline::channels {
namespace {

struct Notice {
  std::string_view language;
  std::string_view unencrypted;  // {messenger}
  std::string_view onion;        // {onion}
};

constexpr std::array<Notice, 4> kNotices = {{
    {"ru", "Этот чат не защищён сквозным шифрованием: {messenger} может его прочитать.",
     "Надёжнее написать через форму {onion} в Tor Browser."},
    {"uk", "Цей чат не має наскрізного шифрування: {messenger} може його прочитати.",
     "Надійніше написати через форму {onion} у Tor Browser."},
    {"be", "Гэты чат не мае скразнога шыфравання: {messenger} можа яго прачытаць.",
     "Надзейней напісаць праз форму {onion} у Tor Browser."},
    {"en", "This chat is not end-to-end encrypted: {messenger} can read it.",
     "It is safer to write through the form at {onion} in Tor Browser."},
}};

std::string Fill(std::string_view text, std::string_view placeholder, std::string_view value) {
  std::string out(text);
  if (const auto at = out.find(placeholder); at != std::string::npos)
    out.replace(at, placeholder.size(), value);
  return out;
}

}  // namespace

std::string MessengerNotice(std::string_view language, std::string_view messenger,
                            std::string_view onion) {
  const Notice* notice = &kNotices[0];
  for (const Notice& n : kNotices) {
    if (n.language == language) notice = &n;
  }
  std::string out = Fill(notice->unencrypted, "{messenger}", messenger);
  if (!onion.empty()) out += " " + Fill(notice->onion, "{onion}", onion);
  return out;
}

}  // namespace lifeline::channels
