#include "channels/sms/kannel_sendsms.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace lifeline::channels::sms {

HttpCall BuildSendsmsCall(const SendsmsOptions& options, const DeliveryTokens* tokens,
                          const app::OutgoingReply& reply) {
  HttpCall call;
  call.method = "GET";
  call.timeout = options.timeout;
  call.url = fmt::format("{}{}username={}&password={}&to={}&text={}&coding=2&charset=UTF-8",
                         options.url, options.url.find('?') == std::string::npos ? "?" : "&",
                         UrlEncode(options.username), UrlEncode(options.password),
                         UrlEncode(reply.address), UrlEncode(reply.text));
  if (!options.dlr_base_url.empty() && tokens != nullptr) {
    std::string base = options.dlr_base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    // 1 delivered, 2 undelivered, 16 the SMSC refused it (Kannel fills in %d).
    const std::string dlr_url = fmt::format("{}/channels/sms/delivery?reply={}&token={}&status=%d",
                                            base, reply.id, tokens->TokenFor(reply.id));
    call.url += fmt::format("&dlr-mask=19&dlr-url={}", UrlEncode(dlr_url));
  }
  return call;
}

SendResult InterpretSendsmsAnswer(const Result<HttpReply>& answer) {
  if (!answer) return {SendOutcome::kRetryLater, 0};
  const long status = answer->status;
  if (status >= 200 && status < 300) return {SendOutcome::kAccepted, 0};
  if (status == 401 || status == 403 || status == 408 || status == 429 || status >= 500) {
    return {SendOutcome::kRetryLater, 0};
  }
  if (status >= 400) return {SendOutcome::kRejected, 0};
  return {SendOutcome::kRetryLater, 0};  // 1xx, 3xx: not smsbox's answer
}

KannelSendsms::KannelSendsms(SendsmsOptions options, const DeliveryTokens* tokens)
    : options_(std::move(options)), tokens_(tokens) {}

SendResult KannelSendsms::Send(const app::OutgoingReply& reply) {
  const auto answer = Fetch(BuildSendsmsCall(options_, tokens_, reply));
  const SendResult result = InterpretSendsmsAnswer(answer);
  if (!answer) {
    std::fprintf(stderr, "sms: smsbox's sendsms could not be reached; the reply waits\n");
  } else if (answer->status == 401 || answer->status == 403) {
    std::fprintf(stderr,
                 "sms: smsbox refused lifeline's sendsms credentials (HTTP %ld); the reply waits\n",
                 answer->status);
  } else if (result.outcome == SendOutcome::kRejected) {
    std::fprintf(stderr, "sms: smsbox refused a reply for good (HTTP %ld)\n", answer->status);
  } else if (result.outcome == SendOutcome::kRetryLater) {
    std::fprintf(stderr, "sms: smsbox could not take a reply now (HTTP %ld); it waits\n",
                 answer->status);
  }
  return result;
}

}  // namespace lifeline::channels::sms
