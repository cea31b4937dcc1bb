#include "channels/telegram/bot_api.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace lifeline::channels::telegram {
namespace {

using nlohmann::json;

// Members are read as json and compared (doc.value("ok", json()) == true), never with a typed
// default: json::value("ok", false) throws type_error when "ok" holds a number, and an
// exception out of ParseUpdates ended the poller's thread, and with it the process
// (found by fuzz/telegram_update_fuzzer).

// The Bot API's refusal, as documented: error_code, description, parameters.retry_after.
struct BotApiError {
  int code = 0;
  int retry_after = 0;
};

std::optional<BotApiError> ReadError(const json& doc) {
  if (!doc.is_object() || !doc.contains("ok") || doc["ok"] != false) return std::nullopt;
  BotApiError error;
  if (auto code = doc.find("error_code"); code != doc.end() && code->is_number_integer())
    error.code = code->get<int>();
  if (auto parameters = doc.find("parameters");
      parameters != doc.end() && parameters->is_object()) {
    if (auto retry = parameters->find("retry_after");
        retry != parameters->end() && retry->is_number_integer()) {
      error.retry_after = std::max(0, retry->get<int>());
    }
  }
  return error;
}

std::optional<json> ParseJson(std::string_view body) {
  json doc = json::parse(body, nullptr, false);  // also refuses invalid UTF-8 in strings
  if (doc.is_discarded()) return std::nullopt;
  return doc;
}

Update Read(const json& doc) {
  Update update;
  update.update_id = doc["update_id"].get<std::int64_t>();
  auto message = doc.find("message");
  if (message == doc.end() || !message->is_object()) {
    update.ignored = doc.contains("edited_message") ? "edited_message" : "other";
    return update;
  }
  const json& m = *message;
  auto chat = m.find("chat");
  if (chat == m.end() || !chat->is_object() || chat->value("type", json()) != "private" ||
      !chat->contains("id") || !(*chat)["id"].is_number_integer() || !m.contains("message_id") ||
      !m["message_id"].is_number_integer()) {
    update.ignored = "not_private";
    return update;
  }
  auto text = m.find("text");
  if (text == m.end() || !text->is_string()) {
    update.ignored = "not_text";  // a photo, a sticker, a voice message, a contact…
    return update;
  }
  const std::string chat_id = std::to_string((*chat)["id"].get<std::int64_t>());
  update.text =
      InboundText{chat_id, chat_id + ":" + std::to_string(m["message_id"].get<std::int64_t>()),
                  text->get<std::string>()};
  return update;
}

json ChatId(std::string_view chat_id) {
  // Private chat ids are integers; sent as a number, as Telegram's examples do.
  try {
    std::size_t used = 0;
    const long long id = std::stoll(std::string(chat_id), &used);
    if (used == chat_id.size()) return id;
  } catch (const std::exception&) {
  }
  return std::string(chat_id);
}

}  // namespace

Result<Update> ParseUpdate(std::string_view body) {
  auto doc = ParseJson(body);
  if (!doc || !doc->is_object()) return InvalidInput("an Update must be a JSON object", "update");
  if (!doc->contains("update_id") || !(*doc)["update_id"].is_number_integer()) {
    return InvalidInput("an Update needs an integer update_id", "update_id");
  }
  return Read(*doc);
}

Result<std::vector<Update>> ParseUpdates(const HttpReply& reply) {
  auto doc = ParseJson(reply.body);
  if (doc) {
    if (auto error = ReadError(*doc)) {
      const int code = error->code ? error->code : static_cast<int>(reply.status);
      if (code == 401)
        return Error{ErrorCode::kUnauthenticated, "the Bot API refused the bot token (401)"};
      if (code == 409)
        return Error{ErrorCode::kConflict, "getUpdates is refused while a webhook is set (409)"};
      return Error{ErrorCode::kUnavailable,
                   "getUpdates failed with " + std::to_string(code),
                   {},
                   error->retry_after};
    }
  }
  if (reply.status / 100 != 2 || !doc || !doc->is_object() || doc->value("ok", json()) != true ||
      !doc->contains("result") || !(*doc)["result"].is_array()) {
    if (reply.status >= 500 || reply.status == 429) {
      return Error{ErrorCode::kUnavailable,
                   "getUpdates failed with " + std::to_string(reply.status)};
    }
    return InvalidInput("getUpdates' answer is not {\"ok\":true,\"result\":[...]}", "result");
  }
  std::vector<Update> updates;
  for (const json& item : (*doc)["result"]) {
    if (!item.is_object() || !item.contains("update_id") || !item["update_id"].is_number_integer())
      continue;
    updates.push_back(Read(item));
  }
  return updates;
}

std::string SendMessageBody(std::string_view chat_id, std::string_view text) {
  return json{{"chat_id", ChatId(chat_id)}, {"text", std::string(text)}}.dump();
}

std::string WebhookAnswer(std::string_view chat_id, std::string_view text) {
  return json{{"method", "sendMessage"}, {"chat_id", ChatId(chat_id)}, {"text", std::string(text)}}
      .dump();
}

SendResult InterpretSendAnswer(const Result<HttpReply>& answer) {
  if (!answer) return {SendOutcome::kRetryLater, 0};  // unreachable, timed out, oversized answer
  auto doc = ParseJson(answer->body);
  if (answer->status / 100 == 2 && doc && doc->is_object() && doc->value("ok", json()) == true) {
    return {SendOutcome::kAccepted, 0};
  }
  const std::optional<BotApiError> error = doc ? ReadError(*doc) : std::nullopt;
  const int code = error && error->code ? error->code : static_cast<int>(answer->status);
  if (code == 429) return {SendOutcome::kRetryLater, error ? error->retry_after : 0};
  if (code >= 500 || code / 100 == 2 || code == 401 || code == 0)
    return {SendOutcome::kRetryLater, 0};
  if (code / 100 == 4)
    return {SendOutcome::kRejected, 0};  // 400 chat not found, 403 blocked by the user
  return {SendOutcome::kRetryLater, 0};
}

bool SecretMatches(std::string_view expected, std::string_view given) {
  if (expected.empty()) return false;
  // Compares every byte of the longer of the two, so neither the first difference nor (within
  // the longer length) the given length shows in the time taken.
  const std::size_t length = std::max(expected.size(), given.size());
  unsigned difference = expected.size() == given.size() ? 0u : 1u;
  for (std::size_t i = 0; i < length; ++i) {
    const unsigned char a = i < expected.size() ? static_cast<unsigned char>(expected[i]) : 0;
    const unsigned char b = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    difference |= static_cast<unsigned>(a ^ b);
  }
  return difference == 0;
}

bool IsValidSecretToken(std::string_view token) {
  if (token.empty() || token.size() > 256) return false;
  for (const char c : token) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                         (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!allowed) return false;
  }
  return true;
}

}  // namespace lifeline::channels::telegram
