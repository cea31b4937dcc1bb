// The console's contact-centre pages: the live wallboard (with coordinators' forms for
// operators and lines) and the staffing planner. The wallboard shows the figures as they were
// when it was rendered; web/wallboard.js keeps them live from /console/wallboard/stream
// (Server-Sent Events).

#include <fmt/format.h>

#include "domain/contact_centre/staffing.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string Percent(double share) { return fmt::format("{:.0f}%", share * 100); }

// Seconds as the console says them: "4.5 с".
std::string Seconds(std::string number) { return TF("{} с", number); }

std::string WindowRows(const std::string& suffix, const contact_centre::StatsWindow& w) {
  return fmt::format(
      "<td id=\"offered-{0}\">{1}</td><td id=\"sl-{0}\">{2}</td><td id=\"sl2-{0}\">{3}</td><td "
      "id=\"asa-{0}\">{4}</td>"
      "<td id=\"abandon-{0}\">{5}</td><td id=\"occupancy-{0}\">{6}</td>",
      suffix, w.offered, Percent(w.ServiceLevel()), Percent(w.ServiceLevel2()),
      Seconds(fmt::format("{:.1f}", w.AverageSpeedOfAnswer())), Percent(w.AbandonmentRate()),
      Percent(w.Occupancy()));
}

std::string_view PauseReasonRu(contact_centre::PauseReason r) {
  using R = contact_centre::PauseReason;
  switch (r) {
    case R::kNone:
      return T("без причины");
    case R::kRest:
      return T("отдых");
    case R::kMeal:
      return T("еда");
    case R::kDebrief:
      return T("разбор звонка");
    case R::kTraining:
      return T("обучение");
    case R::kTechnical:
      return T("техническая неполадка");
    case R::kAdmin:
      return T("служебные дела");
    case R::kMissedRings:
      return T("пропущенные вызовы");
  }
  return "?";
}

std::string_view StateRu(contact_centre::OperatorState s) {
  switch (s) {
    case contact_centre::OperatorState::kLoggedOut:
      return T("не в системе");
    case contact_centre::OperatorState::kAvailable:
      return T("свободен");
    case contact_centre::OperatorState::kRinging:
      return T("звонок");
    case contact_centre::OperatorState::kOnCall:
      return T("разговор");
    case contact_centre::OperatorState::kWrapUp:
      return T("после звонка");
    case contact_centre::OperatorState::kBreak:
      return T("перерыв");
  }
  return "?";
}

// Coordinators add operators and lines, and set an operator's state, while the queue runs.
std::string ManagerFormsHtml(const app::SessionInfo& session, const app::Wallboard& board) {
  const std::string csrf = fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                                       HtmlEscape(session.csrf_token));
  std::string html = fmt::format("<h2>{}</h2>", T("Управление"));
  html += fmt::format(
      "<form method=\"post\" action=\"/console/contact-centre/operators\">{}<label "
      "for=\"operator-id\">{}</label><input id=\"operator-id\" name=\"id\" maxlength=\"64\" "
      "pattern=\"[A-Za-z0-9._-]+\" required>"
      "<fieldset><legend>{}</legend>",
      csrf, T("Новый оператор (добавочный номер)"), T("Языки"));
  for (Language l : contact_centre::kAllLanguages) {
    html +=
        fmt::format("<label><input type=\"checkbox\" name=\"language\" value=\"{}\"{}> {}</label>",
                    ToString(l), l == Language::kRu ? " checked" : "", LanguageRu(l));
  }
  html += fmt::format(
      "</fieldset><label for=\"operator-uri\">{}</label><input id=\"operator-uri\" name=\"uri\" "
      "maxlength=\"200\"><button type=\"submit\">{}</button></form>",
      TF("Куда звонить (SIP-адрес телефона, например {}; необязательно)",
         "<code>sip:ext-101@10.0.0.5:5060</code>"),
      T("Добавить оператора"));
  html += fmt::format(
      "<form method=\"post\" action=\"/console/contact-centre/lines\">{}<label "
      "for=\"lines-count\">{}</label>"
      "<input id=\"lines-count\" name=\"lines\" inputmode=\"numeric\" pattern=\"[0-9]+\" "
      "value=\"{}\" required>"
      "<button type=\"submit\">{}</button></form>",
      csrf, T("Линий"), board.snapshot.lines, T("Изменить число линий"));
  if (board.operators.empty()) return html;
  html += fmt::format(
      "<form method=\"post\" action=\"/console/contact-centre/state\">{}<label "
      "for=\"state-operator\">"
      "{}</label><select id=\"state-operator\" name=\"id\">",
      csrf, T("Оператор"));
  for (const auto& o : board.operators)
    html += fmt::format("<option>{}</option>", HtmlEscape(o.name));
  html += fmt::format(
      "</select><label for=\"state-new\">{}</label><select id=\"state-new\" name=\"state\">",
      T("Состояние"));
  for (auto s : {contact_centre::OperatorState::kAvailable, contact_centre::OperatorState::kBreak,
                 contact_centre::OperatorState::kLoggedOut}) {
    html += fmt::format("<option value=\"{}\">{}</option>", ToString(s), StateRu(s));
  }
  return html + fmt::format("</select><button type=\"submit\">{}</button></form>", T("Установить"));
}

