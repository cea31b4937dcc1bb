// Help abroad's API (docs/api.md, "Abroad"): people abroad, the risk board, proceedings,
// pathways, stay rules, partners and referrals. Caseworkers only, but for registering
// partners and their keys, which is an administrator's.

#include <nlohmann/json.hpp>

#include "server/abroad/abroad_json.hpp"
#include "server/office_route_support.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

const Error kNotRunning{ErrorCode::kNotFound, "help abroad is not running"};

std::optional<app::SessionInfo> Reader(Context& ctx, Request& request, const Respond& respond) {
  return ApiReader(ctx, request, respond, ctx.options.abroad != nullptr, kNotRunning);
}

std::optional<JsonPost> Writer(Context& ctx, Request& request, const Respond& respond, bool with_id,
                               std::string_view usage) {
  return ApiWriter(ctx, request, respond, ctx.options.abroad != nullptr, kNotRunning, with_id,
                   usage);
}

Result<std::string> TextField(const json& doc, const char* key) {
  const json value = doc.value(key, json(""));
  if (!value.is_string()) return InvalidInput(std::string(key) + " must be text", key);
  return value.get<std::string>();
}

void Created(const Respond& respond, std::int64_t id) {
  respond({201, "application/json", json{{"id", id}}.dump(), {}});
}

void ApiBoard(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  std::size_t page = 0;
  if (const std::string p = request.Query("page"); !p.empty()) {
    auto parsed = ParseVersion(p);
    if (!parsed || *parsed > 100000)
      return respond(JsonError(InvalidInput("page must be a number from 0", "page")));
    page = static_cast<std::size_t>(*parsed);
  }
  auto lines = ctx.options.abroad->Board(session->actor, page, 50, request.Query("alerts") == "1");
  if (!lines) return respond(JsonError(lines.error()));
  json out = json::array();
  for (const auto& l : *lines) out.push_back(BoardLineJson(l));
  respond({200, "application/json", json{{"page", page}, {"lines", out}}.dump(), {}});
}

void ApiAddPerson(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, false,
                     "{\"wanted\": \"none_known\", \"needs\": [], \"fields\": {\"name\": …}}");
  if (!post) return;
  auto draft = PersonDraftFromJson(post->doc);
  if (!draft) return respond(JsonError(draft.error()));
  auto id = ctx.options.abroad->AddPerson(post->session.actor, *draft);
  if (!id) return respond(JsonError(id.error()));
  respond({201,
           "application/json",
           json{{"id", *id}, {"number", app::PersonAbroadNumber(*id)}}.dump(),
           {}});
}

void ApiUpdatePerson(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, true,
                     "the whole record: {\"wanted\": …, \"needs\": …, \"fields\": …}");
  if (!post) return;
  auto draft = PersonDraftFromJson(post->doc);
  if (!draft) return respond(JsonError(draft.error()));
  if (auto s = ctx.options.abroad->UpdatePerson(post->session.actor, post->id, *draft); !s) {
    return respond(JsonError(s.error()));
  }
  respond({204, "application/json", "", {}});
}

void ApiGetPerson(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto id = ApiPathId(request, respond, "person");
  if (!id) return;
  auto person = ctx.options.abroad->Person(session->actor, *id);
  if (!person) return respond(JsonError(person.error()));
  respond({200, "application/json", PersonJson(*person).dump(), {}});
}

void ApiOpenProceeding(Context& ctx, Request& request, Respond respond) {
  auto post =
      Writer(ctx, request, respond, true, "{\"kind\": \"asylum\", \"filed_on\": \"2026-11-01\"}");
  if (!post) return;
  auto kind_text = TextField(post->doc, "kind");
  auto filed_on = TextField(post->doc, "filed_on");
  if (!kind_text || !filed_on)
    return respond(JsonError(kind_text ? filed_on.error() : kind_text.error()));
  auto kind = abroad::ParseProceedingKind(*kind_text);
  if (!kind) {
    return respond(JsonError(
        InvalidInput("kind is asylum, border_prosecution, deportation or extradition", "kind")));
  }
  auto id = ctx.options.abroad->OpenProceeding(post->session.actor, post->id, *kind, *filed_on);
  if (!id) return respond(JsonError(id.error()));
  Created(respond, *id);
}

