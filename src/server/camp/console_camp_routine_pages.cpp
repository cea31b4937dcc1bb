// The camp console's daily routine: the phone line's day for the guard, the month's mail,
// and the forms on a prisoner's page for labour, the phone list and the mail log.

#include <fmt/format.h>

#include "domain/camp/rota.hpp"
#include "server/camp/console_camp_pages.hpp"
#include "server/console_common.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

// Art. 50's classes of work, and camp upkeep, in the console's words.
std::string_view WorkRu(std::string_view kind) {
  static constexpr console::CodeWords kWords[] = {
      {"camp_administration", "содержание лагеря"},
      {"agriculture", "сельское хозяйство"},
      {"non_military_industry", "невоенная промышленность"},
      {"non_military_transport", "невоенный транспорт"},
      {"commerce_arts_crafts", "торговля и ремёсла"},
      {"domestic_service", "бытовое обслуживание"},
      {"public_utilities", "коммунальные службы"}};
  return WordsFor(kWords, kind).value_or(kind);
}

std::string Csrf(const app::SessionInfo& s) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                     HtmlEscape(s.csrf_token));
}

std::string_view OutcomeRu(camp::CallOutcome o) {
  switch (o) {
    case camp::CallOutcome::kCompleted:
      return "состоялся";
    case camp::CallOutcome::kCut:
      return "прервался";
    case camp::CallOutcome::kNoShow:
      return "не пришёл";
  }
  return "?";
}

std::string Time(int minute) { return camp::FormatOpeningRange({minute, minute}).substr(0, 5); }

}  // namespace

