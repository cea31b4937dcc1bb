// Statistics for analysts: GET /api/v1/statistics?days=N (JSON) and /console/statistics.
// Suppressed cells are null in JSON and "<10" on the page.

#include <nlohmann/json.hpp>

#include "server/console_pages.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using nlohmann::json;

json CellsJson(const std::vector<Cell>& cells, const char* key) {
  json out = json::array();
  for (const auto& c : cells)
    out.push_back({{key, c.label}, {"count", c.count ? json(*c.count) : json(nullptr)}});
  return out;
}

json ReportJson(const app::StatisticsReport& r) {
  json days = json::array();
  for (const auto& d : r.days) {
    days.push_back({{"day", FormatIsoDate(d.day)},
                    {"total", d.total ? json(*d.total) : json(nullptr)},
                    {"by_channel", CellsJson(d.by_channel, "channel")},
                    {"by_situation", CellsJson(d.by_situation, "situation")}});
  }
  return {{"days", days},
          {"funnel", CellsJson(r.funnel, "stage")},
          {"backlog_by_age", CellsJson(r.backlog_by_age, "age")},
          {"surge",
           {{"today", r.today ? json(*r.today) : json(nullptr)},
            {"trailing_mean", r.trailing_mean ? json(*r.trailing_mean) : json(nullptr)},
            {"surge", r.surge}}},
          {"small_cells_suppressed_below", kSmallCell}};
}

Result<int> DaysFrom(const Request& request) {
  const std::string text = request.Query("days");
  if (text.empty()) return 28;
  auto days = ParseId(text);
  if (!days || *days > 366) return InvalidInput("days must be between 1 and 366", "days");
  return static_cast<int>(*days);
}

void ApiStatistics(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto days = DaysFrom(request);
  if (!days) return respond(JsonError(days.error()));
  auto report = ctx.office.Statistics(session->actor, *days);
  if (!report) return respond(JsonError(report.error()));
  respond({200, "application/json", ReportJson(*report).dump(), {}});
}

void ConsoleStatistics(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto days = DaysFrom(request);
  if (!days) return respond(Redirect("/console/statistics"));
  auto report = ctx.office.Statistics(session->actor, *days);
  if (!report) {
    return respond(HtmlResponse(
        HttpStatusOf(report.error().code),
        HtmlPage("ru", "Нет доступа", "<p>Статистика доступна аналитикам и координаторам.</p>")));
  }
  respond(HtmlResponse(200, ConsoleStatisticsPage(*session, *report, ReportJson(*report).dump())));
}

}  // namespace

void AddStatisticsRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/statistics", bind(ApiStatistics, {app::Permission::kViewStatistics}));
  router.Add("GET", "/console/statistics", bind(ConsoleStatistics));
}

}  // namespace lifeline::server::office
