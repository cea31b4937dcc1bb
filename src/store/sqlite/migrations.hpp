#pragma once

#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

/// The schema version this binary writes and understands.
int LatestSchemaVersion();

/// Brings the database up to LatestSchemaVersion(), each step in its own transaction, and
/// records the version in PRAGMA user_version. Idempotent. kInternal with a clear message
/// if the database is newer than this binary (it refuses to touch it).
Status Migrate(Connection& connection);

}  // namespace lifeline::store::sqlite
