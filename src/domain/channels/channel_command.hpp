#pragma once
// What a message from a phone or a messenger asks, in ru, uk, be or en: a person on a
// push-button phone types one word (and his receipt), so commands are whole messages, never a
// word inside one: "stop" in "stop the shelling" is a message, not a request to forget him.
// Pure.

#include <optional>
#include <string>
#include <string_view>

#include "domain/receipt.hpp"

namespace lifeline::channels {

enum class CommandKind {
  kMessage,  // anything else: joins his conversation
  kStatus,   // STATUS / СТАТУС [receipt]: how his application stands
  kHelp,  // HELP / ПОМОЩЬ / ДОПОМОГА / ДАПАМОГА (and a messenger's /start): how this works
  kStop,  // STOP / СТОП: destroy his address for good
};

struct ChannelCommand {
  CommandKind kind = CommandKind::kMessage;
  /// The language the command word is unique to ("ru", "uk", "be", "en"), or empty where
  /// several share it (СТАТУС, СТОП): the conversation's language then answers.
  std::string language;
  /// For kStatus: the receipt typed after the word, if one parses (receipt.hpp).
  std::optional<Receipt> receipt;
  /// For kStatus: something followed the word but was not a receipt.
  bool receipt_malformed = false;
};

/// Reads `text` (well-formed UTF-8). Case, surrounding spaces and punctuation, and a leading
/// "/" (messenger commands, "/stop@some_bot") do not matter; Latin look-alikes typed for
/// Cyrillic letters on a phone (СТOП with a Latin O) do not either.
ChannelCommand ParseChannelCommand(std::string_view text);

}  // namespace lifeline::channels