void ApiProceedings(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto id = ApiPathId(request, respond, "person");
  if (!id) return;
  auto list = ctx.options.abroad->Proceedings(session->actor, *id);
  if (!list) return respond(JsonError(list.error()));
  json out = json::array();
  for (const auto& p : *list) out.push_back(ProceedingJson(p));
  respond({200, "application/json", json{{"proceedings", out}}.dump(), {}});
}

void ApiProceedingEvent(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, true,
                     "{\"kind\": \"appeal_deadline\", \"on\": \"2026-12-05\"}");
  if (!post) return;
  auto kind = TextField(post->doc, "kind");
  auto on = TextField(post->doc, "on");
  if (!kind || !on) return respond(JsonError(kind ? on.error() : kind.error()));
  auto id = ctx.options.abroad->AddProceedingEvent(post->session.actor, post->id, *kind, *on);
  if (!id) return respond(JsonError(id.error()));
  Created(respond, *id);
}

void ApiCloseProceeding(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, true, "{}");
  if (!post) return;
  if (auto s = ctx.options.abroad->CloseProceeding(post->session.actor, post->id); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiOpenPathway(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, true,
                     "{\"kind\": \"humanitarian_visa\", \"target_country\": \"DE\"}");
  if (!post) return;
  auto kind_text = TextField(post->doc, "kind");
  auto target = TextField(post->doc, "target_country");
  if (!kind_text || !target)
    return respond(JsonError(kind_text ? target.error() : kind_text.error()));
  auto kind = abroad::ParsePathwayKind(*kind_text);
  if (!kind) {
    return respond(JsonError(
        InvalidInput("kind is asylum, humanitarian_visa, work_visa or travel_document", "kind")));
  }
  auto id = ctx.options.abroad->OpenPathway(post->session.actor, post->id, *kind, *target);
  if (!id) return respond(JsonError(id.error()));
  Created(respond, *id);
}

void ApiPathways(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto id = ApiPathId(request, respond, "person");
  if (!id) return;
  auto list = ctx.options.abroad->Pathways(session->actor, *id);
  if (!list) return respond(JsonError(list.error()));
  json out = json::array();
  for (const auto& p : *list) out.push_back(PathwayJson(p));
  respond({200, "application/json", json{{"pathways", out}}.dump(), {}});
}

void ApiPathwayStep(Context& ctx, Request& request, Respond respond) {
  auto post =
      Writer(ctx, request, respond, true, "{\"step\": \"passport_valid\", \"status\": \"done\"}");
  if (!post) return;
  auto step = TextField(post->doc, "step");
  auto status_text = TextField(post->doc, "status");
  if (!step || !status_text) return respond(JsonError(step ? status_text.error() : step.error()));
  auto status = abroad::ParseStepStatus(*status_text);
  if (!status)
    return respond(
        JsonError(InvalidInput("status is missing, in_progress, done or not_needed", "status")));
  if (auto s = ctx.options.abroad->SetPathwayStep(post->session.actor, post->id, *step, *status);
      !s) {
    return respond(JsonError(s.error()));
  }
  respond({204, "application/json", "", {}});
}

void ApiCountries(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto list = ctx.options.abroad->Countries(session->actor);
  if (!list) return respond(JsonError(list.error()));
  json out = json::array();
  for (const auto& c : *list) out.push_back(CountryJson(c));
  respond({200, "application/json", json{{"countries", out}}.dump(), {}});
}

// PUT /api/v1/abroad/countries/{code}: {"name": …, "days_allowed": 90, "period_days": 180}.
void ApiSaveCountry(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, false,
                     "{\"name\": \"Kazakhstan\", \"days_allowed\": 90, \"period_days\": 180}");
  if (!post) return;
  abroad::CountryRecord c;
  c.code = request.params["code"];
  auto name = TextField(post->doc, "name");
  auto note = TextField(post->doc, "note");
  if (!name || !note) return respond(JsonError(name ? note.error() : name.error()));
  c.name = *name;
  c.note = *note;
  const json days = post->doc.value("days_allowed", json());
  const json period = post->doc.value("period_days", json());
  if (!days.is_number_integer() || !period.is_number_integer()) {
    return respond(JsonError(
        InvalidInput("days_allowed and period_days are whole numbers of days", "days_allowed")));
  }
  c.rule = {days.get<int>(), period.get<int>()};
  if (auto s = ctx.options.abroad->SaveCountry(post->session.actor, c); !s)
    return respond(JsonError(s.error()));
  respond({200, "application/json", CountryJson(c).dump(), {}});
}

