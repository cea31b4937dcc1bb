#include "server/console_pages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <array>

#include "server/console_common.hpp"
#include "server/http.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

std::string ConsoleLoginPage(bool failed, int wait_seconds) {
  std::string body = "<h1>Вход для операторов</h1>";
  if (wait_seconds > 0) {
    body += fmt::format(
        "<p class=\"error\" role=\"alert\">Слишком много неудачных попыток. "
        "Повторите через {} с.</p>",
        wait_seconds);
  } else if (failed) {
    body += "<p class=\"error\" role=\"alert\">Неверное имя или пароль.</p>";
  }
  body +=
      "<form method=\"post\" action=\"/console/login\">"
      "<label for=\"name\">Имя пользователя</label><input id=\"name\" name=\"name\" "
      "autocomplete=\"username\" required>"
      "<label for=\"password\">Пароль</label><input id=\"password\" name=\"password\" "
      "type=\"password\" "
      "autocomplete=\"current-password\" required>"
      "<label for=\"code\">Одноразовый код <span class=\"hint\">(если включён второй фактор; или "
      "код "
      "восстановления)</span></label><input id=\"code\" name=\"code\" "
      "autocomplete=\"one-time-code\" "
      "inputmode=\"numeric\" maxlength=\"20\"><button type=\"submit\">Войти</button></form>";
  return HtmlPage("ru", "Консоль — вход", body);
}

std::string ConsoleCaseListPage(const app::SessionInfo& session, const CaseListView& v) {
  std::string body = Header(session);
  body += fmt::format("<h1>{}</h1><p>Всего: <span id=\"total\">{}</span></p>",
                      v.review ? "На проверку (сигналы проверки)" : "Заявки", v.page.total);
  body += "<form method=\"get\" action=\"/console/\">";
  if (v.review) body += "<input type=\"hidden\" name=\"review\" value=\"1\">";
  body += "<label for=\"status\">Статус</label><select id=\"status\" name=\"status\">";
  body += Option("", "все", v.status_filter);
  for (CaseStatus status : kAllCaseStatuses)
    body += Option(ToString(status), StatusLabelRu(status), v.status_filter);
  body +=
      "</select><label for=\"situation\">Положение</label><select id=\"situation\" "
      "name=\"situation\">";
  body += Option("", "все", v.situation_filter);
  for (auto s : {Situation::kServing, Situation::kExpectingMobilization,
                 Situation::kMobilizedTraining, Situation::kAtFront, Situation::kRelative}) {
    body += Option(ToString(s), SituationRu(s), v.situation_filter);
  }
  body += "</select><button type=\"submit\">Показать</button></form>";
  body +=
      "<table><thead><tr><th>№</th><th>Получена</th><th>Статус</th><th>Положение</th>"
      "<th>Группа</th><th>Канал</th><th>Язык</th><th>Отправка</th><th>Кто "
      "ведёт</th></tr></thead><tbody>";
  for (const auto& c : v.page.items) {
    body += fmt::format(
        "<tr><td><a href=\"/console/cases/{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td>"
        "<td>{4}</td><td>{5}</td><td>{6}</td><td>{7}</td><td>{8}</td></tr>",
        c.id, FormatIsoDate(c.received_on), StatusRu(c), SituationRu(c.clear.situation),
        GroupRu(c.clear.group_kind, c.clear.group_size), ChannelRu(c.clear.contact_channel),
        LanguageRu(c.clear.language), c.clear.deploy_by ? FormatIsoDate(*c.clear.deploy_by) : "—",
        !c.assigned_user_id                            ? "свободна"
        : *c.assigned_user_id == session.actor.user_id ? "вы"
                                                       : "другой");
  }
  body += "</tbody></table><nav>";
  const int pages = static_cast<int>((v.page.total + v.per_page - 1) / v.per_page);
  const std::string filter =
      fmt::format("&status={}&situation={}{}", HtmlEscape(v.status_filter),
                  HtmlEscape(v.situation_filter), v.review ? "&review=1" : "");
  if (v.page_number > 1)
    body += fmt::format("<a href=\"/console/?page={}{}\">← новее</a>", v.page_number - 1, filter);
  body += fmt::format(" страница {} из {} ", v.page_number, std::max(pages, 1));
  if (v.page_number < pages)
    body += fmt::format("<a href=\"/console/?page={}{}\" rel=\"next\">старее →</a>",
                        v.page_number + 1, filter);
  body += "</nav>";
  if (app::Require(session.actor, app::Permission::kExportCaseList)) {
    // The same filter, every page; the file holds no name, contact or circumstance.
    body += fmt::format(
        "<p><a id=\"export-cases\" href=\"/console/cases.csv?status={}&amp;situation={}{}\" "
        "download>Выгрузить этот список (CSV)</a> — без имён, контактов и обстоятельств; "
        "выгрузка записывается в журнал аудита.</p>",
        HtmlEscape(v.status_filter), HtmlEscape(v.situation_filter),
        v.review ? "&amp;review=1" : "");
  }
  return HtmlPage("ru", "Консоль — заявки", body);
}

