#include "server/console_pages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <array>
#include <string_view>

#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/http.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

std::string ConsoleLoginPage(bool failed, int wait_seconds) {
  std::string body = fmt::format("<h1>{}</h1>", T("Вход для операторов"));
  if (wait_seconds > 0) {
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>",
                        TF("Слишком много неудачных попыток. Повторите через {} с.", wait_seconds));
  } else if (failed) {
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", T("Неверное имя или пароль."));
  }
  body += fmt::format(
      "<form method=\"post\" action=\"/console/login\">"
      "<label for=\"name\">{}</label><input id=\"name\" name=\"name\" "
      "autocomplete=\"username\" required>"
      "<label for=\"password\">{}</label><input id=\"password\" name=\"password\" "
      "type=\"password\" "
      "autocomplete=\"current-password\" required>"
      "<label for=\"code\">{} <span class=\"hint\">{}</span></label><input id=\"code\" "
      "name=\"code\" autocomplete=\"one-time-code\" "
      "inputmode=\"numeric\" maxlength=\"20\"><button type=\"submit\">{}</button></form>",
      T("Имя пользователя"), T("Пароль"), T("Одноразовый код"),
      T("(если включён второй фактор; или код восстановления)"), T("Войти"));
  return console::ConsolePage(T("Консоль — вход"), body);
}

std::string ConsoleCaseListPage(const app::SessionInfo& session, const CaseListView& v) {
  std::string body = Header(session);
  body += fmt::format("<h1>{}</h1><p>{} <span id=\"total\">{}</span></p>",
                      v.review ? T("На проверку (сигналы проверки)") : T("Заявки"), T("Всего:"),
                      v.page.total);
  body += "<form method=\"get\" action=\"/console/\">";
  if (v.review) body += "<input type=\"hidden\" name=\"review\" value=\"1\">";
  body += fmt::format("<label for=\"status\">{}</label><select id=\"status\" name=\"status\">",
                      T("Статус"));
  body += Option("", T("все"), v.status_filter);
  for (CaseStatus status : kAllCaseStatuses)
    body += Option(ToString(status), StatusLabelRu(status), v.status_filter);
  body += fmt::format(
      "</select><label for=\"situation\">{}</label><select id=\"situation\" "
      "name=\"situation\">",
      T("Положение"));
  body += Option("", T("все"), v.situation_filter);
  for (auto s : {Situation::kServing, Situation::kExpectingMobilization,
                 Situation::kMobilizedTraining, Situation::kAtFront, Situation::kRelative}) {
    body += Option(ToString(s), SituationRu(s), v.situation_filter);
  }
  body += fmt::format("</select><button type=\"submit\">{}</button></form>", T("Показать"));
  body += fmt::format(
      "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
      T("№"), T("Получена"), T("Статус"), T("Положение"), T("Группа"), T("Канал"), T("Язык"),
      T("Отправка"), T("Кто ведёт"));
  for (const auto& c : v.page.items) {
    body += fmt::format(
        "<tr><td><a href=\"/console/cases/{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td>"
        "<td>{4}</td><td>{5}</td><td>{6}</td><td>{7}</td><td>{8}</td></tr>",
        c.id, FormatIsoDate(c.received_on), StatusRu(c), SituationRu(c.clear.situation),
        GroupRu(c.clear.group_kind, c.clear.group_size), ChannelRu(c.clear.contact_channel),
        LanguageRu(c.clear.language), c.clear.deploy_by ? FormatIsoDate(*c.clear.deploy_by) : "—",
        !c.assigned_user_id                            ? T("свободна")
        : *c.assigned_user_id == session.actor.user_id ? T("вы")
                                                       : T("другой"));
  }
  body += "</tbody></table><nav>";
  const int pages = static_cast<int>((v.page.total + v.per_page - 1) / v.per_page);
  const std::string filter =
      fmt::format("&status={}&situation={}{}", HtmlEscape(v.status_filter),
                  HtmlEscape(v.situation_filter), v.review ? "&review=1" : "");
  if (v.page_number > 1) {
    body += fmt::format("<a href=\"/console/?page={}{}\">← {}</a>", v.page_number - 1, filter,
                        T("новее"));
  }
  body += fmt::format(" {} ", TF("страница {} из {}", v.page_number, std::max(pages, 1)));
  if (v.page_number < pages)
    body += fmt::format("<a href=\"/console/?page={}{}\" rel=\"next\">{} →</a>", v.page_number + 1,
                        filter, T("старее"));
  body += "</nav>";
  if (app::Require(session.actor, app::Permission::kExportCaseList)) {
    // The same filter, every page; the file holds no name, contact or circumstance.
    const std::string link = fmt::format(
        "<a id=\"export-cases\" href=\"/console/cases.csv?status={}&amp;situation={}{}\" "
        "download>",
        HtmlEscape(v.status_filter), HtmlEscape(v.situation_filter),
        v.review ? "&amp;review=1" : "");
    body += fmt::format("<p>{}</p>", TF("{}Выгрузить этот список (CSV){} — без имён, контактов и "
                                        "обстоятельств; выгрузка записывается в журнал аудита.",
                                        link, "</a>"));
  }
  return console::ConsolePage(T("Консоль — заявки"), body);
}

