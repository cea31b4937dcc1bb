#include "server/accounts/account_pages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "server/console_common.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

using console::Header;
using console::RoleRu;

std::string StateRu(const app::AccountView& a) {
  if (a.disabled) return "отключена";
  switch (a.password) {
    case app::PasswordStage::kMustChoose:
      return "пароль сброшен: ждёт входа";
    case app::PasswordStage::kMustEnrol:
      return "ждёт второго фактора";
    case app::PasswordStage::kInUse:
      break;
  }
  return "действует";
}

std::string LockRu(std::chrono::seconds wait) {
  if (wait.count() <= 0) return "—";
  const auto minutes = std::max<std::int64_t>(1, (wait.count() + 59) / 60);
  return fmt::format("задержан ещё на {} мин", minutes);
}

std::string RefusalRu(const Error& e) {
  switch (e.code) {
    case ErrorCode::kConflict:
      return "Свою учётную запись нельзя отключить или сбросить здесь: это делает другой "
             "администратор, а пароль и второй фактор меняются на странице «Безопасность».";
    case ErrorCode::kNotFound:
      return "Такой учётной записи нет.";
    case ErrorCode::kForbidden:
      return "Ваша роль не позволяет это.";
    default:
      return "Не получилось: попробуйте ещё раз.";
  }
}

std::string NoticeHtml(const AccountsNotice& notice,
                       const std::vector<app::AccountView>& accounts) {
  if (notice.error) {
    return fmt::format("<p class=\"error\" role=\"alert\">{}</p>",
                       HtmlEscape(RefusalRu(*notice.error)));
  }
  const auto it = std::find_if(accounts.begin(), accounts.end(), [&](const app::AccountView& a) {
    return a.id == notice.account_id;
  });
  if (notice.done.empty() || it == accounts.end()) return {};
  const std::string name = HtmlEscape(it->name);
  if (notice.reset) {
    return fmt::format(
        "<div class=\"notice\" role=\"status\" id=\"reset-notice\"><p>Одноразовый пароль для "
        "«{}»: <code id=\"one-time-password\">{}</code></p><p>Действует до {}. Он показан "
        "один раз: передайте его лично или по надёжному каналу. Войдя с ним, человек задаст "
        "свой пароль и заново настроит второй фактор; прежние сеансы завершены.</p></div>",
        name, HtmlEscape(notice.reset->one_time_password),
        console::UtcTime(notice.reset->valid_until));
  }
  std::string what;
  if (notice.done == "disable") what = "отключена, её сеансы завершены";
  if (notice.done == "enable") what = "снова включена";
  if (notice.done == "unlock") what = "разблокирована: задержка входа снята";
  if (what.empty()) return {};
  return fmt::format("<p role=\"status\" id=\"done-notice\">Учётная запись «{}» {}.</p>", name,
                     what);
}

std::string ActionForm(std::int64_t id, std::string_view action, std::string_view label,
                       const std::string& csrf) {
  return fmt::format(
      "<form method=\"post\" action=\"/console/accounts/{}/{}\" class=\"inline\"><input "
      "type=\"hidden\" name=\"csrf\" value=\"{}\"><button type=\"submit\">{}</button></form>",
      id, action, csrf, label);
}

}  // namespace

std::string ConsoleAccountsPage(const app::SessionInfo& session,
                                const std::vector<app::AccountView>& accounts,
                                const AccountsNotice& notice) {
  const std::string csrf = HtmlEscape(session.csrf_token);
  std::string body = Header(session) + "<h1>Учётные записи</h1>" + NoticeHtml(notice, accounts);
  body +=
      "<table id=\"accounts\"><thead><tr><th>Имя</th><th>Роль</th><th>Состояние</th>"
      "<th>Второй фактор</th><th>Последний вход</th><th>Вход после неудач</th><th></th>"
      "</tr></thead><tbody>";
  for (const auto& a : accounts) {
    const bool self = a.id == session.actor.user_id;
    std::string actions;
    if (!self) {
      actions += a.disabled ? ActionForm(a.id, "enable", "Включить", csrf)
                            : ActionForm(a.id, "disable", "Отключить", csrf);
      actions += ActionForm(a.id, "reset", "Сбросить пароль", csrf);
    }
    if (a.locked_for.count() > 0) actions += ActionForm(a.id, "unlock", "Разблокировать", csrf);
    body += fmt::format(
        "<tr data-account=\"{}\"><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>",
        HtmlEscape(a.name), HtmlEscape(a.name), self ? " (вы)" : "", RoleRu(a.role), StateRu(a),
        a.second_factor ? "есть" : "нет",
        a.last_sign_in ? console::UtcTime(*a.last_sign_in) : std::string("не входил(а)"),
        LockRu(a.locked_for), actions);
  }
  body +=
      "</tbody></table><p class=\"hint\">Отключённая учётная запись не входит, её сеансы "
      "завершаются сразу. Сброс пароля выдаёт одноразовый пароль на 72 часа и удаляет второй "
      "фактор. «Разблокировать» снимает задержку после неудачных попыток входа. Каждое действие "
      "записывается в журнал аудита. Новые учётные записи добавляет команда <code>lifeline "
      "user add</code> на сервере офиса.</p>";
  return HtmlPage("ru", "Консоль — учётные записи", body);
}

}  // namespace lifeline::server
