// The console's group (unit) page: the plan, the members with a split form, the form that
// adds a member (showing the new member's receipt once), the merge form and the history.

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string HiddenCsrf(const app::SessionInfo& session) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                     HtmlEscape(session.csrf_token));
}

std::string PlanHtml(const app::SessionInfo& session, const app::GroupDetails& g) {
  return fmt::format(
      "<h2>План группы</h2><form method=\"post\" action=\"/console/cases/{}/plan\">{}"
      "<input type=\"hidden\" name=\"version\" value=\"{}\">"
      "<label for=\"plan\">План (закрытое поле: видят только сотрудники, работающие с "
      "группой)</label>"
      "<textarea id=\"plan\" name=\"plan\" maxlength=\"2000\" required>{}</textarea>"
      "<button type=\"submit\">Сохранить план</button></form>",
      g.case_id, HiddenCsrf(session), g.version, HtmlEscape(g.plan));
}

// One table of members that is also the split form: tick who leaves, pick who speaks for them.
std::string MembersHtml(const app::SessionInfo& session, const app::GroupDetails& g) {
  std::string html =
      fmt::format("<h2>Участники: {} из заявленных {}</h2>", g.members.size(), g.declared_size);
  if (g.members.empty()) return html + "<p>Участников пока нет.</p>";
  html += fmt::format(
      "<form method=\"post\" action=\"/console/cases/{}/split\">{}<table id=\"members\"><thead><tr>"
      "<th>Уходит</th><th>Контакт новой "
      "группы</th><th>№</th><th>Имя</th><th>Звание</th><th>Статус</th>"
      "</tr></thead><tbody>",
      g.case_id, HiddenCsrf(session));
  for (const auto& m : g.members) {
    const std::int64_t id = m.summary.id;
    html += fmt::format(
        "<tr><td><input type=\"checkbox\" name=\"member\" value=\"{0}\" aria-label=\"уходит: № "
        "{0}\"></td>"
        "<td><input type=\"radio\" name=\"leader\" value=\"{0}\" aria-label=\"контакт: № "
        "{0}\"></td>"
        "<td><a href=\"/console/cases/{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td></tr>",
        id, m.opened ? HtmlEscape(m.name) : "<span class=\"hint\">у другого оператора</span>",
        HtmlEscape(m.rank), StatusRu(m.summary));
  }
  return html +
         "</tbody></table><button type=\"submit\">Выделить отмеченных в новую "
         "группу</button></form>";
}

std::string AddMemberHtml(const app::SessionInfo& session, const app::GroupDetails& g) {
  return fmt::format(
      "<h2>Добавить участника</h2><form method=\"post\" action=\"/console/cases/{}/members\">{}"
      "<label for=\"member-name\">Имя</label><input id=\"member-name\" name=\"name\" "
      "maxlength=\"200\" required>"
      "<label for=\"member-rank\">Звание</label><input id=\"member-rank\" name=\"rank\" "
      "maxlength=\"100\">"
      "<label for=\"member-unit\">Часть (если не та же, что у группы)</label>"
      "<input id=\"member-unit\" name=\"unit\" maxlength=\"200\">"
      "<label for=\"member-note\">Заметка</label><textarea id=\"member-note\" name=\"note\" "
      "maxlength=\"2000\"></textarea>"
      "<p class=\"hint\">У участника будет своя заявка и своя квитанция: передайте её через "
      "контакт группы.</p>"
      "<button type=\"submit\">Добавить участника</button></form>",
      g.case_id, HiddenCsrf(session));
}

std::string MergeHtml(const app::SessionInfo& session, const app::GroupDetails& g) {
  return fmt::format(
      "<h2>Объединить с другой группой</h2><form method=\"post\" "
      "action=\"/console/cases/{}/merge-group\">{}"
      "<label for=\"into\">Номер заявки контакта другой группы</label>"
      "<input id=\"into\" name=\"into\" inputmode=\"numeric\" pattern=\"[0-9]+\" required>"
      "<p class=\"hint\">Все участники этой группы и её контакт станут участниками той группы; "
      "история "
      "обеих групп сохранится.</p><button type=\"submit\">Объединить</button></form>",
      g.case_id, HiddenCsrf(session));
}

std::string HistoryHtml(const app::GroupDetails& g) {
  std::string html = "<h2>История состава</h2>";
  if (g.history.empty()) return html + "<p>Состав не менялся.</p>";
  html += "<ol class=\"timeline\" id=\"group-history\">";
  for (const auto& e : g.history) {
    std::string what;
    switch (e.kind) {
      case GroupEventKind::kAdded:
        what = "добавлен";
        break;
      case GroupEventKind::kJoined:
        what = e.other_group_id ? fmt::format("пришёл из группы № {}", *e.other_group_id)
                                : "присоединился";
        break;
      case GroupEventKind::kLeft:
        what = e.other_group_id ? fmt::format("ушёл в группу № {}", *e.other_group_id)
                                : "ушёл, чтобы вести свою группу";
        break;
    }
    html += fmt::format("<li><time>{}</time> № {}: {}</li>", console::UtcTime(e.at),
                        e.member_case_id, what);
  }
  return html + "</ol>";
}

}  // namespace

std::string ConsoleGroupPage(const app::SessionInfo& session, const app::GroupDetails& group,
                             const std::string& error, const app::AddedMember* added) {
  std::string body = Header(session);
  body += fmt::format(
      "<h1>Группа: заявка № {0}</h1><p><a href=\"/console/cases/{0}\">К заявке контакта "
      "группы</a></p>",
      group.case_id);
  if (added) {
    body += fmt::format(
        "<p class=\"notice\" role=\"status\">Участник добавлен: <a "
        "href=\"/console/cases/{0}\">заявка № {0}</a>. "
        "Его квитанция (показывается один раз, запишите и передайте через контакт группы): "
        "<strong id=\"member-receipt\">{1}</strong></p>",
        added->case_id, HtmlEscape(FormatReceipt(added->receipt)));
  }
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  if (group.member_of) {
    body += fmt::format(
        "<p class=\"notice\">Эта заявка теперь участник <a "
        "href=\"/console/cases/{0}/group\">группы "
        "№ {0}</a>; здесь — только история её прежней группы.</p>",
        *group.member_of);
    return HtmlPage("ru", fmt::format("Группа № {}", group.case_id), body + HistoryHtml(group));
  }
  body += PlanHtml(session, group) + MembersHtml(session, group) + AddMemberHtml(session, group) +
          MergeHtml(session, group) + HistoryHtml(group);
  return HtmlPage("ru", fmt::format("Группа № {}", group.case_id), body);
}

std::string GroupLinkHtml(const app::CaseDetails& d) {
  if (d.summary.group_case_id) {
    return fmt::format(
        "<p id=\"group\">Участник группы: <a href=\"/console/cases/{0}/group\">заявка контакта № "
        "{0}</a></p>",
        *d.summary.group_case_id);
  }
  if (d.group_members == 0 && d.summary.clear.group_kind == GroupKind::kAlone) return "";
  return fmt::format(
      "<p id=\"group\"><a href=\"/console/cases/{}/group\" accesskey=\"g\">Группа: участников {} "
      "из "
      "заявленных {}</a></p>",
      d.summary.id, d.group_members, d.summary.clear.group_size);
}

}  // namespace lifeline::server
