#pragma once
// Telegram's Bot API (https://core.telegram.org/bots/api), the subset lifeline speaks, as pure
// functions: reading an Update (webhook body or one of getUpdates' results), building
// sendMessage, and reading what the Bot API answered ({"ok":true,"result":…} or
// {"ok":false,"error_code":N,"description":…,"parameters":{"retry_after":S}}).
// No I/O here; telegram_bot.hpp does the calls. Nothing returned as an error carries a chat
// id, a text or the token.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "channels/http_client.hpp"
#include "channels/outbound_channel.hpp"
#include "domain/result.hpp"

namespace lifeline::channels::telegram {

/// A text a person wrote to the bot in a private chat: what ChannelConversations::Receive
/// takes. `address` is the chat id as decimal text (a private chat's id is the user's id);
/// `message_id` is "<chat id>:<message_id>", the same on every redelivery of the update.
struct InboundText {
  std::string address;
  std::string message_id;
  std::string text;
};

/// One Update: its id (getUpdates' offset is the last one + 1) and, when it is a new text
/// message in a private chat, that text. Everything else (edited messages, photos, stickers,
/// groups, channels, callbacks) leaves `text` empty and says why in `ignored` (no personal
/// data: "edited_message", "not_private", "not_text", "other").
struct Update {
  std::int64_t update_id = 0;
  std::optional<InboundText> text;
  std::string ignored;
};

/// Reads one Update object. kInvalidInput for a body that is not JSON (or not UTF-8), not an
/// object, or has no integer update_id.
Result<Update> ParseUpdate(std::string_view body);

/// getUpdates' answer: its updates in order, each parsed as ParseUpdate does (an unreadable
/// one is skipped but its id still counts). kInvalidInput when the answer is not
/// {"ok":true,"result":[…]}; the Bot API's own refusal as kUnavailable (retry_after_seconds
/// from parameters.retry_after), kUnauthenticated for 401 (a wrong token) and kConflict for
/// 409 (a webhook is set, so getUpdates is refused).
Result<std::vector<Update>> ParseUpdates(const HttpReply& reply);

/// The JSON body of sendMessage to `chat_id` (decimal text, sent as a number) with `text`.
std::string SendMessageBody(std::string_view chat_id, std::string_view text);

/// The same call as a webhook's answer: {"method":"sendMessage","chat_id":…,"text":…}.
/// Telegram performs it; lifeline never learns whether it succeeded.
std::string WebhookAnswer(std::string_view chat_id, std::string_view text);

/// What sendMessage's outcome means for a reply: ok:true (2xx) accepted; 429 retry later
/// after parameters.retry_after; 5xx, an unreadable answer or an unreachable API retry later;
/// 400 (chat not found), 403 (the user blocked the bot) and other 4xx rejected for good,
/// except 401 (our token is wrong: the reply is not at fault, so it is kept for later).
SendResult InterpretSendAnswer(const Result<HttpReply>& answer);

/// True when `given` equals `expected`, in time that does not depend on where they differ
/// (the webhook's X-Telegram-Bot-Api-Secret-Token). An empty `expected` matches nothing.
bool SecretMatches(std::string_view expected, std::string_view given);

/// True for a secret_token setWebhook accepts: 1–256 characters of A–Z a–z 0–9 _ -.
bool IsValidSecretToken(std::string_view token);

}  // namespace lifeline::channels::telegram
