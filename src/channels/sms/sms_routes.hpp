#pragma once
// The HTTP endpoints Kannel's smsbox calls (docs/channels.md, "SMS through Kannel"):
//
//   GET or POST /channels/sms/inbound?token=…&from=%p&id=%I&text=%a&coding=%c&charset=%C
//     an inbound SMS (its sms-service); answers 200 with the automatic reply as the body
//     (sent back by smsbox as UCS-2: X-Kannel-Coding 2) or an empty body (nothing to send:
//     the sms-service must have omit-empty = true).
//   GET or POST /channels/sms/delivery?reply=<id>&token=<mac>&status=%d
//     a delivery report on a reply sent through sendsms (its dlr-url).
//
// The inbound call needs the shared secret, in the X-Lifeline-Token header or the `token`
// query parameter (compared in constant time): 401 without, 403 with a wrong one, before
// anything else is read. Malformed calls get 4xx naming the field and store nothing. No
// number or text goes into a log or an error message.

#include <functional>
#include <string>

#include "app/channels/channel_conversations.hpp"
#include "channels/sms/delivery_token.hpp"
#include "server/http.hpp"

namespace lifeline::channels::sms {

struct SmsRouteOptions {
  app::ChannelConversations* conversations = nullptr;  // must outlive the router
  std::string inbound_token;                           // the shared secret
  const DeliveryTokens* delivery_tokens = nullptr;     // must outlive the router
  /// Called after a message was taken in that may have made replies due (the outbox's Wake).
  std::function<void()> on_replies_due;
};

void AddSmsRoutes(server::Router& router, SmsRouteOptions options);

}  // namespace lifeline::channels::sms
