#pragma once
// What lifeline's automatic replies say on a phone or in a messenger, per language. Phones are
// searched: no reply may name the hotline, surrender, captivity or the army, so the wording
// reads like any small service's ("your request number…"), every text is checked against a
// list of giveaway words, and, filled with the longest values it can take, must fit in two SMS
// parts (134 UCS-2 units). Coordinators may reword each text per language; the same checks
// apply. Pure.

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace lifeline::channels {

enum class ReplyKind {
  kWelcome,         // the first message: {receipt}, and the commands
  kHelp,            // HELP: the commands
  kStatus,          // STATUS: {state} of request {receipt}
  kAskReceipt,      // STATUS without a readable receipt: how to ask
  kUnknownReceipt,  // STATUS with a receipt that matches nothing (said as "not found", no more)
  kStopped,         // STOP: his address is destroyed; nothing more will come
};
inline constexpr std::size_t kReplyKinds = 6;

/// How an application stands, as the reply says it (no workflow words: those name things).
enum class ReplyState { kReceived, kInProgress, kAnswered, kClosed };
inline constexpr std::size_t kReplyStates = 4;

/// One language's texts. Placeholders: {receipt} (kWelcome, kStatus) and {state} (kStatus).
struct ReplyWording {
  std::array<std::string, kReplyKinds> texts;
  std::array<std::string, kReplyStates> states;
  const std::string& Text(ReplyKind kind) const { return texts[static_cast<std::size_t>(kind)]; }
  const std::string& State(ReplyState state) const {
    return states[static_cast<std::size_t>(state)];
  }
};

/// The built-in wording for "ru", "uk", "be" or "en"; nullopt for another language.
std::optional<ReplyWording> DefaultReplyWording(std::string_view language);

/// The giveaway word in `text` (as listed, lower case), or nullopt. Whole words and word
/// beginnings are matched without regard to case, in all four languages.
std::optional<std::string> GiveawayWord(std::string_view text);

/// kInvalidInput, naming the text ("texts.status", "states.answered") and why: a giveaway
/// word, a missing or unknown placeholder, invalid UTF-8, or more than two SMS parts once
/// filled with the longest receipt and state.
Status ValidateReplyWording(const ReplyWording& wording);

/// The text of `kind`, its placeholders filled. `receipt` as FormatReceipt prints it.
std::string RenderReply(const ReplyWording& wording, ReplyKind kind, std::string_view receipt = {},
                        std::optional<ReplyState> state = std::nullopt);

/// "welcome", "help", "status", "ask_receipt", "unknown_receipt", "stopped"; and the states'
/// "received", "in_progress", "answered", "closed".
std::string_view ToString(ReplyKind kind);
std::string_view ToString(ReplyState state);

}  // namespace lifeline::channels