std::string ConsolePhoneDayPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                                const app::CampService::DayOnTheLine& day, const CampNotes& notes) {
  const std::string date = FormatIsoDate(std::chrono::year_month_day{day.rota.day});
  std::string body =
      Header(session) + fmt::format("<h1>Телефон: {} — {}</h1>", HtmlEscape(camp.name), date);
  if (!notes.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  if (!notes.done.empty())
    body += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", HtmlEscape(notes.done));
  body += fmt::format(
      "<p class=\"no-print\"><a href=\"/console/camps/{}\">К лагерю</a> · печать для дежурного: "
      "Ctrl+P</p>",
      camp.id);
  if (day.rota.slots.empty())
    return HtmlPage("ru", "Телефон", body + "<p id=\"rota-empty\">Никто не ждёт звонка.</p>");
  body +=
      "<table id=\"rota\"><thead><tr><th>Время</th><th>Номер</th><th>Итог</th></tr></thead><tbody>";
  for (const auto& slot : day.rota.slots) {
    std::string outcome;
    for (const auto& c : day.calls) {
      if (c.start_minute != slot.start_minute) continue;
      outcome += fmt::format("{} {}: {}{} ", app::PrisonerNumber(c.prisoner_id),
                             OutcomeRu(c.outcome), c.minutes, " мин.");
    }
    const bool done = std::any_of(day.calls.begin(), day.calls.end(), [&](const auto& c) {
      return c.start_minute == slot.start_minute && c.outcome != camp::CallOutcome::kNoShow;
    });
    if (!done) {
      outcome += fmt::format(
          "<form class=\"no-print inline\" method=\"post\" "
          "action=\"/console/camps/{}/phone/calls\">{}"
          "<input type=\"hidden\" name=\"day\" value=\"{}\"><input type=\"hidden\" "
          "name=\"start_minute\" value=\"{}\">"
          "<label>Кто<input name=\"prisoner\" value=\"{}\" inputmode=\"numeric\"></label>"
          "<label>Итог<select name=\"outcome\"><option "
          "value=\"completed\">состоялся</option><option value=\"cut\">прервался</option>"
          "<option value=\"no_show\">не пришёл</option></select></label>"
          "<label>Минут<input name=\"minutes\" value=\"{}\" inputmode=\"numeric\"></label>"
          "<button type=\"submit\">Записать</button></form>",
          camp.id, Csrf(session), date, slot.start_minute, slot.prisoner_id,
          slot.end_minute - slot.start_minute);
    }
    body += fmt::format("<tr><td>{}–{}</td><td>{}</td><td>{}</td></tr>", Time(slot.start_minute),
                        Time(slot.end_minute), app::PrisonerNumber(slot.prisoner_id), outcome);
  }
  body += "</tbody></table><h2>В резерве (если кто-то не придёт)</h2><ol id=\"standby\">";
  for (auto id : day.rota.standby)
    body += fmt::format("<li>{} (id {})</li>", app::PrisonerNumber(id), id);
  body += "</ol>";
  return HtmlPage("ru", "Телефон", body);
}

std::string ConsoleMailPage(const app::SessionInfo& session, const camp::CampRecord& camp,
                            const std::string& month,
                            const std::vector<app::CampService::MailRow>& rows) {
  std::string body = Header(session) + fmt::format("<h1>Почта за {}: {}</h1>", HtmlEscape(month),
                                                   HtmlEscape(camp.name));
  body += fmt::format(
      "<form method=\"get\" action=\"/console/camps/{}/mail\"><label for=\"month\">Месяц</label>"
      "<input id=\"month\" name=\"month\" value=\"{}\"><button "
      "type=\"submit\">Показать</button></form>",
      camp.id, HtmlEscape(month));
  if (rows.empty()) return HtmlPage("ru", "Почта", body + "<p id=\"mail-empty\">Писем нет.</p>");
  body +=
      "<table "
      "id=\"mail\"><thead><tr><th>Номер</th><th>Писем</th><th>Открыток</th><th>Задержано</"
      "th><th>Получено</th>"
      "<th>Ст. 71</th></tr></thead><tbody>";
  for (const auto& r : rows) {
    body += fmt::format(
        "<tr><td><a "
        "href=\"/console/prisoners/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</"
        "td><td>{}</td></tr>",
        r.prisoner_id, r.number, r.month.letters_sent, r.month.cards_sent,
        r.month.letters_held + r.month.cards_held, r.month.received,
        r.month.shortfall ? "<strong class=\"shortfall\">недостача</strong>" : "");
  }
  return HtmlPage("ru", "Почта", body + "</tbody></table>");
}

std::string PrisonerRoutineForms(const app::SessionInfo& session, std::int64_t id,
                                 const std::vector<camp::WorkShift>& shifts) {
  std::string html = "<h2>Работа (ст. 49–55)</h2>";
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
      "<label><input type=\"checkbox\" name=\"asked_for_work\" value=\"1\"> просил работу (офицер; "
      "сержант — не только надзор)</label>"
      "<label><input type=\"checkbox\" name=\"volunteers_dangerous\" value=\"1\"> согласен на "
      "опасную работу (ст. 52)</label>"
      "<label for=\"last_medical_exam\">Последний медосмотр (ГГГГ-ММ-ДД)</label><input "
      "id=\"last_medical_exam\" name=\"last_medical_exam\">"
      "<button type=\"submit\">Сохранить</button></form>"
      "<form method=\"post\" action=\"/console/prisoners/{0}/shifts\">{1}"
      "<label for=\"shift-day\">День (ГГГГ-ММ-ДД; пусто — сегодня)</label><input id=\"shift-day\" "
      "name=\"day\">"
      "<label for=\"shift-hours\">Часы, с дорогой (например 08:00-12:00)</label><input "
      "id=\"shift-hours\" name=\"hours\">"
      "<label for=\"shift-kind\">Работа (ст. 50)</label><select id=\"shift-kind\" name=\"kind\">",
      id, Csrf(session));
  for (const char* kind :
       {"camp_administration", "agriculture", "non_military_industry", "non_military_transport",
        "commerce_arts_crafts", "domestic_service", "public_utilities"}) {
    html += fmt::format("<option value=\"{}\">{}</option>", kind, WorkRu(kind));
  }
  html += fmt::format(
      "</select><label><input type=\"checkbox\" name=\"supervisory\" value=\"1\"> надзор</label>"
      "<label><input type=\"checkbox\" name=\"dangerous\" value=\"1\"> опасная</label>"
      "<button type=\"submit\">Назначить</button></form>"
      "<h2>Телефон и почта</h2><form method=\"post\" "
      "action=\"/console/prisoners/{0}/phone-list\">{1}"
      "<button type=\"submit\">В очередь на телефон</button></form>"
      "<form method=\"post\" action=\"/console/prisoners/{0}/mail\">{1}"
      "<label for=\"mail-kind\">Что</label><select id=\"mail-kind\" name=\"kind\"><option "
      "value=\"letter\">письмо</option>"
      "<option value=\"card\">открытка</option><option value=\"capture_card\">учётная "
      "карточка</option></select>"
      "<label for=\"mail-direction\">Куда</label><select id=\"mail-direction\" "
      "name=\"direction\"><option value=\"sent\">отправил</option>"
      "<option value=\"received\">получил</option></select>"
      "<label><input type=\"checkbox\" name=\"held\" value=\"1\"> задержано лагерем</label>"
      "<button type=\"submit\">Записать</button></form>",
      id, Csrf(session));
  return html;
}

}  // namespace lifeline::server