namespace {

// The account's console language. Each language is named in itself (marked with its lang, so
// that a reader's tools and the language tests know it), as language pickers do.
std::string LanguageFormHtml(const app::SessionInfo& session) {
  static constexpr std::pair<Language, std::string_view> kEndonyms[] = {
      {Language::kRu, "Русский"}, {Language::kUk, "Українська"}, {Language::kEn, "English"}};
  std::string options;
  for (const auto& [language, name] : kEndonyms) {
    options += fmt::format("<option value=\"{0}\" lang=\"{0}\"{1}>{2}</option>", ToString(language),
                           language == session.console_language ? " selected" : "", name);
  }
  return fmt::format(
      "<h2>{}</h2><form method=\"post\" action=\"/console/security/language\">"
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><label for=\"console-language\">{}"
      "</label><select id=\"console-language\" name=\"language\">{}</select>"
      "<button type=\"submit\">{}</button></form>",
      T("Язык консоли"), HtmlEscape(session.csrf_token),
      T("На каком языке консоль говорит с вами (только с вами: заявителям пишут на их языке)"),
      options, T("Сменить язык"));
}

}  // namespace

std::string ConsoleSecurityPage(const app::SessionInfo& session, const SecurityView& v) {
  const std::string csrf = HtmlEscape(session.csrf_token);
  std::string body = Header(session) + fmt::format("<h1>{}</h1>", T("Безопасность"));
  if (session.must_choose_password) {
    body += fmt::format(
        "<p class=\"error\" role=\"alert\" id=\"must-choose\">{}</p>",
        T("Администратор сбросил ваш пароль. Задайте свой пароль, затем снова настройте второй "
          "фактор: до тех пор другие разделы консоли закрыты."));
  } else if (session.must_enrol_second_factor) {
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>",
                        T("Нужен второй фактор: настройте его, чтобы продолжить работу."));
  }
  if (!v.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(v.error));
  if (v.password_changed)
    body += fmt::format("<p id=\"password-changed\">{}</p>", T("Пароль изменён."));
  body += fmt::format(
      "<h2>{}</h2><form method=\"post\" action=\"/console/security/password\" "
      "autocomplete=\"off\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">",
      T("Пароль"), csrf);
  if (!session.must_choose_password) {
    body += fmt::format(
        "<label for=\"current-password\">{}</label><input id=\"current-password\" "
        "name=\"current_password\" type=\"password\" autocomplete=\"current-password\" "
        "required>",
        T("Текущий пароль"));
  }
  body += fmt::format(
      "<label for=\"new-password\">{}</label><input "
      "id=\"new-password\" name=\"new_password\" type=\"password\" minlength=\"12\" "
      "autocomplete=\"new-password\" required><label for=\"repeat-password\">{}</label>"
      "<input id=\"repeat-password\" name=\"repeat_password\" type=\"password\" "
      "minlength=\"12\" autocomplete=\"new-password\" required><button type=\"submit\">{}"
      "</button></form>",
      T("Новый пароль (не короче 12 символов)"), T("Новый пароль ещё раз"), T("Сменить пароль"));
  body += fmt::format("<h2>{}</h2>", T("Второй фактор (одноразовые коды)"));
  if (session.must_choose_password) {
    body += fmt::format("<p id=\"second-factor\">{}</p>",
                        T("Настраивается после того, как вы зададите пароль."));
  } else if (!v.recovery_codes.empty()) {
    body += fmt::format("<p>{}</p><ul id=\"recovery-codes\">",
                        T("Второй фактор включён. Коды восстановления — каждый действует один раз. "
                          "Сохраните их сейчас: больше они не будут показаны."));
    for (const auto& code : v.recovery_codes)
      body += fmt::format("<li><code>{}</code></li>", HtmlEscape(code));
    body += "</ul>";
  } else if (!v.qr_svg.empty()) {
    body += fmt::format(
        "<p>{}</p>{}"
        "<p>{} <code id=\"secret\">{}</code></p>"
        "<form method=\"post\" action=\"/console/security/confirm\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\">"
        "<label for=\"code\">{}</label><input id=\"code\" name=\"code\" "
        "inputmode=\"numeric\" "
        "autocomplete=\"one-time-code\" maxlength=\"6\" required><button "
        "type=\"submit\">{}</button></form>",
        T("Отсканируйте код приложением-аутентификатором или введите ключ вручную."), v.qr_svg,
        T("Ключ:"), HtmlEscape(v.secret_base32), csrf, T("Код из приложения"), T("Подтвердить"));
  } else if (v.enabled) {
    body += fmt::format(
        "<p id=\"second-factor\">{}</p><form method=\"post\" "
        "action=\"/console/security/disable\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><label for=\"disable-code\">{}"
        "</label>"
        "<input id=\"disable-code\" name=\"code\" maxlength=\"20\" required>"
        "<button type=\"submit\">{}</button></form>",
        T("Включён."), csrf, T("Код для отключения"), T("Отключить второй фактор"));
  } else {
    body += fmt::format(
        "<p id=\"second-factor\">{}</p><form method=\"post\" "
        "action=\"/console/security/begin\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\">{}"
        "</button></form>",
        T("Не включён."), csrf, T("Настроить второй фактор"));
  }
  if (app::Require(session.actor, app::Permission::kManageSettings).ok()) {
    body += fmt::format(
        "<h2>{}</h2><form method=\"post\" "
        "action=\"/console/security/require\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><input type=\"hidden\" "
        "name=\"required\" value=\"{}\">"
        "<p>{}</p><button type=\"submit\">{}</button></form>",
        T("Для всех учётных записей"), csrf, v.required ? "no" : "yes",
        v.required ? T("Второй фактор обязателен для всех.")
                   : T("Второй фактор не обязателен для всех."),
        v.required ? T("Сделать необязательным") : T("Сделать обязательным для всех"));
  }
  body += LanguageFormHtml(session);
  body += fmt::format(
      "<h2>{}</h2><form method=\"post\" action=\"/console/logout-everywhere\">"
      "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\">{}"
      "</button></form>",
      T("Сеансы"), csrf, T("Выйти на всех устройствах"));
  return console::ConsolePage(T("Консоль — безопасность"), body);
}

