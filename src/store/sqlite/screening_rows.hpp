#pragma once
// Screening: the SQL behind ListUnscreened, SaveScreening, CasesWithHandle, CountAlike and
// the markers. Each function throws SqliteError; writers expect the caller to hold the
// store's writer lock.

#include <optional>
#include <span>
#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

/// The WHERE condition of the review queue (for ListCases' filter).
extern const char* const kNeedsReviewCondition;

std::vector<std::int64_t> SelectUnscreened(Connection& reader, int limit);
void UpdateScreening(Connection& writer, std::span<const ScreeningResult> results);
std::vector<std::int64_t> SelectCasesWithHandle(Connection& reader, const Blob32& handle_index,
                                                std::int64_t except_id);
std::vector<std::int64_t> SelectCasesWithName(Connection& reader, const Blob32& name_index,
                                              std::int64_t except_id);
Status UpdateMergedInto(Connection& writer, std::int64_t source, std::int64_t target);
std::vector<std::int64_t> SelectMergedInto(Connection& reader, std::int64_t target);
std::int64_t SelectCountAlike(Connection& reader, const ClearFields& like, Date from, Date to);
std::int64_t InsertMarker(Connection& writer, const NewMarker& marker);
std::vector<StoredMarker> SelectMarkers(Connection& reader);

}  // namespace lifeline::store::sqlite
