// Follow-ups: POST /api/v1/cases/{id}/tasks, POST /api/v1/tasks/{id}/done, GET /api/v1/queue
// and their console forms and the console's "today" page.

#include <fmt/format.h>

#include <charconv>
#include <nlohmann/json.hpp>

#include "server/cases/case_json.hpp"
#include "server/console_common.hpp"
#include "server/console_pages.hpp"
#include "server/console_text.hpp"
#include "server/office_route_support.hpp"
#include "server/page.hpp"

namespace lifeline::server::office {
namespace {

using console::T;
using nlohmann::json;

// Reads a task request from text fields; an empty `due_at` means "the default".
Result<app::TaskRequest> RequestFrom(const std::string& kind, const std::string& due_at,
                                     std::string note) {
  app::TaskRequest request;
  auto parsed = ParseTaskKind(kind);
  if (!parsed) return InvalidInput("kind must be contact, check or other", "kind");
  request.kind = *parsed;
  if (!due_at.empty()) {
    std::int64_t value = 0;
    auto [end, ec] = std::from_chars(due_at.data(), due_at.data() + due_at.size(), value);
    if (ec != std::errc() || end != due_at.data() + due_at.size()) {
      return InvalidInput("due_at must be a time in seconds since 1970 (UTC)", "due_at");
    }
    request.due_at = value;
  }
  request.note = std::move(note);
  return request;
}

void ApiAddTask(Context& ctx, Request& request, Respond respond) {
  auto post = ReadJsonPost(ctx, request, respond, true,
                           "{\"kind\": \"contact\", \"due_at\": <seconds>, \"note\": \"...\"}");
  if (!post) return;
  const json& doc = post->doc;
  if (!doc.value("kind", json()).is_string())
    return respond(JsonError(InvalidInput("kind must be contact, check or other", "kind")));
  const json due = doc.value("due_at", json());
  if (!due.is_null() && !due.is_number_integer()) {
    return respond(
        JsonError(InvalidInput("due_at must be a time in seconds since 1970 (UTC)", "due_at")));
  }
  if (!doc.value("note", json("")).is_string())
    return respond(JsonError(InvalidInput("note must be text", "note")));
  auto task_request =
      RequestFrom(doc["kind"].get<std::string>(),
                  due.is_null() ? std::string() : std::to_string(due.get<std::int64_t>()),
                  doc.value("note", std::string()));
  if (!task_request) return respond(JsonError(task_request.error()));
  auto task = ctx.office.AddTask(post->session.actor, post->id, *task_request);
  if (!task) return respond(JsonError(task.error()));
  respond({201, "application/json", json{{"id", task->id}, {"due_at", task->due_at}}.dump(), {}});
}

void ApiCompleteTask(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, true);
  if (!session) return respond(JsonError(session.error()));
  auto id = ParseId(request.params["id"]);
  if (!id) return respond(JsonError(NotFound("no such task")));
  if (auto s = ctx.office.CompleteTask(session->actor, *id); !s)
    return respond(JsonError(s.error()));
  respond({204, "application/json", "", {}});
}

void ApiQueue(Context& ctx, Request& request, Respond respond) {
  auto session = ApiAuth(ctx, request, false);
  if (!session) return respond(JsonError(session.error()));
  auto queue = ctx.office.Queue(session->actor);
  if (!queue) return respond(JsonError(queue.error()));
  json tasks = json::array();
  for (const auto& t : queue->tasks) tasks.push_back(QueuedTaskJson(t, queue->now));
  json deploying = json::array();
  for (const auto& c : queue->deploying_soon) deploying.push_back(SummaryJson(c));
  respond(
      {200, "application/json", json{{"tasks", tasks}, {"deploying_soon", deploying}}.dump(), {}});
}

void ConsoleToday(Context& ctx, Request& request, Respond respond) {
  auto session = ctx.sessions.Authenticate(request.Cookie(kCookie));
  if (!session) return respond(Redirect("/console/"));
  if (session->must_enrol_second_factor) return respond(Redirect("/console/security"));
  auto queue = ctx.office.Queue(session->actor);
  if (!queue) {
    return respond(HtmlResponse(
        HttpStatusOf(queue.error().code),
        console::ConsolePage(T("Нет доступа"),
                             fmt::format("<p>{}</p>", T("Ваша роль не работает с заявками.")))));
  }
  respond(HtmlResponse(200, ConsoleTodayPage(*session, *queue)));
}

// Re-renders the case with `error`, or goes back to it.
void BackToCase(Context& ctx, const CaseFormPost& post, const Status& outcome,
                const Respond& respond) {
  if (outcome) return respond(Redirect("/console/cases/" + std::to_string(post.id)));
  auto details = ctx.office.GetCase(post.session.actor, post.id);
  if (!details) return respond(Redirect("/console/"));
  respond(HtmlResponse(
      HttpStatusOf(outcome.error().code),
      ConsoleCasePage(post.session, *details, console::ConsoleErrorRu(outcome.error()))));
}

void ConsoleAddTask(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);
  if (!post) return;
  auto task_request = RequestFrom(FormField(post->form, "kind"), FormField(post->form, "due_at"),
                                  FormField(post->form, "note"));
  Status outcome = task_request ? OkStatus() : Status(task_request.error());
  if (task_request) {
    auto added = ctx.office.AddTask(post->session.actor, post->id, *task_request);
    outcome = added ? OkStatus() : Status(added.error());
  }
  BackToCase(ctx, *post, outcome, respond);
}

void ConsoleCompleteTask(Context& ctx, Request& request, Respond respond) {
  auto post = ReadCaseFormPost(ctx, request, respond);  // {id} is the task here
  if (!post) return;
  auto task = ctx.office.CompleteTask(post->session.actor, post->id);
  const std::string back = FormField(post->form, "back");
  if (!task) {
    return respond(HtmlResponse(
        HttpStatusOf(task.error().code),
        console::ConsolePage(
            T("Не выполнено"),
            fmt::format("<p>{}</p><p><a href=\"/console/today\">{}</a></p>",
                        HtmlEscape(console::ConsoleErrorRu(task.error())), T("К делам")))));
  }
  // Only the console's own pages are offered as a way back.
  respond(Redirect(back.rfind("/console/cases/", 0) == 0 &&
                           back.find_first_of("\"<>\r\n") == std::string::npos
                       ? back
                       : "/console/today"));
}

}  // namespace

void AddFollowupRoutes(Router& router, const Bind& bind) {
  router.Add("POST", "/api/v1/cases/{id}/tasks", bind(ApiAddTask, {app::Permission::kReadCase}));
  router.Add("POST", "/api/v1/tasks/{id}/done",
             bind(ApiCompleteTask, {app::Permission::kReadCase}));
  router.Add("GET", "/api/v1/queue", bind(ApiQueue, {app::Permission::kListCases}));
  router.Add("GET", "/console/today", bind(ConsoleToday));
  router.Add("POST", "/console/cases/{id}/tasks", bind(ConsoleAddTask));
  router.Add("POST", "/console/tasks/{id}/done", bind(ConsoleCompleteTask));
}

}  // namespace lifeline::server::office