void ApiLeadTimes(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto lead = ctx.options.abroad->LeadTimes(session->actor);
  if (!lead) return respond(JsonError(lead.error()));
  respond({200, "application/json", LeadTimesJson(*lead).dump(), {}});
}

void ApiSetLeadTimes(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, false, "{\"appeal_deadline\": 14, …}");
  if (!post) return;
  auto current = ctx.options.abroad->LeadTimes(post->session.actor);
  if (!current) return respond(JsonError(current.error()));
  auto lead = LeadTimesFromJson(post->doc, *current);
  if (!lead) return respond(JsonError(lead.error()));
  if (auto s = ctx.options.abroad->SetLeadTimes(post->session.actor, *lead); !s)
    return respond(JsonError(s.error()));
  respond({200, "application/json", LeadTimesJson(*lead).dump(), {}});
}

void ApiPartners(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto list = ctx.options.abroad->Partners(session->actor);
  if (!list) return respond(JsonError(list.error()));
  json out = json::array();
  for (const auto& p : *list) out.push_back(PartnerJson(p));
  respond({200, "application/json", json{{"partners", out}}.dump(), {}});
}

// The key partners check referral packages against (GET /api/v1/abroad/referral-signing-key).
void ApiReferralSigningKey(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto key = ctx.options.abroad->ReferralSigningKey(session->actor);
  if (!key) return respond(JsonError(key.error()));
  respond({200, "application/json", json{{"public_key", *key}}.dump(), {}});
}

void ApiAddPartner(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, false,
                     "{\"name\": \"…\", \"kind\": \"lawyers\", \"public_key\": \"64 hex digits\"}");
  if (!post) return;
  auto name = TextField(post->doc, "name");
  auto kind = TextField(post->doc, "kind");
  auto key = TextField(post->doc, "public_key");
  if (!name || !kind || !key)
    return respond(JsonError(!name ? name.error() : !kind ? kind.error() : key.error()));
  auto id = ctx.options.abroad->AddPartner(post->session.actor, *name, *kind, *key);
  if (!id) return respond(JsonError(id.error()));
  Created(respond, *id);
}

void ApiRefer(Context& ctx, Request& request, Respond respond) {
  auto post = Writer(ctx, request, respond, true,
                     "{\"partner\": 1, \"fields\": [\"name\"], \"consent\": true, \"consent_how\": "
                     "\"in_person\"}");
  if (!post) return;
  app::ReferralRequest r;
  const json partner = post->doc.value("partner", json());
  const json fields = post->doc.value("fields", json::array());
  const json consent = post->doc.value("consent", json(false));
  if (!partner.is_number_integer())
    return respond(JsonError(InvalidInput("partner must be a partner's id", "partner_id")));
  if (!consent.is_boolean())
    return respond(JsonError(InvalidInput("consent must be true or false", "consent")));
  if (!fields.is_array())
    return respond(JsonError(InvalidInput("fields must be a list", "fields")));
  r.partner_id = partner.get<std::int64_t>();
  r.consent = consent.get<bool>();
  for (const json& f : fields) {
    if (!f.is_string())
      return respond(JsonError(InvalidInput("fields must be a list of names", "fields")));
    r.fields.push_back(f.get<std::string>());
  }
  auto how = TextField(post->doc, "consent_how");
  if (!how) return respond(JsonError(how.error()));
  r.consent_how = *how;
  auto id = ctx.options.abroad->Refer(post->session.actor, post->id, r);
  if (!id) return respond(JsonError(id.error()));
  Created(respond, *id);
}

void ApiRequestReferral(Context& ctx, Request& request, Respond respond) {
  auto post =
      ApiWriter(ctx, request, respond, ctx.options.abroad != nullptr, kNotRunning, true, "{}");
  if (!post) return;
  auto asked = ctx.options.abroad->RequestReferral(post->session.actor, post->id);
  if (!asked) return respond(JsonError(asked.error()));
  respond({201,
           "application/json",
           json{{"request", asked->seq}, {"expires_at", asked->expires_at()}}.dump(),
           {}});
}

void ApiReferrals(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto id = ApiPathId(request, respond, "person");
  if (!id) return;
  auto list = ctx.options.abroad->Referrals(session->actor, *id);
  if (!list) return respond(JsonError(list.error()));
  json out = json::array();
  for (const auto& r : *list) out.push_back(ReferralJson(r));
  respond({200, "application/json", json{{"referrals", out}}.dump(), {}});
}

