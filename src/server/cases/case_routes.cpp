// Cases over HTTP: the list (the console's home page), one case, replies, claiming and deleting.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "server/cases/case_json.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {

Result<CaseFilter> CaseListFilterFrom(const Request& request) {
  CaseFilter filter;
  if (auto s = request.Query("status"); !s.empty()) {
    filter.status = ParseCaseStatus(s);
    if (!filter.status) return InvalidInput("unknown status", "status");
  }
  if (auto s = request.Query("review"); !s.empty()) {
    if (s != "1") return InvalidInput("review must be 1 or absent", "review");
    filter.needs_review = true;
  }
  if (auto s = request.Query("situation"); !s.empty()) {
    filter.situation = ParseSituation(s);
    if (!filter.situation) return InvalidInput("unknown situation", "situation");
  }
  return filter;
}

namespace {

using console::T;
using nlohmann::json;

Result<CaseFilter> FilterFrom(const Request& request, int* page_out) {
  auto filter = CaseListFilterFrom(request);
  if (!filter) return filter.error();
  auto paging = PagingFrom(request);
  if (!paging) return paging.error();
  filter->limit = paging->per_page;
  filter->offset = (paging->page - 1) * paging->per_page;
  *page_out = paging->page;
  return filter;
}

void ApiListCases(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  int page = 1;
  auto filter = FilterFrom(request, &page);
  if (!filter) return respond(JsonError(filter.error()));
  auto cases = ctx.office.ListCases(session->actor, *filter);
  if (!cases) return respond(JsonError(cases.error()));
  json items = json::array();
  for (const auto& c : cases->items) items.push_back(SummaryJson(c));
  respond(
      {200,
       "application/json",
       json{{"items", items}, {"total", cases->total}, {"page", page}, {"per_page", filter->limit}}
           .dump(),
       {}});
}

void ApiGetCase(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such case")));
  auto details = ctx.office.GetCase(session->actor, *id);
  if (!details) return respond(JsonError(details.error()));
  respond({200, "application/json", DetailsJson(*details).dump(), {}});
}

void ApiReply(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, true, "{\"text\": \"...\"}");
  if (!post) return;
  if (!post->doc.value("text", json()).is_string()) {
    return respond(JsonError(InvalidInput("send {\"text\": \"...\"}", "text")));
  }
  auto status =
      ReplyToApplicant(ctx, post->session.actor, post->id, post->doc["text"].get<std::string>());
  if (!status) return respond(JsonError(status.error()));
  respond({201, "application/json", json{{"case_id", post->id}}.dump(), {}});
}

