#pragma once
// Reading lifeline's rows out of SQLite statements. A stored value this version does not
// understand throws SqliteError(SQLITE_CORRUPT), which the store reports as kInternal.

#include <algorithm>
#include <string>

#include "store/records.hpp"
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

inline constexpr const char* kClearColumns =
    "situation, group_kind, group_size, contact_channel, language, deploy_by";

// The columns ReadSummary reads, in its order.
inline const std::string kSummaryColumns =
    std::string("id, received_on, status, ") + kClearColumns +
    ", assigned_user_id, custody_sealed IS NOT NULL";

inline CaseSummary ReadSummary(const Statement& s) {
  CaseSummary row;
  row.id = s.Int(0);
  row.received_on = ParseDate(s.Text(1));
  row.status = ParseEnum<CaseStatus>(s.Text(2), ParseCaseStatus);
  row.clear = ReadClear(s, 3);
  row.assigned_user_id = s.OptionalInt(9);
  row.in_custody = s.Int(10) != 0;
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
