// The console's contact-centre pages: the live wallboard (with coordinators' forms for
// operators and lines) and the staffing planner. The wallboard shows the figures as they were
// when it was rendered; web/wallboard.js keeps them live from /console/wallboard/stream
// (Server-Sent Events).

#include <fmt/format.h>

#include "domain/contact_centre/staffing.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string Percent(double share) { return fmt::format("{:.0f}%", share * 100); }

std::string WindowRows(const std::string& suffix, const contact_centre::StatsWindow& w) {
  return fmt::format(
      "<td id=\"offered-{0}\">{1}</td><td id=\"sl-{0}\">{2}</td><td id=\"sl2-{0}\">{3}</td><td "
      "id=\"asa-{0}\">{4:.1f} с</td>"
      "<td id=\"abandon-{0}\">{5}</td><td id=\"occupancy-{0}\">{6}</td>",
      suffix, w.offered, Percent(w.ServiceLevel()), Percent(w.ServiceLevel2()),
      w.AverageSpeedOfAnswer(), Percent(w.AbandonmentRate()), Percent(w.Occupancy()));
}

std::string_view PauseReasonRu(contact_centre::PauseReason r) {
  using R = contact_centre::PauseReason;
  switch (r) {
    case R::kNone:
      return "без причины";
    case R::kRest:
      return "отдых";
    case R::kMeal:
      return "еда";
    case R::kDebrief:
      return "разбор звонка";
    case R::kTraining:
      return "обучение";
    case R::kTechnical:
      return "техническая неполадка";
    case R::kAdmin:
      return "служебные дела";
    case R::kMissedRings:
      return "пропущенные вызовы";
  }
  return "?";
}

std::string_view StateRu(contact_centre::OperatorState s) {
  switch (s) {
    case contact_centre::OperatorState::kLoggedOut:
      return "не в системе";
    case contact_centre::OperatorState::kAvailable:
      return "свободен";
    case contact_centre::OperatorState::kRinging:
      return "звонок";
    case contact_centre::OperatorState::kOnCall:
      return "разговор";
    case contact_centre::OperatorState::kWrapUp:
      return "после звонка";
    case contact_centre::OperatorState::kBreak:
      return "перерыв";
  }
  return "?";
}

// Coordinators add operators and lines, and set an operator's state, while the queue runs.
std::string ManagerFormsHtml(const app::SessionInfo& session, const app::Wallboard& board) {
  const std::string csrf = fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                                       HtmlEscape(session.csrf_token));
  std::string html = "<h2>Управление</h2>";
  html += fmt::format(
      "<form method=\"post\" action=\"/console/contact-centre/operators\">{}<label "
      "for=\"operator-id\">Новый оператор "
      "(добавочный номер)</label><input id=\"operator-id\" name=\"id\" maxlength=\"64\" "
      "pattern=\"[A-Za-z0-9._-]+\" required>"
      "<fieldset><legend>Языки</legend>",
      csrf);
  for (Language l : contact_centre::kAllLanguages) {
    html +=
        fmt::format("<label><input type=\"checkbox\" name=\"language\" value=\"{}\"{}> {}</label>",
                    ToString(l), l == Language::kRu ? " checked" : "", LanguageRu(l));
  }
  html +=
      "</fieldset><label for=\"operator-uri\">Куда звонить (SIP-адрес телефона, например "
      "<code>sip:ext-101@10.0.0.5:5060</code>; "
      "необязательно)</label><input id=\"operator-uri\" name=\"uri\" maxlength=\"200\">"
      "<button type=\"submit\">Добавить оператора</button></form>";
  html += fmt::format(
      "<form method=\"post\" action=\"/console/contact-centre/lines\">{}<label "
      "for=\"lines-count\">Линий</label>"
      "<input id=\"lines-count\" name=\"lines\" inputmode=\"numeric\" pattern=\"[0-9]+\" "
      "value=\"{}\" required>"
      "<button type=\"submit\">Изменить число линий</button></form>",
      csrf, board.snapshot.lines);
  if (board.operators.empty()) return html;
  html += fmt::format(
      "<form method=\"post\" action=\"/console/contact-centre/state\">{}<label "
      "for=\"state-operator\">"
      "Оператор</label><select id=\"state-operator\" name=\"id\">",
      csrf);
  for (const auto& o : board.operators)
    html += fmt::format("<option>{}</option>", HtmlEscape(o.name));
  html +=
      "</select><label for=\"state-new\">Состояние</label><select id=\"state-new\" name=\"state\">";
  for (auto s : {contact_centre::OperatorState::kAvailable, contact_centre::OperatorState::kBreak,
                 contact_centre::OperatorState::kLoggedOut}) {
    html += fmt::format("<option value=\"{}\">{}</option>", ToString(s), StateRu(s));
  }
  return html + "</select><button type=\"submit\">Установить</button></form>";
}

