// Screening markers for verifiers: POST and GET /api/v1/screening/markers. The review queue
// itself is GET /api/v1/cases?review=1; a case's signals come with the case.

#include <nlohmann/json.hpp>

#include "server/office_route_support.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

void ApiAddMarker(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, false,
                           "{\"handle\" or \"phrase\": \"...\", \"note\": \"...\"}");
  if (!post) return;
  for (const char* field : {"handle", "phrase", "note"}) {
    if (!post->doc.value(field, json("")).is_string()) {
      return respond(JsonError(InvalidInput(std::string(field) + " must be text", field)));
    }
  }
  auto id = ctx.office.AddMarker(post->session.actor, {post->doc.value("handle", std::string()),
                                                       post->doc.value("phrase", std::string()),
                                                       post->doc.value("note", std::string())});
  if (!id) return respond(JsonError(id.error()));
  respond({201, "application/json", json{{"id", *id}}.dump(), {}});
}

void ApiListMarkers(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto markers = ctx.office.ListMarkers(session->actor);
  if (!markers) return respond(JsonError(markers.error()));
  json items = json::array();
  for (const auto& m : *markers) {
    items.push_back({{"id", m.id},
                     {"kind", m.is_handle ? "handle" : "phrase"},
                     {"phrase", m.is_handle ? json(nullptr) : json(m.phrase)},
                     {"note", m.note},
                     {"created_at", m.created_at}});
  }
  respond({200, "application/json", json{{"markers", items}}.dump(), {}});
}

}  // namespace

void AddScreeningRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/screening/markers",
             bind(ApiAddMarker, {app::Permission::kManageMarkers}));
  router.Add("GET", "/api/v1/screening/markers",
             bind(ApiListMarkers, {app::Permission::kManageMarkers}));
}

}  // namespace lifeline::server::office
