// Statistics for analysts: GET /api/v1/statistics?days=N (JSON) and /console/statistics,
// and the same as CSV for a spreadsheet (GET /api/v1/statistics.csv, /console/statistics.csv;
// each download audited as "export:csv"). Suppressed cells are null in JSON and "<10" on the
// page and in the CSV, never 0.

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/csv.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using console::Marked;
using console::T;
using nlohmann::json;

// The refusal for a role that does not see statistics.
std::string NoStatisticsPage() {
  return console::ConsolePage(
      T("Нет доступа"),
      fmt::format("<p>{}</p>", T("Статистика доступна аналитикам и координаторам.")));
}

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

// One row per cell: the table it belongs to, the day (empty for the funnel and the backlog),
// the category, and the count, or "<10" where it is suppressed.
std::string ReportCsv(const app::StatisticsReport& r) {
  std::string out = "table,day,category,count\r\n";
  auto row = [&](std::string_view table, std::string_view day, std::string_view category,
                 const std::optional<std::int64_t>& count) {
    out += fmt::format("{},{},{},{}\r\n", table, day, CsvField(category),
                       count ? std::to_string(*count) : CsvField("<10"));
  };
  for (const auto& d : r.days) {
    const std::string day = FormatIsoDate(d.day);
    row("total", day, "", d.total);
    for (const auto& c : d.by_channel) row("by_channel", day, c.label, c.count);
    for (const auto& c : d.by_situation) row("by_situation", day, c.label, c.count);
  }
  for (const auto& c : r.funnel) row("funnel", "", c.label, c.count);
  for (const auto& c : r.backlog_by_age) row("backlog_by_age", "", c.label, c.count);
  return out;
}

Response CsvDownload(const app::StatisticsReport& r) {
  return server::CsvDownload(ReportCsv(r), "lifeline-statistics.csv");
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

void ApiStatisticsCsv(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto days = DaysFrom(request);
  if (!days) return respond(JsonError(days.error()));
  auto report = ctx.office.Statistics(session->actor, *days, "export:csv");
  if (!report) return respond(JsonError(report.error()));
  respond(CsvDownload(*report));
}

void ConsoleStatisticsCsv(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (!app::Require(session->actor, app::Permission::kViewStatistics)) {
    return respond(HtmlResponse(403, NoStatisticsPage()));
  }
  auto days = DaysFrom(request);
  if (!days) return respond(Redirect("/console/statistics"));
  auto report = ctx.office.Statistics(session->actor, *days, "export:csv");
  if (!report) {
    return respond(HtmlResponse(
        HttpStatusOf(report.error().code),
        console::ConsolePage(T("Ошибка"),
                             fmt::format("<p>{}</p>", T("Статистика сейчас недоступна.")))));
  }
  respond(CsvDownload(*report));
}

// A category as the console names it: the report's labels are codes and English words
// (the API's and the CSV's), the page and its charts speak Russian.
std::string LabelRu(const std::string& label) {
  static constexpr console::CodeWords kWords[] = {
      {"applications", Marked("заявки")},
      {"verified", Marked("проверены")},
      {"crossed (registered as captured)", Marked("перешли (учтены как «в плену»)")},
      {"under 7 days", Marked("меньше 7 дней")},
      {"7 to 29 days", Marked("7–29 дней")},
      {"30 to 89 days", Marked("30–89 дней")},
      {"90 to 179 days", Marked("90–179 дней")},
      {"180 days or more", Marked("180 дней и больше")},
  };
  if (auto words = console::WordsFor(kWords, label)) return std::string(T(*words));
  if (auto channel = ParseContactChannel(label)) return std::string(console::ChannelRu(*channel));
  if (auto situation = ParseSituation(label)) return std::string(console::SituationRu(*situation));
  return label;
}

app::StatisticsReport InRussian(app::StatisticsReport r) {
  const auto relabel = [](std::vector<Cell>& cells) {
    for (auto& c : cells) c.label = LabelRu(c.label);
  };
  relabel(r.funnel);
  relabel(r.backlog_by_age);
  for (auto& d : r.days) {
    relabel(d.by_channel);
    relabel(d.by_situation);
  }
  return r;
}

// The report to print: the same figures, read (and audited) as an export.
void ConsoleStatisticsReport(Context& ctx, Request& request, Respond respond) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (!session) return;
  auto days = DaysFrom(request);
  if (!days) return respond(Redirect("/console/statistics"));
  auto report = ctx.office.Statistics(session->actor, *days, "export:print");
  if (!report) return respond(ConsoleRefusal(report.error()));
  // "Made at" is the server's clock: the page says when it was printed, nothing depends on it.
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  respond(
      HtmlResponse(200, ConsoleStatisticsReportPage(InRussian(std::move(*report)), *days, now)));
}

void ConsoleStatistics(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto days = DaysFrom(request);
  if (!days) return respond(Redirect("/console/statistics"));
  auto report = ctx.office.Statistics(session->actor, *days);
  if (!report) {
    return respond(HtmlResponse(HttpStatusOf(report.error().code), NoStatisticsPage()));
  }
  // The charts read the API's document (web/statistics.js names its codes in Russian); the
  // tables are written here.
  const std::string json = ReportJson(*report).dump();
  respond(HtmlResponse(200, ConsoleStatisticsPage(*session, InRussian(std::move(*report)), json)));
}

}  // namespace

void AddStatisticsRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/statistics", bind(ApiStatistics, {app::Permission::kViewStatistics}));
  router.Add("GET", "/console/statistics", bind(ConsoleStatistics));
  router.Add("GET", "/api/v1/statistics.csv",
             bind(ApiStatisticsCsv, {app::Permission::kViewStatistics}));
  router.Add("GET", "/console/statistics.csv", bind(ConsoleStatisticsCsv));
  router.Add("GET", "/console/statistics/report", bind(ConsoleStatisticsReport));
}

}  // namespace lifeline::server::office