std::string PasswordErrorRu(const Error& error) {
  if (error.code == ErrorCode::kRateLimited)
    return std::string(T("Слишком много неверных паролей подряд: подождите и повторите."));
  if (error.field == "current_password") return std::string(T("Текущий пароль введён неверно."));
  if (error.field == "repeat_password")
    return std::string(T("Новые пароли не совпадают: введите их ещё раз."));
  if (error.field == "new_password" && error.message.starts_with("choose a password other"))
    return std::string(T("Новый пароль должен отличаться от нынешнего."));
  if (error.field == "new_password")
    return std::string(T("Новый пароль должен быть не короче 12 символов."));
  return std::string(T("Пароль не изменён: войдите снова и повторите."));
}

std::string ConsoleTodayPage(const app::SessionInfo& session, const app::WorkQueue& queue) {
  std::string body =
      Header(session) + fmt::format("<h1>{}</h1><h2>{}</h2>", T("Дела на сегодня"), T("Задачи"));
  if (queue.tasks.empty()) body += fmt::format("<p>{}</p>", T("Задач на ближайшие сутки нет."));
  if (!queue.tasks.empty()) {
    body += fmt::format(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th></th>"
        "</tr></thead><tbody>",
        T("Когда"), T("Что"), T("Заявка"), T("Статус"));
  }
  for (const auto& q : queue.tasks) {
    const bool overdue = q.task.due_at < queue.now;
    body += fmt::format(
        "<tr class=\"{}\"><td>{}{}</td><td>{}</td><td><a "
        "href=\"/console/cases/{}\">{}</a></td>"
        "<td>{}</td><td><form class=\"inline\" method=\"post\" action=\"/console/tasks/{}/done\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><button "
        "type=\"submit\">{}</button></form></td></tr>",
        overdue ? "overdue" : "due", UtcTime(q.task.due_at),
        overdue ? fmt::format(" ({})", T("просрочено")) : std::string(), TaskKindRu(q.task.kind),
        q.summary.id, TF("№ {}", q.summary.id), StatusRu(q.summary), q.task.id,
        HtmlEscape(session.csrf_token), T("Сделано"));
  }
  if (!queue.tasks.empty()) body += "</tbody></table>";
  body += fmt::format("<h2>{}</h2>", T("Скоро отправка"));
  if (queue.deploying_soon.empty())
    body += fmt::format("<p>{}</p>", T("Заявок с отправкой в ближайшие две недели нет."));
  for (const auto& c : queue.deploying_soon) {
    body +=
        fmt::format("<p><a href=\"/console/cases/{}\">{}</a>: {} · {}</p>", c.id, TF("№ {}", c.id),
                    TF("отправка {}", FormatIsoDate(*c.clear.deploy_by)), StatusRu(c));
  }
  return console::ConsolePage(T("Дела на сегодня"), body);
}

