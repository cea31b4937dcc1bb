#pragma once
// Sends operators' replies through Kannel's smsbox sendsms interface (docs/channels.md):
//
//   GET /cgi-bin/sendsms?username=…&password=…&to=…&text=…&coding=2&charset=UTF-8
//       &dlr-mask=3&dlr-url=<lifeline>/channels/sms/delivery?reply=<id>&token=<mac>&status=%d
//
// Always UCS-2 (coding 2): replies are mostly Cyrillic, and the part counts of domain/channels
// assume it. The dlr-url carries a token only Kannel learns (DeliveryTokens), so a delivery
// report cannot be forged for another reply.

#include <chrono>
#include <string>

#include "channels/http_client.hpp"
#include "channels/outbound_channel.hpp"
#include "channels/sms/delivery_token.hpp"

namespace lifeline::channels::sms {

struct SendsmsOptions {
  std::string url;       // smsbox's sendsms URL, e.g. http://127.0.0.1:13013/cgi-bin/sendsms
  std::string username;  // the sendsms-user group's username and password
  std::string password;
  std::string
      dlr_base_url;  // lifeline as Kannel reaches it, e.g. http://127.0.0.1:8080; empty: no reports
  std::chrono::milliseconds timeout{10000};
};

/// The sendsms call for `reply` (the URL carries the number, the text and the password: never
/// log it). `tokens` may be null when options.dlr_base_url is empty.
HttpCall BuildSendsmsCall(const SendsmsOptions& options, const DeliveryTokens* tokens,
                          const app::OutgoingReply& reply);

/// What smsbox's answer means: 2xx ("0: Accepted for delivery", "3: Queued for later
/// delivery") accepted; 401/403 (our credentials refused: a configuration fault an
/// administrator fixes) and 5xx, timeouts and refused connections retry later; any other 4xx
/// ("Missing receiver number", a number the sendsms-user may not send to) rejects the reply.
SendResult InterpretSendsmsAnswer(const Result<HttpReply>& answer);

class KannelSendsms final : public OutboundChannel {
 public:
  /// `tokens` must outlive this (or be null without a dlr_base_url).
  KannelSendsms(SendsmsOptions options, const DeliveryTokens* tokens);
  /// Thread-safe; logs the outcome's kind and HTTP status only.
  SendResult Send(const app::OutgoingReply& reply) override;

 private:
  const SendsmsOptions options_;
  const DeliveryTokens* tokens_;
};

}  // namespace lifeline::channels::sms