// An operator's own day (issue 15): sign in, pause with a reason, come back, sign out, for
// the extension linked to their account. The same form a coordinator's state form posts to.
std::string OwnDayFormHtml(const app::SessionInfo& session, const app::OperatorRow& own) {
  const std::string hidden = fmt::format(
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"id\" "
      "value=\"{}\">",
      HtmlEscape(session.csrf_token), HtmlEscape(own.name));
  std::string html =
      fmt::format("<h2>Моя смена</h2><p id=\"own-state\">Добавочный {}: <strong>{}</strong>{}</p>",
                  HtmlEscape(own.name), StateRu(own.state),
                  own.pause_reason == contact_centre::PauseReason::kNone
                      ? std::string()
                      : fmt::format(" ({})", PauseReasonRu(own.pause_reason)));
  auto button = [&](std::string_view state, std::string_view label) {
    return fmt::format(
        "<form method=\"post\" action=\"/console/contact-centre/state\">{}<input type=\"hidden\" "
        "name=\"state\" value=\"{}\"><button type=\"submit\">{}</button></form>",
        hidden, state, label);
  };
  html += button("available", own.state == contact_centre::OperatorState::kBreak
                                  ? "Вернуться с перерыва"
                                  : "Войти в очередь");
  html += fmt::format(
      "<form method=\"post\" action=\"/console/contact-centre/state\">{}<input type=\"hidden\" "
      "name=\"state\" value=\"break\"><label for=\"own-reason\">Причина перерыва</label>"
      "<select id=\"own-reason\" name=\"reason\">",
      hidden);
  for (auto r : {contact_centre::PauseReason::kRest, contact_centre::PauseReason::kMeal,
                 contact_centre::PauseReason::kDebrief, contact_centre::PauseReason::kTraining,
                 contact_centre::PauseReason::kTechnical, contact_centre::PauseReason::kAdmin}) {
    html += fmt::format("<option value=\"{}\">{}</option>", ToString(r), PauseReasonRu(r));
  }
  html += "</select><button type=\"submit\">Перерыв</button></form>";
  html += button("logged_out", "Выйти из очереди");
  return html +
         "<p class=\"hint\">С телефона: *11 войти, *12 выйти, *13 и цифра причины — перерыв, *14 — "
         "вернуться.</p>";
}

}  // namespace

