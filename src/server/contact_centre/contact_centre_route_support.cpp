#include "server/contact_centre/contact_centre_route_support.hpp"

namespace lifeline::server::office {

using nlohmann::json;

std::optional<std::string> BearerToken(const Request& request) {
  const std::string authorization = request.Header("authorization");
  if (authorization.rfind("Bearer ", 0) != 0) return std::nullopt;
  return authorization.substr(7);
}

// The telephony client by its token, or a coordinator's session.
Status TelephonyOrManager(Context& ctx, const Request& request) {
  if (auto token = BearerToken(request)) {
    if (ctx.contact_centre->IsTelephony(*token)) return OkStatus();
    return Error{ErrorCode::kUnauthenticated, "wrong telephony token"};
  }
  auto session = ApiAuth(ctx, request, true);
  if (!session) return session.error();
  return app::Require(session->actor, app::Permission::kManageContactCentre);
}

// The JSON object body of a call, or an error to answer with. A call with a session must say
// application/json (a cross-site form cannot); the telephony client, authenticated by its
// token, need not (Kamailio's http_client sends its own content type).
Result<json> Body(const Request& request, std::string_view usage) {
  if (!BearerToken(request) && !HasMediaType(request, "application/json")) {
    return Error{ErrorCode::kInvalidInput, "send the body as application/json", "content-type"};
  }
  json doc = json::parse(request.body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return InvalidInput("send " + std::string(usage));
  return doc;
}

Response Unsupported() {
  return JsonError(415, "unsupported_media_type", "send the body as application/json");
}

Response Respond415Or400(const Error& e) {
  return e.field == "content-type" ? Unsupported() : JsonError(e);
}

// A text field; absent is empty. Anything but text becomes a control character, which every
// field's own check refuses.
std::string TextOf(const json& doc, const char* key) {
  const json value = doc.value(key, json(""));
  return value.is_string() ? value.get<std::string>() : std::string("\x01");
}

// The telephony client alone: calls that hand out or report on callers' numbers.
Status TelephonyOnly(Context& ctx, const Request& request) {
  auto token = BearerToken(request);
  if (!token || !ctx.contact_centre->IsTelephony(*token)) {
    return Error{ErrorCode::kUnauthenticated, "only the telephony client may call this"};
  }
  return OkStatus();
}

}  // namespace lifeline::server::office
