#include "store/sqlite/case_event_rows.hpp"

#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {

using rows::ParseEnum;

Status UpdateStatus(Connection& writer, std::int64_t expected_version, const NewCaseEvent& event) {
  Transaction tx(writer);
  // Compare and set: a concurrent change bumped the version, so this one must not land.
  auto update = writer.Prepare(
      "UPDATE applications SET status = ?, version = version + 1 "
      "WHERE id = ? AND version = ? AND status = ?");
  update.Bind(1, ToString(event.to))
      .Bind(2, event.case_id)
      .Bind(3, expected_version)
      .Bind(4, ToString(event.from));
  update.Step();
  if (sqlite3_changes(writer.raw()) == 0) {
    auto exists = writer.Prepare("SELECT 1 FROM applications WHERE id = ?");
    exists.Bind(1, event.case_id);
    if (!exists.Step()) return NotFound("no such case");
    return Error{ErrorCode::kConflict,
                 "the case changed since you opened it; reload it and try again"};
  }
  auto insert = writer.Prepare(
      "INSERT INTO case_events (case_id, at, actor_user_id, from_status, to_status, reason_sealed) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  insert.Bind(1, event.case_id)
      .Bind(2, event.at)
      .Bind(3, event.actor_user_id)
      .Bind(4, ToString(event.from))
      .Bind(5, ToString(event.to));
  if (event.reason_sealed.empty())
    insert.BindNull(6);
  else
    insert.Bind(6, event.reason_sealed);
  insert.Step();
  ResealRow(writer, "case_events", writer.LastInsertId());
  ResealRow(writer, "applications", event.case_id);
  tx.Commit();
  return OkStatus();
}

std::vector<StoredCaseEvent> SelectCaseEvents(Connection& reader, std::int64_t case_id) {
  auto s = reader.Prepare(
      "SELECT id, case_id, at, actor_user_id, from_status, to_status, reason_sealed "
      "FROM case_events WHERE case_id = ? ORDER BY id");
  s.Bind(1, case_id);
  std::vector<StoredCaseEvent> events;
  while (s.Step()) {
    StoredCaseEvent e;
    e.id = s.Int(0);
    e.case_id = s.Int(1);
    e.at = s.Int(2);
    e.actor_user_id = s.Int(3);
    e.from = ParseEnum<CaseStatus>(s.Text(4), ParseCaseStatus);
    e.to = ParseEnum<CaseStatus>(s.Text(5), ParseCaseStatus);
    e.reason_sealed = s.Blob(6);
    events.push_back(std::move(e));
  }
  return events;
}

}  // namespace lifeline::store::sqlite
