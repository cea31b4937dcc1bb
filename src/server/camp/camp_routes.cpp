// The camp's API (docs/api.md, "Camps"): camps and their rules, the registry, capture cards,
// the information bureau's list, postings and statements. Camp administrators only, but for
// handing a crossed case to a camp, which is a coordinator's.

#include <nlohmann/json.hpp>

#include "server/camp/camp_json.hpp"
#include "server/camp/camp_route_support.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

const Error kNoCamps{ErrorCode::kNotFound, "the camp registry is not running"};

void ApiCreateCamp(Context& ctx, Request& request, Respond respond) {
  if (!ctx.options.camp) return respond(JsonError(kNoCamps));
  auto post = ReadJsonPost(ctx, request, respond, false,
                           "a camp: {\"name\": \"...\", \"uah_per_chf\": \"38.00\", …}");
  if (!post) return;
  auto camp = CampFromJson(post->doc, {});
  if (!camp) return respond(JsonError(camp.error()));
  auto id = ctx.options.camp->CreateCamp(post->session.actor, *camp);
  if (!id) return respond(JsonError(id.error()));
  respond({201, "application/json", json{{"id", *id}}.dump(), {}});
}

void ApiUpdateCamp(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(ctx, request, respond, "the rules to change");
  if (!post) return;
  auto current = ctx.options.camp->Camp(post->session.actor, post->id);
  if (!current) return respond(JsonError(current.error()));
  auto camp = CampFromJson(post->doc, *current);
  if (!camp) return respond(JsonError(camp.error()));
  if (auto s = ctx.options.camp->UpdateCamp(post->session.actor, *camp); !s)
    return respond(JsonError(s.error()));
  respond({200, "application/json", CampJson(*camp).dump(), {}});
}

void ApiListCamps(Context& ctx, Request& request, Respond respond) {
  auto session = CampReader(ctx, request, respond);
  if (!session) return;
  auto camps = ctx.options.camp->Camps(session->actor);
  if (!camps) return respond(JsonError(camps.error()));
  json out = json::array();
  for (const auto& c : *camps) out.push_back(CampJson(c));
  respond({200, "application/json", json{{"camps", out}}.dump(), {}});
}

void ApiGetCamp(Context& ctx, Request& request, Respond respond) {
  auto session = CampReader(ctx, request, respond);
  if (!session) return;
  auto id = CampPathId(request, respond, "camp");
  if (!id) return;
  auto camp = ctx.options.camp->Camp(session->actor, *id);
  if (!camp) return respond(JsonError(camp.error()));
  respond({200, "application/json", CampJson(*camp).dump(), {}});
}

void ApiRegisterPrisoner(Context& ctx, Request& request, Respond respond) {
  auto post =
      CampWriter(ctx, request, respond,
                 "a prisoner: {\"rank_category\": \"soldier\", \"fields\": {\"surname\": …}}");
  if (!post) return;
  auto draft = PrisonerDraftFromJson(post->doc, post->id);
  if (!draft) return respond(JsonError(draft.error()));
  auto id = ctx.options.camp->RegisterPrisoner(post->session.actor, *draft);
  if (!id) return respond(JsonError(id.error()));
  respond({201,
           "application/json",
           json{{"id", *id}, {"number", app::PrisonerNumber(*id)}}.dump(),
           {}});
}

// A coordinator hands a crossed case to a camp: {"camp": 1, "rank_category": …}.
void ApiRegisterCase(Context& ctx, Request& request, Respond respond) {
  auto post =
      CampWriter(ctx, request, respond,
                 "{\"camp\": 1, \"rank_category\": \"soldier\", \"arrived_on\": \"2026-11-23\"}");
  if (!post) return;
  const json camp = post->doc.value("camp", json());
  if (!camp.is_number_integer())
    return respond(JsonError(InvalidInput("camp must be a camp's id", "camp")));
  auto draft = PrisonerDraftFromJson(post->doc, camp.get<std::int64_t>());
  if (!draft) return respond(JsonError(draft.error()));
  auto id = ctx.options.camp->RegisterFromCase(post->session.actor, post->id, *draft);
  if (!id) return respond(JsonError(id.error()));
  respond({201,
           "application/json",
           json{{"id", *id}, {"number", app::PrisonerNumber(*id)}}.dump(),
           {}});
}

