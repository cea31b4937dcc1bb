#pragma once
// Status changes and the case timeline: the SQL behind ApplicationStore::ChangeStatus and
// ListCaseEvents. Each function throws SqliteError; UpdateStatus expects the caller to hold
// the store's writer lock.

#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

Status UpdateStatus(Connection& writer, std::int64_t expected_version, const NewCaseEvent& event);
std::vector<StoredCaseEvent> SelectCaseEvents(Connection& reader, std::int64_t case_id);

}  // namespace lifeline::store::sqlite
