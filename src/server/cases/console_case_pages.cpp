// The console's pages about one case: the case itself (fields, timeline, workflow form,
// replies), the claim page and the sealed custody circumstance.

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdlib>
#include <string_view>

#include "domain/contact_window.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/http.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

// A link to case `id`: "№ 12".
std::string CaseLink(std::int64_t id) {
  return fmt::format("<a href=\"/console/cases/{}\">{}</a>", id, TF("№ {}", id));
}

std::string TimelineHtml(const app::CaseDetails& d) {
  std::string html = fmt::format("<h2>{}</h2>", T("Ход заявки"));
  if (d.timeline.empty()) return html + fmt::format("<p>{}</p>", T("Статус ещё не менялся."));
  html += "<ol class=\"timeline\">";
  for (const auto& e : d.timeline) {
    html += fmt::format("<li><time>{}</time> {}: {} → {}{}</li>", UtcTime(e.at),
                        HtmlEscape(e.actor_name), StatusLabelRu(e.from), StatusLabelRu(e.to),
                        e.reason.empty() ? "" : " — " + HtmlEscape(e.reason));
  }
  return html + "</ol>";
}

// Offers only the moves this reader may make now; the version catches a colleague's change
// made since the page was opened.
std::string StatusFormHtml(const app::SessionInfo& session, const app::CaseDetails& d) {
  if (d.next.empty()) return "";
  bool crossing = false;
  std::string options;
  for (const auto& t : d.next) {
    crossing |= t.to == CaseStatus::kCrossed;
    options +=
        fmt::format("<option value=\"{}\">{}{}</option>", ToString(t.to), StatusLabelRu(t.to),
                    t.reason_required ? fmt::format(" ({})", T("нужна причина")) : "");
  }
  std::string html = fmt::format(
      "<form method=\"post\" action=\"/console/cases/{}/status\"><input type=\"hidden\" "
      "name=\"csrf\" "
      "value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\">"
      "<label for=\"to\">{}</label><select id=\"to\" name=\"to\" "
      "accesskey=\"s\">{}</select>"
      "<label for=\"reason\">{}</label>"
      "<textarea id=\"reason\" name=\"reason\" maxlength=\"1000\"></textarea>",
      d.summary.id, HtmlEscape(session.csrf_token), d.version, T("Новый статус"), options,
      T("Причина (видна только сотрудникам)"));
  if (crossing) {
    html += fmt::format(
        "<fieldset><legend>{}</legend>"
        "<label><input type=\"radio\" name=\"circumstance\" value=\"captured\"> {}</label>"
        "<label><input type=\"radio\" name=\"circumstance\" value=\"voluntary_surrender\"> "
        "{}</label></fieldset>",
        T("При переходе: как человек оказался в плену (закрытое поле)"), T("захвачен"),
        T("добровольная сдача"));
  }
  return html + fmt::format("<button type=\"submit\">{}</button></form>", T("Изменить статус"));
}

// When the applicant may be called, in UTC and in his time. Outside a window the banner
// says so first, in words an operator on a call cannot miss.
std::string ContactHtml(const app::CaseDetails& d) {
  const int offset = d.fields.utc_offset_minutes;
  if (d.windows.empty()) {
    return fmt::format("<p class=\"hint\" id=\"contact-now\">{}</p>",
                       T("Заявитель не указал безопасное время связи."));
  }
  std::string html;
  const auto& first = d.windows.front();
  if (d.inside_window_now) {
    html = fmt::format(
        "<p class=\"notice\" id=\"contact-now\">{}</p>",
        TF("Сейчас безопасное время связи: до {}.", UtcAndApplicantTime(first.end, offset)));
  } else {
    html = fmt::format("<p class=\"error\" role=\"alert\" id=\"contact-now\">{}</p>",
                       TF("Сейчас НЕ связывайтесь. Ближайшее окно: {}.",
                          UtcAndApplicantTime(first.start, offset)));
  }
  return html;
}

// Signals with their reasons; they never decide, a verifier does.
std::string ScreeningHtml(const app::CaseDetails& d) {
  if (!d.screening) return "";
  std::string html = fmt::format(
      "<h2>{}</h2><p id=\"screening\">{}{}</p>", T("Проверка на провокацию"),
      TF("Оценка {}", d.screening->score),
      d.screening->needs_review ? fmt::format(" · {}", T("в очереди на проверку")) : "");
  if (d.screening->signals.empty())
    html += fmt::format("<p class=\"hint\">{}</p>", T("Сигналов нет."));
  if (!d.screening->signals.empty()) {
    html += "<ul class=\"signals\">";
    for (const auto& s : d.screening->signals) {
      html +=
          fmt::format("<li>+{} {}: {}</li>", s.weight, HtmlEscape(s.code), HtmlEscape(s.reason));
    }
    html += "</ul>";
  }
  return html;
}

