// The audit log over HTTP: /api/v1/audit (JSON, with the newest signed checkpoint) and the
// console's /console/audit, for auditors.

#include <nlohmann/json.hpp>

#include "app/audit/audit_anchor.hpp"
#include "server/console_pages.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

json AuditJson(const AuditRecord& r) {
  return {{"seq", r.seq},
          {"at", r.at},
          {"actor_user_id", r.actor_user_id},
          {"actor_name", r.actor_name},
          {"action", r.action},
          {"target", r.target}};
}

void ApiAudit(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto paging = PagingFrom(request);
  if (!paging) return respond(JsonError(paging.error()));
  auto page = ctx.audit.List(session->actor, paging->page, paging->per_page);
  if (!page) return respond(JsonError(page.error()));
  json entries = json::array();
  for (const auto& r : page->entries) entries.push_back(AuditJson(r));
  json body{{"entries", entries},
            {"total", page->total},
            {"page", paging->page},
            {"per_page", paging->per_page}};
  // The newest signed checkpoint of the head (app/audit/audit_anchor.hpp), for auditors to keep.
  body["checkpoint"] =
      page->checkpoint ? json::parse(app::CheckpointLine(*page->checkpoint)) : json();
  respond({200, "application/json", body.dump(), {}});
}

void ConsoleAudit(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto paging = PagingFrom(request);
  if (!paging) return respond(Redirect("/console/audit"));
  auto page = ctx.audit.List(session->actor, paging->page, paging->per_page);
  if (!page) {
    return respond(HtmlResponse(
        HttpStatusOf(page.error().code),
        HtmlPage("ru", "Нет доступа", "<p>Журнал аудита доступен только аудиторам.</p>")));
  }
  respond(HtmlResponse(200, ConsoleAuditPage(*session, *page, paging->page, paging->per_page)));
}

}  // namespace

void AddAuditRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/audit", bind(ApiAudit, {app::Permission::kReadAuditLog}));
  router.Add("GET", "/console/audit", bind(ConsoleAudit));
}

}  // namespace lifeline::server::office
