// The console's pages about one case: the case itself (fields, timeline, workflow form,
// replies), the claim page and the sealed custody circumstance.

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <cstdlib>

#include "domain/contact_window.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/http.hpp"
#include "server/page.hpp"

namespace lifeline::server {

using namespace console;

namespace {

std::string TimelineHtml(const app::CaseDetails& d) {
  std::string html = "<h2>Ход заявки</h2>";
  if (d.timeline.empty()) return html + "<p>Статус ещё не менялся.</p>";
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
    options += fmt::format("<option value=\"{}\">{}{}</option>", ToString(t.to),
                           StatusLabelRu(t.to), t.reason_required ? " (нужна причина)" : "");
  }
  std::string html = fmt::format(
      "<form method=\"post\" action=\"/console/cases/{}/status\"><input type=\"hidden\" "
      "name=\"csrf\" "
      "value=\"{}\"><input type=\"hidden\" name=\"version\" value=\"{}\">"
      "<label for=\"to\">Новый статус</label><select id=\"to\" name=\"to\" "
      "accesskey=\"s\">{}</select>"
      "<label for=\"reason\">Причина (видна только сотрудникам)</label>"
      "<textarea id=\"reason\" name=\"reason\" maxlength=\"1000\"></textarea>",
      d.summary.id, HtmlEscape(session.csrf_token), d.version, options);
  if (crossing) {
    html +=
        "<fieldset><legend>При переходе: как человек оказался в плену (закрытое поле)</legend>"
        "<label><input type=\"radio\" name=\"circumstance\" value=\"captured\"> захвачен</label>"
        "<label><input type=\"radio\" name=\"circumstance\" value=\"voluntary_surrender\"> "
        "добровольная "
        "сдача</label></fieldset>";
  }
  return html + "<button type=\"submit\">Изменить статус</button></form>";
}

// When the applicant may be called, in UTC and in his time. Outside a window the banner
// says so first, in words an operator on a call cannot miss.
std::string ContactHtml(const app::CaseDetails& d) {
  const int offset = d.fields.utc_offset_minutes;
  if (d.windows.empty()) {
    return "<p class=\"hint\" id=\"contact-now\">Заявитель не указал безопасное время связи.</p>";
  }
  std::string html;
  const auto& first = d.windows.front();
  if (d.inside_window_now) {
    html = fmt::format(
        "<p class=\"notice\" id=\"contact-now\">Сейчас безопасное время связи: до {}.</p>",
        UtcAndApplicantTime(first.end, offset));
  } else {
    html = fmt::format(
        "<p class=\"error\" role=\"alert\" id=\"contact-now\">Сейчас НЕ связывайтесь. "
        "Ближайшее окно: {}.</p>",
        UtcAndApplicantTime(first.start, offset));
  }
  return html;
}

// Signals with their reasons; they never decide, a verifier does.
std::string ScreeningHtml(const app::CaseDetails& d) {
  if (!d.screening) return "";
  std::string html =
      fmt::format("<h2>Проверка на провокацию</h2><p id=\"screening\">Оценка {}{}</p>",
                  d.screening->score, d.screening->needs_review ? " · в очереди на проверку" : "");
  if (d.screening->signals.empty()) html += "<p class=\"hint\">Сигналов нет.</p>";
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
  if (d.merged_into)
    html += fmt::format("<p>Объединена с заявкой <a href=\"/console/cases/{0}\">№ {0}</a>.</p>",
                        *d.merged_into);
  for (auto from : d.merged_from)
    html += fmt::format("<p>С ней объединена заявка <a href=\"/console/cases/{0}\">№ {0}</a>.</p>",
                        from);
  if (d.duplicates.empty()) return html;
  html += "<h2>Возможные дубликаты</h2>";
  for (const auto& p : d.duplicates) {
    std::string reasons;
    for (const auto& r : p.reasons) reasons += (reasons.empty() ? "" : "; ") + r;
    html += fmt::format(
        "<p class=\"duplicate\"><a href=\"/console/cases/{0}\">№ {0}</a>: {1} "
        "<form class=\"inline\" method=\"post\" action=\"/console/cases/{2}/merge\"><input "
        "type=\"hidden\" "
        "name=\"csrf\" value=\"{3}\"><input type=\"hidden\" name=\"version\" value=\"{4}\"><input "
        "type=\"hidden\" "
        "name=\"into\" value=\"{0}\"><button type=\"submit\">Объединить с № "
        "{0}</button></form></p>",
        p.case_id, HtmlEscape(reasons), d.summary.id, HtmlEscape(session.csrf_token), d.version);
  }
  return html;
}

// Tasks, and a form whose times are only the applicant's next windows (for a contact) or
// plain reminders: there is no free time field with which to schedule a call by mistake.
std::string TasksHtml(const app::SessionInfo& session, const app::CaseDetails& d) {
  std::string html = "<h2>Задачи</h2>";
  if (d.tasks.empty()) html += "<p>Задач нет.</p>";
  for (const auto& t : d.tasks) {
    // A call is made on his clock too; a reminder is the office's own.
    const std::chrono::sys_seconds due{std::chrono::seconds{t.due_at}};
    html += fmt::format("<p class=\"task\">{} · {}{}{}",
                        t.kind == TaskKind::kContact
                            ? UtcAndApplicantTime(due, d.fields.utc_offset_minutes)
                            : UtcTime(due),
                        TaskKindRu(t.kind), t.note.empty() ? "" : " — " + HtmlEscape(t.note),
                        t.done_at ? " · сделано" : "");
    if (!t.done_at) {
      html += fmt::format(
          " <form class=\"inline\" method=\"post\" action=\"/console/tasks/{}/done\"><input "
          "type=\"hidden\" "
          "name=\"csrf\" value=\"{}\"><input type=\"hidden\" name=\"back\" "
          "value=\"/console/cases/{}\">"
          "<button type=\"submit\">Сделано</button></form>",
          t.id, HtmlEscape(session.csrf_token), d.summary.id);
    }
    html += "</p>";
  }
  std::string when = "<option value=\"\">ближайшее окно (для связи) или через сутки</option>";
  for (const auto& w : d.windows) {
    when +=
        fmt::format("<option value=\"{}\">окно: {}</option>", w.start.time_since_epoch().count(),
                    UtcAndApplicantTime(w.start, d.fields.utc_offset_minutes));
  }
  html += fmt::format(
      "<form method=\"post\" action=\"/console/cases/{}/tasks\"><input type=\"hidden\" "
      "name=\"csrf\" value=\"{}\">"
      "<label for=\"kind\">Задача</label><select id=\"kind\" name=\"kind\"><option "
      "value=\"contact\">связаться</option>"
      "<option value=\"check\">проверить</option><option value=\"other\">другое</option></select>"
      "<label for=\"due_at\">Когда</label><select id=\"due_at\" name=\"due_at\">{}</select>"
      "<label for=\"note\">Заметка (видна только сотрудникам)</label><input id=\"note\" "
      "name=\"note\" maxlength=\"500\">"
      "<button type=\"submit\">Добавить задачу</button></form>",
      d.summary.id, HtmlEscape(session.csrf_token), when);
  return html;
}

}  // namespace