void ApiListPrisoners(Context& ctx, Request& request, Respond respond) {
  auto session = CampReader(ctx, request, respond);
  if (!session) return;
  auto id = CampPathId(request, respond, "camp");
  if (!id) return;
  const bool overdue = request.Query("capture_card") == "overdue";
  auto prisoners = overdue ? ctx.options.camp->OverdueCaptureCards(session->actor, *id)
                           : ctx.options.camp->Prisoners(session->actor, *id);
  if (!prisoners) return respond(JsonError(prisoners.error()));
  json out = json::array();
  for (const auto& p : *prisoners) out.push_back(PrisonerJson(p));
  respond({200, "application/json", json{{"prisoners", out}}.dump(), {}});
}

void ApiGetPrisoner(Context& ctx, Request& request, Respond respond) {
  auto session = CampReader(ctx, request, respond);
  if (!session) return;
  auto id = CampPathId(request, respond, "prisoner");
  if (!id) return;
  auto prisoner = ctx.options.camp->GetPrisoner(session->actor, *id);
  if (!prisoner) return respond(JsonError(prisoner.error()));
  respond({200, "application/json", PrisonerJson(*prisoner).dump(), {}});
}

void ApiCaptureCardSent(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(ctx, request, respond, "{}");
  if (!post) return;
  if (auto s = ctx.options.camp->MarkCaptureCardSent(post->session.actor, post->id); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiMovement(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(ctx, request, respond, "{\"kind\": \"hospital\", \"on\": \"2026-11-23\"}");
  if (!post) return;
  const json kind = post->doc.value("kind", json(""));
  const json on = post->doc.value("on", json(""));
  const json to_camp = post->doc.value("to_camp", json());
  if (!kind.is_string() || !on.is_string())
    return respond(JsonError(InvalidInput("kind and on must be text", "kind")));
  std::optional<std::int64_t> to;
  if (to_camp.is_number_integer()) to = to_camp.get<std::int64_t>();
  auto s = ctx.options.camp->RecordMovement(post->session.actor, post->id, kind.get<std::string>(),
                                            on.get<std::string>(), to);
  if (!s) return respond(JsonError(s.error()));
  respond({201, "application/json", "{}", {}});
}

void ApiBureauList(Context& ctx, Request& request, Respond respond) {
  auto session = CampReader(ctx, request, respond);
  if (!session) return;
  auto id = CampPathId(request, respond, "camp");
  if (!id) return;
  auto lines = ctx.options.camp->BureauList(session->actor, *id);
  if (!lines) return respond(JsonError(lines.error()));
  json out = json::array();
  for (const auto& l : *lines) {
    out.push_back({{"movement", l.movement.id},
                   {"kind", l.movement.kind},
                   {"on", FormatIsoDate(l.movement.on)},
                   {"prisoner", l.number},
                   {"fields", PrisonerFieldsJson(l.fields)}});
  }
  respond({200, "application/json", json{{"movements", out}}.dump(), {}});
}

void ApiBureauNotified(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(ctx, request, respond, "{\"movements\": [1, 2]}");
  if (!post) return;
  const json list = post->doc.value("movements", json());
  const Error bad = InvalidInput("movements must be a list of ids", "movements");
  if (!list.is_array()) return respond(JsonError(bad));
  std::vector<std::int64_t> ids;
  for (const auto& m : list) {
    if (!m.is_number_integer()) return respond(JsonError(bad));
    ids.push_back(m.get<std::int64_t>());
  }
  if (auto s = ctx.options.camp->MarkBureauNotified(post->session.actor, post->id, ids); !s) {
    return respond(JsonError(s.error()));
  }
  respond({204, "application/json", "", {}});
}

void ApiPost(Context& ctx, Request& request, Respond respond) {
  auto post =
      CampWriter(ctx, request, respond,
                 "{\"key\": \"...\", \"kind\": \"working_pay\", \"prisoner\": 1, \"days\": 5}");
  if (!post) return;
  auto ledger_request = LedgerRequestFromJson(post->doc);
  if (!ledger_request) return respond(JsonError(ledger_request.error()));
  auto outcome = ctx.options.camp->Post(post->session.actor, post->id, *ledger_request);
  if (!outcome) return respond(JsonError(outcome.error()));
  respond({outcome->replayed ? 200 : 201,
           "application/json",
           json{{"posting", outcome->posting_id}, {"replayed", outcome->replayed}}.dump(),
           {}});
}

void ApiStatement(Context& ctx, Request& request, Respond respond) {
  auto session = CampReader(ctx, request, respond);
  if (!session) return;
  auto id = CampPathId(request, respond, "prisoner");
  if (!id) return;
  const std::string month = request.Query("month");
  // ?camp=N: his account in that camp's books (one he was transferred from); default: his camp's.
  std::optional<std::int64_t> camp;
  if (const std::string text = request.Query("camp"); !text.empty()) {
    camp = ParseId(text);
    if (!camp) return respond(JsonError(InvalidInput("camp must be a camp's id", "camp")));
  }
  Result<app::AccountStatement> statement = Error{ErrorCode::kInternal, ""};
  if (month.empty()) {
    statement = ctx.options.camp->FinalStatement(session->actor, *id, camp);
  } else {
    auto day = ParseIsoDate(month + "-01");
    if (!day || month.size() != 7)
      return respond(JsonError(InvalidInput("month must be like 2026-11", "month")));
    statement =
        ctx.options.camp->MonthlyStatement(session->actor, *id, day->year() / day->month(), camp);
  }
  if (!statement) return respond(JsonError(statement.error()));
  respond({200, "application/json", StatementJson(*statement).dump(), {}});
}

}  // namespace

std::optional<app::SessionInfo> CampReader(Context& ctx, Request& request, const Respond& respond) {
  return ApiReader(ctx, request, respond, ctx.options.camp != nullptr, kNoCamps);
}

std::optional<JsonPost> CampWriter(Context& ctx, Request& request, const Respond& respond,
                                   std::string_view usage) {
  return ApiWriter(ctx, request, respond, ctx.options.camp != nullptr, kNoCamps, true, usage);
}

std::optional<std::int64_t> CampPathId(Request& request, const Respond& respond, const char* what) {
  return ApiPathId(request, respond, what);
}

void AddCampRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/camps", bind(ApiCreateCamp, {app::Permission::kManageCamp}));
  router.Add("GET", "/api/v1/camps", bind(ApiListCamps, {app::Permission::kManageCamp}));
  router.Add("GET", "/api/v1/camps/{id}", bind(ApiGetCamp, {app::Permission::kManageCamp}));
  router.Add("PUT", "/api/v1/camps/{id}", bind(ApiUpdateCamp, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/camps/{id}/prisoners",
             bind(ApiRegisterPrisoner, {app::Permission::kManageCamp}));
  router.Add("GET", "/api/v1/camps/{id}/prisoners",
             bind(ApiListPrisoners, {app::Permission::kManageCamp}));
  router.Add("GET", "/api/v1/camps/{id}/bureau",
             bind(ApiBureauList, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/camps/{id}/bureau/notified",
             bind(ApiBureauNotified, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/camps/{id}/postings", bind(ApiPost, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/cases/{id}/prisoner",
             bind(ApiRegisterCase, {app::Permission::kRegisterPrisoner}));
  router.Add("GET", "/api/v1/prisoners/{id}", bind(ApiGetPrisoner, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/prisoners/{id}/capture-card/sent",
             bind(ApiCaptureCardSent, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/prisoners/{id}/movements",
             bind(ApiMovement, {app::Permission::kManageCamp}));
  router.Add("GET", "/api/v1/prisoners/{id}/statement",
             bind(ApiStatement, {app::Permission::kManageCamp}));
}

}  // namespace lifeline::server::office