namespace {

// Why a case is in the results, in the console's words: "имя — точно; часть — с опечаткой".
std::string MatchReasonRu(const app::SearchItem& item) {
  if (item.by_contact) return std::string(T("контакт"));
  static constexpr std::array<std::string_view, 4> kFields = {Marked("сообщение"), Marked("место"),
                                                              Marked("часть"), Marked("имя")};
  static constexpr std::array<std::string_view, 5> kKinds = {
      Marked("начало слова"), Marked("с двумя опечатками"), Marked("с опечаткой"),
      Marked("другая форма имени"), Marked("точно")};
  std::string reasons;
  for (const auto& m : item.words) {
    if (!reasons.empty()) reasons += "; ";
    reasons += m ? fmt::format("{} — {}", T(kFields[static_cast<std::size_t>(m->field)]),
                               T(kKinds[static_cast<std::size_t>(m->kind)]))
                 : std::string(T("нет слова"));
  }
  return reasons;
}

}  // namespace

std::string ConsoleSearchPage(const app::SessionInfo& session, const app::SearchQuery& query,
                              const app::SearchPage* page, const std::string& error) {
  std::string body = Header(session) + fmt::format("<h1>{}</h1>", T("Поиск"));
  body += fmt::format(
      "<form method=\"post\" action=\"/console/search\"><input type=\"hidden\" name=\"csrf\" "
      "value=\"{}\">"
      "<label for=\"q\">{}</label>"
      "<input id=\"q\" name=\"q\" maxlength=\"200\" value=\"{}\" autofocus accesskey=\"f\">"
      "<button type=\"submit\">{}</button></form>",
      HtmlEscape(session.csrf_token),
      T("Имя, часть, место, слова из сообщения (любым алфавитом), телефон или "
        "@имя пользователя"),
      HtmlEscape(query.text), T("Найти"));
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  if (page) {
    body += fmt::format(
        "<p>{}{}</p>",
        TF("Найдено: {}, из них со всеми словами: {}",
           fmt::format("<span id=\"total\">{}</span>", page->total),
           fmt::format("<span id=\"complete\">{}</span>", page->complete)),
        page->index_complete
            ? ""
            : fmt::format(" ({})", TF("поиск ещё индексирует заявки, готово {}; ответ может быть "
                                      "неполным",
                                      page->indexed_cases)));
    body += "<ol class=\"results\" start=\"" + std::to_string(query.offset + 1) + "\">";
    for (const auto& item : page->items) {
      const auto& c = item.summary;
      body += fmt::format(
          "<li class=\"result\"><a href=\"/console/cases/{}\">{}</a> · {} · {} · "
          "<span class=\"why\">{}</span></li>",
          c.id, TF("№ {}", c.id), FormatIsoDate(c.received_on), StatusRu(c),
          HtmlEscape(MatchReasonRu(item)));
    }
    body += "</ol>";
    const auto next = query.offset + static_cast<int>(page->items.size());
    if (!page->items.empty() && next < page->total) {
      body += fmt::format(
          "<form method=\"post\" action=\"/console/search\"><input type=\"hidden\" "
          "name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"q\" value=\"{}\">"
          "<input type=\"hidden\" name=\"offset\" value=\"{}\">"
          "<button type=\"submit\" id=\"next\">{}</button></form>",
          HtmlEscape(session.csrf_token), HtmlEscape(query.text), next, T("Следующие"));
    }
  }
  return console::ConsolePage(T("Поиск"), body);
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
  for (auto [id, title] : {std::pair{"chart-by-channel", Marked("Заявки по дням и каналам")},
                           {"chart-by-situation", Marked("Заявки по дням и положению")},
                           {"chart-funnel", Marked("Воронка: заявки → проверены → перешли")},
                           {"chart-backlog", Marked("Открытые заявки по возрасту (дней)")}}) {
    html += fmt::format(
        "<figure><figcaption>{1}</figcaption><div class=\"chart\"><canvas id=\"{0}\" role=\"img\" "
        "aria-label=\"{1}\"></canvas></div></figure>",
        id, T(title));
  }
  return html + "</section><script type=\"application/json\" id=\"statistics-data\">" + json +
         "</script><script src=\"/console/assets/chart.umd.min.js\" defer></script>"
         "<script src=\"/console/assets/statistics.js\" defer></script>";
}