void ApiClaimCase(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such case")));
  if (auto s = ctx.office.ClaimCase(session->actor, *id); !s) return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiDeleteCase(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such case")));
  if (auto s = ctx.office.DeleteCase(session->actor, *id); !s) return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ConsoleHome(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) {
    UseBrowserLanguage(request);
    return respond(HtmlResponse(200, ConsoleLoginPage(false)));
  }
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (app::Require(session->actor, app::Permission::kListCases).ok() == false &&
      app::Require(session->actor, app::Permission::kReadAuditLog).ok()) {
    return respond(Redirect("/console/audit"));
  }
  if (!app::Require(session->actor, app::Permission::kListCases) &&
      app::Require(session->actor, app::Permission::kViewStatistics)) {
    return respond(Redirect("/console/statistics"));
  }
  if (!app::Require(session->actor, app::Permission::kListCases) &&
      app::Require(session->actor, app::Permission::kManageCamp)) {
    return respond(Redirect("/console/camps"));
  }
  if (!app::Require(session->actor, app::Permission::kListCases) &&
      app::Require(session->actor, app::Permission::kWorkAbroad)) {
    return respond(Redirect("/console/abroad"));
  }
  if (!app::Require(session->actor, app::Permission::kListCases) &&
      app::Require(session->actor, app::Permission::kManageSettings)) {
    return respond(HtmlResponse(200, ConsoleAdminPage(*session)));
  }
  int page = 1;
  auto filter = FilterFrom(request, &page);
  if (!filter) return respond(Redirect("/console/"));
  auto cases = ctx.office.ListCases(session->actor, *filter);
  if (!cases)
    return respond(HtmlResponse(
        HttpStatusOf(cases.error().code),
        console::ConsolePage(T("Ошибка"), HtmlEscape(console::ConsoleErrorRu(cases.error())))));
  respond(HtmlResponse(
      200, ConsoleCaseListPage(*session, {*cases, page, filter->limit, request.Query("status"),
                                          request.Query("situation"), filter->needs_review})));
}

void ConsoleCase(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto id = ParseId(request.params["id"]);
  auto details = id ? ctx.office.GetCase(session->actor, *id)
                    : Result<app::CaseDetails>(NotFound("no such case"));
  if (!details && details.error().code == ErrorCode::kForbidden &&
      app::Require(session->actor, app::Permission::kClaimCase)) {
    return respond(HtmlResponse(
        403, ConsoleClaimPage(*session, *id, console::ConsoleErrorRu(details.error()))));
  }
  if (!details) {
    const bool forbidden = details.error().code == ErrorCode::kForbidden;
    return respond(HtmlResponse(
        HttpStatusOf(details.error().code),
        console::ConsolePage(
            forbidden ? T("Нет доступа") : T("Заявка не найдена"),
            forbidden ? fmt::format("<p>{}</p>", T("Ваша роль не позволяет открывать заявки."))
                      : fmt::format("<p>{}</p><p><a href=\"/console/\">{}</a></p>",
                                    T("Заявка не найдена."), T("К списку")))));
  }
  const auto conversation = ConversationOf(ctx, session->actor, *id);
  respond(HtmlResponse(
      200, ConsoleCasePage(*session, *details, "", conversation ? &*conversation : nullptr)));
}

void ConsoleReply(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto status = ReplyToApplicant(ctx, post->session.actor, post->id, FormField(post->form, "text"));
  if (!status) {
    auto details = ctx.office.GetCase(post->session.actor, post->id);
    if (!details) return respond(Redirect("/console/"));
    const auto conversation = ConversationOf(ctx, post->session.actor, post->id);
    return respond(HtmlResponse(
        HttpStatusOf(status.error().code),
        ConsoleCasePage(post->session, *details, console::ConsoleErrorRu(status.error()),
                        conversation ? &*conversation : nullptr)));
  }
  respond(Redirect("/console/cases/" + std::to_string(post->id)));
}

void ConsoleClaimCase(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  if (auto s = ctx.office.ClaimCase(post->session.actor, post->id); !s) {
    return respond(HtmlResponse(
        HttpStatusOf(s.error().code),
        ConsoleClaimPage(post->session, post->id, console::ConsoleErrorRu(s.error()))));
  }
  respond(Redirect("/console/cases/" + std::to_string(post->id)));
}

void ConsoleDeleteCase(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  const auto refused = [&](int status, std::string_view why) {
    respond(HtmlResponse(
        status,
        console::ConsolePage(T("Не удалено"),
                             fmt::format("<p role=\"alert\">{}</p><p><a href=\"/console/cases/{}\">"
                                         "{}</a></p>",
                                         why, post->id, T("Вернуться к заявке")))));
  };
  // The form's box must be ticked: deleting is final (browsers enforce it too).
  if (FormField(post->form, "confirm") != "yes") {
    return refused(400,
                   T("Заявка не удалена: отметьте, что понимаете — её нельзя будет восстановить."));
  }
  if (auto s = ctx.office.DeleteCase(post->session.actor, post->id); !s) {
    switch (s.error().code) {
      case ErrorCode::kForbidden:
        return refused(403, T("Ваша роль не позволяет удалять заявки."));
      case ErrorCode::kNotFound:
        return refused(404, T("Такой заявки нет: возможно, она уже удалена."));
      default:
        return refused(HttpStatusOf(s.error().code), T("Заявка не удалена: попробуйте ещё раз."));
    }
  }
  respond(Redirect("/console/"));
}

}  // namespace

void AddCaseRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/cases", bind(ApiListCases, {app::Permission::kListCases}));
  router.Add("GET", "/api/v1/cases/{id}", bind(ApiGetCase, {app::Permission::kReadCase}));
  router.Add("POST", "/api/v1/cases/{id}/replies",
             bind(ApiReply, {app::Permission::kReplyToApplicant}));
  router.Add("DELETE", "/api/v1/cases/{id}", bind(ApiDeleteCase, {app::Permission::kDeleteCase}));
  router.Add("POST", "/api/v1/cases/{id}/claim", bind(ApiClaimCase, {app::Permission::kClaimCase}));
  router.Add("GET", "/console/", bind(ConsoleHome));
  router.Add("GET", "/console/cases/{id}", bind(ConsoleCase));
  router.Add("POST", "/console/cases/{id}/reply", bind(ConsoleReply));
  router.Add("POST", "/console/cases/{id}/delete", bind(ConsoleDeleteCase));
  router.Add("POST", "/console/cases/{id}/claim", bind(ConsoleClaimCase));
}

}  // namespace lifeline::server::office