std::string ConsoleSecurityPage(const app::SessionInfo& session, const SecurityView& v) {
  const std::string csrf = HtmlEscape(session.csrf_token);
  std::string body = Header(session) + "<h1>Безопасность</h1>";
  if (session.must_choose_password) {
    body +=
        "<p class=\"error\" role=\"alert\" id=\"must-choose\">Администратор сбросил ваш пароль. "
        "Задайте свой пароль, затем снова настройте второй фактор: до тех пор другие разделы "
        "консоли закрыты.</p>";
  } else if (session.must_enrol_second_factor) {
    body +=
        "<p class=\"error\" role=\"alert\">Нужен второй фактор: настройте его, "
        "чтобы продолжить работу.</p>";
  }
  if (!v.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(v.error));
  if (v.password_changed) body += "<p id=\"password-changed\">Пароль изменён.</p>";
  body += fmt::format(
      "<h2>Пароль</h2><form method=\"post\" action=\"/console/security/password\" "
      "autocomplete=\"off\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">",
      csrf);
  if (!session.must_choose_password) {
    body +=
        "<label for=\"current-password\">Текущий пароль</label><input id=\"current-password\" "
        "name=\"current_password\" type=\"password\" autocomplete=\"current-password\" "
        "required>";
  }
  body +=
      "<label for=\"new-password\">Новый пароль (не короче 12 символов)</label><input "
      "id=\"new-password\" name=\"new_password\" type=\"password\" minlength=\"12\" "
      "autocomplete=\"new-password\" required><label for=\"repeat-password\">Новый пароль ещё "
      "раз</label><input id=\"repeat-password\" name=\"repeat_password\" type=\"password\" "
      "minlength=\"12\" autocomplete=\"new-password\" required><button type=\"submit\">Сменить "
      "пароль</button></form>";
  body += "<h2>Второй фактор (одноразовые коды)</h2>";
  if (session.must_choose_password) {
    body += "<p id=\"second-factor\">Настраивается после того, как вы зададите пароль.</p>";
  } else if (!v.recovery_codes.empty()) {
    body +=
        "<p>Второй фактор включён. Коды восстановления — каждый действует один раз. "
        "Сохраните их сейчас: больше они не будут показаны.</p><ul id=\"recovery-codes\">";
    for (const auto& code : v.recovery_codes)
      body += fmt::format("<li><code>{}</code></li>", HtmlEscape(code));
    body += "</ul>";
  } else if (!v.qr_svg.empty()) {
    body += fmt::format(
        "<p>Отсканируйте код приложением-аутентификатором или введите ключ вручную.</p>{}"
        "<p>Ключ: <code id=\"secret\">{}</code></p>"
        "<form method=\"post\" action=\"/console/security/confirm\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\">"
        "<label for=\"code\">Код из приложения</label><input id=\"code\" name=\"code\" "
        "inputmode=\"numeric\" "
        "autocomplete=\"one-time-code\" maxlength=\"6\" required><button "
        "type=\"submit\">Подтвердить</button></form>",
        v.qr_svg, HtmlEscape(v.secret_base32), csrf);
  } else if (v.enabled) {
    body += fmt::format(
        "<p id=\"second-factor\">Включён.</p><form method=\"post\" "
        "action=\"/console/security/disable\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><label for=\"disable-code\">Код для "
        "отключения</label>"
        "<input id=\"disable-code\" name=\"code\" maxlength=\"20\" required>"
        "<button type=\"submit\">Отключить второй фактор</button></form>",
        csrf);
  } else {
    body += fmt::format(
        "<p id=\"second-factor\">Не включён.</p><form method=\"post\" "
        "action=\"/console/security/begin\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\">Настроить "
        "второй фактор</button></form>",
        csrf);
  }
  if (app::Require(session.actor, app::Permission::kManageSettings).ok()) {
    body += fmt::format(
        "<h2>Для всех учётных записей</h2><form method=\"post\" "
        "action=\"/console/security/require\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" "
        "name=\"required\" value=\"{}\">"
        "<p>Второй фактор {} для всех.</p><button type=\"submit\">{}</button></form>",
        csrf, v.required ? "no" : "yes", v.required ? "обязателен" : "не обязателен",
        v.required ? "Сделать необязательным" : "Сделать обязательным для всех");
  }
  body += fmt::format(
      "<h2>Сеансы</h2><form method=\"post\" action=\"/console/logout-everywhere\">"
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\">Выйти на всех "
      "устройствах</button></form>",
      csrf);
  return HtmlPage("ru", "Консоль — безопасность", body);
}

