#include "channels/telegram/telegram_bot.hpp"

#include <nlohmann/json.hpp>

#include "domain/channels/messenger_notice.hpp"

namespace lifeline::channels::telegram {
namespace {

using nlohmann::json;

constexpr char kSecretHeader[] = "x-telegram-bot-api-secret-token";

server::Response JsonAnswer(int status, std::string body) {
  return {status, "application/json", std::move(body), {}};
}

// The first answer someone gets: his first message's (kOpened), or a command's from someone
// not known yet (Telegram's client sends /start first).
bool IsFirstAnswer(const app::InboundResult& result) {
  return result.outcome == app::InboundOutcome::kOpened ||
         (result.outcome == app::InboundOutcome::kCommand && result.case_id == 0);
}

}  // namespace

TelegramBot::TelegramBot(app::ChannelConversations& conversations, TelegramOptions options)
    : conversations_(conversations), options_(std::move(options)) {}

std::string TelegramBot::MethodUrl(std::string_view method) const {
  return options_.api_base + "/bot" + options_.token + "/" + std::string(method);
}

Result<HttpReply> TelegramBot::Call(std::string_view method, std::string body,
                                    std::chrono::milliseconds timeout) const {
  HttpCall call;
  call.method = "POST";
  call.url = MethodUrl(method);
  call.content_type = "application/json";
  call.body = std::move(body);
  call.timeout = timeout;
  call.proxy = options_.proxy;
  return Fetch(call);
}

SendResult TelegramBot::Send(const app::OutgoingReply& reply) {
  return SendAnswer({reply.address, reply.text});
}

SendResult TelegramBot::SendAnswer(const ChatAnswer& answer) {
  return InterpretSendAnswer(
      Call("sendMessage", SendMessageBody(answer.chat_id, answer.text), options_.timeout));
}

Result<std::optional<ChatAnswer>> TelegramBot::Handle(const Update& update) {
  if (!update.text) return std::optional<ChatAnswer>();
  const InboundText& in = *update.text;
  auto received =
      conversations_.Receive(ContactChannel::kTelegram, in.address, in.message_id, in.text);
  if (!received) {
    if (received.error().code == ErrorCode::kInvalidInput) return std::optional<ChatAnswer>();
    return received.error();
  }
  if (!received->reply) return std::optional<ChatAnswer>();
  std::string text = *received->reply;
  if (IsFirstAnswer(*received)) {
    text += "\n\n" + channels::MessengerNotice(received->language, "Telegram", options_.onion);
  }
  return std::optional<ChatAnswer>(ChatAnswer{in.address, std::move(text)});
}

server::Response TelegramBot::Webhook(const server::Request& request) {
  // Only Telegram knows the secret (setWebhook's secret_token): anyone else is refused and
  // nothing of what he sent is read.
  if (!SecretMatches(options_.webhook_secret, request.Header(kSecretHeader))) {
    return server::JsonError(401, "unauthenticated",
                             "the webhook's secret token is missing or wrong");
  }
  auto update = ParseUpdate(request.body);
  // Telegram sends only well-formed Updates; a body that is not one is a misconfigured proxy
  // or a test, and says so (400). Telegram would retry it, and it would be refused again.
  if (!update) return server::JsonError(update.error());
  auto answer = Handle(*update);
  if (!answer) {
    // The store failed: Telegram retries a non-2xx delivery, and Receive stores it once.
    server::Response busy =
        server::JsonError(503, "unavailable", "the message could not be stored; retry");
    busy.headers.emplace_back("Retry-After", "5");
    return busy;
  }
  // 200 for everything else, taken or ignored (edits, photos, groups): a non-2xx answer
  // would only make Telegram deliver it again. The automatic answer rides in the response
  // as a method call, which costs no call out and keeps no address: Telegram performs it.
  if (!*answer) return JsonAnswer(200, "{}");
  return JsonAnswer(200, WebhookAnswer((*answer)->chat_id, (*answer)->text));
}

Status TelegramBot::SetWebhook(std::string_view url) {
  const std::string body = json{{"url", std::string(url)},
                                {"secret_token", options_.webhook_secret},
                                {"allowed_updates", json::array({"message"})}}
                               .dump();
  auto reply = Call("setWebhook", body, options_.timeout);
  if (!reply) return reply.error();
  const json doc = json::parse(reply->body, nullptr, false);
  if (reply->status / 100 != 2 || doc.is_discarded() || !doc.is_object() ||
      doc.value("ok", json()) != true) {
    return Error{ErrorCode::kUnavailable,
                 "setWebhook was refused with " + std::to_string(reply->status)};
  }
  return OkStatus();
}

Result<std::vector<Update>> TelegramBot::GetUpdates(std::int64_t offset, int timeout_seconds) {
  const std::string body = json{{"offset", offset},
                                {"timeout", timeout_seconds},
                                {"allowed_updates", json::array({"message"})}}
                               .dump();
  auto reply = Call("getUpdates", body, options_.timeout + std::chrono::seconds(timeout_seconds));
  if (!reply) return reply.error();
  return ParseUpdates(*reply);
}

void AddWebhookRoute(server::Router& router, TelegramBot& bot) {
  router.Add(
      "POST", std::string(kWebhookPath),
      [&bot](server::Request& request, server::Respond respond) { respond(bot.Webhook(request)); });
}

}  // namespace lifeline::channels::telegram
