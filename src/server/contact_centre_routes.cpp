// The contact centre: the telephony side's events and operators' states, managers' changes,
// the wallboard and the queue log (docs/contact-centre.md, docs/api.md).
//
// The telephony client authenticates with `Authorization: Bearer <token>` (serve
// --telephony-token-file); a coordinator's session (with its CSRF header) may do the same.

#include <nlohmann/json.hpp>

#include "server/console_pages.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"
#include "server/wallboard_feed.hpp"

namespace lifeline::server::office {
namespace {

using contact_centre::OperatorState;
using nlohmann::json;

const Error kNoContactCentre{ErrorCode::kNotFound, "the contact centre is not running"};

// The telephony client by its token, or a coordinator's session.
Status TelephonyOrManager(Context& ctx, const Request& request) {
  const std::string authorization = request.Header("authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    if (ctx.contact_centre->IsTelephony(authorization.substr(7))) return OkStatus();
    return Error{ErrorCode::kUnauthenticated, "wrong telephony token"};
  }
  auto session = ApiAuth(ctx, request, true);
  if (!session) return session.error();
  return app::Require(session->actor, app::Permission::kManageContactCentre);
}

// The JSON object body of a call, or an error to answer with.
Result<json> Body(const Request& request, std::string_view usage) {
  if (!HasMediaType(request, "application/json")) {
    return Error{ErrorCode::kInvalidInput, "send the body as application/json", "content-type"};
  }
  json doc = json::parse(request.body, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return InvalidInput("send " + std::string(usage));
  return doc;
}

Response Unsupported() { return JsonError(415, "unsupported_media_type", "send the body as application/json"); }

Response Respond415Or400(const Error& e) { return e.field == "content-type" ? Unsupported() : JsonError(e); }

json OrdersJson(const app::RingOrders& orders) {
  auto list = [](const std::vector<app::RingOrders::Order>& in) {
    json out = json::array();
    for (const auto& o : in) out.push_back({{"call", o.call}, {"operator", o.operator_name}});
    return out;
  };
  return {{"ring", list(orders.ring)}, {"stop_ringing", list(orders.stop_ringing)}};
}

std::string TextOf(const json& doc, const char* key) {
  const json value = doc.value(key, json(""));
  return value.is_string() ? value.get<std::string>() : std::string("\x01");  // refused below as malformed
}

void ApiEvent(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOrManager(ctx, request); !allowed) return respond(JsonError(allowed.error()));
  auto doc = Body(request, "{\"event\": \"offered\", \"call\": \"...\", \"language\": \"ru\", \"priority\": 0}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  const json priority = doc->value("priority", json(0));
  if (!priority.is_number_integer()) return respond(JsonError(InvalidInput("priority must be 0 to 9", "priority")));
  app::TelephonyEvent event{TextOf(*doc, "event"), TextOf(*doc, "call"), TextOf(*doc, "operator"),
                            TextOf(*doc, "language"), priority.get<int>()};
  auto orders = ctx.contact_centre->Handle(event);
  if (!orders) return respond(JsonError(orders.error()));
  respond({200, "application/json", OrdersJson(*orders).dump(), {}});
}

void ApiOperatorState(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  if (auto allowed = TelephonyOrManager(ctx, request); !allowed) return respond(JsonError(allowed.error()));
  auto doc = Body(request, "{\"state\": \"available\" | \"break\" | \"logged_out\"}");
  if (!doc) return respond(Respond415Or400(doc.error()));
  auto state = contact_centre::ParseOperatorState(TextOf(*doc, "state"));
  if (!state) return respond(JsonError(InvalidInput("state must be available, break or logged_out", "state")));
  auto orders = ctx.contact_centre->SetOperatorState(request.params["name"], *state);
  if (!orders) return respond(JsonError(orders.error()));
  respond({200, "application/json", OrdersJson(*orders).dump(), {}});
}

void ApiPosition(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  const std::string authorization = request.Header("authorization");
  if (authorization.rfind("Bearer ", 0) != 0 || !ctx.contact_centre->IsTelephony(authorization.substr(7))) {
    return respond(JsonError(Error{ErrorCode::kUnauthenticated, "only the telephony client asks this"}));
  }
  auto position = ctx.contact_centre->PositionOf(request.params["call"]);
  if (!position) return respond(JsonError(position.error()));
  respond({200, "application/json",
           json{{"ahead", position->ahead}, {"estimated_wait_seconds", position->estimated_wait_seconds}}.dump(), {}});
}

void ApiAddOperator(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  auto post = ReadJsonPost(ctx, request, respond, false, "{\"id\": \"ext-101\", \"languages\": [\"ru\", \"uk\"]}");
  if (!post) return;
  const json languages = post->doc.value("languages", json());
  std::vector<Language> parsed;
  const Error bad_languages = InvalidInput("languages must be a list of ru, be, uk and en", "languages");
  if (!languages.is_array()) return respond(JsonError(bad_languages));
  for (const auto& l : languages) {
    auto language = l.is_string() ? ParseLanguage(l.get<std::string>()) : std::nullopt;
    if (!language) return respond(JsonError(bad_languages));
    parsed.push_back(*language);
  }
  if (auto added = ctx.contact_centre->AddOperator(post->session.actor, TextOf(post->doc, "id"), parsed); !added) {
    return respond(JsonError(added.error()));
  }
  respond({201, "application/json", "{}", {}});
}

void ApiSetLines(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre) return respond(JsonError(kNoContactCentre));
  auto post = ReadJsonPost(ctx, request, respond, false, "{\"lines\": 40}");
  if (!post) return;
  const json lines = post->doc.value("lines", json());
  if (!lines.is_number_integer()) return respond(JsonError(InvalidInput("lines must be a whole number", "lines")));
  if (auto set = ctx.contact_centre->SetLines(post->session.actor, lines.get<int>()); !set) {
    return respond(JsonError(set.error()));
  }
  respond({204, "application/json", "", {}});
}

json WindowJson(const contact_centre::StatsWindow& w) {
  return {{"offered", w.offered},
          {"answered", w.answered},
          {"abandoned", w.abandoned},
          {"overflowed", w.overflowed},
          {"service_level", w.ServiceLevel()},
          {"service_level_2", w.ServiceLevel2()},
          {"asa_seconds", w.AverageSpeedOfAnswer()},
          {"abandonment", w.AbandonmentRate()},
          {"occupancy", w.Occupancy()}};
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
  if (!limit || *limit > 10'000) return respond(JsonError(InvalidInput("limit must be 1 to 10000", "limit")));
  auto lines = ctx.contact_centre->Log(session->actor, static_cast<int>(*limit));
  if (!lines) return respond(JsonError(lines.error()));
  json out = json::array();
  for (const auto& l : *lines) {
    out.push_back({{"at", l.at}, {"call", l.call}, {"operator", l.operator_name}, {"event", l.event}});
  }
  respond({200, "application/json", json{{"entries", out}}.dump(), {}});
}

void ConsoleWallboard(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (!ctx.contact_centre) return respond(HtmlResponse(404, HtmlPage("ru", "Нет очереди", "<p>Очередь не запущена.</p>")));
  auto board = ctx.contact_centre->View(session->actor);
  if (!board) {
    return respond(HtmlResponse(HttpStatusOf(board.error().code),
                                HtmlPage("ru", "Нет доступа", "<p>Очередь видят операторы и координаторы.</p>")));
  }
  respond(HtmlResponse(200, ConsoleWallboardPage(*session, *board)));
}

// Server-Sent Events: the board now and every second (wallboard_feed.hpp).
void ConsoleWallboardStream(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre || !ctx.options.wallboard_feed) return respond(JsonError(kNoContactCentre));
  const std::string token = request.Cookie(kCookie);
  auto session = ctx.sessions.Authenticate(token);
  if (!session) return respond(JsonError(session.error()));
  if (auto allowed = app::Require(session->actor, app::Permission::kViewWallboard); !allowed) {
    return respond(JsonError(allowed.error()));
  }
  Response stream{200, "text/event-stream; charset=utf-8", "", {{"X-Accel-Buffering", "no"}}, {}};
  stream.opened = [feed = ctx.options.wallboard_feed, token](std::shared_ptr<EventStream> events) {
    feed->Add(std::move(events), token);
  };
  respond(std::move(stream));
}

}  // namespace

json WallboardJson(const app::Wallboard& board) {
  json states = json::object();
  for (auto s : contact_centre::kAllOperatorStates) {
    states[std::string(ToString(s))] = board.snapshot.operators_by_state[static_cast<std::size_t>(s)];
  }
  json operators = json::array();
  for (const auto& o : board.operators) {
    json languages = json::array();
    for (Language l : o.languages) languages.push_back(ToString(l));
    operators.push_back(
        {{"id", o.name}, {"languages", languages}, {"state", ToString(o.state)}, {"calls_answered", o.calls_answered}});
  }
  return {{"waiting", board.snapshot.waiting},
          {"longest_wait_seconds", board.snapshot.longest_wait_seconds},
          {"lines", board.snapshot.lines},
          {"lines_in_use", board.snapshot.lines_in_use},
          {"answer_within_seconds", board.answer_within_seconds},
          {"operators_by_state", states},
          {"operators", operators},
          {"today", WindowJson(board.snapshot.today)},
          {"last_15_minutes", WindowJson(board.snapshot.last_15_minutes)}};
}

void AddContactCentreRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/contact-centre/events", bind(ApiEvent));
  router.Add("PUT", "/api/v1/contact-centre/operators/{name}/state", bind(ApiOperatorState));
  router.Add("GET", "/api/v1/contact-centre/calls/{call}/position", bind(ApiPosition));
  router.Add("POST", "/api/v1/contact-centre/operators", bind(ApiAddOperator));
  router.Add("PUT", "/api/v1/contact-centre/lines", bind(ApiSetLines));
  router.Add("GET", "/api/v1/contact-centre/wallboard", bind(ApiWallboard));
  router.Add("GET", "/api/v1/contact-centre/log", bind(ApiQueueLog));
  router.Add("GET", "/console/wallboard", bind(ConsoleWallboard));
  router.Add("GET", "/console/wallboard/stream", bind(ConsoleWallboardStream));
}

}  // namespace lifeline::server::office