// A section's heading, then its cells.
std::string BarSection(std::string_view heading, const std::vector<Cell>& cells) {
  return fmt::format("<h2>{}</h2>", heading) + BarTable(cells);
}

// The statistics as tables, the same on the page and in the report to print.
std::string StatisticsTables(const app::StatisticsReport& r) {
  std::string html = BarSection(T("Воронка"), r.funnel);
  html += BarSection(T("Открытые заявки по возрасту"), r.backlog_by_age);
  std::vector<Cell> totals;
  for (const auto& d : r.days) totals.push_back({FormatIsoDate(d.day), d.total});
  html += BarSection(T("Заявки по дням"), totals);
  if (!r.days.empty()) {
    html += BarSection(T("Сегодня по каналам"), r.days.back().by_channel);
    html += BarSection(T("Сегодня по положению"), r.days.back().by_situation);
  }
  return html;
}

}  // namespace

std::string ConsoleStatisticsReportPage(const app::StatisticsReport& r, int days,
                                        std::chrono::sys_seconds made_at) {
  std::string body = fmt::format(
      "<div class=\"report\" id=\"statistics-report\"><h1>{}</h1>"
      "<p>{} {} {}</p><p class=\"no-print\"><a href=\"/console/statistics\">← {}</a> · {}</p>",
      TF("lifeline: статистика за {} дн.", days), TF("Составлено {}.", UtcTime(made_at)),
      TF("Только суммы: каждая ячейка меньше 10 скрыта и показана как «{}», а не нулём; рядом с "
         "единственной скрытой скрыта и наименьшая другая, чтобы её нельзя было вычесть из "
         "итога.",
         "&lt;10"),
      T("Обстоятельства пленения не учитываются: перешедшие считаются «в плену»."),
      T("к статистике"), T("чтобы сохранить PDF, напечатайте страницу (Ctrl+P)"));
  body += fmt::format("<h2>{}</h2><p>{}</p>", T("Сегодня"),
                      TF("Заявок сегодня: {}", r.today ? std::to_string(*r.today) : "&lt;10"));
  body += StatisticsTables(r);
  return console::ConsolePage(T("Отчёт: статистика"), body + "</div>");
}

