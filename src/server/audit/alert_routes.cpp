// Beyond any one person, in the console (docs/security.md, issue 22): the alerts page
// (auditors: access alerts and the canary list; coordinators: canary cases and duress
// signals) and the custodians of the office key (administrators and auditors).
// GET /console/alerts, POST /console/canaries, GET /console/custodians; the API's
// GET /api/v1/alerts, PUT and DELETE /api/v1/canaries/{id}, GET /api/v1/custodians.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using namespace console;
using nlohmann::json;

bool SeesAlertsPage(const app::Actor& actor) {
  return app::Require(actor, app::Permission::kReadAuditLog).ok() ||
         app::Require(actor, app::Permission::kManageCanaries).ok() ||
         app::Require(actor, app::Permission::kSeeDuressSignals).ok();
}

bool SeesCustodians(const app::Actor& actor) {
  return app::Require(actor, app::Permission::kReadAuditLog).ok() ||
         app::Require(actor, app::Permission::kManageSettings).ok();
}

// An alert's target as the console says it (targets hold record numbers, never personal data).
std::string AlertRu(const std::string& target) {
  std::int64_t id = 0;
  if (std::sscanf(target.c_str(), "canary:case:%ld", &id) == 1)
    return TF("тронута заявка-приманка № {}", id);
  if (target == "canary:list") return std::string(T("список приманок изменён в обход офиса"));
  char kind[32] = {};
  long long period = 0;
  if (std::sscanf(target.c_str(), "pattern:%31[a-z_]:user:%ld:%lld", kind, &id, &period) == 3) {
    const std::string k = kind;
    const std::string when = UtcTime(static_cast<std::int64_t>(period));
    if (k == "reads_per_hour") return TF("необычно много прочтений за час (с {})", when);
    if (k == "off_hours") return TF("прочтения в нерабочие часы ({})", when);
    if (k == "searches_without_work") return TF("поиски без последующей работы ({})", when);
  }
  return HtmlEscape(target);
}

std::string AlertRows(const std::vector<store::AuditRecord>& entries, bool duress) {
  std::string rows;
  for (const auto& e : entries) {
    std::int64_t id = 0;
    const std::string what = duress && std::sscanf(e.target.c_str(), "case:%ld", &id) == 1
                                 ? fmt::format("<a href=\"/console/cases/{}\">{}</a>", id,
                                               TF("квитанция под принуждением, заявка № {}", id))
                                 : AlertRu(e.target);
    rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", UtcTime(e.at),
                        e.actor_name.empty() ? "—" : HtmlEscape(e.actor_name), what);
  }
  return rows;
}

std::string AlertsPage(Context& ctx, const app::SessionInfo& session, const std::string& error) {
  std::string body = Header(session);
  body += fmt::format("<h1>{}</h1>", T("Тревоги"));
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  const std::string table_head = fmt::format(
      "<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>", T("Когда"), T("Кто"), T("Что"));
  if (auto duress = ctx.office.DuressSignals(session.actor); duress) {
    body += fmt::format("<h2>{}</h2><p class=\"hint\">{}</p>", T("Квитанции под принуждением"),
                        T("Заявитель ввёл вторую квитанцию: его, вероятно, заставили показать "
                          "статус. Ему показана безобидная страница. Не пишите ему, пока не "
                          "убедитесь, что он в безопасности."));
    body += duress->empty() ? fmt::format("<p id=\"no-duress\">{}</p>", T("За 30 дней — нет."))
                            : fmt::format("<table id=\"duress\">{}<tbody>{}</tbody></table>",
                                          table_head, AlertRows(*duress, true));
  }
  if (auto alerts = ctx.office.AccessAlerts(session.actor); alerts) {
    body += fmt::format("<h2>{}</h2><p class=\"hint\">{}</p>", T("Тревоги о доступе"),
                        T("Заявка-приманка, которую никто не должен трогать, была открыта, найдена "
                          "поиском или выгружена; или сотрудник работает не так, как обычно для "
                          "него самого."));
    body += alerts->empty() ? fmt::format("<p id=\"no-alerts\">{}</p>", T("За 30 дней — нет."))
                            : fmt::format("<table id=\"access-alerts\">{}<tbody>{}</tbody></table>",
                                          table_head, AlertRows(*alerts, false));
  }
  if (auto canaries = ctx.office.Canaries(session.actor); canaries) {
    std::string list;
    for (std::int64_t id : *canaries) list += (list.empty() ? "" : ", ") + std::to_string(id);
    body += fmt::format("<h2>{}</h2><p class=\"hint\">{}</p><p id=\"canaries\">{}</p>",
                        T("Заявки-приманки"),
                        T("Синтетические заявки, которых не касается никакая законная работа. "
                          "Отметьте приманку по номеру, не открывая её."),
                        list.empty() ? std::string(T("нет")) : list);
    if (app::Require(session.actor, app::Permission::kManageCanaries).ok()) {
      body += fmt::format(
          "<form method=\"post\" action=\"/console/canaries\">{}"
          "<label for=\"canary-case\">{}</label>"
          "<input id=\"canary-case\" name=\"case\" inputmode=\"numeric\" required>"
          "<label><input type=\"checkbox\" name=\"remove\" value=\"yes\"> {}</label>"
          "<button type=\"submit\">{}</button></form>",
          CsrfField(session), T("Номер заявки"), T("снять отметку"), T("Сохранить"));
    }
  }
  return console::ConsolePage(T("Тревоги"), body);
}

