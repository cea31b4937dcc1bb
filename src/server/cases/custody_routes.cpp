// The sealed custody circumstance: GET/PUT /api/v1/cases/{id}/custody and the console page
// /console/cases/{id}/custody. Only roles holding kReadCustody / kRecordCustody get past
// the app layer; everyone else sees "captured" in the case itself (case_json.cpp).

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

void ConsoleCustody(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Redirect("/console/"));
  auto circumstance = ctx.office.ReadCustody(session->actor, *id);
  if (!circumstance && circumstance.error().code == ErrorCode::kForbidden)
    return respond(ForbiddenPage());
  if (!circumstance && !app::Require(session->actor, app::Permission::kRecordCustody)) {
    return respond(ForbiddenPage());
  }
  if (!circumstance && circumstance.error().code != ErrorCode::kNotFound) {
    return respond(
        HtmlResponse(HttpStatusOf(circumstance.error().code),
                     console::ConsolePage(
                         T("Ошибка"), HtmlEscape(console::ConsoleErrorRu(circumstance.error())))));
  }
  respond(HtmlResponse(
      200, ConsoleCustodyPage(*session, *id,
                              circumstance ? std::optional(*circumstance) : std::nullopt, "")));
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
    return respond(HtmlResponse(HttpStatusOf(recorded.error().code),
                                ConsoleCustodyPage(post->session, post->id, std::nullopt,
                                                   console::ConsoleErrorRu(recorded.error()))));
  }
  respond(Redirect("/console/cases/" + std::to_string(post->id) + "/custody"));
}

}  // namespace

void AddCustodyRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/cases/{id}/custody",
             bind(ApiReadCustody, {app::Permission::kReadCustody}));
  router.Add("PUT", "/api/v1/cases/{id}/custody",
             bind(ApiRecordCustody, {app::Permission::kRecordCustody}));
  router.Add("GET", "/console/cases/{id}/custody", bind(ConsoleCustody));
  router.Add("POST", "/console/cases/{id}/custody", bind(ConsoleRecordCustody));
}

}  // namespace lifeline::server::office
