// The camp console's daily routine: the phone line's day for the guard, the month's mail,
// and the forms on a prisoner's page for labour, the phone list and the mail log.

#include <fmt/format.h>

#include "domain/camp/rota.hpp"
#include "server/camp/console_camp_pages.hpp"
#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

// Art. 50's classes of work, and camp upkeep, in the console's words.
std::string_view WorkRu(std::string_view kind) {
  static constexpr console::CodeWords kWords[] = {
      {"camp_administration", Marked("содержание лагеря")},
      {"agriculture", Marked("сельское хозяйство")},
      {"non_military_industry", Marked("невоенная промышленность")},
      {"non_military_transport", Marked("невоенный транспорт")},
      {"commerce_arts_crafts", Marked("торговля и ремёсла")},
      {"domestic_service", Marked("бытовое обслуживание")},
      {"public_utilities", Marked("коммунальные службы")}};
  if (auto words = WordsFor(kWords, kind)) return T(*words);
  return kind;
}

std::string_view OutcomeRu(camp::CallOutcome o) {
  switch (o) {
    case camp::CallOutcome::kCompleted:
      return T("состоялся");
    case camp::CallOutcome::kCut:
      return T("прервался");
    case camp::CallOutcome::kNoShow:
      return T("не пришёл");
  }
  return "?";
}

std::string Time(int minute) { return camp::FormatOpeningRange({minute, minute}).substr(0, 5); }

}  // namespace

std::string ConsolePhoneDayPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                                const app::CampService::DayOnTheLine& day, const CampNotes& notes) {
  const std::string date = FormatIsoDate(std::chrono::year_month_day{day.rota.day});
  std::string body = Header(session) + fmt::format("<h1>{}</h1>", TF("Телефон: {} — {}",
                                                                     HtmlEscape(camp.name), date));
  if (!notes.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  if (!notes.done.empty())
    body += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", HtmlEscape(notes.done));
  body += fmt::format("<p class=\"no-print\"><a href=\"/console/camps/{}\">{}</a> · {}</p>",
                      camp.id, T("К лагерю"), T("печать для дежурного: Ctrl+P"));
  if (day.rota.slots.empty())
    return console::ConsolePage(T("Телефон"), body + fmt::format("<p id=\"rota-empty\">{}</p>",
                                                                 T("Никто не ждёт звонка.")));
  body += fmt::format(
      "<table id=\"rota\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
      T("Время"), T("Номер"),
      // TRANSLATORS: column heading and label: how the phone call went.
      T("Итог"));
  for (const auto& slot : day.rota.slots) {
    std::string outcome;
    for (const auto& c : day.calls) {
      if (c.start_minute != slot.start_minute) continue;
      outcome += fmt::format("{} {}: {} ", app::PrisonerNumber(c.prisoner_id), OutcomeRu(c.outcome),
                             // TRANSLATORS: the length of a phone call, in minutes.
                             TF("{} мин.", c.minutes));
    }
    const bool done = std::any_of(day.calls.begin(), day.calls.end(), [&](const auto& c) {
      return c.start_minute == slot.start_minute && c.outcome != camp::CallOutcome::kNoShow;
    });
    if (!done) {
      outcome += fmt::format(
          "<form class=\"no-print inline\" method=\"post\" "
          "action=\"/console/camps/{0}/phone/calls\">{1}"
          "<input type=\"hidden\" name=\"day\" value=\"{2}\"><input type=\"hidden\" "
          "name=\"start_minute\" value=\"{3}\">"
          "<label>{4}<input name=\"prisoner\" value=\"{5}\" inputmode=\"numeric\"></label>"
          "<label>{6}<select name=\"outcome\"><option "
          "value=\"completed\">{7}</option><option value=\"cut\">{8}</option>"
          "<option value=\"no_show\">{9}</option></select></label>"
          "<label>{10}<input name=\"minutes\" value=\"{11}\" inputmode=\"numeric\"></label>"
          "<button type=\"submit\">{12}</button></form>",
          camp.id, CsrfField(session), date, slot.start_minute,
          // TRANSLATORS: label of a field for the prisoner's number (who made the call).
          T("Кто"), slot.prisoner_id, T("Итог"), OutcomeRu(camp::CallOutcome::kCompleted),
          OutcomeRu(camp::CallOutcome::kCut), OutcomeRu(camp::CallOutcome::kNoShow), T("Минут"),
          slot.end_minute - slot.start_minute, T("Записать"));
    }
    body += fmt::format("<tr><td>{}–{}</td><td>{}</td><td>{}</td></tr>", Time(slot.start_minute),
                        Time(slot.end_minute), app::PrisonerNumber(slot.prisoner_id), outcome);
  }
  body += fmt::format("</tbody></table><h2>{}</h2><ol id=\"standby\">",
                      T("В резерве (если кто-то не придёт)"));
  for (auto id : day.rota.standby)
    body += fmt::format("<li>{} (id {})</li>", app::PrisonerNumber(id), id);
  body += "</ol>";
  return console::ConsolePage(T("Телефон"), body);
}

std::string ConsoleMailPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                            const std::string& month,
                            const std::vector<app::CampService::MailRow>& rows) {
  std::string body =
      Header(session) +
      fmt::format("<h1>{}</h1>", TF("Почта за {}: {}", HtmlEscape(month), HtmlEscape(camp.name)));
  body += fmt::format(
      "<form method=\"get\" action=\"/console/camps/{}/mail\"><label for=\"month\">{}</label>"
      "<input id=\"month\" name=\"month\" value=\"{}\"><button "
      "type=\"submit\">{}</button></form>",
      camp.id, T("Месяц"), HtmlEscape(month), T("Показать"));
  if (rows.empty())
    return console::ConsolePage(T("Почта"),
                                body + fmt::format("<p id=\"mail-empty\">{}</p>", T("Писем нет.")));
  body += fmt::format(
      "<table id=\"mail\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th></tr></thead><tbody>",
      T("Номер"), T("Писем"), T("Открыток"), T("Задержано"), T("Получено"), T("Ст. 71"));
  for (const auto& r : rows) {
    body += fmt::format(
        "<tr><td><a "
        "href=\"/console/prisoners/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</"
        "td><td>{}</td></tr>",
        r.prisoner_id, r.number, r.month.letters_sent, r.month.cards_sent,
        r.month.letters_held + r.month.cards_held, r.month.received,
        r.month.shortfall
            ? "<strong class=\"shortfall\">" + std::string(T("недостача")) + "</strong>"
            : std::string());
  }
  return console::ConsolePage(T("Почта"), body + "</tbody></table>");
}