std::string ConsoleWallboardPage(const app::SessionInfo& session, const app::Wallboard& board,
                                 const std::string& error) {
  const auto& s = board.snapshot;
  std::string body = Header(session) + "<h1>Очередь горячей линии</h1>";
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  body += fmt::format(
      "<p class=\"board\">Ждут: <strong id=\"waiting\">{}</strong> · дольше всех: <strong "
      "id=\"longest-wait\">{:.0f} с</strong>"
      " · линии: <span id=\"lines-in-use\">{}</span> из <span id=\"lines\">{}</span></p>"
      "<p class=\"hint\" id=\"live\">Обновляется каждую секунду (без скрипта — при перезагрузке "
      "страницы). "
      "Порог обслуживания: {:g} с.</p>",
      s.waiting, s.longest_wait_seconds, s.lines_in_use, s.lines, board.answer_within_seconds);
  body +=
      "<table id=\"figures\"><thead><tr><th></th><th>Звонков</th><th>Отвечено в порог</th>"
      "<th>В порог, считая брошенные</th><th>Ответ "
      "в среднем</th>"
      "<th>Брошено</th><th>Занятость</th></tr></thead><tbody>";
  body += "<tr><th>Сегодня</th>" + WindowRows("today", s.today) + "</tr>";
  body += "<tr><th>15 минут</th>" + WindowRows("15m", s.last_15_minutes) + "</tr></tbody></table>";
  body += "<h2>Операторы</h2><p>";
  for (auto state : contact_centre::kAllOperatorStates) {
    body += fmt::format("{}: <strong id=\"state-{}\">{}</strong> ", StateRu(state), ToString(state),
                        s.operators_by_state[static_cast<std::size_t>(state)]);
  }
  body +=
      "</p><table "
      "id=\"operators\"><thead><tr><th>Оператор</th><th>Состояние</th><th>Принято</th></tr></"
      "thead><tbody>";
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
            "<p><a href=\"/console/staffing\">Планирование: сколько нужно операторов и линий</a>"
            " · <a href=\"/console/callbacks\">Обратные звонки</a></p>";
  }
  body += "<script src=\"/console/assets/wallboard.js\" defer></script>";
  return HtmlPage("ru", "Очередь", body);
}

std::string ConsoleStaffingPage(const app::SessionInfo& session, const StaffingForm& form,
                                const contact_centre::StaffingPlan* plan,
                                const std::string& error) {
  std::string body = Header(session) + "<h1>Сколько нужно операторов и линий</h1>";
  body += "<form method=\"get\" action=\"/console/staffing\">";
  const std::pair<const char*, const char*> fields[] = {
      {"calls_per_hour", "Звонков в час"},
      {"handle_seconds", "Среднее время обработки, с (с работой после звонка)"},
      {"answer_within", "Ответить в течение, с"},
      {"target", "Доля ответов в срок (например, 0.8)"},
      {"patience_seconds", "Среднее терпение звонящего, с (необязательно: тогда Erlang A)"},
      {"shrinkage", "Доля времени вне линии (например, 0.3)"},
      {"blocking", "Допустимая доля занятых линий (например, 0.01)"}};
  for (const auto& [name, label] : fields) {
    auto it = form.find(name);
    body += fmt::format(
        "<label for=\"{0}\">{1}</label><input id=\"{0}\" name=\"{0}\" inputmode=\"decimal\" "
        "value=\"{2}\">",
        name, label, it == form.end() ? "" : HtmlEscape(it->second));
  }
  body += "<button type=\"submit\">Рассчитать</button></form>";
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  if (plan) {
    const auto& m = plan->metrics;
    body += fmt::format(
        "<h2>Результат</h2><dl id=\"plan\"><dt>Нагрузка</dt><dd>{:.2f} Эрланг</dd>"
        "<dt>Операторов на линии</dt><dd id=\"operators-needed\">{}</dd><dt>Операторов в "
        "графике</dt><dd id=\"rostered\">{}</dd>"
        "<dt>Линий</dt><dd id=\"lines-needed\">{}</dd><dt>Ответ в срок</dt><dd "
        "id=\"service-level\">{}</dd>"
        "<dt>Средний ответ</dt><dd>{:.1f} "
        "с</dd><dt>Занятость</dt><dd>{}</dd><dt>Брошенные</dt><dd>{}</dd></dl>",
        plan->offered_load, plan->operators, plan->rostered, plan->lines, Percent(m.service_level),
        m.asa_seconds, Percent(m.occupancy), Percent(m.abandonment));
  }
  body += "<p><a href=\"/console/wallboard\">К очереди</a></p>";
  return HtmlPage("ru", "Планирование", body);
}

}  // namespace lifeline::server