std::string ConsoleStatisticsPage(const app::SessionInfo& session, const app::StatisticsReport& r,
                                  std::string_view report_json) {
  const std::string csv_link = "<a href=\"/console/statistics.csv\" id=\"statistics-csv\">";
  std::string body =
      Header(session) +
      fmt::format(
          "<h1>{}</h1><p class=\"hint\">{} {} <a href=\"/console/statistics/report\" "
          "id=\"statistics-report-link\">{}</a>.</p>",
          T("Статистика"),
          TF("Только суммы; ячейки меньше 10 скрыты («{}»), на графиках отмечены серым "
             "крестом, а не нулём.",
             "&lt;10"),
          TF("{}Скачать CSV{} (за 28 дней; скрытые ячейки — «{}»).", csv_link, "</a>", "&lt;10"),
          T("Отчёт для печати"));
  body += fmt::format(
      "<h2>{}</h2><p id=\"surge\">{}{}{}</p>", T("Сегодня"),
      TF("Заявок сегодня: {}", r.today ? std::to_string(*r.today) : "&lt;10"),
      r.trailing_mean ? fmt::format(" ({})", TF("обычно {:.1f} в день", *r.trailing_mean)) : "",
      r.surge ? fmt::format(" — <strong>{}</strong>", T("всплеск")) : "");
  body += ChartsHtml(report_json);
  body += StatisticsTables(r);
  return console::ConsolePage(T("Статистика"), body);
}

std::string ConsoleAdminPage(const app::SessionInfo& session) {
  std::string body =
      Header(session) +
      fmt::format(
          "<h1>{}</h1><ul id=\"admin-menu\">"
          "<li><a href=\"/console/accounts\">{}</a>: {}</li>"
          "<li><a href=\"/console/security\">{}</a>: {}</li>",
          T("Администрирование"), T("Учётные записи"),
          T("отключить и включить, сбросить пароль, снять задержку входа, последний вход"),
          T("Безопасность"),
          T("второй фактор для всех учётных записей, ваш второй фактор, выход на всех "
            "устройствах"));
  if (app::Require(session.actor, app::Permission::kManagePartners).ok()) {
    body += fmt::format("<li><a href=\"/console/partners\">{}</a>: {}</li>", T("Партнёры"),
                        T("ключи организаций, которым запечатываются направления"));
  }
  body += fmt::format("</ul><p class=\"hint\">{} {}</p>", T("Администратор не читает заявки."),
                      TF("Новые учётные записи добавляет команда {} на сервере офиса.",
                         "<code>lifeline user add</code>"));
  return console::ConsolePage(T("Консоль — администрирование"), body);
}

}  // namespace lifeline::server
