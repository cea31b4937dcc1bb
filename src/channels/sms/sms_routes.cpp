#include "channels/sms/sms_routes.hpp"

#include <charconv>
#include <cstdio>
#include <memory>

#include "channels/sms/kannel_inbound.hpp"

namespace lifeline::channels::sms {
namespace {

using server::JsonError;
using server::Request;
using server::Respond;
using server::Response;

// Delivery reports Kannel sends (%d): 1 delivered to the phone, 2 the network gave up, 16 the
// SMSC refused it; 4 (buffered) and 8 (the SMSC took it) are news of no consequence.
enum class Report { kDelivered, kUndelivered, kNoChange };

std::optional<Report> ParseReport(const std::string& status) {
  if (status == "1") return Report::kDelivered;
  if (status == "2" || status == "16") return Report::kUndelivered;
  if (status == "4" || status == "8") return Report::kNoChange;
  return std::nullopt;
}

std::optional<std::int64_t> ParseReplyId(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value <= 0)
    return std::nullopt;
  return value;
}

void Inbound(const SmsRouteOptions& options, Request& request, Respond respond) {
  std::string given = request.Header("x-lifeline-token");
  if (given.empty()) given = request.Query("token");
  if (given.empty())
    return respond(JsonError(401, "unauthenticated", "the SMS gateway's token is missing"));
  if (!SecretEquals(given, options.inbound_token)) {
    return respond(JsonError(403, "forbidden", "the SMS gateway's token is wrong"));
  }
  auto inbound = ParseKannelInbound(request.query);
  if (!inbound) return respond(JsonError(inbound.error()));
  auto result = options.conversations->Receive(ContactChannel::kSms, inbound->sender,
                                               inbound->message_id, inbound->text);
  if (!result) {
    if (result.error().code == ErrorCode::kInternal) {
      std::fprintf(stderr,
                   "sms: an inbound message could not be stored; Kannel may deliver it again\n");
      return respond(JsonError(
          Error{ErrorCode::kUnavailable, "the message could not be stored now; try again"}));
    }
    return respond(JsonError(result.error()));
  }
  if (result->outcome == app::InboundOutcome::kJoined && options.on_replies_due)
    options.on_replies_due();
  Response response{200, "text/plain; charset=utf-8", result->reply.value_or(""), {}};
  // smsbox sends the body back to the sender; as UCS-2, so Cyrillic arrives whole.
  if (result->reply) response.headers.emplace_back("X-Kannel-Coding", "2");
  respond(std::move(response));
}

void Delivery(const SmsRouteOptions& options, Request& request, Respond respond) {
  const std::string token = request.Query("token");
  if (token.empty())
    return respond(JsonError(401, "unauthenticated", "the delivery report's token is missing"));
  const auto reply_id = ParseReplyId(request.Query("reply"));
  if (!reply_id || !options.delivery_tokens->Verify(*reply_id, token)) {
    return respond(
        JsonError(403, "forbidden", "the delivery report's token does not match its reply"));
  }
  const auto report = ParseReport(request.Query("status"));
  if (!report)
    return respond(
        JsonError(InvalidInput("status must be Kannel's %d: 1, 2, 4, 8 or 16", "status")));
  if (*report != Report::kNoChange) {
    auto recorded =
        options.conversations->ReportDeliveryReceipt(*reply_id, *report == Report::kDelivered);
    if (!recorded) return respond(JsonError(recorded.error()));
  }
  respond({200, "text/plain; charset=utf-8", "", {}});
}

}  // namespace

void AddSmsRoutes(server::Router& router, SmsRouteOptions options) {
  auto shared = std::make_shared<const SmsRouteOptions>(std::move(options));
  for (const char* method : {"GET", "POST"}) {
    router.Add(method, "/channels/sms/inbound", [shared](Request& request, Respond respond) {
      Inbound(*shared, request, std::move(respond));
    });
    if (shared->delivery_tokens != nullptr) {
      router.Add(method, "/channels/sms/delivery", [shared](Request& request, Respond respond) {
        Delivery(*shared, request, std::move(respond));
      });
    }
  }
}

}  // namespace lifeline::channels::sms
