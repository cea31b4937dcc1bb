#include "server/audit/audit_page.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>

#include "app/audit/audit_anchor.hpp"
#include "server/audit/audit_words.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

using console::T;
using console::TF;

// The query string that keeps the filter (for paging and the download).
std::string FilterQuery(const AuditQueryView& q) {
  std::string out;
  const auto add = [&](std::string_view key, const std::string& value) {
    if (value.empty()) return;
    out += out.empty() ? "?" : "&";
    out += std::string(key) + "=" + UrlEncode(value);
  };
  add("user", q.user);
  add("action", q.action);
  add("from", q.from);
  add("to", q.to);
  return out;
}

std::string ActionOptions(const std::string& selected) {
  std::string out = console::Option("", T("все действия"), selected);
  for (int i = 0; ToString(static_cast<AuditAction>(i)) != "?"; ++i) {
    const auto action = static_cast<AuditAction>(i);
    out += console::Option(ToString(action), AuditActionRu(action), selected);
  }
  return out;
}

}  // namespace

std::string ConsoleAuditPage(const app::SessionInfo& session, const app::AuditPage& page,
                             const AuditQueryView& q, int page_number, int per_page) {
  std::string body = console::Header(session) + fmt::format("<h1>{}</h1>", T("Журнал аудита"));
  body += fmt::format(
      "<form method=\"get\" action=\"/console/audit\" id=\"audit-filter\">"
      "<label for=\"f-user\">{}</label><input id=\"f-user\" name=\"user\" "
      "value=\"{}\" maxlength=\"64\">"
      "<label for=\"f-action\">{}</label><select id=\"f-action\" name=\"action\">{}</select>"
      "<label for=\"f-from\">{}</label><input id=\"f-from\" name=\"from\" type=\"date\" "
      "value=\"{}\"><label for=\"f-to\">{}</label><input id=\"f-to\" "
      "name=\"to\" type=\"date\" value=\"{}\"><button type=\"submit\">{}</button> "
      "<a href=\"/console/audit\">{}</a></form>",
      T("Кто (учётная запись)"), HtmlEscape(q.user), T("Действие"), ActionOptions(q.action),
      // TRANSLATORS: the filter's first day ("from"), a date field follows.
      T("С (UTC)"), HtmlEscape(q.from),
      // TRANSLATORS: the filter's last day ("to"), included; a date field follows.
      T("По (UTC, включительно)"), HtmlEscape(q.to), T("Показать"), T("Сбросить"));
  if (!q.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(q.error));
  const std::string filter = FilterQuery(q);
  const std::string total = fmt::format("<span id=\"total\">{}</span>", page.total);
  body += fmt::format(
      "<p>{} {} {}</p>",
      filter.empty() ? TF("Записей: {}.", total) : TF("Найдено записей: {}.", total),
      TF("{}Выгрузить показанное (CSV){} — выгрузка записывается в журнал.",
         fmt::format("<a href=\"/console/audit.csv{}\" id=\"audit-csv\">", HtmlEscape(filter)),
         "</a>"),
      TF("Целостность цепочки проверяет {}.", "<code>lifeline audit verify</code>"));
  if (page.checkpoint) {
    body += fmt::format(
        "<p>{}</p><pre id=\"checkpoint\">{}</pre>",
        TF("Последняя подписанная контрольная точка (запишите её вне сервера: по ней {} "
           "заметит удалённый конец журнала):",
           "<code>audit verify</code>"),
        HtmlEscape(app::CheckpointLine(*page.checkpoint)));
  }
  body += fmt::format(
      "<table id=\"audit\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th></tr></thead><tbody>",
      // TRANSLATORS: column heading: the entry's sequence number.
      T("№"), T("Время (UTC)"), T("Кто"), T("Действие"), T("Запись"));
  for (const auto& e : page.entries) {
    body += fmt::format(
        "<tr data-action=\"{}\"><td>{}</td><td>{:%Y-%m-%d %H:%M:%S}</td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>",
        HtmlEscape(e.action), e.seq, fmt::gmtime(static_cast<std::time_t>(e.at)),
        e.actor_name.empty() ? "—" : HtmlEscape(e.actor_name),
        HtmlEscape(AuditActionRu(std::string_view(e.action))),
        e.target.empty() ? "—" : HtmlEscape(AuditTargetRu(e.target)));
  }
  body += "</tbody></table><nav>";
  const auto pages = (page.total + per_page - 1) / per_page;
  const std::string link = filter.empty() ? "?page=" : HtmlEscape(filter) + "&amp;page=";
  if (page_number > 1)
    body +=
        fmt::format("<a href=\"/console/audit{}{}\">← {}</a>", link, page_number - 1, T("новее"));
  body +=
      fmt::format(" {} ", TF("страница {} из {}", page_number, std::max<std::int64_t>(pages, 1)));
  if (page_number < pages)
    body +=
        fmt::format("<a href=\"/console/audit{}{}\">{} →</a>", link, page_number + 1, T("старее"));
  body += "</nav>";
  return console::ConsolePage(T("Консоль — журнал аудита"), body);
}

}  // namespace lifeline::server
