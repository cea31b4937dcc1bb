#pragma once
// Listing cases by their clear fields: the SQL behind ListCases, ListCaseIdsAfter and
// GetSummaries. Each function throws SqliteError.

#include <span>
#include <vector>

#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

CasePage SelectCasePage(Connection& reader, const CaseFilter& filter);
std::vector<std::int64_t> SelectCaseIdsAfter(Connection& reader, std::int64_t after_id, int limit);
std::vector<CaseSummary> SelectSummaries(Connection& reader, std::span<const std::int64_t> ids);
/// Applications still "new" with no message, received before `cutoff`, oldest first.
std::vector<CaseSummary> SelectUncontactedBefore(Connection& reader, Date cutoff);

}  // namespace lifeline::store::sqlite
