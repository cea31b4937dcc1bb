// The console's contact-centre pages: the live wallboard (with its Server-Sent Events stream),
// coordinators' forms for operators, lines and states, and the safe-callbacks page.

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/contact_centre/wallboard_feed.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

const Error kNoContactCentre{ErrorCode::kNotFound, "the contact centre is not running"};

// Coordinators' forms on the wallboard: back to it, or the wallboard again with the reason.
void AfterManagerForm(Context& ctx, const app::SessionInfo& session, const Status& outcome,
                      const Respond& respond) {
  if (outcome) return respond(Redirect("/console/wallboard"));
  auto board = ctx.contact_centre->View(session.actor);
  if (!board) return respond(Redirect("/console/"));
  respond(HtmlResponse(
      HttpStatusOf(outcome.error().code),
      ConsoleWallboardPage(session, *board, console::ConsoleErrorRu(outcome.error()))));
}

void ConsoleManagerForm(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session || !ctx.contact_centre) return respond(Redirect("/console/"));
  const std::string& path = request.path;
  Status outcome = OkStatus();
  if (path.ends_with("/operators")) {
    std::vector<Language> languages;
    for (auto [it, end] = form.equal_range("language"); it != end; ++it) {
      if (auto l = ParseLanguage(it->second)) languages.push_back(*l);
    }
    outcome = ctx.contact_centre->AddOperator(session->actor, FormField(form, "id"), languages,
                                              FormField(form, "uri"));
  } else if (path.ends_with("/lines")) {
    auto lines = ParseVersion(FormField(form, "lines"));
    outcome = lines && *lines <= 1'000'000
                  ? ctx.contact_centre->SetLines(session->actor, static_cast<int>(*lines))
                  : Status(InvalidInput("lines must be a whole number up to 1000000", "lines"));
  } else {
    // Coordinators for anyone, operators for their own extension; who may, before what.
    const std::string name = FormField(form, "id");
    const std::string reason_text = FormField(form, "reason");
    auto state = contact_centre::ParseOperatorState(FormField(form, "state"));
    auto reason = reason_text.empty() ? std::optional(contact_centre::PauseReason::kNone)
                                      : contact_centre::ParsePauseReason(reason_text);
    if (auto allowed = ctx.contact_centre->MaySetOperatorState(session->actor, name); !allowed) {
      outcome = allowed.error();
    } else if (!state) {
      outcome = InvalidInput("state must be available, break or logged_out", "state");
    } else if (!reason) {
      outcome = InvalidInput("reason must be " + std::string(contact_centre::PauseReasonNames()),
                             "reason");
    } else if (auto orders =
                   ctx.contact_centre->SetOperatorState(session->actor, name, *state, *reason);
               !orders) {
      outcome = orders.error();
    }
  }
  AfterManagerForm(ctx, *session, outcome, respond);
}

// The console's callbacks page: `shown` by status, with a note after a form.
void RespondCallbacksPage(Context& ctx, const app::SessionInfo& session,
                          contact_centre::CallbackStatus shown, const CallbackPageNotes& notes,
                          int status, const Respond& respond) {
  auto rows = ctx.office.ListCallbacks(session.actor, shown);
  if (!rows) {
    return respond(HtmlResponse(
        HttpStatusOf(rows.error().code),
        console::ConsolePage(
            console::T("Нет доступа"),
            fmt::format("<p>{}</p>", console::T("Обратные звонки ведут координаторы.")))));
  }
  respond(HtmlResponse(status, ConsoleCallbacksPage(session, shown, *rows, notes)));
}

void ConsoleCallbacks(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  const std::string text = request.Query("status");
  auto shown = contact_centre::ParseCallbackStatus(text.empty() ? "pending" : text);
  if (!shown) return respond(Redirect("/console/callbacks"));
  RespondCallbacksPage(ctx, *session, *shown, {}, 200, respond);
}

