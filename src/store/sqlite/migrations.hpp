#pragma once

#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

/// The schema version this binary writes and understands.
int LatestSchemaVersion();

/// How Migrate makes an empty database: from the schema declared once
/// (store/sql/schema.hpp), or through SQLite's history of steps, as a database made by an
/// older lifeline went (schema_conformance_test proves the two agree).
enum class FreshDatabase { kFromDeclaredSchema, kThroughHistory };

/// Brings the database up to LatestSchemaVersion() in one transaction, and records the
/// version in PRAGMA user_version. Idempotent. kInternal with a clear message if the
/// database is newer than this binary (it refuses to touch it).
Status Migrate(Connection& connection, FreshDatabase fresh = FreshDatabase::kFromDeclaredSchema);

}  // namespace lifeline::store::sqlite