std::string PasswordErrorRu(const Error& error) {
  if (error.code == ErrorCode::kRateLimited)
    return "Слишком много неверных паролей подряд: подождите и повторите.";
  if (error.field == "current_password") return "Текущий пароль введён неверно.";
  if (error.field == "repeat_password") return "Новые пароли не совпадают: введите их ещё раз.";
  if (error.field == "new_password" && error.message.starts_with("choose a password other"))
    return "Новый пароль должен отличаться от нынешнего.";
  if (error.field == "new_password") return "Новый пароль должен быть не короче 12 символов.";
  return "Пароль не изменён: войдите снова и повторите.";
}

std::string ConsoleTodayPage(const app::SessionInfo& session, const app::WorkQueue& queue) {
  std::string body = Header(session) + "<h1>Дела на сегодня</h1><h2>Задачи</h2>";
  if (queue.tasks.empty()) body += "<p>Задач на ближайшие сутки нет.</p>";
  if (!queue.tasks.empty()) {
    body +=
        "<table><thead><tr><th>Когда</th><th>Что</th><th>Заявка</th><th>Статус</th><th></th>"
        "</tr></thead><tbody>";
  }
  for (const auto& q : queue.tasks) {
    const bool overdue = q.task.due_at < queue.now;
    body += fmt::format(
        "<tr class=\"{}\"><td>{}{}</td><td>{}</td><td><a "
        "href=\"/console/cases/{}\">№ {}</a></td>"
        "<td>{}</td><td><form class=\"inline\" method=\"post\" action=\"/console/tasks/{}/done\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button "
        "type=\"submit\">Сделано</button></form></td></tr>",
        overdue ? "overdue" : "due", UtcTime(q.task.due_at), overdue ? " (просрочено)" : "",
        TaskKindRu(q.task.kind), q.summary.id, q.summary.id, StatusRu(q.summary), q.task.id,
        HtmlEscape(session.csrf_token));
  }
  if (!queue.tasks.empty()) body += "</tbody></table>";
  body += "<h2>Скоро отправка</h2>";
  if (queue.deploying_soon.empty()) body += "<p>Заявок с отправкой в ближайшие две недели нет.</p>";
  for (const auto& c : queue.deploying_soon) {
    body += fmt::format("<p><a href=\"/console/cases/{0}\">№ {0}</a>: отправка {1} · {2}</p>", c.id,
                        FormatIsoDate(*c.clear.deploy_by), StatusRu(c));
  }
  return HtmlPage("ru", "Дела на сегодня", body);
}

namespace {

// Why a case is in the results, in the console's words: "имя — точно; часть — с опечаткой".
std::string MatchReasonRu(const app::SearchItem& item) {
  if (item.by_contact) return "контакт";
  static constexpr std::array<const char*, 4> kFields = {"сообщение", "место", "часть", "имя"};
  static constexpr std::array<const char*, 5> kKinds = {
      "начало слова", "с двумя опечатками", "с опечаткой", "другая форма имени", "точно"};
  std::string reasons;
  for (const auto& m : item.words) {
    if (!reasons.empty()) reasons += "; ";
    reasons += m ? fmt::format("{} — {}", kFields[static_cast<std::size_t>(m->field)],
                               kKinds[static_cast<std::size_t>(m->kind)])
                 : std::string("нет слова");
  }
  return reasons;
}

}  // namespace

