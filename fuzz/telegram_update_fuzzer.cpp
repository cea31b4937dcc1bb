// Telegram's Bot API (channels/telegram/bot_api.hpp): a webhook body (one Update), a
// getUpdates answer and a sendMessage answer, under any HTTP status. Never a crash or an
// exception; a text taken in comes from a numeric chat id, and a reply to it is valid JSON.

#include <nlohmann/json.hpp>

#include "channels/telegram/bot_api.hpp"
#include "domain/utf8.hpp"
#include "fuzz_check.hpp"

using namespace lifeline;
using namespace lifeline::channels;

namespace {

void CheckText(const telegram::Update& update) {
  if (!update.text) {
    FUZZ_CHECK(update.ignored == "edited_message" || update.ignored == "not_private" ||
               update.ignored == "not_text" || update.ignored == "other");
    return;
  }
  const auto& text = *update.text;
  FUZZ_CHECK(!text.address.empty() &&
             text.address.find_first_not_of("-0123456789") == std::string::npos);
  FUZZ_CHECK(text.message_id.rfind(text.address + ":", 0) == 0);
  FUZZ_CHECK(IsValidUtf8(text.text));
  const auto answer =
      nlohmann::json::parse(telegram::WebhookAnswer(text.address, text.text), nullptr, false);
  FUZZ_CHECK(answer.is_object() && answer["text"] == text.text &&
             answer["chat_id"].is_number_integer());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr long kStatuses[] = {200, 200, 400, 401, 403, 409, 429, 500, 502, 0};
  const std::string body(fuzz::AsText(data + 1, size - 1));
  const HttpReply reply{kStatuses[data[0] % std::size(kStatuses)], body};

  if (auto update = telegram::ParseUpdate(body)) {
    CheckText(*update);
  } else {
    FUZZ_CHECK(update.error().code == ErrorCode::kInvalidInput);
  }
  if (auto updates = telegram::ParseUpdates(reply)) {
    FUZZ_CHECK(reply.status / 100 == 2);
    for (const auto& update : *updates) CheckText(update);
  }
  const SendResult sent = telegram::InterpretSendAnswer(Result<HttpReply>(reply));
  if (sent.outcome == SendOutcome::kAccepted) FUZZ_CHECK(reply.status / 100 == 2);
  return 0;
}