std::string CustodiansPage(Context& ctx, const app::SessionInfo& session) {
  std::string body = Header(session);
  body += fmt::format("<h1>{}</h1>", T("Хранители ключа офиса"));
  auto custodians = ctx.office.Custodians(session.actor);
  if (!custodians) {
    body += fmt::format("<p class=\"error\">{}</p>",
                        HtmlEscape(console::ConsoleErrorRu(custodians.error())));
  } else if (!*custodians) {
    body += fmt::format(
        "<p id=\"custodians\">{}</p>",
        TF("Офис открывается одной парольной фразой: её держатель один может открыть всё. "
           "Разделите ключ между хранителями: {} ({}).",
           "<code>lifeline custodians</code>", "<code>docs/deploy.md</code>"));
  } else {
    const app::CustodianSet& set = **custodians;
    body += fmt::format("<p id=\"custodians\">{}</p>",
                        TF("Офис открывают любые {} из {} хранителей вместе; меньше — не узнают "
                           "ничего. Ключ роздан {}.",
                           set.threshold, set.custodians.size(), UtcTime(set.dealt_at)));
    body += fmt::format(
        "<table id=\"custodian-list\"><thead><tr><th>{}</th><th>{}</th></tr>"
        "</thead><tbody>",
        T("Хранитель"), T("Доля №"));
    for (const auto& c : set.custodians)
      body += fmt::format("<tr><td>{}</td><td>{}</td></tr>", HtmlEscape(c.name), c.share_number);
    body += "</tbody></table>";
  }
  return console::ConsolePage(T("Хранители ключа офиса"), body);
}

Response Forbidden() {
  return ConsoleRefusal(Error{ErrorCode::kForbidden, "your role does not allow this"});
}

void ConsoleAlerts(Context& ctx, Request& request, Respond respond) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (!session) return;
  if (!SeesAlertsPage(session->actor)) return respond(Forbidden());
  respond(HtmlResponse(200, AlertsPage(ctx, *session, "")));
}

void ConsoleSetCanary(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  if (!app::Require(session->actor, app::Permission::kManageCanaries).ok())
    return respond(Forbidden());
  auto id = ParseId(FormField(form, "case"));
  Status set = id ? ctx.office.SetCanary(session->actor, *id, FormField(form, "remove") != "yes")
                  : Status(InvalidInput("case: a case number", "case"));
  if (!set) {
    return respond(HtmlResponse(HttpStatusOf(set.error().code),
                                AlertsPage(ctx, *session, console::ConsoleErrorRu(set.error()))));
  }
  respond(Redirect("/console/alerts"));
}

void ConsoleCustodians(Context& ctx, Request& request, Respond respond) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (!session) return;
  if (!SeesCustodians(session->actor)) return respond(Forbidden());
  respond(HtmlResponse(200, CustodiansPage(ctx, *session)));
}

json EntriesJson(const std::vector<store::AuditRecord>& entries) {
  json list = json::array();
  for (const auto& e : entries)
    list.push_back(
        {{"seq", e.seq}, {"at", e.at}, {"actor_name", e.actor_name}, {"target", e.target}});
  return list;
}

void ApiAlerts(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  json body = json::object();
  if (auto alerts = ctx.office.AccessAlerts(session->actor); alerts)
    body["access_alerts"] = EntriesJson(*alerts);
  if (auto duress = ctx.office.DuressSignals(session->actor); duress)
    body["duress"] = EntriesJson(*duress);
  if (auto canaries = ctx.office.Canaries(session->actor); canaries) body["canaries"] = *canaries;
  respond({200, "application/json", body.dump(), {}});
}

void ApiCanary(Context& ctx, Request& request, Respond respond, bool canary) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  auto id = ApiPathId(request, respond, "case");
  if (!id) return;
  if (auto set = ctx.office.SetCanary(session->actor, *id, canary); !set)
    return respond(JsonError(set.error()));
  respond({204, "application/json", "", {}});
}
void ApiPutCanary(Context& ctx, Request& request, Respond respond) {
  ApiCanary(ctx, request, std::move(respond), true);
}
void ApiDeleteCanary(Context& ctx, Request& request, Respond respond) {
  ApiCanary(ctx, request, std::move(respond), false);
}

void ApiCustodians(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto custodians = ctx.office.Custodians(session->actor);
  if (!custodians) return respond(JsonError(custodians.error()));
  json body = {{"custodians", nullptr}};
  if (*custodians) {
    json list = json::array();
    for (const auto& c : (*custodians)->custodians)
      list.push_back({{"name", c.name}, {"share", c.share_number}});
    body = {{"threshold", (*custodians)->threshold},
            {"dealt_at", (*custodians)->dealt_at},
            {"custodians", list}};
  }
  respond({200, "application/json", body.dump(), {}});
}

}  // namespace

void AddAlertRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/alerts",
             bind(ApiAlerts, {app::Permission::kReadAuditLog, app::Permission::kManageCanaries,
                              app::Permission::kSeeDuressSignals}));
  router.Add("PUT", "/api/v1/canaries/{id}",
             bind(ApiPutCanary, {app::Permission::kManageCanaries}));
  router.Add("DELETE", "/api/v1/canaries/{id}",
             bind(ApiDeleteCanary, {app::Permission::kManageCanaries}));
  router.Add(
      "GET", "/api/v1/custodians",
      bind(ApiCustodians, {app::Permission::kReadAuditLog, app::Permission::kManageSettings}));
  router.Add("GET", "/console/alerts", bind(ConsoleAlerts));
  router.Add("POST", "/console/canaries", bind(ConsoleSetCanary));
  router.Add("GET", "/console/custodians", bind(ConsoleCustodians));
}

}  // namespace lifeline::server::office
