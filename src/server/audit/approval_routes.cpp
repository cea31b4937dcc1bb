// The two-person rule over HTTP (app/audit/approvals.hpp): the open requests for a second
// person's approval, and approving one. GET /api/v1/approvals and POST
// /api/v1/approvals/{id}/grant; the console's /console/approvals. A request is made where
// the guarded action is (the custody page; a referral).

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

using namespace console;

// What a request is for, as the console says it, with a link to where it is used.
std::string SubjectRu(const std::string& subject) {
  std::int64_t id = 0;
  if (std::sscanf(subject.c_str(), "custody:case:%ld", &id) == 1) {
    return fmt::format("<a href=\"/console/cases/{}/custody\">{}</a>", id,
                       TF("обстоятельства пленения, заявка № {}", id));
  }
  if (std::sscanf(subject.c_str(), "referral:person_abroad:%ld", &id) == 1) {
    return fmt::format("<a href=\"/console/abroad/people/{}\">{}</a>", id,
                       TF("передача данных партнёру, человек № {}", id));
  }
  return HtmlEscape(subject);
}

}  // namespace

std::string ConsoleApprovalsPage(const app::SessionInfo& session,
                                 const std::vector<app::ApprovalRequest>& requests,
                                 const std::string& error) {
  std::string body = Header(session);
  body += fmt::format("<h1>{}</h1><p class=\"hint\">{}</p>", T("Согласия"),
                      T("Самые опасные прочтения требуют согласия второго сотрудника: запрос "
                        "действует 30 минут и открывает одно прочтение. Оба записываются в "
                        "журнал аудита. Свой запрос подтвердить нельзя."));
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  if (requests.empty()) {
    body += fmt::format("<p id=\"no-requests\">{}</p>", T("Открытых запросов нет."));
    return console::ConsolePage(T("Согласия"), body);
  }
  body += fmt::format(
      "<table id=\"approvals\"><thead><tr><th>№</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "</tr></thead><tbody>",
      T("Кто просит"), T("Что"), T("До"), T("Состояние"));
  for (const auto& r : requests) {
    std::string state;
    if (r.used) {
      state = std::string(T("использовано"));
    } else if (r.approved_by) {
      state = TF("согласовано: {}", HtmlEscape(*r.approved_by));
    } else if (r.requester_id != session.actor.user_id &&
               app::Approvals::MayApprove(session.actor, r.subject)) {
      state = fmt::format(
          "<form class=\"inline\" method=\"post\" action=\"/console/approvals/{}/grant\">{}"
          "<button type=\"submit\">{}</button></form>",
          r.seq, CsrfField(session), T("Дать согласие"));
    } else {
      state = std::string(T("ждёт согласия"));
    }
    body +=
        fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", r.seq,
                    HtmlEscape(r.requester), SubjectRu(r.subject), UtcTime(r.expires_at()), state);
  }
  body += "</tbody></table>";
  return console::ConsolePage(T("Согласия"), body);
}

namespace office {
namespace {

using nlohmann::json;

bool MayApproveAnything(const app::Actor& actor) {
  return app::Approvals::MayApprove(actor, app::CustodyReadSubject(0)) ||
         app::Approvals::MayApprove(actor, app::ReferralSubject(0));
}

// The requests `actor` may see: those they could approve, and their own.
Result<std::vector<app::ApprovalRequest>> Visible(Context& ctx, const app::Actor& actor) {
  auto open = ctx.office.approvals().Open();
  if (!open) return open.error();
  std::vector<app::ApprovalRequest> visible;
  for (auto& r : *open) {
    if (r.requester_id == actor.user_id || app::Approvals::MayApprove(actor, r.subject))
      visible.push_back(std::move(r));
  }
  return visible;
}

void ApiApprovals(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  if (!MayApproveAnything(session->actor))
    return respond(JsonError(Error{ErrorCode::kForbidden, "your role does not allow this"}));
  auto visible = Visible(ctx, session->actor);
  if (!visible) return respond(JsonError(visible.error()));
  json list = json::array();
  for (const auto& r : *visible) {
    list.push_back({{"request", r.seq},
                    {"requested_by", r.requester},
                    {"subject", r.subject},
                    {"at", r.at},
                    {"expires_at", r.expires_at()},
                    {"approved_by", r.approved_by ? json(*r.approved_by) : json(nullptr)},
                    {"used", r.used}});
  }
  respond({200, "application/json", json{{"requests", list}}.dump(), {}});
}

void ApiGrant(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, true, "{}");
  if (!post) return;
  if (auto granted = ctx.office.approvals().Grant(post->session.actor, post->id); !granted)
    return respond(JsonError(granted.error()));
  respond({204, "application/json", "", {}});
}

void ConsoleApprovals(Context& ctx, Request& request, Respond respond) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (!session) return;
  if (!MayApproveAnything(session->actor))
    return respond(ConsoleRefusal(Error{ErrorCode::kForbidden, "your role does not allow this"}));
  auto visible = Visible(ctx, session->actor);
  if (!visible) return respond(ConsoleRefusal(visible.error()));
  respond(HtmlResponse(200, ConsoleApprovalsPage(*session, *visible, "")));
}

void ConsoleGrant(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(Redirect("/console/approvals"));
  auto granted = ctx.office.approvals().Grant(session->actor, *id);
  if (!granted) {
    if (!MayApproveAnything(session->actor)) return respond(ConsoleRefusal(granted.error()));
    auto visible = Visible(ctx, session->actor);
    if (!visible) return respond(ConsoleRefusal(visible.error()));
    return respond(HtmlResponse(
        HttpStatusOf(granted.error().code),
        ConsoleApprovalsPage(*session, *visible, console::ConsoleErrorRu(granted.error()))));
  }
  respond(Redirect("/console/approvals"));
}

}  // namespace

void AddApprovalRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/approvals",
             bind(ApiApprovals, {app::Permission::kReadCustody, app::Permission::kWorkAbroad,
                                 app::Permission::kReadAuditLog}));
  router.Add("POST", "/api/v1/approvals/{id}/grant",
             bind(ApiGrant, {app::Permission::kReadCustody, app::Permission::kWorkAbroad,
                             app::Permission::kReadAuditLog}));
  router.Add("GET", "/console/approvals", bind(ConsoleApprovals));
  router.Add("POST", "/console/approvals/{id}/grant", bind(ConsoleGrant));
}

}  // namespace office
}  // namespace lifeline::server
