#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace lifeline::store {

/// Opens the SQLite store in `data_dir` (file lifeline.db), creating and migrating it when
/// `create` is true; otherwise it must exist and have been migrated. Throws
/// std::runtime_error with a clear message at start-up failure (missing, newer schema).
std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, bool create);

}  // namespace lifeline::store