std::string ConsoleClaimPage(const app::SessionInfo& session, std::int64_t case_id,
                             const std::string& reason) {
  std::string body = Header(session);
  body += fmt::format(
      "<h1>Заявка № {0}</h1><p class=\"error\" role=\"alert\">{1}</p>"
      "<form method=\"post\" action=\"/console/cases/{0}/claim\"><input type=\"hidden\" "
      "name=\"csrf\" value=\"{2}\">"
      "<p class=\"hint\">Взятая заявка видна только вам (и проверяющим); её открытие записывается "
      "в журнал.</p>"
      "<button type=\"submit\">Взять заявку</button></form><p><a href=\"/console/\">К "
      "списку</a></p>",
      case_id, HtmlEscape(reason), HtmlEscape(session.csrf_token));
  return HtmlPage("ru", fmt::format("Заявка № {}", case_id), body);
}

namespace {

std::string_view ReplyStateRu(const app::QueuedReplyView& r) {
  switch (r.state) {
    case channels::OutboundState::kQueued:
      return r.not_before ? "ждёт безопасного окна" : "ждёт, когда заявитель снова напишет";
    case channels::OutboundState::kDue:
      return "отправляется";
    case channels::OutboundState::kSent:
      return "отправлен";
    case channels::OutboundState::kFailed:
      return "не отправлен: шлюз отказал";
    case channels::OutboundState::kDelivered:
      return "доставлен на телефон";
    case channels::OutboundState::kUndelivered:
      return "не доставлен на телефон";
  }
  return "";
}

// The reply box of a case that came in by SMS or a messenger: what is queued for his phone,
// the SMS part counter (console.js asks /api/v1/sms-parts as the operator types), and the
// block button for those who may block.
std::string ChannelConversationHtml(const app::SessionInfo& session, std::int64_t case_id,
                                    const app::ConversationView& conversation) {
  const bool sms = conversation.channel == ContactChannel::kSms;
  std::string html =
      fmt::format("<section id=\"channel\" data-channel=\"{}\"><h3>Ответы на телефон ({})</h3>",
                  ToString(conversation.channel), sms ? "SMS" : "мессенджер");
  if (conversation.stopped) {
    html +=
        "<p class=\"error\" id=\"channel-stopped\">Заявитель отправил STOP: его адрес уничтожен, "
        "ответ "
        "до него не дойдёт. Ответить можно только через веб-страницу по квитанции.</p>";
  } else if (conversation.blocked) {
    html +=
        "<p class=\"error\" id=\"channel-blocked\">Отправитель заблокирован: ему ничего не "
        "отправляется.</p>";
  }
  if (conversation.replies.empty()) {
    html += "<p class=\"hint\">Ответов на телефон ещё не было.</p>";
  } else {
    html += "<ul id=\"channel-replies\">";
    for (const auto& r : conversation.replies) {
      html += fmt::format("<li data-state=\"{}\">{} · {}{}</li>", channels::ToString(r.state),
                          UtcTime(r.created_at), ReplyStateRu(r),
                          r.not_before && r.state == channels::OutboundState::kQueued
                              ? fmt::format(" (не раньше {})", UtcTime(*r.not_before))
                              : "");
    }
    html += "</ul>";
  }
  if (!conversation.stopped && !conversation.blocked) {
    html += fmt::format(
        "<form method=\"post\" action=\"/console/cases/{}/reply\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\">"
        "<label for=\"text\">Ответ уйдёт на телефон заявителя в его безопасное окно (без окон — "
        "когда он снова "
        "напишет). Телефон могут обыскать: пишите коротко, без слов, выдающих, кто пишет.</label>"
        "<textarea id=\"text\" name=\"text\" maxlength=\"2000\" required{}></textarea>{}"
        "<button type=\"submit\">Поставить ответ в очередь</button></form>",
        case_id, HtmlEscape(session.csrf_token), sms ? " data-sms-parts=\"sms-parts\"" : "",
        sms ? "<p class=\"hint\"><output id=\"sms-parts\" aria-live=\"polite\"></output></p>" : "");
  }
  if (!conversation.blocked &&
      app::Require(session.actor, app::Permission::kReviewScreening).ok()) {
    html += fmt::format(
        "<form method=\"post\" action=\"/console/cases/{}/block-sender\"><input type=\"hidden\" "
        "name=\"csrf\" "
        "value=\"{}\"><button type=\"submit\" id=\"block-sender\">Заблокировать "
        "отправителя</button>"
        "<span class=\"hint\"> его сообщения будут отбрасываться без ответа (записывается в "
        "журнал)</span></form>",
        case_id, HtmlEscape(session.csrf_token));
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
    windows += (windows.empty() ? "" : "; ") + DescribeSafeWindow(w, Language::kRu);
  if (!windows.empty()) {
    const int offset = d.fields.utc_offset_minutes;
    windows += fmt::format(" (время заявителя, UTC{}{:02}:{:02})", offset < 0 ? '-' : '+',
                           std::abs(offset) / 60, std::abs(offset) % 60);
  }
  const std::string contact =
      c.clear.contact_channel == ContactChannel::kNone || d.fields.contact_handle.empty()
          ? std::string(ChannelRu(c.clear.contact_channel))
          : fmt::format("{}: {}", ChannelRu(c.clear.contact_channel), d.fields.contact_handle);
  std::string body = Header(session);
  body += fmt::format(
      "<h1>Заявка № {}</h1><dl>"
      "<dt>Получена</dt><dd>{}</dd><dt>Статус</dt><dd>{}</dd><dt>Положение</dt><dd>{}</dd>"
      "<dt>Группа</dt><dd>{}</dd><dt>Отправка</dt><dd>{}</dd>"
      "<dt>Имя</dt><dd id=\"name\">{}</dd><dt>Звание</dt><dd>{}</dd><dt>Часть</dt><dd>{}</dd>"
      "<dt>Где сейчас</dt><dd>{}</dd><dt>Связь</dt><dd>{}</dd><dt>Когда можно "
      "связываться</dt><dd>{}</dd>"
      "<dt>Сообщение</dt><dd class=\"message\">{}</dd></dl>",
      c.id, FormatIsoDate(c.received_on), StatusRu(c), SituationRu(c.clear.situation),
      GroupRu(c.clear.group_kind, c.clear.group_size),
      c.clear.deploy_by ? FormatIsoDate(*c.clear.deploy_by) : "—", HtmlEscape(d.fields.name),
      HtmlEscape(d.fields.rank), HtmlEscape(d.fields.unit), HtmlEscape(d.fields.location),
      HtmlEscape(contact), windows.empty() ? "не указано" : HtmlEscape(windows),
      HtmlEscape(d.fields.message));
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  body += GroupLinkHtml(d) + ContactHtml(d) + ScreeningHtml(d) + DuplicatesHtml(session, d) +
          TimelineHtml(d) + StatusFormHtml(session, d) + TasksHtml(session, d);
  body += "<h2>Переписка с заявителем</h2>";
  if (d.messages.empty()) body += "<p>Сообщений нет.</p>";
  for (const auto& m : d.messages) {
    body +=
        fmt::format("<article class=\"{}\"><p class=\"hint\">{} · {}</p><p>{}</p></article>",
                    m.author_user_id ? "reply" : "applicant-message", FormatIsoDate(m.written_on),
                    m.author_user_id ? "ответ" : "от заявителя", HtmlEscape(m.text));
  }
  if (conversation) {
    body += ChannelConversationHtml(session, c.id, *conversation);
  } else {
    body += fmt::format(
        "<form method=\"post\" action=\"/console/cases/{}/reply\"><input type=\"hidden\" "
        "name=\"csrf\" value=\"{}\">"
        "<label for=\"text\">Ответ (заявитель прочтёт его по номеру квитанции)</label>"
        "<textarea id=\"text\" name=\"text\" maxlength=\"2000\" required></textarea>"
        "<button type=\"submit\">Отправить ответ</button></form>",
        c.id, HtmlEscape(session.csrf_token));
  }
  if (app::Require(session.actor, app::Permission::kReadCustody).ok()) {
    body += fmt::format(
        "<h2>Обстоятельства пленения</h2><p class=\"hint\">Закрытое поле: его видят только "
        "координаторы, каждое прочтение записывается в журнал. Везде остальное — «в плену».</p>"
        "<p><a href=\"/console/cases/{}/custody\">Открыть или записать</a></p>",
        c.id);
  }
  if (app::Require(session.actor, app::Permission::kDeleteCase).ok()) {
    body += fmt::format(
        "<h2>Удаление</h2><form method=\"post\" action=\"/console/cases/{}/delete\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\"><p class=\"hint\">Ключ заявки будет "
        "уничтожен: "
        "восстановить её нельзя (кроме как из более старой резервной копии).</p>"
        "<label><input type=\"checkbox\" id=\"delete-confirm\" name=\"confirm\" value=\"yes\" "
        "required> Понимаю: заявку нельзя будет восстановить</label>"
        "<button type=\"submit\">Удалить заявку навсегда</button></form>",
        c.id, HtmlEscape(session.csrf_token));
  }
  return HtmlPage("ru", fmt::format("Заявка № {}", c.id), body);
}

std::string ConsoleCustodyPage(const app::SessionInfo& session, std::int64_t case_id,
                               std::optional<CustodyCircumstance> recorded,
                               const std::string& error) {
  std::string body = Header(session);
  body += fmt::format("<h1>Заявка № {}: обстоятельства пленения</h1>", case_id);
  body += fmt::format("<p>Записано: <strong id=\"circumstance\">{}</strong></p>",
                      !recorded                                               ? "ничего"
                      : *recorded == CustodyCircumstance::kVoluntarySurrender ? "добровольная сдача"
                                                                              : "захвачен");
  if (!error.empty())
    body += fmt::format("<p class=\"error\" role=\"alert\">{}</p>", HtmlEscape(error));
  body += fmt::format(
      "<form method=\"post\" action=\"/console/cases/{0}/custody\"><input type=\"hidden\" "
      "name=\"csrf\" "
      "value=\"{1}\"><fieldset><legend>Как человек оказался в плену</legend>"
      "<label><input type=\"radio\" name=\"circumstance\" value=\"captured\" required> "
      "захвачен</label>"
      "<label><input type=\"radio\" name=\"circumstance\" value=\"voluntary_surrender\"> "
      "добровольная "
      "сдача</label></fieldset><button type=\"submit\">Записать</button></form>"
      "<p><a href=\"/console/cases/{0}\">К заявке</a></p>",
      case_id, HtmlEscape(session.csrf_token));
  return HtmlPage("ru", fmt::format("Заявка № {}", case_id), body);
}

}  // namespace lifeline::server