// An operator's own day (issue 15): sign in, pause with a reason, come back, sign out, for
// the extension linked to their account. The same form a coordinator's state form posts to.
std::string OwnDayFormHtml(const app::SessionInfo& session, const app::OperatorRow& own) {
  const std::string hidden = fmt::format(
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"id\" "
      "value=\"{}\">",
      HtmlEscape(session.csrf_token), HtmlEscape(own.name));
  const std::string state_html =
      fmt::format("<strong>{}</strong>{}", StateRu(own.state),
                  own.pause_reason == contact_centre::PauseReason::kNone
                      ? std::string()
                      : fmt::format(" ({})", PauseReasonRu(own.pause_reason)));
  std::string html = fmt::format("<h2>{}</h2><p id=\"own-state\">{}</p>", T("Моя смена"),
                                 TF("Добавочный {}: {}", HtmlEscape(own.name), state_html));
  auto button = [&](std::string_view state, std::string_view label) {
    return fmt::format(
        "<form method=\"post\" action=\"/console/contact-centre/state\">{}<input type=\"hidden\" "
        "name=\"state\" value=\"{}\"><button type=\"submit\">{}</button></form>",
        hidden, state, label);
  };
  html += button("available", own.state == contact_centre::OperatorState::kBreak
                                  ? T("Вернуться с перерыва")
                                  : T("Войти в очередь"));
  html += fmt::format(
      "<form method=\"post\" action=\"/console/contact-centre/state\">{}<input type=\"hidden\" "
      "name=\"state\" value=\"break\"><label for=\"own-reason\">{}</label>"
      "<select id=\"own-reason\" name=\"reason\">",
      hidden, T("Причина перерыва"));
  for (auto r : {contact_centre::PauseReason::kRest, contact_centre::PauseReason::kMeal,
                 contact_centre::PauseReason::kDebrief, contact_centre::PauseReason::kTraining,
                 contact_centre::PauseReason::kTechnical, contact_centre::PauseReason::kAdmin}) {
    html += fmt::format("<option value=\"{}\">{}</option>", ToString(r), PauseReasonRu(r));
  }
  html += fmt::format("</select><button type=\"submit\">{}</button></form>", T("Перерыв"));
  html += button("logged_out", T("Выйти из очереди"));
  return html + fmt::format("<p class=\"hint\">{}</p>",
                            T("С телефона: *11 войти, *12 выйти, *13 и цифра причины — перерыв, "
                              "*14 — вернуться."));
}

}  // namespace

