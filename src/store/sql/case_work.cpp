// Work on cases, written once for both engines (SqlStore in sql_store.hpp): groups (units),
// plans, tasks, deployment dates and safe callbacks.
#include <fmt/format.h>

#include "store/sql/case_rows.hpp"
#include "store/sql/row_macs.hpp"
#include "store/sql/sql_store.hpp"

namespace lifeline::store::sql {
namespace {

const Error kNested{ErrorCode::kConflict,
                    "groups cannot nest: a group's member leads no group of its own"};

void InsertEvent(Session& s, std::int64_t group, std::int64_t member, GroupEventKind kind,
                 std::optional<std::int64_t> other, std::int64_t at, std::int64_t actor) {
  const std::int64_t id =
      s.Run(
           "INSERT INTO group_events (group_case_id, member_case_id, kind, other_group_id, at, "
           "actor_user_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
           Params().Add(group).Add(member).Add(ToString(kind)).Add(other).Add(at).Add(actor))[0]
          .Int(0);
  ResealRow(s, "group_events", id);
  ResealRow(s, "applications", group);  // it counts its history
}

// The group the case belongs to: nullopt for none; kNotFound without the case.
Result<std::optional<std::int64_t>> GroupOf(Session& s, std::int64_t case_id) {
  auto rows = s.Run("SELECT group_case_id FROM applications WHERE id = $1", Params().Add(case_id));
  if (rows.empty()) return NotFound(fmt::format("no case {}", case_id));
  return rows[0].OptionalInt(0);
}

bool LeadsMembers(Session& s, std::int64_t case_id) {
  return !s.Run("SELECT 1 FROM applications WHERE group_case_id = $1 LIMIT 1",
                Params().Add(case_id))
              .empty();
}

constexpr const char* kTaskColumns =
    "id, case_id, kind, due_at, note_sealed, created_by, done_at, done_by";

StoredTask ReadTask(const Row& row, int first = 0) {
  StoredTask t;
  t.id = row.Int(first);
  t.case_id = row.Int(first + 1);
  t.kind = row.Valid(ParseTaskKind(row.Text(first + 2)));
  t.due_at = row.Int(first + 3);
  t.note_sealed = row.Bytes(first + 4);
  t.created_by = row.Int(first + 5);
  t.done_at = row.OptionalInt(first + 6);
  t.done_by = row.OptionalInt(first + 7);
  return t;
}

// Statuses in which a deployment date still matters: before the crossing, not ended.
constexpr const char* kStillAhead =
    "('new', 'contacted', 'verifying', 'verified', 'instructed', 'crossing_planned', "
    "'waiting_for_applicant', 'contact_lost', 'suspected_provocation')";

constexpr const char* kCallbackSelect =
    "SELECT id, seal_id, sealed, language, created_at, due_at, window_end, status, attempts FROM "
    "callbacks";

std::vector<StoredCallback> ReadCallbacks(const Rows& rows) {
  std::vector<StoredCallback> out;
  for (const Row& row : rows) {
    StoredCallback c;
    c.id = row.Int(0);
    c.seal_id = row.Blob32At(1);
    c.sealed = row.Bytes(2);
    c.language = row.Text(3);
    c.created_at = row.Int(4);
    c.due_at = row.Int(5);
    c.window_end = row.Int(6);
    c.status = row.Valid(ParseCallbackStatus(row.Text(7)));
    c.attempts = static_cast<int>(row.Int(8));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<std::int64_t> SqlStore::AddGroupMember(const NewGroupMember& member) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    s.LockGroupChanges();
    s.ShareNewCasesLock();
    auto group = GroupOf(s, member.group_case_id);
    if (!group) return NotFound("no such group case");
    if (*group) return kNested;
    const std::int64_t id = InsertApplication(s, member.application, Origin::kMember,
                                              member.group_case_id, member.assigned_user_id);
    InsertEvent(s, member.group_case_id, id, GroupEventKind::kAdded, std::nullopt, member.at,
                member.actor_user_id);
    tx.Commit();
    return id;
  });
}

Status SqlStore::MoveGroupMembers(std::span<const GroupMove> moves, std::int64_t actor_user_id,
                                  std::int64_t at) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    s.LockGroupChanges();
    for (const GroupMove& move : moves) {
      // Compare and set per case, so that a concurrent split or merge is detected, not undone.
      if (s.Run("UPDATE applications SET group_case_id = $1, version = version + 1 "
                "WHERE id = $2 AND group_case_id IS NOT DISTINCT FROM $3",
                Params().Add(move.to_group).Add(move.case_id).Add(move.from_group))
              .affected() == 0) {
        if (auto where = GroupOf(s, move.case_id); !where) return where.error();
        return Error{ErrorCode::kConflict,
                     "the group changed since you opened it; reload it and try again"};
      }
      if (move.from_group)
        InsertEvent(s, *move.from_group, move.case_id, GroupEventKind::kLeft, move.to_group, at,
                    actor_user_id);
      if (move.to_group)
        InsertEvent(s, *move.to_group, move.case_id, GroupEventKind::kJoined, move.from_group, at,
                    actor_user_id);
      ResealRow(s, "applications", move.case_id);
    }
    // Checked once all moves are made: a merge moves a leader's members before the leader.
    for (const GroupMove& move : moves) {
      if (!move.to_group) continue;
      auto target = GroupOf(s, *move.to_group);
      if (!target) return target.error();
      if (*target || LeadsMembers(s, move.case_id)) return kNested;
    }
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<CaseSummary>> SqlStore::ListGroupMembers(std::int64_t group_case_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<CaseSummary>> {
    return ReadSummaries(
        s.Run(fmt::format("SELECT {} FROM applications WHERE group_case_id = $1 ORDER BY id",
                          SummaryColumns()),
              Params().Add(group_case_id)));
  });
}

