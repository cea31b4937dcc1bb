// The contact centre's API for callers who wait or ask to be rung back: callbacks (asked
// for, taken by the dialler, reported, listed), a held caller's position, and the voice
// line's prompts (docs/contact-centre.md, docs/api.md). The rest of the API is in
// contact_centre_routes.cpp.

#include <nlohmann/json.hpp>

#include "app/contact_centre/contact_centre_voice.hpp"
#include "server/contact_centre/contact_centre_json.hpp"
#include "server/contact_centre/contact_centre_route_support.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

void ApiRequestCallback(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOrManager(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  auto doc = Body(request,
                  "{\"number\": \"...\", \"windows\": [\"mon-fri 19:00-21:00\"], \"utc_offset\": "
                  "\"+03:00\", \"language\": \"ru\"}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  contact_centre::CallbackDraft draft{
      TextOf(*doc, "number"), {}, TextOf(*doc, "utc_offset"), TextOf(*doc, "language")};
  const json windows = doc->value("windows", json());
  const Error bad_windows =
      InvalidInput("windows must be a list like [\"mon-fri 19:00-21:00\"]", "windows");
  if (!windows.is_array()) return respond(JsonError(bad_windows));
  for (const auto& w : windows) {
    if (!w.is_string()) return respond(JsonError(bad_windows));
    draft.windows.push_back(w.get<std::string>());
  }
  auto scheduled = ctx.office.RequestCallback(draft);
  if (!scheduled) return respond(JsonError(scheduled.error()));
  respond({201,
           "application/json",
           json{{"id", scheduled->id},
                {"due_at", scheduled->due_at},
                {"window_end", scheduled->window_end}}
               .dump(),
           {}});
}

void ApiTakeCallbacks(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOnly(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  auto doc = Body(request, "{\"limit\": 10}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  const json limit = doc->value("limit", json(10));
  if (!limit.is_number_integer())
    return respond(JsonError(InvalidInput("limit must be 1 to 500", "limit")));
  auto due = ctx.office.TakeDueCallbacks(limit.get<int>());
  if (!due) return respond(JsonError(due.error()));
  json out = json::array();
  for (const auto& c : *due) {
    out.push_back({{"id", c.id},
                   {"number", c.number},
                   {"language", ToString(c.language)},
                   {"window_end", c.window_end}});
  }
  respond({200, "application/json", json{{"callbacks", out}}.dump(), {}});
}

void ApiCallbackResult(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOnly(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such callback")));
  auto doc = Body(request, "{\"connected\": true}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  const json connected = doc->value("connected", json());
  if (!connected.is_boolean())
    return respond(JsonError(InvalidInput("connected must be true or false", "connected")));
  if (auto s = ctx.office.ReportCallback(*id, connected.get<bool>()); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiListCallbacks(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  const std::string text = request.Query("status");
  auto status = contact_centre::ParseCallbackStatus(text.empty() ? "pending" : text);
  if (!status)
    return respond(
        JsonError(InvalidInput("status must be pending, dialing, connected or lapsed", "status")));
  auto rows = ctx.office.ListCallbacks(session->actor, *status);
  if (!rows) return respond(JsonError(rows.error()));
  json out = json::array();
  for (const auto& c : *rows) {
    out.push_back({{"id", c.id},
                   {"status", contact_centre::ToString(c.status)},
                   {"language", c.language},
                   {"created_at", c.created_at},
                   {"due_at", c.due_at},
                   {"window_end", c.window_end},
                   {"attempts", c.attempts}});
  }
  respond({200, "application/json", json{{"callbacks", out}}.dump(), {}});
}

void ApiPosition(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOnly(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  auto position = ctx.contact_centre->PositionOf(request.params["call"]);
  if (!position) return respond(JsonError(position.error()));
  // The estimate is absent while nobody who could take the call is logged in; never negative.
  json out{{"ahead", position->ahead}};
  if (position->estimated_wait_seconds)
    out["estimated_wait_seconds"] = *position->estimated_wait_seconds;
  respond({200, "application/json", out.dump(), {}});
}

// The voice line (issue 16). Kamailio reports a held caller whose media now goes through
// rtpengine: {"call", "accept_language", "number" (the caller's, for a callback he may choose;
// may be empty), "windows": "mon-fri 19:00-21:00, sat 10:00-12:00", "utc_offset": "+03:00"}.
// 404 unless the call waits; 404 "the voice line is off" without --voice-prompts.
void ApiVoiceStart(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOnly(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  app::VoiceLine* voice = ctx.contact_centre->Voice();
  if (!voice) return respond(JsonError(NotFound("the voice line is off")));
  auto doc = Body(request,
                  "{\"call\": \"...\", \"accept_language\": \"ru\", \"number\": \"\", \"windows\": "
                  "\"\", \"utc_offset\": \"\"}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  app::HeldCaller caller{TextOf(*doc, "call"),
                         TextOf(*doc, "accept_language"),
                         TextOf(*doc, "number"),
                         {},
                         TextOf(*doc, "utc_offset")};
  const std::string windows = TextOf(*doc, "windows");
  for (std::size_t start = 0; start < windows.size();) {
    std::size_t comma = windows.find(',', start);
    if (comma == std::string::npos) comma = windows.size();
    std::string window = windows.substr(start, comma - start);
    window.erase(0, window.find_first_not_of(' '));
    window.erase(window.find_last_not_of(' ') + 1);
    if (!window.empty()) caller.windows.push_back(std::move(window));
    start = comma + 1;
  }
  if (auto started = voice->Start(caller); !started) return respond(JsonError(started.error()));
  respond({200, "application/json", "{}", {}});
}

// The proxy's poll (with resume-next): the next prompt to play, {"call", "file", "prompt"},
// or {} when none is due.
void ApiVoiceNext(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOnly(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  json out = json::object();
  if (app::VoiceLine* voice = ctx.contact_centre->Voice()) {
    if (auto play = voice->Next())
      out = {{"call", play->call}, {"file", play->file}, {"prompt", play->prompt}};
  }
  respond({200, "application/json", out.dump(), {}});
}

// Which prompts a call was played ("ru/position_2", "music"): no personal data.
void ApiVoicePlayed(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOrManager(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  app::VoiceLine* voice = ctx.contact_centre->Voice();
  if (!voice) return respond(JsonError(NotFound("the voice line is off")));
  respond({200,
           "application/json",
           json{{"prompts", voice->Played(request.params["call"])}}.dump(),
           {}});
}

}  // namespace

void AddContactCentreCallbackRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/contact-centre/calls/{call}/position", bind(ApiPosition));
  router.Add("POST", "/api/v1/contact-centre/voice/start", bind(ApiVoiceStart));
  router.Add("POST", "/api/v1/contact-centre/voice/next", bind(ApiVoiceNext));
  router.Add("GET", "/api/v1/contact-centre/calls/{call}/prompts", bind(ApiVoicePlayed));
  router.Add("POST", "/api/v1/contact-centre/callbacks", bind(ApiRequestCallback));
  router.Add("GET", "/api/v1/contact-centre/callbacks",
             bind(ApiListCallbacks, {app::Permission::kManageContactCentre}));
  router.Add("POST", "/api/v1/contact-centre/callbacks/take", bind(ApiTakeCallbacks));
  router.Add("POST", "/api/v1/contact-centre/callbacks/{id}/result", bind(ApiCallbackResult));
}

}  // namespace lifeline::server::office
