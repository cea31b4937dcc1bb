#include "server/audit/audit_page.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>

#include "app/audit/audit_anchor.hpp"
#include "server/audit/audit_words.hpp"
#include "server/console_common.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

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
  std::string out = console::Option("", "все действия", selected);
  for (int i = 0; ToString(static_cast<AuditAction>(i)) != "?"; ++i) {
    const auto action = static_cast<AuditAction>(i);
    out += console::Option(ToString(action), AuditActionRu(action), selected);
  }
  return out;
}

}  // namespace

std::string ConsoleAuditPage(const app::SessionInfo& session, const app::AuditPage& page,
                             const AuditQueryView& q, int page_number, int per_page) {
  std::string body = console::Header(session) + "<h1>Журнал аудита</h1>";
  body += fmt::format(
      "<form method=\"get\" action=\"/console/audit\" id=\"audit-filter\">"
      "<label for=\"f-user\">Кто (учётная запись)</label><input id=\"f-user\" name=\"user\" "
      "value=\"{}\" maxlength=\"64\">"
      "<label for=\"f-action\">Действие</label><select id=\"f-action\" name=\"action\">{}</select>"
      "<label for=\"f-from\">С (UTC)</label><input id=\"f-from\" name=\"from\" type=\"date\" "
      "value=\"{}\"><label for=\"f-to\">По (UTC, включительно)</label><input id=\"f-to\" "
      "name=\"to\" type=\"date\" value=\"{}\"><button type=\"submit\">Показать</button> "
      "<a href=\"/console/audit\">Сбросить</a></form>",
      HtmlEscape(q.user), ActionOptions(q.action), HtmlEscape(q.from), HtmlEscape(q.to));
  if (!q.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(q.error));
  const std::string filter = FilterQuery(q);
  body += fmt::format(
      "<p>{}: <span id=\"total\">{}</span>. <a href=\"/console/audit.csv{}\" "
      "id=\"audit-csv\">Выгрузить показанное (CSV)</a> — выгрузка записывается в журнал. "
      "Целостность цепочки проверяет <code>lifeline audit verify</code>.</p>",
      filter.empty() ? "Записей" : "Найдено записей", page.total, HtmlEscape(filter));
  if (page.checkpoint) {
    body += fmt::format(
        "<p>Последняя подписанная контрольная точка (запишите её вне сервера: по ней "
        "<code>audit verify</code> заметит удалённый конец журнала):</p><pre "
        "id=\"checkpoint\">{}</pre>",
        HtmlEscape(app::CheckpointLine(*page.checkpoint)));
  }
  body +=
      "<table id=\"audit\"><thead><tr><th>№</th><th>Время (UTC)</th><th>Кто</th><th>Действие</th>"
      "<th>Запись</th></tr></thead><tbody>";
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
    body += fmt::format("<a href=\"/console/audit{}{}\">← новее</a>", link, page_number - 1);
  body += fmt::format(" страница {} из {} ", page_number, std::max<std::int64_t>(pages, 1));
  if (page_number < pages)
    body += fmt::format("<a href=\"/console/audit{}{}\">старее →</a>", link, page_number + 1);
  body += "</nav>";
  return HtmlPage("ru", "Консоль — журнал аудита", body);
}

}  // namespace lifeline::server
