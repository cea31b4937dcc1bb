#pragma once
// serve's SMS channel through Kannel (docs/channels.md): the endpoints smsbox calls and the
// sendsms channel the outbox sends replies through, from serve's --sms-* and --sendsms-*
// options.

#include <memory>

#include "app/channels/channel_conversations.hpp"
#include "channels/outbox.hpp"
#include "cli/serve.hpp"
#include "server/http.hpp"

namespace lifeline::cli {

/// What the SMS channel keeps while the server runs.
struct SmsChannel;
struct SmsChannelDeleter {
  void operator()(SmsChannel* sms) const;
};
using SmsChannelHandle = std::unique_ptr<SmsChannel, SmsChannelDeleter>;

/// Nothing (null) without --sms-inbound-token-file. Else adds the SMS routes to `router` and,
/// with --sendsms-url, registers the sendsms channel with `outbox` at --sms-per-second.
/// `conversations` null (no office role) with SMS options is a start-up failure
/// (std::runtime_error), as are unreadable secrets. The handle must outlive the router's
/// server and the outbox's thread.
SmsChannelHandle AddSmsChannel(const ServeOptions& options, server::Router& router,
                               app::ChannelConversations* conversations, channels::Outbox* outbox);

}  // namespace lifeline::cli
