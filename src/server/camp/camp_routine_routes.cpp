// The camp's daily routine over the API (docs/api.md, "Camps"): labour, the phone line and
// the mail. Camp administrators only.

#include <nlohmann/json.hpp>

#include "domain/camp/rota.hpp"
#include "server/camp/camp_route_support.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

// A GET on one resource: its session and {id}; nullopt once an error is answered.
std::optional<std::pair<app::SessionInfo, std::int64_t>> Reader(Context& ctx, Request& request,
                                                                const Respond& respond) {
  auto session = CampReader(ctx, request, respond);
  if (!session) return std::nullopt;
  auto id = CampPathId(request, respond, "camp or prisoner");
  if (!id) return std::nullopt;
  return std::pair{std::move(*session), *id};
}

std::string Text(const json& doc, const char* key) {
  const json v = doc.value(key, json(""));
  return v.is_string() ? v.get<std::string>() : std::string("\x01");
}

bool Flag(const json& doc, const char* key) { return doc.value(key, json(false)) == json(true); }

int Whole(const json& doc, const char* key) {
  const json v = doc.value(key, json(-1));
  return v.is_number_integer() && v.get<std::int64_t>() >= 0 && v.get<std::int64_t>() <= 100000
             ? static_cast<int>(v.get<std::int64_t>())
             : -1;
}

