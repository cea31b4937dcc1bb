// The console's group (unit) page: the plan, the members with a split form, the form that
// adds a member (showing the new member's receipt once), the merge form and the history.

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string PlanHtml(const app::SessionInfo& session, const app::GroupDetails& g) {
  return fmt::format(
      "<h2>{}</h2><form method=\"post\" action=\"/console/cases/{}/plan\">{}"
      "<input type=\"hidden\" name=\"version\" value=\"{}\">"
      "<label for=\"plan\">{}</label>"
      "<textarea id=\"plan\" name=\"plan\" maxlength=\"2000\" required>{}</textarea>"
      "<button type=\"submit\">{}</button></form>",
      T("План группы"), g.case_id, CsrfField(session), g.version,
      T("План (закрытое поле: видят только сотрудники, работающие с группой)"), HtmlEscape(g.plan),
      T("Сохранить план"));
}

// One table of members that is also the split form: tick who leaves, pick who speaks for them.
std::string MembersHtml(const app::SessionInfo& session, const app::GroupDetails& g) {
  std::string html = fmt::format(
      "<h2>{}</h2>", TF("Участники: {} из заявленных {}", g.members.size(), g.declared_size));
  if (g.members.empty()) return html + fmt::format("<p>{}</p>", T("Участников пока нет."));
  html += fmt::format(
      "<form method=\"post\" action=\"/console/cases/{}/split\">{}<table id=\"members\"><thead><tr>"
      "<th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "</tr></thead><tbody>",
      g.case_id, CsrfField(session), T("Уходит"), T("Контакт новой группы"), T("№"), T("Имя"),
      T("Звание"), T("Статус"));
  for (const auto& m : g.members) {
    const std::int64_t id = m.summary.id;
    html += fmt::format(
        "<tr><td><input type=\"checkbox\" name=\"member\" value=\"{0}\" aria-label=\"{4}\"></td>"
        "<td><input type=\"radio\" name=\"leader\" value=\"{0}\" aria-label=\"{5}\"></td>"
        "<td><a href=\"/console/cases/{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td></tr>",
        id,
        m.opened ? HtmlEscape(m.name)
                 : fmt::format("<span class=\"hint\">{}</span>", T("у другого оператора")),
        HtmlEscape(m.rank), StatusRu(m.summary), TF("уходит: № {}", id), TF("контакт: № {}", id));
  }
  return html + fmt::format("</tbody></table><button type=\"submit\">{}</button></form>",
                            T("Выделить отмеченных в новую группу"));
}

std::string AddMemberHtml(const app::SessionInfo& session, const app::GroupDetails& g) {
  return fmt::format(
      "<h2>{2}</h2><form method=\"post\" action=\"/console/cases/{0}/members\">{1}"
      "<label for=\"member-name\">{3}</label><input id=\"member-name\" name=\"name\" "
      "maxlength=\"200\" required>"
      "<label for=\"member-rank\">{4}</label><input id=\"member-rank\" name=\"rank\" "
      "maxlength=\"100\">"
      "<label for=\"member-unit\">{5}</label>"
      "<input id=\"member-unit\" name=\"unit\" maxlength=\"200\">"
      "<label for=\"member-note\">{6}</label><textarea id=\"member-note\" name=\"note\" "
      "maxlength=\"2000\"></textarea>"
      "<p class=\"hint\">{7}</p>"
      "<button type=\"submit\">{2}</button></form>",
      g.case_id, CsrfField(session), T("Добавить участника"), T("Имя"), T("Звание"),
      T("Часть (если не та же, что у группы)"), T("Заметка"),
      T("У участника будет своя заявка и своя квитанция: передайте её через контакт группы."));
}

