#pragma once
// One application row: the SQL behind AppendApplications, AddGroupMember and
// GetApplication. Each function throws SqliteError; writers expect the caller to hold the
// store's writer lock and to run inside a transaction.

#include <optional>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sql/case_rows.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

using sql::Origin;

/// Inserts the row as "new" and returns its id (sql::InsertApplication).
std::int64_t InsertApplication(Connection& writer, const NewApplication& a, Origin origin,
                               std::optional<std::int64_t> group_case_id = std::nullopt,
                               std::optional<std::int64_t> assigned_user_id = std::nullopt);

Result<StoredApplication> SelectApplication(Connection& reader, std::int64_t id);
/// What the receipt holder sees; kNotFound for no such receipt.
Result<ApplicantView> SelectApplicantView(Connection& reader, const Blob32& lookup);
/// Deletes case `id` and everything hanging off it (messages, tasks, events, its channel
/// sender, group links), inside the caller's transaction. kNotFound for no such case.
Status DeleteCaseRows(Connection& writer, std::int64_t id);
/// Assigns an unassigned case to `user_id`. True if it is now theirs (also when it already
/// was), false if someone else holds it; kNotFound.
Result<bool> ClaimApplication(Connection& writer, std::int64_t id, std::int64_t user_id);

}  // namespace lifeline::store::sqlite