Result<std::vector<GroupEvent>> SqlStore::ListGroupEvents(std::int64_t group_case_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<GroupEvent>> {
    std::vector<GroupEvent> out;
    for (const Row& row :
         s.Run("SELECT id, group_case_id, member_case_id, kind, other_group_id, at, "
               "actor_user_id FROM group_events WHERE group_case_id = $1 ORDER BY id",
               Params().Add(group_case_id))) {
      GroupEvent e;
      e.id = row.Int(0);
      e.group_case_id = row.Int(1);
      e.member_case_id = row.Int(2);
      e.kind = row.Valid(ParseGroupEventKind(row.Text(3)));
      e.other_group_id = row.OptionalInt(4);
      e.at = row.Int(5);
      e.actor_user_id = row.Int(6);
      out.push_back(e);
    }
    return out;
  });
}

Status SqlStore::SetPlanSealed(std::int64_t case_id, std::int64_t expected_version,
                               const Blob& sealed) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run("UPDATE applications SET plan_sealed = $1, version = version + 1 WHERE id = $2 "
              "AND version = $3",
              Params().AddBytes(sealed).Add(case_id).Add(expected_version))
            .affected() > 0) {
      ResealRow(s, "applications", case_id);
      tx.Commit();
      return OkStatus();
    }
    if (auto where = GroupOf(s, case_id); !where) return where.error();
    return Error{ErrorCode::kConflict,
                 "the case changed since you opened it; reload it and try again"};
  });
}

Result<std::int64_t> SqlStore::AddCallback(const NewCallback& cb) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    return s
        .Run(
            "INSERT INTO callbacks (seal_id, sealed, language, created_at, due_at, window_end, "
            "status) VALUES ($1, $2, $3, $4, $5, $6, 'pending') RETURNING id",
            Params()
                .AddBytes(cb.seal_id)
                .AddBytes(cb.sealed)
                .Add(cb.language)
                .Add(cb.created_at)
                .Add(cb.due_at)
                .Add(cb.window_end))[0]
        .Int(0);
  });
}

Result<std::vector<StoredCallback>> SqlStore::ListDueCallbacks(std::int64_t now, int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<StoredCallback>> {
    return ReadCallbacks(
        s.Run(std::string(kCallbackSelect) +
                  " WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2",
              Params().Add(now).Add(std::int64_t{limit})));
  });
}

Result<std::vector<StoredCallback>> SqlStore::ListCallbacks(CallbackStatus status, int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<StoredCallback>> {
    return ReadCallbacks(
        s.Run(std::string(kCallbackSelect) + " WHERE status = $1 ORDER BY id DESC LIMIT $2",
              Params().Add(ToString(status)).Add(std::int64_t{limit})));
  });
}

Result<StoredCallback> SqlStore::GetCallback(std::int64_t id) {
  return Read(*sessions_, [&](Session& s) -> Result<StoredCallback> {
    auto found =
        ReadCallbacks(s.Run(std::string(kCallbackSelect) + " WHERE id = $1", Params().Add(id)));
    if (found.empty()) return NotFound("no such callback");
    return std::move(found.front());
  });
}