// A coordinator takes a callback request for a caller. The number is never echoed back: on
// an error the form keeps the windows, offset and language, and asks for the number again.
void ConsoleRequestCallback(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  contact_centre::CallbackDraft draft{
      FormField(form, "number"), {}, FormField(form, "utc_offset"), FormField(form, "language")};
  const std::string windows = FormField(form, "windows");
  for (std::size_t start = 0; start <= windows.size();) {
    std::size_t end = windows.find('\n', start);
    if (end == std::string::npos) end = windows.size();
    std::string line = windows.substr(start, end - start);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) draft.windows.push_back(line);
    start = end + 1;
  }
  auto scheduled = ctx.office.RequestCallbackFor(session->actor, draft);
  CallbackPageNotes notes;
  if (!scheduled) {
    notes.error = console::ConsoleErrorRu(scheduled.error());
    notes.typed = {
        {"windows", windows}, {"utc_offset", draft.utc_offset}, {"language", draft.language}};
    return RespondCallbacksPage(ctx, *session, contact_centre::CallbackStatus::kPending, notes,
                                HttpStatusOf(scheduled.error().code), respond);
  }
  notes.done =
      console::TF("Заявка №{} принята: первый звонок не раньше {} UTC, только в окнах звонящего.",
                  scheduled->id,
                  fmt::format("{:%Y-%m-%d %H:%M}",
                              std::chrono::sys_seconds{std::chrono::seconds{scheduled->due_at}}));
  RespondCallbacksPage(ctx, *session, contact_centre::CallbackStatus::kPending, notes, 201,
                       respond);
}

void ConsoleCancelCallback(Context& ctx, Request& request, Respond respond) {
  std::multimap<std::string, std::string> form;
  auto session = ConsoleAuth(ctx, request, &form);
  if (!session) return respond(Redirect("/console/"));
  auto id = ParseId(request.params["id"]);
  Status cancelled =
      id ? ctx.office.CancelCallback(session->actor, *id) : Status(NotFound("no such callback"));
  CallbackPageNotes notes;
  if (cancelled) {
    notes.done = console::TF("Заявка №{} отменена, номер уничтожен.", *id);
  } else {
    notes.error = console::ConsoleErrorRu(cancelled.error());
  }
  RespondCallbacksPage(ctx, *session, contact_centre::CallbackStatus::kPending, notes,
                       cancelled ? 200 : HttpStatusOf(cancelled.error().code), respond);
}

void ConsoleWallboard(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  if (!ctx.contact_centre)
    return respond(HtmlResponse(
        404, console::ConsolePage(console::T("Нет очереди"),
                                  fmt::format("<p>{}</p>", console::T("Очередь не запущена.")))));
  auto board = ctx.contact_centre->View(session->actor);
  if (!board) {
    return respond(HtmlResponse(
        HttpStatusOf(board.error().code),
        console::ConsolePage(
            console::T("Нет доступа"),
            fmt::format("<p>{}</p>", console::T("Очередь видят операторы и координаторы.")))));
  }
  respond(HtmlResponse(200, ConsoleWallboardPage(*session, *board)));
}

// Server-Sent Events: the board now and every second (wallboard_feed.hpp).
void ConsoleWallboardStream(Context& ctx, Request& request, Respond respond) {
  if (!ctx.contact_centre || !ctx.options.wallboard_feed)
    return respond(JsonError(kNoContactCentre));
  const std::string token = request.Cookie(kCookie);
  auto session = ctx.sessions.Authenticate(token);
  if (!session) return respond(JsonError(session.error()));
  if (auto allowed = app::Require(session->actor, app::Permission::kViewWallboard); !allowed) {
    return respond(JsonError(allowed.error()));
  }
  Response stream{200, "text/event-stream; charset=utf-8", "", {{"X-Accel-Buffering", "no"}}, {}};
  stream.opened = [feed = ctx.options.wallboard_feed, token](std::shared_ptr<EventStream> events) {
    feed->Add(std::move(events), token);
  };
  respond(std::move(stream));
}

}  // namespace

void AddConsoleContactCentreRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/console/contact-centre/operators", bind(ConsoleManagerForm));
  router.Add("POST", "/console/contact-centre/lines", bind(ConsoleManagerForm));
  router.Add("POST", "/console/contact-centre/state", bind(ConsoleManagerForm));
  router.Add("GET", "/console/wallboard", bind(ConsoleWallboard));
  router.Add("GET", "/console/callbacks", bind(ConsoleCallbacks));
  router.Add("POST", "/console/callbacks", bind(ConsoleRequestCallback));
  router.Add("POST", "/console/callbacks/{id}/cancel", bind(ConsoleCancelCallback));
  router.Add("GET", "/console/wallboard/stream", bind(ConsoleWallboardStream));
}

}  // namespace lifeline::server::office