// Likely duplicates, each with a form that merges this case into it (both histories stay).
std::string DuplicatesHtml(const app::SessionInfo& session, const app::CaseDetails& d) {
  std::string html;
  if (d.merged_into) {
    html += fmt::format("<p>{}</p>", TF("Объединена с заявкой {}.", CaseLink(*d.merged_into)));
  }
  for (auto from : d.merged_from)
    html += fmt::format("<p>{}</p>", TF("С ней объединена заявка {}.", CaseLink(from)));
  if (d.duplicates.empty()) return html;
  html += fmt::format("<h2>{}</h2>", T("Возможные дубликаты"));
  for (const auto& p : d.duplicates) {
    std::string reasons;
    for (const auto& r : p.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    html += fmt::format(
        "<p class=\"duplicate\">{0}: {1} "
        "<form class=\"inline\" method=\"post\" action=\"/console/cases/{2}/merge\"><input "
        "type=\"hidden\" "
        "name=\"csrf\" value=\"{3}\"><input type=\"hidden\" name=\"version\" value=\"{4}\"><input "
        "type=\"hidden\" "
        "name=\"into\" value=\"{5}\"><button type=\"submit\">{6}</button></form></p>",
        CaseLink(p.case_id), HtmlEscape(reasons), d.summary.id, HtmlEscape(session.csrf_token),
        d.version, p.case_id, TF("Объединить с № {}", p.case_id));
  }
  return html;
}

// Tasks, and a form whose times are only the applicant's next windows (for a contact) or
// plain reminders: there is no free time field with which to schedule a call by mistake.
std::string TasksHtml(const app::SessionInfo& session, const app::CaseDetails& d) {
  std::string html = fmt::format("<h2>{}</h2>", T("Задачи"));
  if (d.tasks.empty()) html += fmt::format("<p>{}</p>", T("Задач нет."));
  for (const auto& t : d.tasks) {
    // A call is made on his clock too; a reminder is the office's own.
    const std::chrono::sys_seconds due{std::chrono::seconds{t.due_at}};
    html += fmt::format("<p class=\"task\">{} · {}{}{}",
                        t.kind == TaskKind::kContact
                            ? UtcAndApplicantTime(due, d.fields.utc_offset_minutes)
                            : UtcTime(due),
                        TaskKindRu(t.kind), t.note.empty() ? "" : " — " + HtmlEscape(t.note),
                        t.done_at ? fmt::format(" · {}", T("сделано")) : "");
    if (!t.done_at) {
      html += fmt::format(
          " <form class=\"inline\" method=\"post\" action=\"/console/tasks/{}/done\"><input "
          "type=\"hidden\" "
          "name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"back\" "
          "value=\"/console/cases/{}\">"
          "<button type=\"submit\">{}</button></form>",
          t.id, HtmlEscape(session.csrf_token), d.summary.id, T("Сделано"));
    }
    html += "</p>";
  }
  std::string when = fmt::format("<option value=\"\">{}</option>",
                                 T("ближайшее окно (для связи) или через сутки"));
  for (const auto& w : d.windows) {
    when += fmt::format("<option value=\"{}\">{}</option>", w.start.time_since_epoch().count(),
                        TF("окно: {}", UtcAndApplicantTime(w.start, d.fields.utc_offset_minutes)));
  }
  html += fmt::format(
      "<form method=\"post\" action=\"/console/cases/{}/tasks\"><input type=\"hidden\" "
      "name=\"csrf\" value=\"{}\">"
      "<label for=\"kind\">{}</label><select id=\"kind\" name=\"kind\"><option "
      "value=\"contact\">{}</option>"
      "<option value=\"check\">{}</option><option value=\"other\">{}</option></select>"
      "<label for=\"due_at\">{}</label><select id=\"due_at\" name=\"due_at\">{}</select>"
      "<label for=\"note\">{}</label><input id=\"note\" "
      "name=\"note\" maxlength=\"500\">"
      "<button type=\"submit\">{}</button></form>",
      d.summary.id, HtmlEscape(session.csrf_token), T("Задача"), T("связаться"), T("проверить"),
      T("другое"), T("Когда"), when, T("Заметка (видна только сотрудникам)"), T("Добавить задачу"));
  return html;
}

}  // namespace