std::string ConsoleSearchPage(const app::SessionInfo& session, const app::SearchQuery& query,
                              const app::SearchPage* page, const std::string& error) {
  std::string body = Header(session) + "<h1>Поиск</h1>";
  body += fmt::format(
      "<form method=\"post\" action=\"/console/search\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"{}\">"
      "<label for=\"q\">Имя, часть, место, слова из сообщения (любым алфавитом), телефон или "
      "@имя пользователя</label>"
      "<input id=\"q\" name=\"q\" maxlength=\"200\" value=\"{}\" autofocus accesskey=\"f\">"
      "<button type=\"submit\">Найти</button></form>",
      HtmlEscape(session.csrf_token), HtmlEscape(query.text));
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  if (page) {
    body += fmt::format(
        "<p>Найдено: <span id=\"total\">{}</span>, из них со всеми словами: "
        "<span id=\"complete\">{}</span>{}</p>",
        page->total, page->complete,
        page->index_complete
            ? ""
            : fmt::format(" (поиск ещё индексирует заявки, готово {}; ответ может быть неполным)",
                          page->indexed_cases));
    body += "<ol class=\"results\" start=\"" + std::to_string(query.offset + 1) + "\">";
    for (const auto& item : page->items) {
      const auto& c = item.summary;
      body += fmt::format(
          "<li class=\"result\"><a href=\"/console/cases/{0}\">№ {0}</a> · {1} · {2} · "
          "<span class=\"why\">{3}</span></li>",
          c.id, FormatIsoDate(c.received_on), StatusRu(c), HtmlEscape(MatchReasonRu(item)));
    }
    body += "</ol>";
    const auto next = query.offset + static_cast<int>(page->items.size());
    if (!page->items.empty() && next < page->total) {
      body += fmt::format(
          "<form method=\"post\" action=\"/console/search\"><input type=\"hidden\" "
          "name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"q\" value=\"{}\">"
          "<input type=\"hidden\" name=\"offset\" value=\"{}\">"
          "<button type=\"submit\" id=\"next\">Следующие</button></form>",
          HtmlEscape(session.csrf_token), HtmlEscape(query.text), next);
    }
  }
  return HtmlPage("ru", "Поиск", body);
}

namespace {

std::string CellText(const Cell& c) { return c.count ? std::to_string(*c.count) : "&lt;10"; }

// One row per cell, with a bar whose width is its share of the largest: a chart without
// script, which the CSP forbids.
std::string BarTable(const std::vector<Cell>& cells) {
  std::int64_t largest = 1;
  for (const auto& c : cells) largest = std::max(largest, c.count.value_or(0));
  std::string html = "<table class=\"bars\"><tbody>";
  for (const auto& c : cells) {
    html += fmt::format(
        "<tr><th>{}</th><td>{}</td><td><meter min=\"0\" max=\"{}\" value=\"{}\"></meter></td></tr>",
        HtmlEscape(c.label), CellText(c), largest, c.count.value_or(0));
  }
  return html + "</tbody></table>";
}

// Chart.js draws these from `report_json` (web/statistics.js); each canvas is labelled, and
// the tables further down say the same without script.
std::string ChartsHtml(std::string_view report_json) {
  std::string json(report_json);
  // Inside <script>, "</" would end the block: JSON lets "<" be written as \u003c.
  for (std::size_t at = json.find('<'); at != std::string::npos; at = json.find('<', at))
    json.replace(at, 1, "\\u003c");
  std::string html = "<section class=\"charts\">";
  for (auto [id, title] : {std::pair{"chart-by-channel", "Заявки по дням и каналам"},
                           {"chart-by-situation", "Заявки по дням и положению"},
                           {"chart-funnel", "Воронка: заявки → проверены → перешли"},
                           {"chart-backlog", "Открытые заявки по возрасту (дней)"}}) {
    html += fmt::format(
        "<figure><figcaption>{1}</figcaption><div class=\"chart\"><canvas id=\"{0}\" role=\"img\" "
        "aria-label=\"{1}\"></canvas></div></figure>",
        id, title);
  }
  return html + "</section><script type=\"application/json\" id=\"statistics-data\">" + json +
         "</script><script src=\"/console/assets/chart.umd.min.js\" defer></script>"
         "<script src=\"/console/assets/statistics.js\" defer></script>";
}

// The statistics as tables, the same on the page and in the report to print.
std::string StatisticsTables(const app::StatisticsReport& r) {
  std::string html = "<h2>Воронка</h2>" + BarTable(r.funnel);
  html += "<h2>Открытые заявки по возрасту</h2>" + BarTable(r.backlog_by_age);
  std::vector<Cell> totals;
  for (const auto& d : r.days) totals.push_back({FormatIsoDate(d.day), d.total});
  html += "<h2>Заявки по дням</h2>" + BarTable(totals);
  if (!r.days.empty()) {
    html += "<h2>Сегодня по каналам</h2>" + BarTable(r.days.back().by_channel);
    html += "<h2>Сегодня по положению</h2>" + BarTable(r.days.back().by_situation);
  }
  return html;
}

}  // namespace

