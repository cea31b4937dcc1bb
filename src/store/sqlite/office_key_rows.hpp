#pragma once
// The wrapped record keys: the SQL behind key rotation (ApplicationStore's ListKeysOlderThan,
// CountKeysOlderThan and ReplaceWrappedKeys). Each function throws SqliteError; the writer
// expects the caller to hold the store's writer lock.

#include <span>
#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

std::vector<WrappedRecordKey> SelectKeysOlderThan(Connection& reader, std::int64_t generation,
                                                  int limit);
std::int64_t CountKeysOlderThan(Connection& reader, std::int64_t generation);
void UpdateWrappedKeys(Connection& writer, std::span<const WrappedRecordKey> keys);

}  // namespace lifeline::store::sqlite