std::string ConsoleClaimPage(const app::SessionInfo& session, std::int64_t case_id,
                             const std::string& reason) {
  std::string body = Header(session);
  body += fmt::format(
      "<h1>{0}</h1><p class=\"error\" role=\"alert\">{1}</p>"
      "<form method=\"post\" action=\"/console/cases/{2}/claim\"><input type=\"hidden\" "
      "name=\"csrf\" value=\"{3}\">"
      "<p class=\"hint\">{4}</p>"
      "<button type=\"submit\">{5}</button></form><p><a href=\"/console/\">{6}</a></p>",
      TF("Заявка № {}", case_id), HtmlEscape(reason), case_id, HtmlEscape(session.csrf_token),
      T("Взятая заявка видна только вам (и проверяющим); её открытие записывается в журнал."),
      T("Взять заявку"), T("К списку"));
  return console::ConsolePage(TF("Заявка № {}", case_id), body);
}

namespace {

std::string_view ReplyStateRu(const app::QueuedReplyView& r) {
  switch (r.state) {
    case channels::OutboundState::kQueued:
      return r.not_before ? T("ждёт безопасного окна") : T("ждёт, когда заявитель снова напишет");
    case channels::OutboundState::kDue:
      return T("отправляется");
    case channels::OutboundState::kSent:
      return T("отправлен");
    case channels::OutboundState::kFailed:
      return T("не отправлен: шлюз отказал");
    case channels::OutboundState::kDelivered:
      return T("доставлен на телефон");
    case channels::OutboundState::kUndelivered:
      return T("не доставлен на телефон");
  }
  return "";
}

// The reply box of a case that came in by SMS or a messenger: what is queued for his phone,
// the SMS part counter (console.js asks /api/v1/sms-parts as the operator types), and the
// block button for those who may block.
std::string ChannelConversationHtml(const app::SessionInfo& session, std::int64_t case_id,
                                    const app::ConversationView& conversation) {
  const bool sms = conversation.channel == ContactChannel::kSms;
  std::string html = fmt::format(
      "<section id=\"channel\" data-channel=\"{}\"><h3>{}</h3>", ToString(conversation.channel),
      TF("Ответы на телефон ({})", sms ? std::string_view("SMS") : T("мессенджер")));
  if (conversation.stopped) {
    html += fmt::format(
        "<p class=\"error\" id=\"channel-stopped\">{}</p>",
        T("Заявитель отправил STOP: его адрес уничтожен, ответ до него не дойдёт. Ответить можно "
          "только через веб-страницу по квитанции."));
  } else if (conversation.blocked) {
    html += fmt::format("<p class=\"error\" id=\"channel-blocked\">{}</p>",
                        T("Отправитель заблокирован: ему ничего не отправляется."));
  }
  if (conversation.replies.empty()) {
    html += fmt::format("<p class=\"hint\">{}</p>", T("Ответов на телефон ещё не было."));
  } else {
    html += "<ul id=\"channel-replies\">";
    for (const auto& r : conversation.replies) {
      html += fmt::format("<li data-state=\"{}\">{} · {}{}</li>", channels::ToString(r.state),
                          UtcTime(r.created_at), ReplyStateRu(r),
                          r.not_before && r.state == channels::OutboundState::kQueued
                              ? fmt::format(" ({})", TF("не раньше {}", UtcTime(*r.not_before)))
                              : "");
    }
    html += "</ul>";
  }
  if (!conversation.stopped && !conversation.blocked) {
    html += fmt::format(
        "<form method=\"post\" action=\"/console/cases/{}/reply\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\">"
        "<label for=\"text\">{}</label>"
        "<textarea id=\"text\" name=\"text\" maxlength=\"2000\" required{}></textarea>{}"
        "<button type=\"submit\">{}</button></form>",
        case_id, HtmlEscape(session.csrf_token),
        T("Ответ уйдёт на телефон заявителя в его безопасное окно (без окон — когда он снова "
          "напишет). Телефон могут обыскать: пишите коротко, без слов, выдающих, кто пишет."),
        sms ? " data-sms-parts=\"sms-parts\"" : "",
        sms ? "<p class=\"hint\"><output id=\"sms-parts\" aria-live=\"polite\"></output></p>" : "",
        T("Поставить ответ в очередь"));
  }
  if (!conversation.blocked &&
      app::Require(session.actor, app::Permission::kReviewScreening).ok()) {
    html += fmt::format(
        "<form method=\"post\" action=\"/console/cases/{}/block-sender\"><input type=\"hidden\" "
        "name=\"csrf\" "
        "value=\"{}\"><button type=\"submit\" id=\"block-sender\">{}</button>"
        "<span class=\"hint\"> {}</span></form>",
        case_id, HtmlEscape(session.csrf_token), T("Заблокировать отправителя"),
        T("его сообщения будут отбрасываться без ответа (записывается в журнал)"));
  }
  return html + "</section>";
}

}  // namespace

