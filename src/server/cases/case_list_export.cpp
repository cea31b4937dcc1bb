// The case list as a file, for coordinators to plan with offline: GET /api/v1/cases.csv and
// /console/cases.csv, with the list's own filter (status, situation, review=1). Clear fields
// only, and of those the ones that say nothing about who a person is or how he came in:
// no name, unit, place, contact, message, custody circumstance or account. Each download is
// audited ("case_list_exported", "cases:<count>") before it is sent.

#include <fmt/format.h>

#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/csv.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using console::T;

// The API's file: the wire codes, as /api/v1/cases names them.
std::string CaseListCsvCodes(const std::vector<CaseSummary>& cases) {
  std::string out =
      "case,received_on,status,situation,group_kind,group_size,contact_channel,language,"
      "deploy_by,claimed,group_case\r\n";
  for (const auto& c : cases) {
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{}\r\n", c.id, FormatIsoDate(c.received_on),
        ToString(c.status), ToString(c.clear.situation), ToString(c.clear.group_kind),
        c.clear.group_size, ToString(c.clear.contact_channel), ToString(c.clear.language),
        c.clear.deploy_by ? FormatIsoDate(*c.clear.deploy_by) : "",
        c.assigned_user_id ? "yes" : "no", c.group_case_id ? std::to_string(*c.group_case_id) : "");
  }
  return out;
}

// A heading as it is; quoted only should a translation hold a comma, a quote or a line break.
std::string CsvHeading(std::string_view words) {
  return words.find_first_of(",\"\r\n") == std::string_view::npos ? std::string(words)
                                                                  : CsvField(words);
}

// The console's file: the same columns in the console's words.
std::string CaseListCsvRu(const std::vector<CaseSummary>& cases) {
  const std::string_view headings[] = {
      T("Дело"),
      // TRANSLATORS: CSV column heading: the day the application ("заявка") was received.
      T("Получена"), T("Статус"), T("Положение"), T("Группа"), T("Канал"), T("Язык"),
      // TRANSLATORS: CSV column heading: the date by which the person is to be deployed.
      T("Отправка до"),
      // TRANSLATORS: CSV column heading: whether a staff member has claimed the case.
      T("Взята в работу"), T("Групповое дело")};
  std::string out;
  for (const std::string_view heading : headings) {
    if (!out.empty()) out += ',';
    out += CsvHeading(heading);
  }
  out += "\r\n";
  for (const auto& c : cases) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{}\r\n", c.id, FormatIsoDate(c.received_on),
                       CsvField(console::StatusLabelRu(c.status)),
                       CsvField(console::SituationRu(c.clear.situation)),
                       CsvField(console::GroupRu(c.clear.group_kind, c.clear.group_size)),
                       CsvField(console::ChannelRu(c.clear.contact_channel)),
                       CsvField(console::LanguageRu(c.clear.language)),
                       c.clear.deploy_by ? FormatIsoDate(*c.clear.deploy_by) : "",
                       c.assigned_user_id ? T("да") : T("нет"),
                       c.group_case_id ? std::to_string(*c.group_case_id) : "");
  }
  return out;
}

void ApiCaseListCsv(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto filter = CaseListFilterFrom(request);
  if (!filter) return respond(JsonError(filter.error()));
  auto cases = ctx.office.ExportCaseList(session->actor, *filter);
  if (!cases) return respond(JsonError(cases.error()));
  respond(CsvDownload(CaseListCsvCodes(cases->items), "lifeline-cases.csv"));
}

void ConsoleCaseListCsv(Context& ctx, Request& request, Respond respond) {
  auto session = ConsoleViewer(ctx, request, respond);
  if (!session) return;
  // Permission first: a role that may not export learns nothing about its filter.
  if (!app::Require(session->actor, app::Permission::kExportCaseList)) {
    return respond(HtmlResponse(
        403, console::ConsolePage(
                 T("Нет доступа"),
                 fmt::format("<p>{}</p>", T("Выгружать список дел могут координаторы.")))));
  }
  auto filter = CaseListFilterFrom(request);
  if (!filter) return respond(ConsoleRefusal(filter.error()));
  auto cases = ctx.office.ExportCaseList(session->actor, *filter);
  if (!cases) return respond(ConsoleRefusal(cases.error()));
  respond(CsvDownload(CaseListCsvRu(cases->items), "lifeline-cases.csv"));
}

}  // namespace

void AddCaseListExportRoutes(Router& router, const Bind& bind) {
  router.Add("GET", "/api/v1/cases.csv", bind(ApiCaseListCsv, {app::Permission::kExportCaseList}));
  router.Add("GET", "/console/cases.csv", bind(ConsoleCaseListCsv));
}

}  // namespace lifeline::server::office
