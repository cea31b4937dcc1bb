// The contact centre's API: the telephony side's events and operators' states, managers'
// changes, the wallboard, the queue log, callbacks and the planner (docs/contact-centre.md,
// docs/api.md). The console's pages are in console_contact_centre_routes.cpp.
//
// The telephony client authenticates with `Authorization: Bearer <token>` (serve
// --telephony-token-file); a coordinator's session (with its CSRF header) may do the same.

#include <charconv>
#include <nlohmann/json.hpp>

#include "app/contact_centre_voice.hpp"
#include "domain/contact_centre/sip_hints.hpp"
#include "server/console_pages.hpp"
#include "server/contact_centre_json.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"
#include "server/wallboard_feed.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

const Error kNoContactCentre{ErrorCode::kNotFound, "the contact centre is not running"};

// The token of an `Authorization: Bearer …` header, if the request has one.
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

json OrdersJson(const app::RingOrders& orders) {
  auto list = [](const std::vector<app::RingOrders::Order>& in) {
    json out = json::array();
    for (const auto& o : in) out.push_back({{"call", o.call}, {"operator", o.operator_name}});
    return out;
  };
  return {{"ring", list(orders.ring)},
          {"stop_ringing", list(orders.stop_ringing)},
          {"offer_callback", orders.offer_callback}};
}

// A text field; absent is empty. Anything but text becomes a control character, which every
// field's own check refuses.
std::string TextOf(const json& doc, const char* key) {
  const json value = doc.value(key, json(""));
  return value.is_string() ? value.get<std::string>() : std::string("\x01");
}

// The optional "reason" of a break (contact_centre/pause_reason.hpp); absent or "" is none.
Result<contact_centre::PauseReason> ReasonOf(const json& doc) {
  const std::string text = TextOf(doc, "reason");
  if (text.empty()) return contact_centre::PauseReason::kNone;
  auto reason = contact_centre::ParsePauseReason(text);
  if (!reason)
    return InvalidInput("reason must be " + std::string(contact_centre::PauseReasonNames()),
                        "reason");
  return *reason;
}

