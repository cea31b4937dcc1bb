// Work on cases: groups (units), tasks, deployment dates and safe callbacks
// (store/postgres/application_store.hpp).
#include <fmt/format.h>

#include "store/postgres/application_store.hpp"
#include "store/postgres/case_rows.hpp"
#include "store/postgres/erasure.hpp"
#include "store/postgres/row_mac_rows.hpp"

namespace lifeline::store::postgres {

using namespace rows;

namespace {

const Error kNested{ErrorCode::kConflict,
                    "groups cannot nest: a group's member leads no group of its own"};

// Group changes read rows that other group changes write (the nesting check), so they take
// turns on this lock, as they do behind SQLite's single writer.
constexpr std::int64_t kGroupsLock = 0x67726f757073;  // "groups"

void LockGroups(PgConnection& c) {
  c.Exec("SELECT pg_advisory_xact_lock($1)", Params().Add(kGroupsLock));
}

void InsertEvent(PgConnection& c, std::int64_t group, std::int64_t member, GroupEventKind kind,
                 std::optional<std::int64_t> other, std::int64_t at, std::int64_t actor) {
  const std::int64_t id =
      c.Exec(
           "INSERT INTO group_events (group_case_id, member_case_id, kind, other_group_id, at, "
           "actor_user_id) "
           "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
           Params().Add(group).Add(member).Add(ToString(kind)).Add(other).Add(at).Add(actor))
          .Int(0, 0);
  ResealRow(c, "group_events", id);
  ResealRow(c, "applications", group);  // it counts its history
}

// The group the case belongs to: nullopt for none; kNotFound without the case.
Result<std::optional<std::int64_t>> GroupOf(PgConnection& c, std::int64_t case_id) {
  auto r = c.Exec("SELECT group_case_id FROM applications WHERE id = $1", Params().Add(case_id));
  if (r.rows() == 0) return NotFound(fmt::format("no case {}", case_id));
  return r.OptionalInt(0, 0);
}

bool LeadsMembers(PgConnection& c, std::int64_t case_id) {
  return c.Exec("SELECT 1 FROM applications WHERE group_case_id = $1 LIMIT 1",
                Params().Add(case_id))
             .rows() > 0;
}

constexpr const char* kTaskColumns =
    "id, case_id, kind, due_at, note_sealed, created_by, done_at, done_by";

StoredTask ReadTask(const PgResult& r, int row, int first = 0) {
  StoredTask t;
  t.id = r.Int(row, first);
  t.case_id = r.Int(row, first + 1);
  t.kind = OrCorrupt(ParseTaskKind(r.Text(row, first + 2)));
  t.due_at = r.Int(row, first + 3);
  t.note_sealed = r.Bytes(row, first + 4);
  t.created_by = r.Int(row, first + 5);
  t.done_at = r.OptionalInt(row, first + 6);
  t.done_by = r.OptionalInt(row, first + 7);
  return t;
}

// Statuses in which a deployment date still matters: before the crossing, not ended.
constexpr const char* kStillAhead =
    "('new', 'contacted', 'verifying', 'verified', 'instructed', 'crossing_planned', "
    "'waiting_for_applicant', 'contact_lost', 'suspected_provocation')";

constexpr const char* kCallbackSelect =
    "SELECT id, seal_id, sealed, language, created_at, due_at, window_end, status, attempts FROM "
    "callbacks";

std::vector<StoredCallback> ReadCallbacks(const PgResult& r) {
  std::vector<StoredCallback> out;
  for (int i = 0; i < r.rows(); ++i) {
    StoredCallback c;
    c.id = r.Int(i, 0);
    c.seal_id = ReadBlob32(r, i, 1);
    c.sealed = r.Bytes(i, 2);
    c.language = r.Text(i, 3);
    c.created_at = r.Int(i, 4);
    c.due_at = r.Int(i, 5);
    c.window_end = r.Int(i, 6);
    c.status = OrCorrupt(ParseCallbackStatus(r.Text(i, 7)));
    c.attempts = static_cast<int>(r.Int(i, 8));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<std::int64_t> PgApplicationStore::AddGroupMember(const NewGroupMember& member) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    LockGroups(c);
    c.Exec("SELECT pg_advisory_xact_lock_shared($1)", Params().Add(kNewCasesLock));
    auto group = GroupOf(c, member.group_case_id);
    if (!group) return NotFound("no such group case");
    if (*group) return kNested;
    const std::int64_t id = InsertApplication(c, member.application, Origin::kMember,
                                              member.group_case_id, member.assigned_user_id);
    InsertEvent(c, member.group_case_id, id, GroupEventKind::kAdded, std::nullopt, member.at,
                member.actor_user_id);
    tx.Commit();
    return id;
  });
}

Status PgApplicationStore::MoveGroupMembers(std::span<const GroupMove> moves,
                                            std::int64_t actor_user_id, std::int64_t at) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    LockGroups(c);
    for (const GroupMove& move : moves) {
      // Compare and set per case, so that a concurrent split or merge is detected, not undone.
      auto moved = c.Exec(
          "UPDATE applications SET group_case_id = $1, version = version + 1 "
          "WHERE id = $2 AND group_case_id IS NOT DISTINCT FROM $3",
          Params().Add(move.to_group).Add(move.case_id).Add(move.from_group));
      if (moved.affected() == 0) {
        if (auto where = GroupOf(c, move.case_id); !where) return where.error();
        return Error{ErrorCode::kConflict,
                     "the group changed since you opened it; reload it and try again"};
      }
      if (move.from_group)
        InsertEvent(c, *move.from_group, move.case_id, GroupEventKind::kLeft, move.to_group, at,
                    actor_user_id);
      if (move.to_group)
        InsertEvent(c, *move.to_group, move.case_id, GroupEventKind::kJoined, move.from_group, at,
                    actor_user_id);
      ResealRow(c, "applications", move.case_id);
    }
    // Checked once all moves are made: a merge moves a leader's members before the leader.
    for (const GroupMove& move : moves) {
      if (!move.to_group) continue;
      auto target = GroupOf(c, *move.to_group);
      if (!target) return target.error();
      if (*target || LeadsMembers(c, move.case_id)) return kNested;
    }
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<CaseSummary>> PgApplicationStore::ListGroupMembers(std::int64_t group_case_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<CaseSummary>> {
    return ReadSummaries(
        c.Exec(fmt::format("SELECT {} FROM applications WHERE group_case_id = $1 ORDER BY id",
                           SummaryColumns()),
               Params().Add(group_case_id)));
  });
}