void ApiLabour(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(ctx, request, respond,
                         "{\"asked_for_work\": false, \"volunteers_dangerous\": false, "
                         "\"last_medical_exam\": \"2026-11-20\"}");
  if (!post) return;
  auto s = ctx.options.camp->SetLabourProfile(
      post->session.actor, post->id, Flag(post->doc, "asked_for_work"),
      Flag(post->doc, "volunteers_dangerous"), Text(post->doc, "last_medical_exam"));
  if (!s) return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiAssignShift(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(
      ctx, request, respond,
      "{\"day\": \"2026-11-23\", \"hours\": \"08:00-12:00\", \"kind\": \"agriculture\"}");
  if (!post) return;
  auto id = ctx.options.camp->AssignShift(
      post->session.actor, post->id, Text(post->doc, "day"), Text(post->doc, "hours"),
      Text(post->doc, "kind"), Flag(post->doc, "supervisory"), Flag(post->doc, "dangerous"));
  if (!id) return respond(JsonError(id.error()));
  respond({201, "application/json", json{{"id", *id}}.dump(), {}});
}

void ApiShifts(Context& ctx, Request& request, Respond respond) {
  auto reader = Reader(ctx, request, respond);
  if (!reader) return;
  auto shifts = ctx.options.camp->Shifts(reader->first.actor, reader->second);
  if (!shifts) return respond(JsonError(shifts.error()));
  json out = json::array();
  for (const auto& s : *shifts) {
    out.push_back({{"day", FormatIsoDate(std::chrono::year_month_day{s.day})},
                   {"hours", camp::FormatOpeningRange({s.start_minute, s.end_minute})},
                   {"kind", camp::ToString(s.kind)},
                   {"supervisory", s.supervisory},
                   {"dangerous", s.dangerous}});
  }
  respond({200, "application/json", json{{"shifts", out}}.dump(), {}});
}

void ApiJoinPhoneList(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(ctx, request, respond, "{}");
  if (!post) return;
  if (auto s = ctx.options.camp->JoinPhoneList(post->session.actor, post->id); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiPhoneDay(Context& ctx, Request& request, Respond respond) {
  auto reader = Reader(ctx, request, respond);
  if (!reader) return;
  auto day = ctx.options.camp->PhoneDay(reader->first.actor, reader->second, request.Query("day"));
  if (!day) return respond(JsonError(day.error()));
  json slots = json::array();
  for (const auto& s : day->rota.slots) {
    slots.push_back(
        {{"start", camp::FormatOpeningRange({s.start_minute, s.end_minute}).substr(0, 5)},
         {"start_minute", s.start_minute},
         {"prisoner", s.prisoner_id},
         {"number", app::PrisonerNumber(s.prisoner_id)}});
  }
  json standby = json::array();
  for (auto id : day->rota.standby)
    standby.push_back({{"prisoner", id}, {"number", app::PrisonerNumber(id)}});
  json calls = json::array();
  for (const auto& c : day->calls) {
    calls.push_back({{"start_minute", c.start_minute},
                     {"prisoner", c.prisoner_id},
                     {"outcome", camp::ToString(c.outcome)},
                     {"minutes", c.minutes},
                     {"posting", c.posting_id ? json(*c.posting_id) : json(nullptr)}});
  }
  respond({200,
           "application/json",
           json{{"day", FormatIsoDate(std::chrono::year_month_day{day->rota.day})},
                {"slots", slots},
                {"standby", standby},
                {"calls", calls}}
               .dump(),
           {}});
}

void ApiRecordCall(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(ctx, request, respond,
                         "{\"prisoner\": 1, \"day\": \"2026-11-23\", \"start_minute\": 600, "
                         "\"outcome\": \"completed\", \"minutes\": 15}");
  if (!post) return;
  auto outcome = camp::ParseCallOutcome(Text(post->doc, "outcome"));
  if (!outcome)
    return respond(JsonError(InvalidInput("outcome must be completed, cut or no_show", "outcome")));
  const int prisoner = Whole(post->doc, "prisoner");
  const int start = Whole(post->doc, "start_minute");
  const int minutes = *outcome == camp::CallOutcome::kNoShow ? 0 : Whole(post->doc, "minutes");
  if (prisoner <= 0)
    return respond(JsonError(InvalidInput("prisoner must be a prisoner's id", "prisoner")));
  if (start < 0)
    return respond(JsonError(
        InvalidInput("start_minute must be the slot's minute of the day", "start_minute")));
  if (minutes < 0)
    return respond(JsonError(InvalidInput("minutes must be a whole number", "minutes")));
  auto id = ctx.options.camp->RecordCall(post->session.actor, post->id, prisoner,
                                         Text(post->doc, "day"), start, *outcome, minutes);
  if (!id) return respond(JsonError(id.error()));
  respond({201, "application/json", json{{"id", *id}}.dump(), {}});
}

void ApiLogMail(Context& ctx, Request& request, Respond respond) {
  auto post = CampWriter(
      ctx, request, respond,
      "{\"day\": \"2026-11-23\", \"kind\": \"letter\", \"direction\": \"sent\", \"held\": false}");
  if (!post) return;
  auto kind = camp::ParseMailKind(Text(post->doc, "kind"));
  if (!kind)
    return respond(JsonError(InvalidInput("kind must be letter, card or capture_card", "kind")));
  auto direction = camp::ParseMailDirection(Text(post->doc, "direction"));
  if (!direction)
    return respond(JsonError(InvalidInput("direction must be sent or received", "direction")));
  auto id = ctx.options.camp->LogMail(post->session.actor, post->id, Text(post->doc, "day"), *kind,
                                      *direction, Flag(post->doc, "held"));
  if (!id) return respond(JsonError(id.error()));
  respond({201, "application/json", json{{"id", *id}}.dump(), {}});
}

void ApiMailMonth(Context& ctx, Request& request, Respond respond) {
  auto reader = Reader(ctx, request, respond);
  if (!reader) return;
  const std::string month = request.Query("month");
  auto first = ParseIsoDate(month + "-01");
  if (!first || month.size() != 7)
    return respond(JsonError(InvalidInput("month must be like 2026-11", "month")));
  auto rows = ctx.options.camp->MailMonth(reader->first.actor, reader->second,
                                          first->year() / first->month());
  if (!rows) return respond(JsonError(rows.error()));
  json out = json::array();
  for (const auto& r : *rows) {
    out.push_back({{"prisoner", r.prisoner_id},
                   {"number", r.number},
                   {"letters_sent", r.month.letters_sent},
                   {"cards_sent", r.month.cards_sent},
                   {"letters_held", r.month.letters_held},
                   {"cards_held", r.month.cards_held},
                   {"received", r.month.received},
                   {"shortfall", r.month.shortfall}});
  }
  respond({200, "application/json", json{{"prisoners", out}}.dump(), {}});
}

}  // namespace

void AddCampRoutineRoutes(Router& router, const Bind& bind) {
  router.Add("PUT", "/api/v1/prisoners/{id}/labour",
             bind(ApiLabour, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/prisoners/{id}/shifts",
             bind(ApiAssignShift, {app::Permission::kManageCamp}));
  router.Add("GET", "/api/v1/prisoners/{id}/shifts",
             bind(ApiShifts, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/prisoners/{id}/phone-list",
             bind(ApiJoinPhoneList, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/prisoners/{id}/mail",
             bind(ApiLogMail, {app::Permission::kManageCamp}));
  router.Add("GET", "/api/v1/camps/{id}/phone", bind(ApiPhoneDay, {app::Permission::kManageCamp}));
  router.Add("POST", "/api/v1/camps/{id}/phone/calls",
             bind(ApiRecordCall, {app::Permission::kManageCamp}));
  router.Add("GET", "/api/v1/camps/{id}/mail", bind(ApiMailMonth, {app::Permission::kManageCamp}));
}

}  // namespace lifeline::server::office