std::string ConsoleCasePage(const app::SessionInfo& session, const app::CaseDetails& d,
                            const std::string& error, const app::ConversationView* conversation) {
  const auto& c = d.summary;
  // The applicant's windows in words, in the applicant's own time, which the page says.
  std::string windows;
  for (const auto& w : d.fields.safe_windows)
    windows += (windows.empty() ? "" : "; ") + DescribeSafeWindow(w, CurrentLanguage());
  if (!windows.empty()) {
    const int offset = d.fields.utc_offset_minutes;
    windows += fmt::format(" ({})", TF("время заявителя, {}",
                                       fmt::format("UTC{}{:02}:{:02}", offset < 0 ? '-' : '+',
                                                   std::abs(offset) / 60, std::abs(offset) % 60)));
  }
  const std::string contact =
      c.clear.contact_channel == ContactChannel::kNone || d.fields.contact_handle.empty()
          ? std::string(ChannelRu(c.clear.contact_channel))
          : fmt::format("{}: {}", ChannelRu(c.clear.contact_channel), d.fields.contact_handle);
  std::string body = Header(session);
  body += fmt::format("<h1>{}</h1><dl>", TF("Заявка № {}", c.id));
  // One term and its value; `dd_attributes` (with a leading space) for the <dd>.
  const auto field = [&body](std::string_view term, std::string_view value,
                             std::string_view dd_attributes = "") {
    body += fmt::format("<dt>{}</dt><dd{}>{}</dd>", term, dd_attributes, value);
  };
  field(T("Получена"), FormatIsoDate(c.received_on));
  field(T("Статус"), StatusRu(c));
  field(T("Положение"), SituationRu(c.clear.situation));
  field(T("Группа"), GroupRu(c.clear.group_kind, c.clear.group_size));
  field(T("Отправка"), c.clear.deploy_by ? FormatIsoDate(*c.clear.deploy_by) : "—");
  field(T("Имя"), HtmlEscape(d.fields.name), " id=\"name\"");
  field(T("Звание"), HtmlEscape(d.fields.rank));
  field(T("Часть"), HtmlEscape(d.fields.unit));
  field(T("Где сейчас"), HtmlEscape(d.fields.location));
  field(T("Связь"), HtmlEscape(contact));
  field(T("Когда можно связываться"),
        windows.empty() ? std::string(T("не указано")) : HtmlEscape(windows));
  field(T("Сообщение"), HtmlEscape(d.fields.message), " class=\"message\"");
  body += "</dl>";
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  body += GroupLinkHtml(d) + ContactHtml(d) + ScreeningHtml(d) + DuplicatesHtml(session, d) +
          TimelineHtml(d) + StatusFormHtml(session, d) + TasksHtml(session, d);
  body += fmt::format("<h2>{}</h2>", T("Переписка с заявителем"));
  if (d.messages.empty()) body += fmt::format("<p>{}</p>", T("Сообщений нет."));
  for (const auto& m : d.messages) {
    body +=
        fmt::format("<article class=\"{}\"><p class=\"hint\">{} · {}</p><p>{}</p></article>",
                    m.author_user_id ? "reply" : "applicant-message", FormatIsoDate(m.written_on),
                    m.author_user_id ? T("ответ") : T("от заявителя"), HtmlEscape(m.text));
  }
  if (conversation) {
    body += ChannelConversationHtml(session, c.id, *conversation);
  } else {
    body += fmt::format(
        "<form method=\"post\" action=\"/console/cases/{}/reply\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\">"
        "<label for=\"text\">{}</label>"
        "<textarea id=\"text\" name=\"text\" maxlength=\"2000\" required></textarea>"
        "<button type=\"submit\">{}</button></form>",
        c.id, HtmlEscape(session.csrf_token),
        T("Ответ (заявитель прочтёт его по номеру квитанции)"), T("Отправить ответ"));
  }
  if (app::Require(session.actor, app::Permission::kReadCustody).ok()) {
    body += fmt::format(
        "<h2>{}</h2><p class=\"hint\">{}</p>"
        "<p><a href=\"/console/cases/{}/custody\">{}</a></p>",
        T("Обстоятельства пленения"),
        T("Закрытое поле: его видят только координаторы, каждое прочтение записывается в журнал. "
          "Везде остальное — «в плену»."),
        c.id, T("Открыть или записать"));
  }
  if (app::Require(session.actor, app::Permission::kDeleteCase).ok()) {
    body += fmt::format(
        "<h2>{}</h2><form method=\"post\" action=\"/console/cases/{}/delete\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><p class=\"hint\">{}</p>"
        "<label><input type=\"checkbox\" id=\"delete-confirm\" name=\"confirm\" value=\"yes\" "
        "required> {}</label>"
        "<button type=\"submit\">{}</button></form>",
        T("Удаление"), c.id, HtmlEscape(session.csrf_token),
        T("Ключ заявки будет уничтожен: восстановить её нельзя (кроме как из более старой "
          "резервной копии)."),
        T("Понимаю: заявку нельзя будет восстановить"), T("Удалить заявку навсегда"));
  }
  return console::ConsolePage(TF("Заявка № {}", c.id), body);
}