Result<std::vector<GroupEvent>> PgApplicationStore::ListGroupEvents(std::int64_t group_case_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<GroupEvent>> {
    auto r = c.Exec(
        "SELECT id, group_case_id, member_case_id, kind, other_group_id, at, actor_user_id FROM "
        "group_events "
        "WHERE group_case_id = $1 ORDER BY id",
        Params().Add(group_case_id));
    std::vector<GroupEvent> out;
    for (int i = 0; i < r.rows(); ++i) {
      GroupEvent e;
      e.id = r.Int(i, 0);
      e.group_case_id = r.Int(i, 1);
      e.member_case_id = r.Int(i, 2);
      e.kind = OrCorrupt(ParseGroupEventKind(r.Text(i, 3)));
      e.other_group_id = r.OptionalInt(i, 4);
      e.at = r.Int(i, 5);
      e.actor_user_id = r.Int(i, 6);
      out.push_back(e);
    }
    return out;
  });
}

Status PgApplicationStore::SetPlanSealed(std::int64_t case_id, std::int64_t expected_version,
                                         const Blob& sealed) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    if (c.Exec("UPDATE applications SET plan_sealed = $1, version = version + 1 WHERE id = $2 AND "
               "version = $3",
               Params().AddBytes(sealed).Add(case_id).Add(expected_version))
            .affected() > 0) {
      ResealRow(c, "applications", case_id);
      tx.Commit();
      return OkStatus();
    }
    if (auto where = GroupOf(c, case_id); !where) return where.error();
    return Error{ErrorCode::kConflict,
                 "the case changed since you opened it; reload it and try again"};
  });
}

Result<std::int64_t> PgApplicationStore::AddCallback(const NewCallback& cb) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c
        .Exec(
            "INSERT INTO callbacks (seal_id, sealed, language, created_at, due_at, window_end, "
            "status) "
            "VALUES ($1, $2, $3, $4, $5, $6, 'pending') RETURNING id",
            Params()
                .AddBytes(cb.seal_id)
                .AddBytes(cb.sealed)
                .Add(cb.language)
                .Add(cb.created_at)
                .Add(cb.due_at)
                .Add(cb.window_end))
        .Int(0, 0);
  });
}

Result<std::vector<StoredCallback>> PgApplicationStore::ListDueCallbacks(std::int64_t now,
                                                                         int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredCallback>> {
    return ReadCallbacks(
        c.Exec(std::string(kCallbackSelect) +
                   " WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2",
               Params().Add(now).Add(std::int64_t{limit})));
  });
}

Result<std::vector<StoredCallback>> PgApplicationStore::ListCallbacks(CallbackStatus status,
                                                                      int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredCallback>> {
    return ReadCallbacks(
        c.Exec(std::string(kCallbackSelect) + " WHERE status = $1 ORDER BY id DESC LIMIT $2",
               Params().Add(ToString(status)).Add(std::int64_t{limit})));
  });
}

Result<StoredCallback> PgApplicationStore::GetCallback(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<StoredCallback> {
    auto found =
        ReadCallbacks(c.Exec(std::string(kCallbackSelect) + " WHERE id = $1", Params().Add(id)));
    if (found.empty()) return NotFound("no such callback");
    return std::move(found.front());
  });
}

