#pragma once
// Operator accounts and their second factor: the SQL behind the larger UserStore methods.
// Each function throws SqliteError; writers expect the caller to hold the store's writer
// lock.

#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

/// kConflict if the name is taken.
Result<std::int64_t> InsertUser(Connection& writer, const UserRecord& user);
Result<UserRecord> SelectUserByName(Connection& reader, const std::string& name);
Result<UserRecord> SelectUserById(Connection& reader, std::int64_t id);
/// The pending secret becomes the active one and the recovery codes are replaced, in one
/// transaction.
Status UpdateTotpActive(Connection& writer, std::int64_t user_id, const Blob& sealed, std::int64_t step,
                        const std::vector<Blob32>& recovery_hashes);
Status UpdateTotpCleared(Connection& writer, std::int64_t user_id);

}  // namespace lifeline::store::sqlite
