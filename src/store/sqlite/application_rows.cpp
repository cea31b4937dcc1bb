#include "store/sqlite/application_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "store/sql/channel_sql.hpp"
#include "store/sqlite/group_rows.hpp"
#include "store/sqlite/message_rows.hpp"
#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/session.hpp"

namespace lifeline::store::sqlite {

using namespace rows;

std::int64_t InsertApplication(Connection& writer, const NewApplication& a, Origin origin,
                               std::optional<std::int64_t> group_case_id,
                               std::optional<std::int64_t> assigned_user_id) {
  SqliteSession s(writer);
  return sql::InsertApplication(s, a, origin, group_case_id, assigned_user_id);
}

Result<StoredApplication> SelectApplication(Connection& reader, std::int64_t id) {
  auto s = reader.Prepare(fmt::format(
      "SELECT id, received_on, status, {}, receipt_lookup, reply_public, ephemeral_public, "
      "wrapped_key, sealed_fields, assigned_user_id, key_generation, custody_sealed, version, "
      "merged_into, group_case_id, plan_sealed FROM applications WHERE id = ?",
      kClearColumns));
  s.Bind(1, id);
  if (!s.Step()) return NotFound("no such case");
  StoredApplication a;
  a.id = s.Int(0);
  a.received_on = ParseDate(s.Text(1));
  a.status = ParseEnum<CaseStatus>(s.Text(2), ParseCaseStatus);
  a.clear = ReadClear(s, 3);
  a.receipt_lookup = ToBlob32(s.Blob(9));
  a.reply_public = ToBlob32(s.Blob(10));
  a.ephemeral_public = ToBlob32(s.Blob(11));
  a.wrapped_key = s.Blob(12);
  a.sealed_fields = s.Blob(13);
  a.assigned_user_id = s.OptionalInt(14);
  a.key_generation = s.Int(15);
  a.custody_sealed = s.Blob(16);
  a.version = s.Int(17);
  a.merged_into = s.OptionalInt(18);
  a.group_case_id = s.OptionalInt(19);
  a.plan_sealed = s.Blob(20);
  return a;
}

Result<ApplicantView> SelectApplicantView(Connection& reader, const Blob32& lookup) {
  auto s =
      reader.Prepare("SELECT id, status, received_on FROM applications WHERE receipt_lookup = ?");
  s.Bind(1, lookup);
  if (!s.Step()) return NotFound("no application has that receipt");
  ApplicantView view;
  view.case_id = s.Int(0);
  view.status = ParseEnum<CaseStatus>(s.Text(1), ParseCaseStatus);
  view.received_on = ParseDate(s.Text(2));
  view.messages = SelectMessages(reader, view.case_id);
  return view;
}

Result<bool> ClaimApplication(Connection& writer, std::int64_t id, std::int64_t user_id) {
  Transaction tx(writer);
  auto claim = writer.Prepare(
      "UPDATE applications SET assigned_user_id = ? WHERE id = ? AND assigned_user_id IS NULL");
  claim.Bind(1, user_id).Bind(2, id);
  claim.Step();
  if (sqlite3_changes(writer.raw()) > 0) {
    ResealRow(writer, "applications", id);
    tx.Commit();
    return true;
  }
  auto holder = writer.Prepare("SELECT assigned_user_id FROM applications WHERE id = ?");
  holder.Bind(1, id);
  if (!holder.Step()) return NotFound("no such case");
  return holder.Int(0) == user_id;
}

Status DeleteCaseRows(Connection& writer, std::int64_t id) {
  // Cases whose MAC'd content changes with this one's deletion: those merged into it, its
  // members, and the groups whose history it appears in.
  std::vector<std::int64_t> touched;
  {
    auto s = writer.Prepare(
        "SELECT id FROM applications WHERE (merged_into = ?1 OR group_case_id = ?1) AND id != ?1 "
        "UNION SELECT group_case_id FROM group_events WHERE member_case_id = ?1 AND group_case_id "
        "!= ?1");
    s.Bind(1, id);
    while (s.Step()) touched.push_back(s.Int(0));
  }
  for (const char* sql :
       {"DELETE FROM messages WHERE case_id = ?", "DELETE FROM tasks WHERE case_id = ?",
        "UPDATE applications SET merged_into = NULL WHERE merged_into = ?",
        "DELETE FROM case_events WHERE case_id = ?"}) {
    auto children = writer.Prepare(sql);
    children.Bind(1, id);
    children.Step();
  }
  SqliteSession session(writer);
  for (std::string_view shared : sql::channel_sql::kDeleteCaseSender)
    session.Run(shared, sql::Params().Add(id));
  DetachFromGroups(writer, id);
  auto row = writer.Prepare("DELETE FROM applications WHERE id = ?");
  row.Bind(1, id);
  row.Step();
  if (sqlite3_changes(writer.raw()) == 0) return NotFound("no such case");
  ResealRows(writer, "applications", touched);
  return OkStatus();
}

}  // namespace lifeline::store::sqlite
