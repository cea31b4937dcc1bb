#pragma once
// Reading cases' rows on PostgreSQL (application_store.cpp and its siblings). Internal to
// store/postgres.

#include <string>

#include "store/postgres/rows.hpp"
#include "store/sql/case_rows.hpp"

namespace lifeline::store::postgres::rows {

using sql::kClearColumns;

inline ClearFields ReadClear(const PgResult& r, int row, int first) {
  ClearFields c;
  c.situation = OrCorrupt(ParseSituation(r.Text(row, first)));
  c.group_kind = OrCorrupt(ParseGroupKind(r.Text(row, first + 1)));
  c.group_size = static_cast<int>(r.Int(row, first + 2));
  c.contact_channel = OrCorrupt(ParseContactChannel(r.Text(row, first + 3)));
  c.language = OrCorrupt(ParseLanguage(r.Text(row, first + 4)));
  c.deploy_by = ReadOptionalDate(r, row, first + 5);
  return c;
}

// The columns ReadSummary reads, in its order, each prefixed (e.g. "a.") for joins.
inline std::string SummaryColumns(const std::string& p = "") {
  return p + "id, " + p + "received_on, " + p + "status, " + p + "situation, " + p +
         "group_kind, " + p + "group_size, " + p + "contact_channel, " + p + "language, " + p +
         "deploy_by, " + p + "assigned_user_id, (" + p + "custody_sealed IS NOT NULL)::int, " + p +
         "group_case_id";
}

inline CaseSummary ReadSummary(const PgResult& r, int row, int first = 0) {
  CaseSummary s;
  s.id = r.Int(row, first);
  s.received_on = ReadDate(r, row, first + 1);
  s.status = OrCorrupt(ParseCaseStatus(r.Text(row, first + 2)));
  s.clear = ReadClear(r, row, first + 3);
  s.assigned_user_id = r.OptionalInt(row, first + 9);
  s.in_custody = r.Int(row, first + 10) != 0;
  s.group_case_id = r.OptionalInt(row, first + 11);
  return s;
}

inline std::vector<CaseSummary> ReadSummaries(const PgResult& r) {
  std::vector<CaseSummary> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(ReadSummary(r, i));
  return out;
}

inline std::vector<std::int64_t> ReadIds(const PgResult& r) {
  std::vector<std::int64_t> out;
  for (int i = 0; i < r.rows(); ++i) out.push_back(r.Int(i, 0));
  return out;
}

/// Whether `table` (a fixed name, never input) has a row with this id.
inline bool RowExists(PgConnection& c, std::string_view table, std::int64_t id) {
  return c.Exec(std::string("SELECT 1 FROM ") + std::string(table) + " WHERE id = $1",
                Params().Add(id))
             .rows() > 0;
}

using sql::Origin;

/// Inserting cases takes this lock shared until commit, and ListCaseIdsAfter takes it alone
/// for a moment: ids are drawn at insert but committed in any order, and the search index
/// walks ids upwards from the highest it has seen, so it must never see a case while a
/// lower id is still uncommitted (SQLite's single writer commits in id order).
inline constexpr std::int64_t kNewCasesLock = 0x6e65772063617365;  // "new case"

/// Inserts the row as "new" and returns its id (application_store.cpp). The caller's
/// transaction holds kNewCasesLock shared.
std::int64_t InsertApplication(PgConnection& c, const NewApplication& a, Origin origin,
                               std::optional<std::int64_t> group_case_id = std::nullopt,
                               std::optional<std::int64_t> assigned_user_id = std::nullopt);

}  // namespace lifeline::store::postgres::rows
