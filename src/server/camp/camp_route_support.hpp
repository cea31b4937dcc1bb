#pragma once
// What the camps' API handlers share (camp_routes.cpp, camp_routine_routes.cpp): the
// session of a read or a JSON post, once the camp registry is known to run.

#include <optional>
#include <string_view>

#include "server/office_route_support.hpp"

namespace lifeline::server::office {

/// A GET's session; nullopt once the error (no registry, no session) is answered.
std::optional<app::SessionInfo> CampReader(Context& ctx, Request& request, const Respond& respond);
/// A JSON post on one resource ({id}); nullopt once the error is answered (see ReadJsonPost).
std::optional<JsonPost> CampWriter(Context& ctx, Request& request, const Respond& respond,
                                   std::string_view usage);
/// The path's {id}; nullopt once 404 "no such `what`" is answered.
std::optional<std::int64_t> CampPathId(Request& request, const Respond& respond, const char* what);

}  // namespace lifeline::server::office
