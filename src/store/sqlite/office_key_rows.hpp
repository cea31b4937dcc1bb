#pragma once
// The installation row, the office key generations and the wrapped record keys: the SQL
// behind InstallationStore and key rotation. Each function throws SqliteError; the writer
// functions expect the caller to hold the store's writer lock.

#include <span>
#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

Status InsertInstallation(Connection& writer, const Installation& installation);
Result<Installation> SelectInstallation(Connection& reader);
Status InsertOfficeKey(Connection& writer, const StoredOfficeKey& key);
Status UpdateOfficeSecret(Connection& writer, const Blob& sealed);
/// Does not clear the write-ahead log; the caller does, after it returns.
Status ClearOfficeKeysBefore(Connection& writer, std::int64_t generation);

std::vector<WrappedRecordKey> SelectKeysOlderThan(Connection& reader, std::int64_t generation,
                                                  int limit);
std::int64_t CountKeysOlderThan(Connection& reader, std::int64_t generation);
void UpdateWrappedKeys(Connection& writer, std::span<const WrappedRecordKey> keys);

}  // namespace lifeline::store::sqlite