void ApiEvent(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOrManager(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  auto doc =
      Body(request,
           "{\"event\": \"offered\", \"call\": \"...\", \"language\": \"ru\", \"priority\": 0}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  const json priority = doc->value("priority", json(0));
  if (!priority.is_number_integer() || priority.get<std::int64_t>() < 0 ||
      priority.get<std::int64_t>() > 9) {
    return respond(JsonError(InvalidInput("priority must be 0 to 9", "priority")));
  }
  app::TelephonyEvent event{TextOf(*doc, "event"), TextOf(*doc, "call"), TextOf(*doc, "operator"),
                            TextOf(*doc, "language"),
                            static_cast<int>(priority.get<std::int64_t>())};
  auto orders = ctx.contact_centre->Handle(event);
  if (!orders) return respond(JsonError(orders.error()));
  respond({200, "application/json", OrdersJson(*orders).dump(), {}});
}

// The telephony client alone: calls that hand out or report on callers' numbers.
Status TelephonyOnly(Context& ctx, const Request& request) {
  auto token = BearerToken(request);
  if (!token || !ctx.contact_centre->IsTelephony(*token)) {
    return Error{ErrorCode::kUnauthenticated, "only the telephony client may call this"};
  }
  return OkStatus();
}

// Kamailio's routing lookup (rtjson): for a new call, or after the operator it rang did not
// answer ("missed"), the operator to ring now as one serial route. No route and "queued":
// the proxy holds the caller until resume-next names the call; neither: busy. The language
// and priority come from the INVITE's Accept-Language and Priority headers, passed on as
// "accept_language" and "sip_priority" (domain/contact_centre/sip_hints.hpp), unless
// "language" or "priority" say them outright.
void ApiRoute(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOnly(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  auto doc = Body(
      request,
      "{\"call\": \"...\", \"language\": \"ru\"} or {\"call\": \"...\", \"missed\": \"ext-1\"}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  app::RouteQuery query{TextOf(*doc, "call"), TextOf(*doc, "missed"), TextOf(*doc, "language"),
                        contact_centre::PriorityFromSipPriority(TextOf(*doc, "sip_priority"))};
  if (query.language.empty()) {
    auto preferred = contact_centre::LanguageFromAcceptLanguage(TextOf(*doc, "accept_language"));
    query.language = std::string(ToString(preferred.value_or(Language::kRu)));
  }
  if (doc->contains("priority")) {
    const json priority = (*doc)["priority"];
    if (!priority.is_number_integer() || priority.get<std::int64_t>() < 0 ||
        priority.get<std::int64_t>() > 9) {
      return respond(JsonError(InvalidInput("priority must be 0 to 9", "priority")));
    }
    query.priority = static_cast<int>(priority.get<std::int64_t>());
  }
  auto answer = ctx.contact_centre->Route(query);
  if (!answer) return respond(JsonError(answer.error()));
  json routes = json::array();
  for (const auto& ring : answer->ring) {
    if (ring.uri.empty()) continue;
    routes.push_back(
        {{"uri", ring.uri},
         {"headers", {{"extra", "X-Lifeline-Operator: " + ring.operator_name + "\r\n"}}}});
  }
  respond({200,
           "application/json",
           json{{"version", "1.0"},
                {"routing", "serial"},
                {"routes", routes},
                {"queued", answer->queued},
                {"offer_callback", answer->offer_callback},
                {"callback_chosen", answer->callback_chosen}}
               .dump(),
           {}});
}

// The proxy's poll for held callers: the next call that now rings an operator, for it to
// resume and route ({"call": "..."}), or {} when there is none.
void ApiResumeNext(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOnly(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  json out = json::object();
  if (auto call = ctx.contact_centre->NextToResume()) out["call"] = *call;
  respond({200, "application/json", out.dump(), {}});
}

// The telephony client (its token), a coordinator for anyone, or an operator for the
// operator linked to their account: who may is settled before the body is read.
void ApiOperatorState(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  const std::string& name = request.params["name"];
  std::optional<app::Actor> actor;  // none: the telephony client
  if (auto token = BearerToken(request)) {
    if (!ctx.contact_centre->IsTelephony(*token))
      return respond(JsonError(Error{ErrorCode::kUnauthenticated, "wrong telephony token"}));
  } else {
    auto session = ApiAuth(ctx, request, true);
    if (!session) return respond(JsonError(session.error()));
    if (auto allowed = ctx.contact_centre->MaySetOperatorState(session->actor, name); !allowed) {
      return respond(JsonError(allowed.error()));
    }
    actor = session->actor;
  }
  auto doc = Body(request,
                  "{\"state\": \"available\" | \"break\" | \"logged_out\", \"reason\": \"meal\"}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  auto state = contact_centre::ParseOperatorState(TextOf(*doc, "state"));
  if (!state)
    return respond(
        JsonError(InvalidInput("state must be available, break or logged_out", "state")));
  auto reason = ReasonOf(*doc);
  if (!reason) return respond(JsonError(reason.error()));
  auto orders = actor ? ctx.contact_centre->SetOperatorState(*actor, name, *state, *reason)
                      : ctx.contact_centre->SetOperatorState(name, *state, *reason);
  if (!orders) return respond(JsonError(orders.error()));
  respond({200, "application/json", OrdersJson(*orders).dump(), {}});
}

// The operator linked to the signed-in account, if any: its extension and state.
void ApiOwnOperator(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto own = ctx.contact_centre->OwnOperator(session->actor);
  if (!own) return respond(JsonError(NotFound("no operator is linked to your account")));
  json out{
      {"id", own->name}, {"state", ToString(own->state)}, {"calls_answered", own->calls_answered}};
  if (own->pause_reason != contact_centre::PauseReason::kNone)
    out["pause_reason"] = ToString(own->pause_reason);
  respond({200, "application/json", out.dump(), {}});
}

// A coordinator links an operator to the account that may set its state.
void ApiLinkAccount(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  if (auto allowed = app::Require(session->actor, app::Permission::kManageContactCentre);
      !allowed) {
    return respond(JsonError(allowed.error()));
  }
  auto doc = Body(request, "{\"account\": \"olga\"} (\"\" unlinks)");
  if (!doc) return respond(Respond415Or400(doc.error()));
  if (doc->contains("account") && !(*doc)["account"].is_string()) {
    return respond(
        JsonError(InvalidInput("account must be an account's name, or \"\" to unlink", "account")));
  }
  if (auto linked = ctx.contact_centre->LinkAccount(session->actor, request.params["name"],
                                                    TextOf(*doc, "account"));
      !linked) {
    return respond(JsonError(linked.error()));
  }
  respond({204, "application/json", "", {}});
}

// The SIP reply Kamailio gives a feature-code INVITE (no call is set up, so never 2xx): 603
// with what was done, or why not. One table, kept beside the only route that uses it.
std::pair<int, std::string> SipReplyFor(const Result<app::FeatureOutcome>& outcome) {
  if (outcome) {
    switch (outcome->state) {
      case contact_centre::OperatorState::kAvailable:
        return {603, "Done: In Queue"};
      case contact_centre::OperatorState::kLoggedOut:
        return {603, "Done: Logged Out"};
      default:
        if (outcome->reason == contact_centre::PauseReason::kNone) return {603, "Done: Paused"};
        return {603, "Done: Paused " + std::string(ToString(outcome->reason))};
    }
  }
  switch (outcome.error().code) {
    case ErrorCode::kInvalidInput:
      return {484, "Unknown Feature Code"};
    case ErrorCode::kConflict:
      return {486, "Finish The Call First"};
    default:
      return {403, "Not An Operator Phone"};
  }
}

// Kamailio reports a feature code dialled from an operator's phone: {"extension": $fU,
// "source": $si, "code": $rU}. The answer carries the SIP reply for the phone.
void ApiFeatureCode(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOnly(ctx, request); !allowed)
    return respond(JsonError(allowed.error()));
  auto doc =
      Body(request, "{\"extension\": \"ext-1\", \"source\": \"10.0.0.5\", \"code\": \"*11\"}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  auto outcome = ctx.contact_centre->DialFeatureCode(TextOf(*doc, "extension"),
                                                     TextOf(*doc, "source"), TextOf(*doc, "code"));
  auto [code, reason] = SipReplyFor(outcome);
  Response response =
      outcome ? Response{200, "application/json", "", {}} : JsonError(outcome.error());
  json body = outcome ? json::object() : json::parse(response.body, nullptr, false);
  if (!body.is_object()) body = json::object();
  body["sip_code"] = code;
  body["sip_reason"] = reason;
  response.body = body.dump();
  respond(std::move(response));
}

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
  auto status = store::ParseCallbackStatus(text.empty() ? "pending" : text);
  if (!status)
    return respond(
        JsonError(InvalidInput("status must be pending, dialing, connected or lapsed", "status")));
  auto rows = ctx.office.ListCallbacks(session->actor, *status);
  if (!rows) return respond(JsonError(rows.error()));
  json out = json::array();
  for (const auto& c : *rows) {
    out.push_back({{"id", c.id},
                   {"status", store::ToString(c.status)},
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

void ApiAddOperator(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  auto post = ReadJsonPost(ctx, request, respond, false,
                           "{\"id\": \"ext-101\", \"languages\": [\"ru\", \"uk\"]}");
  if (!post) return;
  const json languages = post->doc.value("languages", json());
  std::vector<Language> parsed;
  const Error bad_languages =
      InvalidInput("languages must be a list of ru, be, uk and en", "languages");
  if (!languages.is_array()) return respond(JsonError(bad_languages));
  for (const auto& l : languages) {
    auto language = l.is_string() ? ParseLanguage(l.get<std::string>()) : std::nullopt;
    if (!language) return respond(JsonError(bad_languages));
    parsed.push_back(*language);
  }
  if (auto added = ctx.contact_centre->AddOperator(post->session.actor, TextOf(post->doc, "id"),
                                                   parsed, TextOf(post->doc, "uri"));
      !added) {
    return respond(JsonError(added.error()));
  }
  respond({201, "application/json", "{}", {}});
}

void ApiSetLines(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  auto post = ReadJsonPost(ctx, request, respond, false, "{\"lines\": 40}");
  if (!post) return;
  const json lines = post->doc.value("lines", json());
  if (!lines.is_number_integer())
    return respond(JsonError(InvalidInput("lines must be a whole number", "lines")));
  if (auto set = ctx.contact_centre->SetLines(post->session.actor, lines.get<int>()); !set) {
    return respond(JsonError(set.error()));
  }
  respond({204, "application/json", "", {}});
}

void ApiWallboard(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto board = ctx.contact_centre->View(session->actor);
  if (!board) return respond(JsonError(board.error()));
  respond({200, "application/json", WallboardJson(*board).dump(), {}});
}

void ApiQueueLog(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  const std::string text = request.Query("limit");
  auto limit = text.empty() ? std::optional<std::int64_t>(100) : ParseId(text);
  if (!limit || *limit > 10'000)
    return respond(JsonError(InvalidInput("limit must be 1 to 10000", "limit")));
  auto lines = ctx.contact_centre->Log(session->actor, static_cast<int>(*limit));
  if (!lines) return respond(JsonError(lines.error()));
  json out = json::array();
  for (const auto& l : *lines) {
    out.push_back(
        {{"at", l.at}, {"call", l.call}, {"operator", l.operator_name}, {"event", l.event}});
  }
  respond({200, "application/json", json{{"entries", out}}.dump(), {}});
}

// A forecast from text fields (query or form); required ones missing or any malformed: the
// field's name.
Result<contact_centre::Forecast> ForecastFrom(const StaffingForm& form) {
  contact_centre::Forecast f;
  auto number = [&](const char* name, bool required) -> Result<std::optional<double>> {
    auto it = form.find(name);
    if (it == form.end() || it->second.empty()) {
      if (required) return InvalidInput(std::string(name) + " is required", name);
      return std::optional<double>();
    }
    double value = 0;
    const char* end = it->second.data() + it->second.size();
    auto [stop, ec] = std::from_chars(it->second.data(), end, value);
    if (ec != std::errc() || stop != end)
      return InvalidInput(std::string(name) + " must be a number", name);
    return std::optional<double>(value);
  };
  struct Field {
    const char* name;
    bool required;
    double* into;
  };
  for (const Field& field :
       {Field{"calls_per_hour", true, &f.calls_per_hour},
        Field{"handle_seconds", true, &f.handle_seconds},
        Field{"answer_within", true, &f.answer_within_seconds}, Field{"target", true, &f.target},
        Field{"shrinkage", false, &f.shrinkage}, Field{"blocking", false, &f.blocking}}) {
    auto value = number(field.name, field.required);
    if (!value) return value.error();
    if (*value) *field.into = **value;
  }
  auto patience = number("patience_seconds", false);
  if (!patience) return patience.error();
  f.patience_seconds = *patience;
  return f;
}

StaffingForm QueryForm(const Request& request) {
  StaffingForm form;
  for (const auto& [key, value] : request.query) form[key] = value;
  return form;
}

void ApiStaffing(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  if (auto allowed = app::Require(session->actor, app::Permission::kManageContactCentre);
      !allowed) {
    return respond(JsonError(allowed.error()));
  }
  auto forecast = ForecastFrom(QueryForm(request));
  if (!forecast) return respond(JsonError(forecast.error()));
  auto plan = contact_centre::PlanStaffing(*forecast);
  if (!plan) return respond(JsonError(plan.error()));
  respond({200, "application/json", StaffingJson(*forecast, *plan).dump(), {}});
}

void ConsoleStaffing(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (auto allowed = app::Require(session->actor, app::Permission::kManageContactCentre);
      !allowed) {
    return respond(HtmlResponse(
        403, HtmlPage("ru", "Нет доступа", "<p>Планирование доступно координаторам.</p>")));
  }
  const StaffingForm form = QueryForm(request);
  if (form.empty())
    return respond(HtmlResponse(200, ConsoleStaffingPage(*session, form, nullptr, "")));
  auto forecast = ForecastFrom(form);
  auto plan = forecast ? contact_centre::PlanStaffing(*forecast)
                       : Result<contact_centre::StaffingPlan>(forecast.error());
  if (!plan)
    return respond(
        HtmlResponse(400, ConsoleStaffingPage(*session, form, nullptr, plan.error().message)));
  respond(HtmlResponse(200, ConsoleStaffingPage(*session, form, &*plan, "")));
}

}  // namespace

void AddContactCentreRoutes(Router& router, const Bind& bind) {
  AddConsoleContactCentreRoutes(router, bind);
  router.Add("POST", "/api/v1/contact-centre/events", bind(ApiEvent));
  router.Add("PUT", "/api/v1/contact-centre/operators/{name}/state", bind(ApiOperatorState));
  router.Add("PUT", "/api/v1/contact-centre/operators/{name}/account", bind(ApiLinkAccount));
  router.Add("GET", "/api/v1/contact-centre/me", bind(ApiOwnOperator));
  router.Add("POST", "/api/v1/contact-centre/feature-code", bind(ApiFeatureCode));
  router.Add("POST", "/api/v1/contact-centre/route", bind(ApiRoute));
  router.Add("POST", "/api/v1/contact-centre/resume-next", bind(ApiResumeNext));
  router.Add("GET", "/api/v1/contact-centre/calls/{call}/position", bind(ApiPosition));
  router.Add("POST", "/api/v1/contact-centre/voice/start", bind(ApiVoiceStart));
  router.Add("POST", "/api/v1/contact-centre/voice/next", bind(ApiVoiceNext));
  router.Add("GET", "/api/v1/contact-centre/calls/{call}/prompts", bind(ApiVoicePlayed));
  router.Add("POST", "/api/v1/contact-centre/operators",
             bind(ApiAddOperator, {app::Permission::kManageContactCentre}));
  router.Add("PUT", "/api/v1/contact-centre/lines",
             bind(ApiSetLines, {app::Permission::kManageContactCentre}));
  router.Add("GET", "/api/v1/contact-centre/wallboard",
             bind(ApiWallboard, {app::Permission::kViewWallboard}));
  router.Add("GET", "/api/v1/contact-centre/log",
             bind(ApiQueueLog, {app::Permission::kManageContactCentre}));
  router.Add("GET", "/api/v1/contact-centre/staffing", bind(ApiStaffing));
  router.Add("POST", "/api/v1/contact-centre/callbacks", bind(ApiRequestCallback));
  router.Add("GET", "/api/v1/contact-centre/callbacks",
             bind(ApiListCallbacks, {app::Permission::kManageContactCentre}));
  router.Add("POST", "/api/v1/contact-centre/callbacks/take", bind(ApiTakeCallbacks));
  router.Add("POST", "/api/v1/contact-centre/callbacks/{id}/result", bind(ApiCallbackResult));
  router.Add("GET", "/console/staffing", bind(ConsoleStaffing));
}

}  // namespace lifeline::server::office
