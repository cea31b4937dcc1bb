#include "server/accounts/account_pages.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "server/console_common.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {
namespace {

using console::Header;
using console::RoleRu;
using console::T;
using console::TF;

std::string StateRu(const app::AccountView& a) {
  if (a.disabled) return std::string(T("отключена"));
  switch (a.password) {
    case app::PasswordStage::kMustChoose:
      return std::string(T("пароль сброшен: ждёт входа"));
    case app::PasswordStage::kMustEnrol:
      return std::string(T("ждёт второго фактора"));
    case app::PasswordStage::kInUse:
      break;
  }
  return std::string(T("действует"));
}

std::string LockRu(std::chrono::seconds wait) {
  if (wait.count() <= 0) return "—";
  const auto minutes = std::max<std::int64_t>(1, (wait.count() + 59) / 60);
  return TF("задержан ещё на {} мин", minutes);
}

std::string RefusalRu(const Error& e) {
  switch (e.code) {
    case ErrorCode::kConflict:
      return std::string(
          T("Свою учётную запись нельзя отключить или сбросить здесь: это делает другой "
            "администратор, а пароль и второй фактор меняются на странице «Безопасность»."));
    case ErrorCode::kNotFound:
      return std::string(T("Такой учётной записи нет."));
    case ErrorCode::kForbidden:
      return std::string(T("Ваша роль не позволяет это."));
    default:
      return std::string(T("Не получилось: попробуйте ещё раз."));
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
    const std::string password = fmt::format("<code id=\"one-time-password\">{}</code>",
                                             HtmlEscape(notice.reset->one_time_password));
    return fmt::format(
        "<div class=\"notice\" role=\"status\" id=\"reset-notice\"><p>{}</p><p>{}</p></div>",
        TF("Одноразовый пароль для «{}»: {}", name, password),
        TF("Действует до {}. Он показан один раз: передайте его лично или по надёжному каналу. "
           "Войдя с ним, человек задаст свой пароль и заново настроит второй фактор; прежние "
           "сеансы завершены.",
           console::UtcTime(notice.reset->valid_until)));
  }
  std::string what;
  if (notice.done == "disable")
    what = TF("Учётная запись «{}» отключена, её сеансы завершены.", name);
  if (notice.done == "enable") what = TF("Учётная запись «{}» снова включена.", name);
  if (notice.done == "unlock")
    what = TF("Учётная запись «{}» разблокирована: задержка входа снята.", name);
  if (what.empty()) return {};
  return fmt::format("<p role=\"status\" id=\"done-notice\">{}</p>", what);
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
  std::string body = Header(session) + fmt::format("<h1>{}</h1>", T("Учётные записи")) +
                     NoticeHtml(notice, accounts);
  body += fmt::format(
      "<table id=\"accounts\"><thead><tr><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th><th>{}</th><th></th>"
      "</tr></thead><tbody>",
      T("Имя"), T("Роль"), T("Состояние"), T("Второй фактор"), T("Последний вход"),
      T("Вход после неудач"));
  for (const auto& a : accounts) {
    const bool self = a.id == session.actor.user_id;
    std::string actions;
    if (!self) {
      actions += a.disabled ? ActionForm(a.id, "enable", T("Включить"), csrf)
                            : ActionForm(a.id, "disable", T("Отключить"), csrf);
      actions += ActionForm(a.id, "reset", T("Сбросить пароль"), csrf);
    }
    if (a.locked_for.count() > 0) actions += ActionForm(a.id, "unlock", T("Разблокировать"), csrf);
    body += fmt::format(
        "<tr data-account=\"{}\"><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td></tr>",
        HtmlEscape(a.name), HtmlEscape(a.name), self ? fmt::format(" ({})", T("вы")) : "",
        RoleRu(a.role), StateRu(a), a.second_factor ? T("есть") : T("нет"),
        a.last_sign_in ? console::UtcTime(*a.last_sign_in) : std::string(T("не входил(а)")),
        LockRu(a.locked_for), actions);
  }
  body += fmt::format(
      "</tbody></table><p class=\"hint\">{}</p>",
      TF("Отключённая учётная запись не входит, её сеансы завершаются сразу. Сброс пароля выдаёт "
         "одноразовый пароль на 72 часа и удаляет второй фактор. «Разблокировать» снимает "
         "задержку после неудачных попыток входа. Каждое действие записывается в журнал аудита. "
         "Новые учётные записи добавляет команда {} на сервере офиса.",
         "<code>lifeline user add</code>"));
  return console::ConsolePage(T("Консоль — учётные записи"), body);
}

}  // namespace lifeline::server
