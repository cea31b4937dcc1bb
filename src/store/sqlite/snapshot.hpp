#pragma once
// Taking a consistent snapshot of a live SQLite store (snapshot.cpp).

#include "store/sqlite/connection.hpp"
#include "store/store.hpp"

namespace lifeline::store::sqlite {

/// Copies the whole database under one read transaction on `reader` (writers go on, WAL)
/// and feeds it to `sink` in chunks of 1 MiB; stops at the sink's first error. The image in
/// memory is wiped afterwards.
Status ExportSnapshotOf(Connection& reader, const SnapshotStore::SnapshotSink& sink);

}  // namespace lifeline::store::sqlite