std::string ConsoleWallboardPage(const app::SessionInfo& session, const app::Wallboard& board,
                                 const std::string& error) {
  const auto& s = board.snapshot;
  std::string body = Header(session) + fmt::format("<h1>{}</h1>", T("Очередь горячей линии"));
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  // web/wallboard.js keeps the elements with these ids live.
  body += fmt::format(
      "<p class=\"board\">{} · {} · {}</p><p class=\"hint\" id=\"live\">{} {}</p>",
      TF("Ждут: {}", fmt::format("<strong id=\"waiting\">{}</strong>", s.waiting)),
      TF("дольше всех: {}", fmt::format("<strong id=\"longest-wait\">{}</strong>",
                                        Seconds(fmt::format("{:.0f}", s.longest_wait_seconds)))),
      TF("линии: {} из {}", fmt::format("<span id=\"lines-in-use\">{}</span>", s.lines_in_use),
         fmt::format("<span id=\"lines\">{}</span>", s.lines)),
      T("Обновляется каждую секунду (без скрипта — при перезагрузке страницы)."),
      TF("Порог обслуживания: {} с.", fmt::format("{:g}", board.answer_within_seconds)));
  body += fmt::format(
      "<table id=\"figures\"><thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th></tr></thead><tbody>",
      T("Звонков"), T("Отвечено в порог"), T("В порог, считая брошенные"), T("Ответ в среднем"),
      T("Брошено"), T("Занятость"));
  body += fmt::format("<tr><th>{}</th>{}</tr>", T("Сегодня"), WindowRows("today", s.today));
  body += fmt::format("<tr><th>{}</th>{}</tr></tbody></table>", T("15 минут"),
                      WindowRows("15m", s.last_15_minutes));
  body += fmt::format("<h2>{}</h2><p>", T("Операторы"));
  for (auto state : contact_centre::kAllOperatorStates) {
    body += fmt::format("{}: <strong id=\"state-{}\">{}</strong> ", StateRu(state), ToString(state),
                        s.operators_by_state[static_cast<std::size_t>(state)]);
  }
  body += fmt::format(
      "</p><table "
      "id=\"operators\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></"
      "thead><tbody>",
      T("Оператор"), T("Состояние"), T("Принято"));
  for (const auto& o : board.operators) {
    body += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", HtmlEscape(o.name),
                        StateRu(o.state), o.calls_answered);
  }
  body += "</tbody></table>";
  for (const auto& o : board.operators) {
    if (session.actor.user_id != 0 && o.account_id == session.actor.user_id)
      body += OwnDayFormHtml(session, o);
  }
  if (app::Require(session.actor, app::Permission::kManageContactCentre).ok()) {
    body += ManagerFormsHtml(session, board) +
            fmt::format(
                "<p><a href=\"/console/staffing\">{}</a>"
                " · <a href=\"/console/callbacks\">{}</a></p>",
                T("Планирование: сколько нужно операторов и линий"), T("Обратные звонки"));
  }
  body += "<script src=\"/console/assets/wallboard.js\" defer></script>";
  return console::ConsolePage(T("Очередь"), body);
}

std::string ConsoleStaffingPage(const app::SessionInfo& session, const StaffingForm& form,
                                const contact_centre::StaffingPlan* plan,
                                const std::string& error) {
  std::string body =
      Header(session) + fmt::format("<h1>{}</h1>", T("Сколько нужно операторов и линий"));
  body += "<form method=\"get\" action=\"/console/staffing\">";
  const std::pair<const char*, std::string_view> fields[] = {
      {"calls_per_hour", Marked("Звонков в час")},
      {"handle_seconds", Marked("Среднее время обработки, с (с работой после звонка)")},
      {"answer_within", Marked("Ответить в течение, с")},
      {"target", Marked("Доля ответов в срок (например, 0.8)")},
      {"patience_seconds", Marked("Среднее терпение звонящего, с (необязательно: тогда Erlang A)")},
      {"shrinkage", Marked("Доля времени вне линии (например, 0.3)")},
      {"blocking", Marked("Допустимая доля занятых линий (например, 0.01)")}};
  for (const auto& [name, label] : fields) {
    auto it = form.find(name);
    body += fmt::format(
        "<label for=\"{0}\">{1}</label><input id=\"{0}\" name=\"{0}\" inputmode=\"decimal\" "
        "value=\"{2}\">",
        name, T(label), it == form.end() ? "" : HtmlEscape(it->second));
  }
  body += fmt::format("<button type=\"submit\">{}</button></form>", T("Рассчитать"));
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  if (plan) {
    const auto& m = plan->metrics;
    // One term of the result: `attributes` go on its <dd>.
    auto item = [](std::string_view term, std::string_view attributes, const auto& value) {
      return fmt::format("<dt>{}</dt><dd{}>{}</dd>", term, attributes, value);
    };
    body += fmt::format("<h2>{}</h2><dl id=\"plan\">", T("Результат"));
    body += item(T("Нагрузка"), "", TF("{} Эрланг", fmt::format("{:.2f}", plan->offered_load)));
    body += item(T("Операторов на линии"), " id=\"operators-needed\"", plan->operators);
    body += item(T("Операторов в графике"), " id=\"rostered\"", plan->rostered);
    body += item(T("Линий"), " id=\"lines-needed\"", plan->lines);
    body += item(T("Ответ в срок"), " id=\"service-level\"", Percent(m.service_level));
    body += item(T("Средний ответ"), "", Seconds(fmt::format("{:.1f}", m.asa_seconds)));
    body += item(T("Занятость"), "", Percent(m.occupancy));
    body += item(T("Брошенные"), "", Percent(m.abandonment));
    body += "</dl>";
  }
  body += fmt::format("<p><a href=\"/console/wallboard\">{}</a></p>", T("К очереди"));
  return console::ConsolePage(T("Планирование"), body);
}

}  // namespace lifeline::server
