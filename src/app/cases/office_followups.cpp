// Follow-ups in the office: OfficeService::AddTask, CompleteTask, Queue and the case's task
// list. A contact task may fall only inside the applicant's own safe windows, so an operator
// cannot schedule a dangerous call by mistake.

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "app/cases/office.hpp"
#include "crypto/crypto.hpp"
#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

using std::chrono::sys_seconds;

constexpr std::size_t kMaxNoteCharacters = 500;
constexpr std::int64_t kDay = 24 * 3600;
constexpr std::int64_t kYear = 366 * kDay;
// Windows looked ahead for a contact's due time: about two months of a weekly window.
constexpr std::size_t kWindowsAhead = 60;
// Deployment dates this close put a case in the queue.
constexpr int kDeploymentSoonDays = 14;
constexpr int kQueueLimit = 200;

std::string NoteAssociated(std::int64_t case_id) {
  return "lifeline/task-note/v1|case:" + std::to_string(case_id);
}

std::string Utc(std::int64_t at) {
  return fmt::format("{:%Y-%m-%d %H:%M} UTC", sys_seconds{std::chrono::seconds{at}});
}

// The due time of a contact: inside a safe window, the next one's start by default.
Result<std::int64_t> ContactDue(const IdentifyingFields& fields, std::int64_t now,
                                std::optional<std::int64_t> requested) {
  const auto windows = UpcomingWindows(fields.safe_windows, fields.utc_offset_minutes,
                                       sys_seconds{std::chrono::seconds{now}}, kWindowsAhead);
  if (windows.empty()) return requested.value_or(now);  // the applicant gave no windows
  if (!requested) return std::max(now, windows.front().start.time_since_epoch().count());
  const sys_seconds due{std::chrono::seconds{*requested}};
  for (const auto& w : windows) {
    if (w.Contains(due)) return *requested;
  }
  return InvalidInput(
      fmt::format("that time is outside the applicant's safe windows; the next one opens "
                  "at {}",
                  Utc(windows.front().start.time_since_epoch().count())),
      "due_at");
}

}  // namespace

Result<store::StoredTask> OfficeService::AddTask(const Actor& actor, std::int64_t case_id,
                                                 const TaskRequest& request) {
  if (auto allowed = Require(actor, Permission::kReadCase); !allowed) return allowed.error();
  if (request.note.size() > 4 * kMaxNoteCharacters || !IsValidUtf8(request.note) ||
      HasControlCharacters(request.note) || CountCodePoints(request.note) > kMaxNoteCharacters) {
    return InvalidInput("a note must be at most 500 characters of text", "note");
  }
  const std::int64_t now = clock_.Now().time_since_epoch().count();
  if (request.due_at && (*request.due_at < now - kDay || *request.due_at > now + kYear)) {
    return InvalidInput("due_at must be within a year from now", "due_at");
  }
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  if (auto assigned = CheckAssignment(actor, *stored); !assigned) return assigned.error();
  auto record_key = OpenRecordKey(*stored);
  if (!record_key) return record_key.error();
  const crypto::ScopedKey scoped(*record_key);
  const crypto::Key32& key = scoped.get();

  store::StoredTask task;
  task.case_id = case_id;
  task.kind = request.kind;
  task.created_by = actor.user_id;
  if (request.kind == TaskKind::kContact) {
    auto opened = OpenFields(*stored, key);
    if (!opened) return opened.error();
    auto due = ContactDue(opened->fields, now, request.due_at);
    if (!due) return due.error();
    task.due_at = *due;
  } else {
    task.due_at = request.due_at.value_or(now + kDay);
  }
  if (!request.note.empty())
    task.note_sealed = crypto::AeadEncrypt(key, request.note, NoteAssociated(case_id));
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kTaskAdded, "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  auto id = store_.AddTask(task);
  if (!id) return id.error();
  task.id = *id;
  return task;
}

Status OfficeService::CompleteTask(const Actor& actor, std::int64_t task_id) {
  if (auto allowed = Require(actor, Permission::kReadCase); !allowed) return allowed.error();
  auto task = store_.GetTask(task_id);
  if (!task) return task.error();
  auto stored = CheckedApplication(task->case_id);
  if (!stored) return stored.error();
  if (auto assigned = CheckAssignment(actor, *stored); !assigned) return assigned.error();
  if (task->done_at) return Error{ErrorCode::kConflict, "this task is already done"};
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kTaskDone, "task:" + std::to_string(task_id)});
      !audited) {
    return audited.error();
  }
  return store_.CompleteTask(task_id, actor.user_id, clock_.Now().time_since_epoch().count());
}

Result<WorkQueue> OfficeService::Queue(const Actor& actor) {
  if (auto allowed = Require(actor, Permission::kListCases); !allowed) return allowed.error();
  const bool any_case = Require(actor, Permission::kWorkAnyCase).ok();
  const std::optional<std::int64_t> mine = any_case ? std::nullopt : std::optional(actor.user_id);
  WorkQueue queue;
  queue.now = clock_.Now().time_since_epoch().count();
  // Up to this time tomorrow, inclusive: a reminder set "in a day" (the default) shows.
  auto tasks = store_.ListOpenTasks(queue.now + kDay + 1, mine, kQueueLimit);
  if (!tasks) return tasks.error();
  queue.tasks = std::move(*tasks);
  const auto cutoff = std::chrono::year_month_day{std::chrono::sys_days{clock_.Today()} +
                                                  std::chrono::days{kDeploymentSoonDays}};
  auto deploying = store_.ListDeployingBefore(cutoff, mine, kQueueLimit);
  if (!deploying) return deploying.error();
  queue.deploying_soon = std::move(*deploying);
  return queue;
}

Result<std::vector<CaseTask>> OfficeService::Tasks(std::int64_t case_id, const crypto::Key32& key) {
  auto stored = store_.ListTasks(case_id);
  if (!stored) return stored.error();
  std::vector<CaseTask> tasks;
  for (const auto& t : *stored) {
    CaseTask view{t.id, t.kind, t.due_at, {}, t.done_at};
    if (!t.note_sealed.empty()) {
      crypto::SecretBytes note;
      if (!crypto::AeadDecrypt(key, t.note_sealed, NoteAssociated(case_id), note)) {
        return Error{ErrorCode::kInternal, "a task note in this case does not open"};
      }
      view.note.assign(note.view());
    }
    tasks.push_back(std::move(view));
  }
  return tasks;
}

}  // namespace lifeline::app
