// The audit log over HTTP, for auditors: /api/v1/audit (JSON, with the newest signed
// checkpoint), /api/v1/audit.csv, and the console's /console/audit and /console/audit.csv.
// All take the same filter in the query: user (an account name), action (a wire name), from
// and to (YYYY-MM-DD, UTC, both days included). A download is itself audited.

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/audit/audit_anchor.hpp"
#include "domain/application.hpp"
#include "server/audit/audit_page.hpp"
#include "server/audit/audit_words.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/csv.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using console::T;
using console::TF;
using nlohmann::json;

json AuditJson(const AuditRecord& r) {
  return {{"seq", r.seq},
          {"at", r.at},
          {"actor_user_id", r.actor_user_id},
          {"actor_name", r.actor_name},
          {"action", r.action},
          {"target", r.target}};
}

std::int64_t StartOf(std::chrono::year_month_day day) {
  return std::chrono::sys_days{day}.time_since_epoch() / std::chrono::seconds{1};
}

// The filter from the query; kInvalidInput naming the part that cannot be read.
Result<store::AuditFilter> FilterFrom(const Request& request, AuditQueryView& typed) {
  typed.user = request.Query("user");
  typed.action = request.Query("action");
  typed.from = request.Query("from");
  typed.to = request.Query("to");
  store::AuditFilter filter{.actor_name = typed.user, .action = typed.action};
  if (typed.user.size() > 64)
    return InvalidInput("user: an account name has at most 64 characters", "user");
  if (!typed.action.empty() && !ParseAuditAction(typed.action))
    return InvalidInput("action: not an action the audit log records", "action");
  if (!typed.from.empty()) {
    auto day = ParseIsoDate(typed.from);
    if (!day) return InvalidInput("from: a date as YYYY-MM-DD", "from");
    filter.from_at = StartOf(*day);
  }
  if (!typed.to.empty()) {
    auto day = ParseIsoDate(typed.to);
    if (!day) return InvalidInput("to: a date as YYYY-MM-DD", "to");
    filter.until_at = StartOf(*day) + 24 * 3600;  // the whole day
  }
  if (filter.from_at && filter.until_at && *filter.until_at <= *filter.from_at)
    return InvalidInput("to: on or after from", "to");
  return filter;
}

// What the console says when a part of the filter cannot be read.
std::string FilterErrorRu(const Error& e) {
  if (e.field == "from" || e.field == "to")
    return std::string(T("Даты — в виде ГГГГ-ММ-ДД, и «по» не раньше «с»."));
  if (e.field == "action") return std::string(T("Такого действия журнал не записывает."));
  if (e.field == "user") return std::string(T("Имя учётной записи — не длиннее 64 символов."));
  if (e.field == "filter")
    return TF(
        "Под фильтр подходит больше {} записей: сузьте даты, действие или "
        "учётную запись.",
        app::AuditLog::kMaxExport);
  return std::string(T("Журнал сейчас недоступен."));
}

// Seq, time (UTC, ISO 8601), account, action (wire name and words), target: what the page
// shows, newest first. The words are in the reader's console language, and the column says
// which: action_ru, action_uk or action_en (docs/api.md), for the API's file and the
// console's alike.
std::string AuditCsv(const std::vector<AuditRecord>& entries) {
  std::string out = fmt::format("seq,at_utc,user,action,action_{},target\r\n",
                                ToString(console::CurrentLanguage()));
  for (const auto& e : entries) {
    out += fmt::format("{},{:%Y-%m-%dT%H:%M:%SZ},{},{},{},{}\r\n", e.seq,
                       fmt::gmtime(static_cast<std::time_t>(e.at)), CsvField(e.actor_name),
                       CsvField(e.action), CsvField(AuditActionRu(std::string_view(e.action))),
                       CsvField(e.target));
  }
  return out;
}

void ApiAudit(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto paging = PagingFrom(request);
  if (!paging) return respond(JsonError(paging.error()));
  AuditQueryView typed;
  auto filter = FilterFrom(request, typed);
  if (!filter) return respond(JsonError(filter.error()));
  auto page = ctx.audit.List(session->actor, paging->page, paging->per_page, *filter);
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

void ApiAuditCsv(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  AuditQueryView typed;
  auto filter = FilterFrom(request, typed);
  if (!filter) return respond(JsonError(filter.error()));
  auto entries = ctx.audit.Export(session->actor, *filter, "csv");
  if (!entries) return respond(JsonError(entries.error()));
  respond(CsvDownload(AuditCsv(*entries), "lifeline-audit.csv"));
}

// The console's pages are for auditors; other roles get the same refusal for both.
std::optional<app::SessionInfo> AuditorViewer(Context& ctx, Request& request,
                                              const Respond& respond) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (!session) return std::nullopt;
  if (!app::Require(session->actor, app::Permission::kReadAuditLog)) {
    respond(HtmlResponse(
        403, console::ConsolePage(
                 T("Нет доступа"),
                 fmt::format("<p>{}</p>", T("Журнал аудита доступен только аудиторам.")))));
    return std::nullopt;
  }
  return session;
}

void ConsoleAudit(Context& ctx, Request& request, Respond respond) {
  auto session = AuditorViewer(ctx, request, respond);
  if (!session) return;
  auto paging = PagingFrom(request);
  if (!paging) return respond(Redirect("/console/audit"));
  AuditQueryView typed;
  auto filter = FilterFrom(request, typed);
  int status = 200;
  if (!filter) {
    typed.error = FilterErrorRu(filter.error());
    status = 400;
    filter = store::AuditFilter{};  // show the whole log under the message
  }
  auto page = ctx.audit.List(session->actor, paging->page, paging->per_page, *filter);
  if (!page) return respond(ConsoleRefusal(page.error()));
  respond(HtmlResponse(status,
                       ConsoleAuditPage(*session, *page, typed, paging->page, paging->per_page)));
}

void ConsoleAuditCsv(Context& ctx, Request& request, Respond respond) {
  auto session = AuditorViewer(ctx, request, respond);
  if (!session) return;
  AuditQueryView typed;
  auto filter = FilterFrom(request, typed);
  auto entries = filter ? ctx.audit.Export(session->actor, *filter, "csv")
                        : Result<std::vector<AuditRecord>>(filter.error());
  if (!entries) {
    typed.error = FilterErrorRu(entries.error());
    auto page = ctx.audit.List(session->actor, 1, 50, filter ? *filter : store::AuditFilter{});
    if (!page) return respond(ConsoleRefusal(page.error()));
    return respond(HtmlResponse(HttpStatusOf(entries.error().code),
                                ConsoleAuditPage(*session, *page, typed, 1, 50)));
  }
  respond(CsvDownload(AuditCsv(*entries), "lifeline-audit.csv"));
}

}  // namespace

void AddAuditRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/audit", bind(ApiAudit, {app::Permission::kReadAuditLog}));
  router.Add("GET", "/api/v1/audit.csv", bind(ApiAuditCsv, {app::Permission::kReadAuditLog}));
  router.Add("GET", "/console/audit", bind(ConsoleAudit));
  router.Add("GET", "/console/audit.csv", bind(ConsoleAuditCsv));
}

}  // namespace lifeline::server::office