std::string PrisonerRoutineForms(const app::SessionInfo& session, std::int64_t id,
                                 const std::vector<camp::WorkShift>& shifts) {
  std::string html = fmt::format("<h2>{}</h2>", T("Работа (ст. 49–55)"));
  if (!shifts.empty()) {
    html += "<ul id=\"shifts\">";
    for (const auto& s : shifts) {
      html += fmt::format("<li>{} {}: {}</li>", FormatIsoDate(std::chrono::year_month_day{s.day}),
                          camp::FormatOpeningRange({s.start_minute, s.end_minute}),
                          WorkRu(camp::ToString(s.kind)));
    }
    html += "</ul>";
  }
  html += fmt::format(
      "<form method=\"post\" action=\"/console/prisoners/{0}/labour\">{1}"
      "<label><input type=\"checkbox\" name=\"asked_for_work\" value=\"1\"> {2}</label>"
      "<label><input type=\"checkbox\" name=\"volunteers_dangerous\" value=\"1\"> {3}</label>"
      "<label for=\"last_medical_exam\">{4}</label><input "
      "id=\"last_medical_exam\" name=\"last_medical_exam\">"
      "<button type=\"submit\">{5}</button></form>"
      "<form method=\"post\" action=\"/console/prisoners/{0}/shifts\">{1}"
      "<label for=\"shift-day\">{6}</label><input id=\"shift-day\" name=\"day\">"
      "<label for=\"shift-hours\">{7}</label><input id=\"shift-hours\" name=\"hours\">"
      "<label for=\"shift-kind\">{8}</label><select id=\"shift-kind\" name=\"kind\">",
      id, CsrfField(session), T("просил работу (офицер; сержант — не только надзор)"),
      T("согласен на опасную работу (ст. 52)"), T("Последний медосмотр (ГГГГ-ММ-ДД)"),
      T("Сохранить"), T("День (ГГГГ-ММ-ДД; пусто — сегодня)"),
      T("Часы, с дорогой (например 08:00-12:00)"), T("Работа (ст. 50)"));
  for (const char* kind :
       {"camp_administration", "agriculture", "non_military_industry", "non_military_transport",
        "commerce_arts_crafts", "domestic_service", "public_utilities"}) {
    html += fmt::format("<option value=\"{}\">{}</option>", kind, WorkRu(kind));
  }
  html += fmt::format(
      "</select><label><input type=\"checkbox\" name=\"supervisory\" value=\"1\"> {2}</label>"
      "<label><input type=\"checkbox\" name=\"dangerous\" value=\"1\"> {3}</label>"
      "<button type=\"submit\">{4}</button></form>"
      "<h2>{5}</h2><form method=\"post\" "
      "action=\"/console/prisoners/{0}/phone-list\">{1}"
      "<button type=\"submit\">{6}</button></form>"
      "<form method=\"post\" action=\"/console/prisoners/{0}/mail\">{1}"
      "<label for=\"mail-kind\">{7}</label><select id=\"mail-kind\" name=\"kind\"><option "
      "value=\"letter\">{8}</option>"
      "<option value=\"card\">{9}</option><option value=\"capture_card\">{10}</option></select>"
      "<label for=\"mail-direction\">{11}</label><select id=\"mail-direction\" "
      "name=\"direction\"><option value=\"sent\">{12}</option>"
      "<option value=\"received\">{13}</option></select>"
      "<label><input type=\"checkbox\" name=\"held\" value=\"1\"> {14}</label>"
      "<button type=\"submit\">{15}</button></form>",
      id, CsrfField(session), T("надзор"), T("опасная"), T("Назначить"), T("Телефон и почта"),
      T("В очередь на телефон"), T("Что"), T("письмо"), T("открытка"), T("учётная карточка"),
      T("Куда"), T("отправил"), T("получил"), T("задержано лагерем"), T("Записать"));
  return html;
}

}  // namespace lifeline::server