// A callback that ended (connected or lapsed) forgets the number it was to ring.
Status SqlStore::UpdateCallback(const CallbackUpdate& u) {
  const bool over = u.to == CallbackStatus::kConnected || u.to == CallbackStatus::kLapsed;
  auto applied = Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run(std::string("UPDATE callbacks SET status = $1, attempts = $2, due_at = $3, "
                          "window_end = $4") +
                  (over ? ", sealed = NULL" : "") + " WHERE id = $5 AND status = $6",
              Params()
                  .Add(ToString(u.to))
                  .Add(std::int64_t{u.attempts})
                  .Add(u.due_at)
                  .Add(u.window_end)
                  .Add(u.id)
                  .Add(ToString(u.from)))
            .affected() > 0) {
      if (over) s.MarkForErasure({"callbacks"});  // the number must survive in no row version
      tx.Commit();
      return OkStatus();
    }
    if (!RowExists(s, "callbacks", u.id)) return NotFound("no such callback");
    return Error{ErrorCode::kConflict, "the callback changed meanwhile"};
  });
  if (!applied || !over) return applied;
  return sessions_->FinishErasure(
      "the callback ended, but the database log could not be cleared yet");
}

Result<std::int64_t> SqlStore::AddTask(const NewTask& t) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    Params p;
    p.Add(t.case_id)
        .Add(ToString(t.kind))
        .Add(t.due_at)
        .AddBytesOrNull(t.note_sealed)
        .Add(t.created_by);
    return s
        .Run(
            "INSERT INTO tasks (case_id, kind, due_at, note_sealed, created_by) VALUES ($1, $2, "
            "$3, $4, $5) RETURNING id",
            p)[0]
        .Int(0);
  });
}

Result<std::vector<StoredTask>> SqlStore::ListTasks(std::int64_t case_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<StoredTask>> {
    std::vector<StoredTask> out;
    for (const Row& row : s.Run(fmt::format("SELECT {} FROM tasks WHERE case_id = $1 ORDER BY "
                                            "done_at IS NOT NULL, due_at, id",
                                            kTaskColumns),
                                Params().Add(case_id))) {
      out.push_back(ReadTask(row));
    }
    return out;
  });
}

Result<StoredTask> SqlStore::GetTask(std::int64_t task_id) {
  return Read(*sessions_, [&](Session& s) -> Result<StoredTask> {
    auto rows = s.Run(fmt::format("SELECT {} FROM tasks WHERE id = $1", kTaskColumns),
                      Params().Add(task_id));
    if (rows.empty()) return NotFound("no such task");
    return ReadTask(rows[0]);
  });
}

Status SqlStore::CompleteTask(std::int64_t task_id, std::int64_t user_id, std::int64_t at) {
  return Write(*sessions_, [&](Session& s) -> Status {
    if (s.Run("UPDATE tasks SET done_at = $1, done_by = $2 WHERE id = $3 AND done_at IS NULL",
              Params().Add(at).Add(user_id).Add(task_id))
            .affected() == 1) {
      return OkStatus();
    }
    if (!RowExists(s, "tasks", task_id)) return NotFound("no such task");
    return Error{ErrorCode::kConflict, "this task is already done"};
  });
}

Result<std::vector<QueuedTask>> SqlStore::ListOpenTasks(std::int64_t due_before,
                                                        std::optional<std::int64_t> assigned_to,
                                                        int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<QueuedTask>> {
    Params p;
    p.Add(due_before);
    std::string sql = fmt::format(
        "SELECT t.id, t.case_id, t.kind, t.due_at, NULL, t.created_by, t.done_at, t.done_by, {} "
        "FROM tasks t JOIN applications a ON a.id = t.case_id WHERE t.done_at IS NULL AND "
        "t.due_at < $1",
        SummaryColumns("a."));
    int next = 2;
    if (assigned_to) {
      p.Add(*assigned_to);
      sql += fmt::format(" AND a.assigned_user_id = ${}", next++);
    }
    p.Add(std::int64_t{limit});
    sql += fmt::format(" ORDER BY t.due_at, t.id LIMIT ${}", next);
    std::vector<QueuedTask> out;
    for (const Row& row : s.Run(sql, p)) out.push_back({ReadTask(row), ReadSummary(row, 8)});
    return out;
  });
}

Result<std::vector<CaseSummary>> SqlStore::ListDeployingBefore(
    Date cutoff, std::optional<std::int64_t> assigned_to, int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<CaseSummary>> {
    Params p;
    p.Add(FormatIsoDate(cutoff));
    std::string sql = fmt::format(
        "SELECT {} FROM applications WHERE deploy_by IS NOT NULL AND deploy_by < $1 AND status "
        "IN {}",
        SummaryColumns(), kStillAhead);
    int next = 2;
    if (assigned_to) {
      p.Add(*assigned_to);
      sql += fmt::format(" AND (assigned_user_id IS NULL OR assigned_user_id = ${})", next++);
    }
    p.Add(std::int64_t{limit});
    sql += fmt::format(" ORDER BY deploy_by, id LIMIT ${}", next);
    return ReadSummaries(s.Run(sql, p));
  });
}

}  // namespace lifeline::store::sql
