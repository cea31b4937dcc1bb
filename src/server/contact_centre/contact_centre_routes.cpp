// The contact centre's API: the telephony side's events and operators' states, managers'
// changes, the wallboard, the queue log, callbacks and the planner (docs/contact-centre.md,
// docs/api.md). Callbacks, a held caller's position and the voice line are in
// contact_centre_callback_routes.cpp; the console's pages in console_contact_centre_routes.cpp.
//
// The telephony client authenticates with `Authorization: Bearer <token>` (serve
// --telephony-token-file); a coordinator's session (with its CSRF header) may do the same.

#include <charconv>
#include <nlohmann/json.hpp>

#include "app/contact_centre/contact_centre_voice.hpp"
#include "domain/contact_centre/sip_hints.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/contact_centre/contact_centre_json.hpp"
#include "server/contact_centre/contact_centre_route_support.hpp"
#include "server/contact_centre/wallboard_feed.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

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
    const std::string refusal =
        fmt::format("<p>{}</p>", console::T("Планирование доступно координаторам."));
    return respond(HtmlResponse(403, console::ConsolePage(console::T("Нет доступа"), refusal)));
  }
  const StaffingForm form = QueryForm(request);
  if (form.empty())
    return respond(HtmlResponse(200, ConsoleStaffingPage(*session, form, nullptr, "")));
  auto forecast = ForecastFrom(form);
  auto plan = forecast ? contact_centre::PlanStaffing(*forecast)
                       : Result<contact_centre::StaffingPlan>(forecast.error());
  if (!plan)
    return respond(HtmlResponse(
        400, ConsoleStaffingPage(*session, form, nullptr, console::ConsoleErrorRu(plan.error()))));
  respond(HtmlResponse(200, ConsoleStaffingPage(*session, form, &*plan, "")));
}

}  // namespace

void AddContactCentreRoutes(Router& router, const Bind& bind) {
  AddConsoleContactCentreRoutes(router, bind);
  AddContactCentreCallbackRoutes(router, bind);
  router.Add("POST", "/api/v1/contact-centre/events", bind(ApiEvent));
  router.Add("PUT", "/api/v1/contact-centre/operators/{name}/state", bind(ApiOperatorState));
  router.Add("PUT", "/api/v1/contact-centre/operators/{name}/account", bind(ApiLinkAccount));
  router.Add("GET", "/api/v1/contact-centre/me", bind(ApiOwnOperator));
  router.Add("POST", "/api/v1/contact-centre/feature-code", bind(ApiFeatureCode));
  router.Add("POST", "/api/v1/contact-centre/route", bind(ApiRoute));
  router.Add("POST", "/api/v1/contact-centre/resume-next", bind(ApiResumeNext));
  router.Add("POST", "/api/v1/contact-centre/operators",
             bind(ApiAddOperator, {app::Permission::kManageContactCentre}));
  router.Add("PUT", "/api/v1/contact-centre/lines",
             bind(ApiSetLines, {app::Permission::kManageContactCentre}));
  router.Add("GET", "/api/v1/contact-centre/wallboard",
             bind(ApiWallboard, {app::Permission::kViewWallboard}));
  router.Add("GET", "/api/v1/contact-centre/log",
             bind(ApiQueueLog, {app::Permission::kManageContactCentre}));
  router.Add("GET", "/api/v1/contact-centre/staffing", bind(ApiStaffing));
  router.Add("GET", "/console/staffing", bind(ConsoleStaffing));
}

}  // namespace lifeline::server::office
