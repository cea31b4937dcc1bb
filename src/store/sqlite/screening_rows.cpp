#include "store/sqlite/screening_rows.hpp"

#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {

using namespace rows;

// Screened at or above the threshold, or sharing a contact handle with another case; and
// still open to judgement.
const char* const kNeedsReviewCondition =
    "(screening_score >= 40 OR (handle_index IS NOT NULL AND EXISTS (SELECT 1 FROM applications b "
    "WHERE b.handle_index = applications.handle_index AND b.id != applications.id))) "
    "AND status NOT IN ('rejected', 'duplicate', 'closed', 'withdrawn')";

std::vector<std::int64_t> SelectUnscreened(Connection& reader, int limit) {
  auto s = reader.Prepare(
      "SELECT id FROM applications WHERE screening_score IS NULL ORDER BY id LIMIT ?");
  s.Bind(1, std::int64_t{limit});
  std::vector<std::int64_t> ids;
  while (s.Step()) ids.push_back(s.Int(0));
  return ids;
}

void UpdateScreening(Connection& writer, std::span<const ScreeningResult> results) {
  Transaction tx(writer);
  auto s = writer.Prepare(
      "UPDATE applications SET handle_index = ?, screening_score = ?, name_index = ? WHERE id = ?");
  for (const auto& r : results) {
    s.Reset();
    if (r.handle_index)
      s.Bind(1, *r.handle_index);
    else
      s.BindNull(1);
    s.Bind(2, std::int64_t{r.score});
    if (r.name_index)
      s.Bind(3, *r.name_index);
    else
      s.BindNull(3);
    s.Bind(4, r.id);
    s.Step();
  }
  tx.Commit();
}

namespace {
std::vector<std::int64_t> Ids(Statement& s) {
  std::vector<std::int64_t> ids;
  while (s.Step()) ids.push_back(s.Int(0));
  return ids;
}
}  // namespace

std::vector<std::int64_t> SelectCasesWithHandle(Connection& reader, const Blob32& handle_index,
                                                std::int64_t except_id) {
  auto s =
      reader.Prepare("SELECT id FROM applications WHERE handle_index = ? AND id != ? ORDER BY id");
  s.Bind(1, handle_index).Bind(2, except_id);
  return Ids(s);
}

std::vector<std::int64_t> SelectCasesWithName(Connection& reader, const Blob32& name_index,
                                              std::int64_t except_id) {
  auto s =
      reader.Prepare("SELECT id FROM applications WHERE name_index = ? AND id != ? ORDER BY id");
  s.Bind(1, name_index).Bind(2, except_id);
  return Ids(s);
}

Status UpdateMergedInto(Connection& writer, std::int64_t source, std::int64_t target) {
  Transaction tx(writer);
  auto s = writer.Prepare("UPDATE applications SET merged_into = ? WHERE id = ?");
  s.Bind(1, target).Bind(2, source);
  s.Step();
  if (sqlite3_changes(writer.raw()) == 0) return NotFound("no such case");
  ResealRow(writer, "applications", source);
  tx.Commit();
  return OkStatus();
}

std::vector<std::int64_t> SelectMergedInto(Connection& reader, std::int64_t target) {
  auto s = reader.Prepare("SELECT id FROM applications WHERE merged_into = ? ORDER BY id");
  s.Bind(1, target);
  return Ids(s);
}

std::int64_t SelectCountAlike(Connection& reader, const ClearFields& like, Date from, Date to) {
  auto s = reader.Prepare(
      "SELECT count(*) FROM applications WHERE situation = ? AND group_kind = ? AND "
      "contact_channel = ? "
      "AND received_on >= ? AND received_on < ? AND origin = 'applicant'");
  s.Bind(1, ToString(like.situation))
      .Bind(2, ToString(like.group_kind))
      .Bind(3, ToString(like.contact_channel))
      .Bind(4, FormatIsoDate(from))
      .Bind(5, FormatIsoDate(to));
  s.Step();
  return s.Int(0);
}

std::int64_t InsertMarker(Connection& writer, const NewMarker& m) {
  Transaction tx(writer);
  auto s = writer.Prepare(
      "INSERT INTO screening_markers (handle_index, phrase_sealed, note_sealed, created_by, "
      "created_at) "
      "VALUES (?, ?, ?, ?, ?)");
  if (m.handle_index)
    s.Bind(1, *m.handle_index);
  else
    s.BindNull(1);
  if (m.phrase_sealed.empty())
    s.BindNull(2);
  else
    s.Bind(2, m.phrase_sealed);
  s.Bind(3, m.note_sealed).Bind(4, m.created_by).Bind(5, m.created_at);
  s.Step();
  const std::int64_t id = writer.LastInsertId();
  writer.Execute(
      "UPDATE applications SET screening_score = NULL");  // a new marker: screen all again
  tx.Commit();
  return id;
}

std::vector<StoredMarker> SelectMarkers(Connection& reader) {
  auto s = reader.Prepare(
      "SELECT id, handle_index, phrase_sealed, note_sealed, created_by, created_at FROM "
      "screening_markers "
      "ORDER BY id");
  std::vector<StoredMarker> out;
  while (s.Step()) {
    StoredMarker m;
    m.id = s.Int(0);
    if (auto index = s.Blob(1); !index.empty()) m.handle_index = ToBlob32(index);
    m.phrase_sealed = s.Blob(2);
    m.note_sealed = s.Blob(3);
    m.created_by = s.Int(4);
    m.created_at = s.Int(5);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace lifeline::store::sqlite
