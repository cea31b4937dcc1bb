#pragma once
// The schema version this lifeline writes and understands, shared by every store: a schema
// change adds a migration to each store (store/sqlite/migrations.cpp,
// store/postgres/migrations.cpp) and raises this number.

namespace lifeline::store {

inline constexpr int kSchemaVersion = 23;

}  // namespace lifeline::store