// The sealed package as bytes, named by the referral's number only.
void ApiReferralPackage(Context& ctx, Request& request, Respond respond) {
  auto session = Reader(ctx, request, respond);
  if (!session) return;
  auto id = ApiPathId(request, respond, "referral");
  if (!id) return;
  auto referral = ctx.options.abroad->ReferralPackage(session->actor, *id);
  if (!referral) return respond(JsonError(referral.error()));
  Response answer{200,
                  "application/octet-stream",
                  std::string(referral->package.begin(), referral->package.end()),
                  {}};
  answer.headers.emplace_back("Content-Disposition", "attachment; filename=\"referral-" +
                                                         std::to_string(*id) + ".sealed\"");
  respond(std::move(answer));
}

}  // namespace

void AddAbroadRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/abroad/board", bind(ApiBoard, {app::Permission::kWorkAbroad}));
  router.Add("POST", "/api/v1/abroad/people", bind(ApiAddPerson, {app::Permission::kWorkAbroad}));
  router.Add("GET", "/api/v1/abroad/people/{id}",
             bind(ApiGetPerson, {app::Permission::kWorkAbroad}));
  router.Add("PUT", "/api/v1/abroad/people/{id}",
             bind(ApiUpdatePerson, {app::Permission::kWorkAbroad}));
  router.Add("POST", "/api/v1/abroad/people/{id}/proceedings",
             bind(ApiOpenProceeding, {app::Permission::kWorkAbroad}));
  router.Add("GET", "/api/v1/abroad/people/{id}/proceedings",
             bind(ApiProceedings, {app::Permission::kWorkAbroad}));
  router.Add("POST", "/api/v1/abroad/proceedings/{id}/events",
             bind(ApiProceedingEvent, {app::Permission::kWorkAbroad}));
  router.Add("POST", "/api/v1/abroad/proceedings/{id}/close",
             bind(ApiCloseProceeding, {app::Permission::kWorkAbroad}));
  router.Add("POST", "/api/v1/abroad/people/{id}/pathways",
             bind(ApiOpenPathway, {app::Permission::kWorkAbroad}));
  router.Add("GET", "/api/v1/abroad/people/{id}/pathways",
             bind(ApiPathways, {app::Permission::kWorkAbroad}));
  router.Add("POST", "/api/v1/abroad/pathways/{id}/steps",
             bind(ApiPathwayStep, {app::Permission::kWorkAbroad}));
  router.Add("GET", "/api/v1/abroad/countries", bind(ApiCountries, {app::Permission::kWorkAbroad}));
  router.Add("PUT", "/api/v1/abroad/countries/{code}",
             bind(ApiSaveCountry, {app::Permission::kWorkAbroad}));
  router.Add("GET", "/api/v1/abroad/lead-times",
             bind(ApiLeadTimes, {app::Permission::kWorkAbroad}));
  router.Add("PUT", "/api/v1/abroad/lead-times",
             bind(ApiSetLeadTimes, {app::Permission::kWorkAbroad}));
  router.Add("GET", "/api/v1/abroad/partners",
             bind(ApiPartners, {app::Permission::kWorkAbroad, app::Permission::kManagePartners}));
  router.Add("GET", "/api/v1/abroad/referral-signing-key",
             bind(ApiReferralSigningKey,
                  {app::Permission::kWorkAbroad, app::Permission::kManagePartners}));
  router.Add("POST", "/api/v1/abroad/partners",
             bind(ApiAddPartner, {app::Permission::kManagePartners}));
  router.Add("POST", "/api/v1/abroad/people/{id}/referrals",
             bind(ApiRefer, {app::Permission::kWorkAbroad}));
  router.Add("POST", "/api/v1/abroad/people/{id}/referrals/approval",
             bind(ApiRequestReferral, {app::Permission::kWorkAbroad}));
  router.Add("GET", "/api/v1/abroad/people/{id}/referrals",
             bind(ApiReferrals, {app::Permission::kWorkAbroad}));
  router.Add("GET", "/api/v1/abroad/referrals/{id}/package",
             bind(ApiReferralPackage, {app::Permission::kWorkAbroad}));
}

}  // namespace lifeline::server::office
