// The console's live wallboard: the queue now, and the day's and last 15 minutes' figures.
// The page shows the figures as they were when it was rendered; web/wallboard.js keeps them
// live from /console/wallboard/stream (Server-Sent Events).

#include <fmt/format.h>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string Percent(double share) { return fmt::format("{:.0f}%", share * 100); }

std::string WindowRows(const std::string& suffix, const contact_centre::StatsWindow& w) {
  return fmt::format(
      "<td id=\"offered-{0}\">{1}</td><td id=\"sl-{0}\">{2}</td><td id=\"sl2-{0}\">{3}</td><td id=\"asa-{0}\">{4:.1f} с</td>"
      "<td id=\"abandon-{0}\">{5}</td><td id=\"occupancy-{0}\">{6}</td>",
      suffix, w.offered, Percent(w.ServiceLevel()), Percent(w.ServiceLevel2()), w.AverageSpeedOfAnswer(),
      Percent(w.AbandonmentRate()), Percent(w.Occupancy()));
}

std::string_view StateRu(contact_centre::OperatorState s) {
  switch (s) {
    case contact_centre::OperatorState::kLoggedOut: return "не в системе";
    case contact_centre::OperatorState::kAvailable: return "свободен";
    case contact_centre::OperatorState::kRinging: return "звонок";
    case contact_centre::OperatorState::kOnCall: return "разговор";
    case contact_centre::OperatorState::kWrapUp: return "после звонка";
    case contact_centre::OperatorState::kBreak: return "перерыв";
  }
  return "?";
}

}  // namespace

std::string ConsoleWallboardPage(const app::SessionInfo& session, const app::Wallboard& board) {
  const auto& s = board.snapshot;
  std::string body = Header(session) + "<h1>Очередь горячей линии</h1>";
  body += fmt::format(
      "<p class=\"board\">Ждут: <strong id=\"waiting\">{}</strong> · дольше всех: <strong id=\"longest-wait\">{:.0f} с</strong>"
      " · линии: <span id=\"lines-in-use\">{}</span> из <span id=\"lines\">{}</span></p>"
      "<p class=\"hint\" id=\"live\">Обновляется каждую секунду (без скрипта — при перезагрузке страницы). "
      "Порог обслуживания: {:g} с.</p>",
      s.waiting, s.longest_wait_seconds, s.lines_in_use, s.lines, board.answer_within_seconds);
  body += "<table id=\"figures\"><thead><tr><th></th><th>Звонков</th><th>SL</th><th>SL2</th><th>Ответ в среднем</th>"
          "<th>Брошено</th><th>Занятость</th></tr></thead><tbody>";
  body += "<tr><th>Сегодня</th>" + WindowRows("today", s.today) + "</tr>";
  body += "<tr><th>15 минут</th>" + WindowRows("15m", s.last_15_minutes) + "</tr></tbody></table>";
  body += "<h2>Операторы</h2><p>";
  for (auto state : contact_centre::kAllOperatorStates) {
    body += fmt::format("{}: <strong id=\"state-{}\">{}</strong> ", StateRu(state), ToString(state),
                        s.operators_by_state[static_cast<std::size_t>(state)]);
  }
  body += "</p><table id=\"operators\"><thead><tr><th>Оператор</th><th>Состояние</th><th>Принято</th></tr></thead><tbody>";
  for (const auto& o : board.operators) {
    body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", HtmlEscape(o.name), StateRu(o.state), o.calls_answered);
  }
  body += "</tbody></table><script src=\"/console/assets/wallboard.js\" defer></script>";
  return HtmlPage("ru", "Очередь", body);
}

}  // namespace lifeline::server
