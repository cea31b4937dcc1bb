#pragma once
// What a messenger bot adds to its first answer: the chat is not end-to-end encrypted (the
// messenger's operator can read a bot chat), and where the private way in is, the onion
// form. Innocuous like every reply (reply_wording.hpp's giveaway words): the phone may be
// searched. Pure.

#include <string>
#include <string_view>

namespace lifeline::channels {

/// The note in `language` ("ru", "uk", "be", "en"; another falls back to "ru"), naming
/// `messenger` (e.g. "Telegram") and, when `onion` is not empty, the onion address to open in
/// Tor Browser instead.
std::string MessengerNotice(std::string_view language, std::string_view messenger,
                            std::string_view onion);

}  // namespace lifeline::channels