Status PgApplicationStore::UpdateCallback(const CallbackUpdate& u) {
  const bool over = u.to == CallbackStatus::kConnected || u.to == CallbackStatus::kLapsed;
  auto applied = pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    auto r = c.Exec(
        std::string(
            "UPDATE callbacks SET status = $1, attempts = $2, due_at = $3, window_end = $4") +
            (over ? ", sealed = NULL" : "") + " WHERE id = $5 AND status = $6",
        Params()
            .Add(ToString(u.to))
            .Add(std::int64_t{u.attempts})
            .Add(u.due_at)
            .Add(u.window_end)
            .Add(u.id)
            .Add(ToString(u.from)));
    if (r.affected() > 0) {
      if (over) MarkForErasure(c, {"callbacks"});  // the number must survive in no row version
      tx.Commit();
      return OkStatus();
    }
    if (!RowExists(c, "callbacks", u.id)) {
      return NotFound("no such callback");
    }
    return Error{ErrorCode::kConflict, "the callback changed meanwhile"};
  });
  if (!applied || !over) return applied;
  return EraseMarked(pool_);
}

Result<std::int64_t> PgApplicationStore::AddTask(const NewTask& t) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    Params p;
    p.Add(t.case_id).Add(ToString(t.kind)).Add(t.due_at);
    if (t.note_sealed.empty())
      p.AddNull();
    else
      p.AddBytes(t.note_sealed);
    p.Add(t.created_by);
    return c
        .Exec(
            "INSERT INTO tasks (case_id, kind, due_at, note_sealed, created_by) VALUES ($1, $2, "
            "$3, $4, $5) "
            "RETURNING id",
            p)
        .Int(0, 0);
  });
}

Result<std::vector<StoredTask>> PgApplicationStore::ListTasks(std::int64_t case_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredTask>> {
    auto r = c.Exec(
        fmt::format(
            "SELECT {} FROM tasks WHERE case_id = $1 ORDER BY done_at IS NOT NULL, due_at, id",
            kTaskColumns),
        Params().Add(case_id));
    std::vector<StoredTask> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadTask(r, i));
    return out;
  });
}

Result<StoredTask> PgApplicationStore::GetTask(std::int64_t task_id) {
  return pool_.With([&](PgConnection& c) -> Result<StoredTask> {
    auto r = c.Exec(fmt::format("SELECT {} FROM tasks WHERE id = $1", kTaskColumns),
                    Params().Add(task_id));
    if (r.rows() == 0) return NotFound("no such task");
    return ReadTask(r, 0);
  });
}

Status PgApplicationStore::CompleteTask(std::int64_t task_id, std::int64_t user_id,
                                        std::int64_t at) {
  return pool_.With([&](PgConnection& c) -> Status {
    if (c.Exec("UPDATE tasks SET done_at = $1, done_by = $2 WHERE id = $3 AND done_at IS NULL",
               Params().Add(at).Add(user_id).Add(task_id))
            .affected() == 1) {
      return OkStatus();
    }
    if (!RowExists(c, "tasks", task_id)) return NotFound("no such task");
    return Error{ErrorCode::kConflict, "this task is already done"};
  });
}

Result<std::vector<QueuedTask>> PgApplicationStore::ListOpenTasks(
    std::int64_t due_before, std::optional<std::int64_t> assigned_to, int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<QueuedTask>> {
    Params p;
    p.Add(due_before);
    std::string sql = fmt::format(
        "SELECT t.id, t.case_id, t.kind, t.due_at, NULL, t.created_by, t.done_at, t.done_by, {} "
        "FROM tasks t JOIN applications a ON a.id = t.case_id WHERE t.done_at IS NULL AND t.due_at "
        "< $1",
        SummaryColumns("a."));
    if (assigned_to) {
      p.Add(*assigned_to);
      sql += " AND a.assigned_user_id = $2";
    }
    p.Add(std::int64_t{limit});
    sql += fmt::format(" ORDER BY t.due_at, t.id LIMIT ${}", p.size());
    auto r = c.Exec(sql, p);
    std::vector<QueuedTask> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({ReadTask(r, i), ReadSummary(r, i, 8)});
    return out;
  });
}

Result<std::vector<CaseSummary>> PgApplicationStore::ListDeployingBefore(
    Date cutoff, std::optional<std::int64_t> assigned_to, int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<CaseSummary>> {
    Params p;
    p.Add(FormatIsoDate(cutoff));
    std::string sql = fmt::format(
        "SELECT {} FROM applications WHERE deploy_by IS NOT NULL AND deploy_by < $1 AND status IN "
        "{}",
        SummaryColumns(), kStillAhead);
    if (assigned_to) {
      p.Add(*assigned_to);
      sql += " AND (assigned_user_id IS NULL OR assigned_user_id = $2)";
    }
    p.Add(std::int64_t{limit});
    sql += fmt::format(" ORDER BY deploy_by, id LIMIT ${}", p.size());
    return ReadSummaries(c.Exec(sql, p));
  });
}

}  // namespace lifeline::store::postgres
