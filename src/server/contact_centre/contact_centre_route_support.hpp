#pragma once
// What the contact centre's API handlers share (contact_centre_routes.cpp,
// contact_centre_callback_routes.cpp): who may call (the telephony client by its token, or a
// coordinator's session) and reading a call's JSON body.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "server/office_route_support.hpp"

namespace lifeline::server::office {

inline const Error kNoContactCentre{ErrorCode::kNotFound, "the contact centre is not running"};

/// The token of an `Authorization: Bearer …` header, if the request has one.
std::optional<std::string> BearerToken(const Request& request);
/// The telephony client by its token (`Authorization: Bearer …`), or a coordinator's session.
Status TelephonyOrManager(Context& ctx, const Request& request);
/// The telephony client alone: calls that hand out or report on callers' numbers.
Status TelephonyOnly(Context& ctx, const Request& request);
/// The JSON object body of a call, or an error to answer with (Respond415Or400). A call with
/// a session must say application/json (a cross-site form cannot); the telephony client,
/// authenticated by its token, need not (Kamailio's http_client sends its own content type).
Result<nlohmann::json> Body(const Request& request, std::string_view usage);
/// 415 for a body that was not declared JSON, else the error as JSON.
Response Respond415Or400(const Error& e);
/// A text field; absent is empty. Anything but text becomes a control character, which every
/// field's own check refuses.
std::string TextOf(const nlohmann::json& doc, const char* key);

}  // namespace lifeline::server::office