std::string ConsoleStatisticsReportPage(const app::StatisticsReport& r, int days,
                                        std::chrono::sys_seconds made_at) {
  std::string body = fmt::format(
      "<div class=\"report\" id=\"statistics-report\"><h1>lifeline: статистика за {} дн.</h1>"
      "<p>Составлено {}. Только суммы: каждая ячейка меньше 10 скрыта и показана как "
      "«&lt;10», а не нулём; рядом с единственной скрытой скрыта и наименьшая другая, чтобы её "
      "нельзя было вычесть из итога. Обстоятельства пленения не учитываются: перешедшие "
      "считаются «в плену».</p><p class=\"no-print\"><a href=\"/console/statistics\">← к "
      "статистике</a> · чтобы сохранить PDF, напечатайте страницу (Ctrl+P)</p>",
      days, UtcTime(made_at));
  body += fmt::format("<h2>Сегодня</h2><p>Заявок сегодня: {}</p>",
                      r.today ? std::to_string(*r.today) : "&lt;10");
  body += StatisticsTables(r);
  return HtmlPage("ru", "Отчёт: статистика", body + "</div>");
}

std::string ConsoleStatisticsPage(const app::SessionInfo& session, const app::StatisticsReport& r,
                                  std::string_view report_json) {
  std::string body = Header(session) +
                     "<h1>Статистика</h1>"
                     "<p class=\"hint\">Только суммы; ячейки меньше 10 скрыты («&lt;10»), на "
                     "графиках отмечены серым крестом, а не нулём. <a "
                     "href=\"/console/statistics.csv\" id=\"statistics-csv\">Скачать CSV</a> "
                     "(за 28 дней; скрытые ячейки — «&lt;10»). <a "
                     "href=\"/console/statistics/report\" id=\"statistics-report-link\">Отчёт для "
                     "печати</a>.</p>";
  body +=
      fmt::format("<h2>Сегодня</h2><p id=\"surge\">Заявок сегодня: {}{}{}</p>",
                  r.today ? std::to_string(*r.today) : "&lt;10",
                  r.trailing_mean ? fmt::format(" (обычно {:.1f} в день)", *r.trailing_mean) : "",
                  r.surge ? " — <strong>всплеск</strong>" : "");
  body += ChartsHtml(report_json);
  body += StatisticsTables(r);
  return HtmlPage("ru", "Статистика", body);
}

std::string ConsoleAdminPage(const app::SessionInfo& session) {
  std::string body = Header(session) +
                     "<h1>Администрирование</h1><ul id=\"admin-menu\">"
                     "<li><a href=\"/console/accounts\">Учётные записи</a>: отключить и "
                     "включить, сбросить пароль, снять задержку входа, последний вход</li>"
                     "<li><a href=\"/console/security\">Безопасность</a>: второй фактор для всех "
                     "учётных записей, ваш второй фактор, выход на всех устройствах</li>";
  if (app::Require(session.actor, app::Permission::kManagePartners).ok()) {
    body +=
        "<li><a href=\"/console/partners\">Партнёры</a>: ключи организаций, которым "
        "запечатываются направления</li>";
  }
  body +=
      "</ul><p class=\"hint\">Администратор не читает заявки. Новые учётные записи добавляет "
      "команда <code>lifeline user add</code> на сервере офиса.</p>";
  return HtmlPage("ru", "Консоль — администрирование", body);
}

}  // namespace lifeline::server
