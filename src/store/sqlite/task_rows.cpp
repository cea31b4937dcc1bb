#include "store/sqlite/task_rows.hpp"

#include <fmt/format.h>

#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {

using namespace rows;

namespace {

constexpr const char* kTaskColumns =
    "id, case_id, kind, due_at, note_sealed, created_by, done_at, done_by";

StoredTask ReadTask(const Statement& s, int first) {
  StoredTask t;
  t.id = s.Int(first);
  t.case_id = s.Int(first + 1);
  t.kind = ParseEnum<TaskKind>(s.Text(first + 2), ParseTaskKind);
  t.due_at = s.Int(first + 3);
  t.note_sealed = s.Blob(first + 4);
  t.created_by = s.Int(first + 5);
  t.done_at = s.OptionalInt(first + 6);
  t.done_by = s.OptionalInt(first + 7);
  return t;
}

// Statuses in which a deployment date still matters: before the crossing, not ended.
constexpr const char* kStillAhead =
    "('new', 'contacted', 'verifying', 'verified', 'instructed', 'crossing_planned', "
    "'waiting_for_applicant', 'contact_lost', 'suspected_provocation')";

}  // namespace

std::int64_t InsertTask(Connection& writer, const NewTask& t) {
  auto s = writer.Prepare(
      "INSERT INTO tasks (case_id, kind, due_at, note_sealed, created_by) VALUES (?, ?, ?, ?, ?)");
  s.Bind(1, t.case_id).Bind(2, ToString(t.kind)).Bind(3, t.due_at);
  if (t.note_sealed.empty())
    s.BindNull(4);
  else
    s.Bind(4, t.note_sealed);
  s.Bind(5, t.created_by);
  s.Step();
  return writer.LastInsertId();
}

std::vector<StoredTask> SelectTasks(Connection& reader, std::int64_t case_id) {
  auto s = reader.Prepare(
      fmt::format("SELECT {} FROM tasks WHERE case_id = ? ORDER BY done_at IS NOT NULL, due_at, id",
                  kTaskColumns));
  s.Bind(1, case_id);
  std::vector<StoredTask> tasks;
  while (s.Step()) tasks.push_back(ReadTask(s, 0));
  return tasks;
}

Result<StoredTask> SelectTask(Connection& reader, std::int64_t task_id) {
  auto s = reader.Prepare(fmt::format("SELECT {} FROM tasks WHERE id = ?", kTaskColumns));
  s.Bind(1, task_id);
  if (!s.Step()) return NotFound("no such task");
  return ReadTask(s, 0);
}

Status UpdateTaskDone(Connection& writer, std::int64_t task_id, std::int64_t user_id,
                      std::int64_t at) {
  auto s =
      writer.Prepare("UPDATE tasks SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL");
  s.Bind(1, at).Bind(2, user_id).Bind(3, task_id);
  s.Step();
  if (sqlite3_changes(writer.raw()) == 1) return OkStatus();
  auto exists = writer.Prepare("SELECT 1 FROM tasks WHERE id = ?");
  exists.Bind(1, task_id);
  if (!exists.Step()) return NotFound("no such task");
  return Error{ErrorCode::kConflict, "this task is already done"};
}

std::vector<QueuedTask> SelectOpenTasks(Connection& reader, std::int64_t due_before,
                                        std::optional<std::int64_t> assigned_to, int limit) {
  std::string sql = fmt::format(
      "SELECT t.id, t.case_id, t.kind, t.due_at, NULL, t.created_by, t.done_at, t.done_by, {} "
      "FROM tasks t JOIN applications a ON a.id = t.case_id "
      "WHERE t.done_at IS NULL AND t.due_at < ?",
      PrefixedSummaryColumns("a."));
  if (assigned_to) sql += " AND a.assigned_user_id = ?";
  sql += " ORDER BY t.due_at, t.id LIMIT ?";
  auto s = reader.Prepare(sql);
  int i = 1;
  s.Bind(i++, due_before);
  if (assigned_to) s.Bind(i++, *assigned_to);
  s.Bind(i, std::int64_t{limit});
  std::vector<QueuedTask> out;
  while (s.Step()) out.push_back({ReadTask(s, 0), ReadSummary(s, 8)});
  return out;
}

std::vector<CaseSummary> SelectDeployingBefore(Connection& reader, Date cutoff,
                                               std::optional<std::int64_t> assigned_to, int limit) {
  std::string sql = fmt::format(
      "SELECT {} FROM applications WHERE deploy_by IS NOT NULL AND deploy_by < ? AND status IN {}",
      kSummaryColumns, kStillAhead);
  if (assigned_to) sql += " AND (assigned_user_id IS NULL OR assigned_user_id = ?)";
  sql += " ORDER BY deploy_by, id LIMIT ?";
  auto s = reader.Prepare(sql);
  int i = 1;
  s.Bind(i++, FormatIsoDate(cutoff));
  if (assigned_to) s.Bind(i++, *assigned_to);
  s.Bind(i, std::int64_t{limit});
  std::vector<CaseSummary> out;
  while (s.Step()) out.push_back(ReadSummary(s));
  return out;
}

}  // namespace lifeline::store::sqlite
