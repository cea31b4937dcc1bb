#pragma once

#include <memory>
#include <span>
#include <string>

#include "store/store.hpp"

namespace lifeline::store {

/// Opens the SQLite store in `data_dir` (file lifeline.db), creating and migrating it when
/// `create` is true; otherwise it must exist and have been migrated. Throws
/// std::runtime_error with a clear message at start-up failure (missing, newer schema).
std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, bool create);

/// Writes a snapshot made by ExportSnapshot into `data_dir` as a new store. kConflict if the
/// folder already holds a store; kInvalidInput if `snapshot` is not a sound SQLite database.
/// The file appears whole or not at all (written aside, then renamed).
Status RestoreSqliteStore(const std::string& data_dir, std::span<const std::uint8_t> snapshot);

}  // namespace lifeline::store
