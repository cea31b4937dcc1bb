// The console's safe-callback page: callbacks by status (never their numbers), the form on
// which a coordinator takes a request for a caller, and cancelling one (its number shredded).

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

constexpr std::array kStatuses = {
    contact_centre::CallbackStatus::kPending, contact_centre::CallbackStatus::kDialing,
    contact_centre::CallbackStatus::kConnected, contact_centre::CallbackStatus::kLapsed};

std::string_view StatusRu(contact_centre::CallbackStatus s) {
  switch (s) {
    case contact_centre::CallbackStatus::kPending:
      return T("ждут своего окна");
    case contact_centre::CallbackStatus::kDialing:
      return T("набираются");
    case contact_centre::CallbackStatus::kConnected:
      return T("состоялись");
    case contact_centre::CallbackStatus::kLapsed:
      return T("не состоялись или отменены");
  }
  return "?";
}

std::string RequestFormHtml(const std::string& csrf, const CallbackForm& typed) {
  auto value = [&](const char* name) {
    auto it = typed.find(name);
    return it == typed.end() ? std::string() : HtmlEscape(it->second);
  };
  std::string html = fmt::format(
      "<h2>{}</h2><form method=\"post\" "
      "action=\"/console/callbacks\">{}"
      "<label for=\"callback-number\">{}</label>"
      "<input id=\"callback-number\" name=\"number\" type=\"tel\" autocomplete=\"off\" required>"
      "<label for=\"callback-windows\">{}</label>"
      "<textarea id=\"callback-windows\" name=\"windows\" rows=\"3\" required>{}</textarea>"
      "<label for=\"callback-offset\">{}</label>"
      "<input id=\"callback-offset\" name=\"utc_offset\" value=\"{}\" required>"
      "<label for=\"callback-language\">{}</label><select id=\"callback-language\" "
      "name=\"language\">",
      T("Принять заявку на обратный звонок"), csrf,
      T("Номер (виден только телефонии; здесь не показывается)"),
      T("Когда звонить безопасно, по окну в строке (например, пн-пт 19:00-21:00)"),
      value("windows"), T("Часовой пояс звонящего (например, +03:00)"),
      typed.count("utc_offset") ? value("utc_offset") : "+03:00", T("Язык"));
  for (Language l : contact_centre::kAllLanguages) {
    html += Option(ToString(l), LanguageRu(l), value("language"));
  }
  return html +
         fmt::format("</select><button type=\"submit\">{}</button></form>", T("Запланировать"));
}

}  // namespace

std::string ConsoleCallbacksPage(const app::SessionInfo& session,
                                 contact_centre::CallbackStatus shown,
                                 const std::vector<contact_centre::StoredCallback>& rows,
                                 const CallbackPageNotes& notes) {
  const std::string csrf = fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">",
                                       HtmlEscape(session.csrf_token));
  std::string body = Header(session) + fmt::format("<h1>{}</h1>", T("Обратные звонки"));
  if (!notes.error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(notes.error));
  if (!notes.done.empty())
    body += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", HtmlEscape(notes.done));
  body += fmt::format("<nav class=\"tabs\" aria-label=\"{}\">", T("Состояние"));
  for (auto s : kStatuses) {
    body += s == shown ? fmt::format("<strong>{}</strong> ", StatusRu(s))
                       : fmt::format("<a href=\"/console/callbacks?status={}\">{}</a> ",
                                     contact_centre::ToString(s), StatusRu(s));
  }
  body += "</nav>";
  if (rows.empty()) {
    body += fmt::format("<p id=\"callbacks-empty\">{}</p>", T("Нет."));
  } else {
    body += fmt::format(
        "<table id=\"callbacks\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
        "<th>{}</th><th></th></tr></thead><tbody>",
        T("№"), T("Язык"), T("Принята"), T("Звонить с"), T("до"), T("Попыток"));
    for (const auto& c : rows) {
      std::string action;
      if (c.status == contact_centre::CallbackStatus::kPending) {
        action = fmt::format(
            "<form method=\"post\" action=\"/console/callbacks/{}/cancel\">{}<button "
            "type=\"submit\">"
            "{}</button></form>",
            c.id, csrf, T("Отменить и уничтожить номер"));
      }
      body += fmt::format(
          "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
          c.id, HtmlEscape(c.language), console::UtcTime(c.created_at), console::UtcTime(c.due_at),
          console::UtcTime(c.window_end), c.attempts, action);
    }
    body += "</tbody></table>";
  }
  body += RequestFormHtml(csrf, notes.typed);
  body += fmt::format("<p><a href=\"/console/wallboard\">{}</a></p>", T("К очереди"));
  return console::ConsolePage(T("Обратные звонки"), body);
}

}  // namespace lifeline::server