std::string ConsoleCustodyPage(const app::SessionInfo& session, std::int64_t case_id,
                               const CustodyReading& reading, const std::string& error) {
  std::string body = Header(session);
  body += fmt::format("<h1>{}</h1>", TF("Заявка № {}: обстоятельства пленения", case_id));
  const std::string_view recorded_words =
      !reading.recorded   ? T("ничего")
      : !reading.revealed ? T("записано, скрыто")
      : *reading.revealed == CustodyCircumstance::kVoluntarySurrender ? T("добровольная сдача")
                                                                      : T("захвачен");
  body += fmt::format("<p>{} <strong id=\"circumstance\">{}</strong></p>", T("Записано:"),
                      recorded_words);
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  if (reading.recorded && !reading.revealed &&
      app::Require(session.actor, app::Permission::kReadCustody).ok()) {
    body += fmt::format("<h2>{}</h2><p class=\"hint\">{}</p>", T("Прочтение"),
                        T("Прочитать это поле можно только с согласия второго сотрудника: он "
                          "подтверждает запрос на странице «Согласия». Запрос действует 30 минут "
                          "и открывает одно прочтение."));
    const auto& request = reading.request;
    if (request && request->approved_by) {
      body += fmt::format(
          "<p id=\"approval\">{}</p><form method=\"post\" "
          "action=\"/console/cases/{}/custody/read\">"
          "{}<button type=\"submit\">{}</button></form>",
          TF("Согласие дал {}.", HtmlEscape(*request->approved_by)), case_id, CsrfField(session),
          T("Прочитать один раз"));
    } else if (request) {
      body += fmt::format("<p id=\"approval\">{}</p>",
                          TF("Запрос № {} ждёт согласия второго сотрудника до {}.", request->seq,
                             UtcTime(request->expires_at())));
    } else {
      body += fmt::format(
          "<form method=\"post\" action=\"/console/cases/{}/custody/approval\">{}"
          "<button type=\"submit\">{}</button></form>",
          case_id, CsrfField(session), T("Запросить согласие второго сотрудника"));
    }
  }
  if (app::Require(session.actor, app::Permission::kRecordCustody).ok()) {
    body += fmt::format(
        "<form method=\"post\" action=\"/console/cases/{0}/custody\"><input type=\"hidden\" "
        "name=\"csrf\" "
        "value=\"{1}\"><fieldset><legend>{2}</legend>"
        "<label><input type=\"radio\" name=\"circumstance\" value=\"captured\" required> "
        "{3}</label>"
        "<label><input type=\"radio\" name=\"circumstance\" value=\"voluntary_surrender\"> "
        "{4}</label></fieldset><button type=\"submit\">{5}</button></form>",
        case_id, HtmlEscape(session.csrf_token), T("Как человек оказался в плену"), T("захвачен"),
        T("добровольная сдача"), T("Записать"));
  }
  body += fmt::format("<p><a href=\"/console/cases/{}\">{}</a></p>", case_id, T("К заявке"));
  return console::ConsolePage(TF("Заявка № {}", case_id), body);
}

}  // namespace lifeline::server
