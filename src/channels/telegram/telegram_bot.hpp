#pragma once
// A Telegram bot as one of lifeline's channels (docs/channels.md, "Telegram"): takes people's
// messages in (a webhook Telegram POSTs Updates to, or getUpdates polling, telegram_poller.hpp),
// hands them to app::ChannelConversations, answers at once, and sends operators' replies with
// sendMessage as the outbox's OutboundChannel. Bot chats are not end-to-end encrypted:
// Telegram reads them; the first answer says so and names the onion form.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/channels/channel_conversations.hpp"
#include "channels/outbound_channel.hpp"
#include "channels/telegram/bot_api.hpp"
#include "server/http.hpp"

namespace lifeline::channels::telegram {

struct TelegramOptions {
  std::string token;                                  // from BotFather; secret: never logged
  std::string api_base = "https://api.telegram.org";  // tests point it at the stand-in
  std::string proxy;                         // e.g. socks5h://127.0.0.1:9050; empty: direct
  std::string webhook_secret;                // setWebhook's secret_token; empty: no webhook
  std::string onion;                         // the onion form's address, for the first answer
  std::chrono::milliseconds timeout{10000};  // per call (getUpdates adds its long-poll wait)
};

/// What to send back to a chat now.
struct ChatAnswer {
  std::string chat_id;
  std::string text;
};

class TelegramBot : public OutboundChannel {
 public:
  /// `conversations` must outlive this. Thread-safe.
  TelegramBot(app::ChannelConversations& conversations, TelegramOptions options);

  /// sendMessage to the reply's chat; how the Bot API's answer maps: InterpretSendAnswer.
  SendResult Send(const app::OutgoingReply& reply) override;
  /// sendMessage of an automatic answer (polling mode).
  SendResult SendAnswer(const ChatAnswer& answer);

  /// Takes one Update in: a private chat's text goes to ChannelConversations::Receive; the
  /// answer to send now, if any (the first answer to someone new carries the not-end-to-end-
  /// encrypted note). Anything else is ignored (nullopt). A text Receive refuses as invalid
  /// (too long, control characters) is dropped (nullopt); a store failure is returned
  /// (kUnavailable, kInternal) so that the update is delivered again.
  Result<std::optional<ChatAnswer>> Handle(const Update& update);

  /// The webhook: POST with the secret header; see docs/channels.md for each status.
  server::Response Webhook(const server::Request& request);

  /// setWebhook(url, secret_token, allowed_updates ["message"]). kUnavailable when the API
  /// cannot be reached or refuses (its error code, never the token, in the message).
  Status SetWebhook(std::string_view url);
  /// getUpdates(offset, timeout, allowed_updates ["message"]): ParseUpdates's answer.
  Result<std::vector<Update>> GetUpdates(std::int64_t offset, int timeout_seconds);

 private:
  std::string MethodUrl(std::string_view method) const;
  Result<HttpReply> Call(std::string_view method, std::string body,
                         std::chrono::milliseconds timeout) const;

  app::ChannelConversations& conversations_;
  const TelegramOptions options_;
};

/// The webhook's path, registered only when Telegram runs in webhook mode.
inline constexpr std::string_view kWebhookPath = "/channels/telegram/webhook";
/// Adds POST kWebhookPath to `router`; `bot` must outlive it.
void AddWebhookRoute(server::Router& router, TelegramBot& bot);

}  // namespace lifeline::channels::telegram
