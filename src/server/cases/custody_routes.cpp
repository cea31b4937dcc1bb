// The sealed custody circumstance: GET/PUT /api/v1/cases/{id}/custody and the console page
// /console/cases/{id}/custody. Only roles holding kReadCustody / kRecordCustody get past
// the app layer; everyone else sees "captured" in the case itself (case_json.cpp). Each
// read needs a second person's approval of its own request (app/audit/approvals.hpp).

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using console::T;
using nlohmann::json;

const Error kUnknownCircumstance =
    InvalidInput("circumstance must be \"captured\" or \"voluntary_surrender\"", "circumstance");

void ApiReadCustody(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such case")));
  auto circumstance = ctx.office.ReadCustody(session->actor, *id);
  if (!circumstance) return respond(JsonError(circumstance.error()));
  respond({200, "application/json", json{{"circumstance", ToString(*circumstance)}}.dump(), {}});
}

void ApiRecordCustody(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, true,
                           "{\"circumstance\": \"captured\" | \"voluntary_surrender\"}");
  if (!post) return;
  if (!post->doc.value("circumstance", json()).is_string())
    return respond(JsonError(kUnknownCircumstance));
  auto circumstance = ParseCustodyCircumstance(post->doc["circumstance"].get<std::string>());
  if (!circumstance) return respond(JsonError(kUnknownCircumstance));
  if (auto s = ctx.office.RecordCustody(post->session.actor, post->id, *circumstance); !s) {
    return respond(JsonError(s.error()));
  }
  respond({204, "application/json", "", {}});
}

Response ForbiddenPage() {
  return HtmlResponse(
      403,
      console::ConsolePage(T("Нет доступа"),
                           fmt::format("<p>{}</p><p><a href=\"/console/\">{}</a></p>",
                                       T("Это поле видят только координаторы."), T("К списку"))));
}

// What the custody page shows to `session`: whether something is recorded, and the
// viewer's open request to read it.
Result<CustodyReading> ReadingFor(Context& ctx, const app::SessionInfo& session,
                                  std::int64_t case_id) {
  auto recorded = ctx.office.CustodyRecorded(session.actor, case_id);
  if (!recorded) return recorded.error();
  CustodyReading reading{.recorded = *recorded};
  if (app::Require(session.actor, app::Permission::kReadCustody).ok()) {
    auto request = ctx.office.approvals().LatestOf(session.actor, app::CustodyReadSubject(case_id));
    if (!request) return request.error();
    reading.request = std::move(*request);
  }
  return reading;
}

Response CustodyRefusal(const Error& e) {
  if (e.code == ErrorCode::kForbidden && e.message == "your role does not allow this")
    return ForbiddenPage();
  return ConsoleRefusal(e);
}

void ConsoleCustody(Context& ctx, Request& request, Respond respond) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (!session) return;
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Redirect("/console/"));
  auto reading = ReadingFor(ctx, *session, *id);
  if (!reading) return respond(CustodyRefusal(reading.error()));
  respond(HtmlResponse(200, ConsoleCustodyPage(*session, *id, *reading, "")));
}

void ConsoleRequestCustodyRead(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto asked = ctx.office.RequestCustodyRead(post->session.actor, post->id);
  if (!asked) return respond(CustodyRefusal(asked.error()));
  respond(Redirect("/console/cases/" + std::to_string(post->id) + "/custody"));
}

// The one read an approval allows: the value is on this answer only, never on a page a
// reload or the history would show again.
void ConsoleReadCustody(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto circumstance = ctx.office.ReadCustody(post->session.actor, post->id);
  auto reading = ReadingFor(ctx, post->session, post->id);
  if (!reading) return respond(CustodyRefusal(reading.error()));
  if (!circumstance) {
    if (circumstance.error().code != ErrorCode::kForbidden ||
        circumstance.error().message == "your role does not allow this") {
      return respond(CustodyRefusal(circumstance.error()));
    }
    return respond(
        HtmlResponse(403, ConsoleCustodyPage(post->session, post->id, *reading,
                                             console::ConsoleErrorRu(circumstance.error()))));
  }
  reading->revealed = *circumstance;
  Response page = HtmlResponse(200, ConsoleCustodyPage(post->session, post->id, *reading, ""));
  page.headers.emplace_back("Cache-Control", "no-store");
  respond(std::move(page));
}

void ConsoleRecordCustody(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto circumstance = ParseCustodyCircumstance(FormField(post->form, "circumstance"));
  Status recorded = circumstance
                        ? ctx.office.RecordCustody(post->session.actor, post->id, *circumstance)
                        : Status(kUnknownCircumstance);
  if (!recorded && recorded.error().code == ErrorCode::kForbidden) return respond(ForbiddenPage());
  if (!recorded) {
    auto reading = ReadingFor(ctx, post->session, post->id);
    if (!reading) return respond(CustodyRefusal(reading.error()));
    return respond(HtmlResponse(HttpStatusOf(recorded.error().code),
                                ConsoleCustodyPage(post->session, post->id, *reading,
                                                   console::ConsoleErrorRu(recorded.error()))));
  }
  respond(Redirect("/console/cases/" + std::to_string(post->id) + "/custody"));
}

void ApiRequestCustodyRead(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, true, "{}");
  if (!post) return;
  auto asked = ctx.office.RequestCustodyRead(post->session.actor, post->id);
  if (!asked) return respond(JsonError(asked.error()));
  respond({201,
           "application/json",
           json{{"request", asked->seq}, {"expires_at", asked->expires_at()}}.dump(),
           {}});
}

}  // namespace

void AddCustodyRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/cases/{id}/custody",
             bind(ApiReadCustody, {app::Permission::kReadCustody}));
  router.Add("PUT", "/api/v1/cases/{id}/custody",
             bind(ApiRecordCustody, {app::Permission::kRecordCustody}));
  router.Add("POST", "/api/v1/cases/{id}/custody/approval",
             bind(ApiRequestCustodyRead, {app::Permission::kReadCustody}));
  router.Add("GET", "/console/cases/{id}/custody", bind(ConsoleCustody));
  router.Add("POST", "/console/cases/{id}/custody", bind(ConsoleRecordCustody));
  router.Add("POST", "/console/cases/{id}/custody/approval", bind(ConsoleRequestCustodyRead));
  router.Add("POST", "/console/cases/{id}/custody/read", bind(ConsoleReadCustody));
}

}  // namespace lifeline::server::office
