#pragma once
// Reading lifeline's rows out of SQLite statements. A stored value this version does not
// understand throws SqliteError(SQLITE_CORRUPT), which the store reports as kInternal.

#include <algorithm>
#include <string>

#include "store/records.hpp"
#include "store/sql/case_rows.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite::rows {

inline Date ParseDate(const std::string& text) {
  auto date = ParseIsoDate(text);
  if (!date) throw SqliteError(SQLITE_CORRUPT, "a stored date is malformed");
  return *date;
}

inline Blob32 ToBlob32(const Blob& blob) {
  Blob32 out{};
  if (blob.size() != out.size()) throw SqliteError(SQLITE_CORRUPT, "a stored key has wrong size");
  std::copy(blob.begin(), blob.end(), out.begin());
  return out;
}

template <typename E, typename Parse>
E ParseEnum(const std::string& text, Parse parse) {
  auto value = parse(text);
  if (!value) throw SqliteError(SQLITE_CORRUPT, "a stored value is unknown to this version");
  return *value;
}

inline ClearFields ReadClear(const Statement& s, int first) {
  ClearFields c;
  c.situation = ParseEnum<Situation>(s.Text(first), ParseSituation);
  c.group_kind = ParseEnum<GroupKind>(s.Text(first + 1), ParseGroupKind);
  c.group_size = static_cast<int>(s.Int(first + 2));
  c.contact_channel = ParseEnum<ContactChannel>(s.Text(first + 3), ParseContactChannel);
  c.language = ParseEnum<Language>(s.Text(first + 4), ParseLanguage);
  if (auto deploy_by = s.OptionalText(first + 5)) c.deploy_by = ParseDate(*deploy_by);
  return c;
}

using sql::kClearColumns;

// The columns ReadSummary reads, in its order, each prefixed (e.g. "a.") for joins.
inline std::string PrefixedSummaryColumns(const std::string& p) {
  return p + "id, " + p + "received_on, " + p + "status, " + p + "situation, " + p +
         "group_kind, " + p + "group_size, " + p + "contact_channel, " + p + "language, " + p +
         "deploy_by, " + p + "assigned_user_id, " + p + "custody_sealed IS NOT NULL, " + p +
         "group_case_id";
}
inline const std::string kSummaryColumns = PrefixedSummaryColumns("");

/// Reads the summary columns starting at column `first`.
inline CaseSummary ReadSummary(const Statement& s, int first = 0) {
  CaseSummary row;
  row.id = s.Int(first);
  row.received_on = ParseDate(s.Text(first + 1));
  row.status = ParseEnum<CaseStatus>(s.Text(first + 2), ParseCaseStatus);
  row.clear = ReadClear(s, first + 3);
  row.assigned_user_id = s.OptionalInt(first + 9);
  row.in_custody = s.Int(first + 10) != 0;
  row.group_case_id = s.OptionalInt(first + 11);
  return row;
}

// Runs `body` and turns SQLite failures into Result errors at the store boundary.
template <typename F>
auto Guard(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SqliteError& e) {
    return sqlite::ToError(e);
  }
}

}  // namespace lifeline::store::sqlite::rows
