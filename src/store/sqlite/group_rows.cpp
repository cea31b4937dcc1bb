#include "store/sqlite/group_rows.hpp"

#include <fmt/format.h>

#include "store/sqlite/application_rows.hpp"
#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {
namespace {

using namespace rows;

const Error kNested{ErrorCode::kConflict,
                    "groups cannot nest: a group's member leads no group of its own"};

void InsertEvent(Connection& writer, std::int64_t group, std::int64_t member, GroupEventKind kind,
                 std::optional<std::int64_t> other, std::int64_t at, std::int64_t actor) {
  auto s = writer.Prepare(
      "INSERT INTO group_events (group_case_id, member_case_id, kind, other_group_id, at, "
      "actor_user_id) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  s.Bind(1, group).Bind(2, member).Bind(3, ToString(kind));
  if (other)
    s.Bind(4, *other);
  else
    s.BindNull(4);
  s.Bind(5, at).Bind(6, actor);
  s.Step();
  ResealRow(writer, "group_events", writer.LastInsertId());
  ResealRow(writer, "applications", group);  // it counts its history
}

// The group the case belongs to: nullopt for none; kNotFound without the case.
Result<std::optional<std::int64_t>> GroupOf(Connection& c, std::int64_t case_id) {
  auto s = c.Prepare("SELECT group_case_id FROM applications WHERE id = ?");
  s.Bind(1, case_id);
  if (!s.Step()) return NotFound(fmt::format("no case {}", case_id));
  return s.OptionalInt(0);
}

bool LeadsMembers(Connection& c, std::int64_t case_id) {
  auto s = c.Prepare("SELECT 1 FROM applications WHERE group_case_id = ? LIMIT 1");
  s.Bind(1, case_id);
  return s.Step();
}

}  // namespace

Result<std::int64_t> InsertGroupMember(Connection& writer, const NewGroupMember& member) {
  Transaction tx(writer);
  auto group = GroupOf(writer, member.group_case_id);
  if (!group) return NotFound("no such group case");
  if (*group) return kNested;
  const std::int64_t id = InsertApplication(writer, member.application, Origin::kMember,
                                            member.group_case_id, member.assigned_user_id);
  InsertEvent(writer, member.group_case_id, id, GroupEventKind::kAdded, std::nullopt, member.at,
              member.actor_user_id);
  tx.Commit();
  return id;
}

Status UpdateGroupMembers(Connection& writer, std::span<const GroupMove> moves,
                          std::int64_t actor_user_id, std::int64_t at) {
  Transaction tx(writer);
  // Compare and set per case, so that a concurrent split or merge is detected, not undone.
  auto update = writer.Prepare(
      "UPDATE applications SET group_case_id = ?, version = version + 1 WHERE id = ? AND "
      "group_case_id IS ?");
  for (const GroupMove& move : moves) {
    update.Reset();
    if (move.to_group)
      update.Bind(1, *move.to_group);
    else
      update.BindNull(1);
    update.Bind(2, move.case_id);
    if (move.from_group)
      update.Bind(3, *move.from_group);
    else
      update.BindNull(3);
    update.Step();
    if (sqlite3_changes(writer.raw()) == 0) {
      if (auto where = GroupOf(writer, move.case_id); !where) return where.error();
      return Error{ErrorCode::kConflict,
                   "the group changed since you opened it; reload it and try again"};
    }
    if (move.from_group) {
      InsertEvent(writer, *move.from_group, move.case_id, GroupEventKind::kLeft, move.to_group, at,
                  actor_user_id);
    }
    if (move.to_group) {
      InsertEvent(writer, *move.to_group, move.case_id, GroupEventKind::kJoined, move.from_group,
                  at, actor_user_id);
    }
    ResealRow(writer, "applications", move.case_id);
  }
  // Checked once all moves are made: a merge moves a leader's members before the leader.
  for (const GroupMove& move : moves) {
    if (move.to_group) {
      auto target = GroupOf(writer, *move.to_group);
      if (!target) return target.error();
      if (*target || LeadsMembers(writer, move.case_id)) return kNested;
    }
  }
  tx.Commit();
  return OkStatus();
}

std::vector<CaseSummary> SelectGroupMembers(Connection& reader, std::int64_t group_case_id) {
  auto s = reader.Prepare(fmt::format(
      "SELECT {} FROM applications WHERE group_case_id = ? ORDER BY id", kSummaryColumns));
  s.Bind(1, group_case_id);
  std::vector<CaseSummary> out;
  while (s.Step()) out.push_back(ReadSummary(s));
  return out;
}

std::vector<GroupEvent> SelectGroupEvents(Connection& reader, std::int64_t group_case_id) {
  auto s = reader.Prepare(
      "SELECT id, group_case_id, member_case_id, kind, other_group_id, at, actor_user_id FROM "
      "group_events "
      "WHERE group_case_id = ? ORDER BY id");
  s.Bind(1, group_case_id);
  std::vector<GroupEvent> out;
  while (s.Step()) {
    GroupEvent e;
    e.id = s.Int(0);
    e.group_case_id = s.Int(1);
    e.member_case_id = s.Int(2);
    e.kind = ParseEnum<GroupEventKind>(s.Text(3), ParseGroupEventKind);
    e.other_group_id = s.OptionalInt(4);
    e.at = s.Int(5);
    e.actor_user_id = s.Int(6);
    out.push_back(e);
  }
  return out;
}

Status UpdatePlanSealed(Connection& writer, std::int64_t case_id, std::int64_t expected_version,
                        const Blob& sealed) {
  Transaction tx(writer);
  auto s = writer.Prepare(
      "UPDATE applications SET plan_sealed = ?, version = version + 1 WHERE id = ? AND version = "
      "?");
  s.Bind(1, sealed).Bind(2, case_id).Bind(3, expected_version);
  s.Step();
  if (sqlite3_changes(writer.raw()) > 0) {
    ResealRow(writer, "applications", case_id);
    tx.Commit();
    return OkStatus();
  }
  if (auto where = GroupOf(writer, case_id); !where) return where.error();
  return Error{ErrorCode::kConflict,
               "the case changed since you opened it; reload it and try again"};
}

void DetachFromGroups(Connection& writer, std::int64_t case_id) {
  for (const char* sql :
       {"UPDATE applications SET group_case_id = NULL WHERE group_case_id = ?1",
        "DELETE FROM group_events WHERE group_case_id = ?1 OR member_case_id = ?1"}) {
    auto s = writer.Prepare(sql);
    s.Bind(1, case_id);
    s.Step();
  }
}

}  // namespace lifeline::store::sqlite