std::string MergeHtml(const app::SessionInfo& session, const app::GroupDetails& g) {
  return fmt::format(
      "<h2>{}</h2><form method=\"post\" "
      "action=\"/console/cases/{}/merge-group\">{}"
      "<label for=\"into\">{}</label>"
      "<input id=\"into\" name=\"into\" inputmode=\"numeric\" pattern=\"[0-9]+\" required>"
      "<p class=\"hint\">{}</p><button type=\"submit\">{}</button></form>",
      T("Объединить с другой группой"), g.case_id, CsrfField(session),
      T("Номер заявки контакта другой группы"),
      T("Все участники этой группы и её контакт станут участниками той группы; история обеих "
        "групп сохранится."),
      T("Объединить"));
}

std::string HistoryHtml(const app::GroupDetails& g) {
  std::string html = fmt::format("<h2>{}</h2>", T("История состава"));
  if (g.history.empty()) return html + fmt::format("<p>{}</p>", T("Состав не менялся."));
  html += "<ol class=\"timeline\" id=\"group-history\">";
  for (const auto& e : g.history) {
    std::string what;
    switch (e.kind) {
      case GroupEventKind::kAdded:
        what = T("добавлен");
        break;
      case GroupEventKind::kJoined:
        what = e.other_group_id ? TF("пришёл из группы № {}", *e.other_group_id)
                                : std::string(T("присоединился"));
        break;
      case GroupEventKind::kLeft:
        what = e.other_group_id ? TF("ушёл в группу № {}", *e.other_group_id)
                                : std::string(T("ушёл, чтобы вести свою группу"));
        break;
    }
    html += fmt::format("<li><time>{}</time> {}</li>", console::UtcTime(e.at),
                        TF("№ {}: {}", e.member_case_id, what));
  }
  return html + "</ol>";
}

}  // namespace

std::string ConsoleGroupPage(const app::SessionInfo& session, const app::GroupDetails& group,
                             const std::string& error, const app::AddedMember* added) {
  std::string body = Header(session);
  body += fmt::format("<h1>{}</h1><p><a href=\"/console/cases/{}\">{}</a></p>",
                      TF("Группа: заявка № {}", group.case_id), group.case_id,
                      T("К заявке контакта группы"));
  if (added) {
    const std::string link = fmt::format("<a href=\"/console/cases/{}\">{}</a>", added->case_id,
                                         TF("заявка № {}", added->case_id));
    const std::string receipt = fmt::format("<strong id=\"member-receipt\">{}</strong>",
                                            HtmlEscape(FormatReceipt(added->receipt)));
    body += fmt::format(
        "<p class=\"notice\" role=\"status\">{} {}</p>", TF("Участник добавлен: {}.", link),
        TF("Его квитанция (показывается один раз, запишите и передайте через контакт группы): {}",
           receipt));
  }
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  if (group.member_of) {
    const std::string link = fmt::format("<a href=\"/console/cases/{}/group\">", *group.member_of);
    body += fmt::format(
        "<p class=\"notice\">{}</p>",
        TF("Эта заявка теперь участник {}группы № {}{}; здесь — только история её прежней группы.",
           link, *group.member_of, "</a>"));
    return console::ConsolePage(TF("Группа № {}", group.case_id), body + HistoryHtml(group));
  }
  body += PlanHtml(session, group) + MembersHtml(session, group) + AddMemberHtml(session, group) +
          MergeHtml(session, group) + HistoryHtml(group);
  return console::ConsolePage(TF("Группа № {}", group.case_id), body);
}

std::string GroupLinkHtml(const app::CaseDetails& d) {
  if (d.summary.group_case_id) {
    const std::string link =
        fmt::format("<a href=\"/console/cases/{}/group\">{}</a>", *d.summary.group_case_id,
                    TF("заявка контакта № {}", *d.summary.group_case_id));
    return fmt::format("<p id=\"group\">{}</p>", TF("Участник группы: {}", link));
  }
  if (d.group_members == 0 && d.summary.clear.group_kind == GroupKind::kAlone) return "";
  return fmt::format(
      "<p id=\"group\"><a href=\"/console/cases/{}/group\" accesskey=\"g\">{}</a></p>",
      d.summary.id,
      TF("Группа: участников {} из заявленных {}", d.group_members, d.summary.clear.group_size));
}

}  // namespace lifeline::server
