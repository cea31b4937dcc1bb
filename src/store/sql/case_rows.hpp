#pragma once
// A case's own row (applications), written once for both engines: inserting it, and
// reading the clear fields and summaries every case list reads.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/records.hpp"
#include "store/sql/session.hpp"

namespace lifeline::store::sql {

/// Where a row came from: an applicant writing in, or the office adding a group's member.
enum class Origin { kApplicant, kMember };

inline constexpr const char* kClearColumns =
    "situation, group_kind, group_size, contact_channel, language, deploy_by";

/// Reads kClearColumns, starting at column `first`.
ClearFields ReadClear(const Row& row, int first);

/// The columns ReadSummary reads, in its order, each prefixed (e.g. "a.") for joins.
std::string SummaryColumns(std::string_view prefix = "");
/// Reads SummaryColumns, starting at column `first`.
CaseSummary ReadSummary(const Row& row, int first = 0);
std::vector<CaseSummary> ReadSummaries(const Rows& rows);
/// The first column of every row.
std::vector<std::int64_t> ReadIds(const Rows& rows);

/// Whether `table` (a fixed name, never input) has a row with this id.
bool RowExists(Session& s, std::string_view table, std::int64_t id);

/// Inserts the row as "new", seals it, and returns its id. Used inside the caller's write
/// transaction, which has taken Session::ShareNewCasesLock.
std::int64_t InsertApplication(Session& s, const NewApplication& a, Origin origin,
                               std::optional<std::int64_t> group_case_id = std::nullopt,
                               std::optional<std::int64_t> assigned_user_id = std::nullopt);

}  // namespace lifeline::store::sql
