#pragma once
// Erasing on PostgreSQL. A DELETE or UPDATE leaves the old row version in the table's files
// until VACUUM; deleted cases, replaced custody circumstances, finished callbacks' numbers
// and retired keys must not stay there. The change marks its tables in the same transaction
// (so the mark is as durable as the change), and EraseMarked rewrites every marked table
// with VACUUM FULL and then clears the mark. A rewrite that cannot run now (a lock held too
// long, a lost connection) leaves the mark, and the next EraseMarked, from any instance,
// finishes it: PostgresStore runs one at start and every minute.
//
// VACUUM FULL keeps a row version that a transaction open since before the change could
// still see (a long report, a pg_dump): EraseMarked first waits for those to end, and
// leaves the mark when they do not. What it cannot reach: the write-ahead log's and
// backups' copies, which age out with them (docs/deploy.md).

#include <string_view>

#include "store/postgres/pool.hpp"

namespace lifeline::store::postgres {

/// The tables a change may mark, and the only names EraseMarked formats into SQL.
inline constexpr std::string_view kErasableTables[] = {
    "applications", "messages",    "tasks",           "case_events",   "group_events",
    "callbacks",    "office_keys", "channel_senders", "channel_outbox"};

/// Marks `tables` (from kErasableTables) inside the caller's transaction.
void MarkForErasure(PgConnection& c, std::initializer_list<std::string_view> tables);

/// Rewrites every marked table, waiting at most 10 s for each table's lock, and clears the
/// marks unless more were added meanwhile. kUnavailable, saying the erasure will finish by
/// itself, when a rewrite could not run.
Status EraseMarked(Pool& pool);

}  // namespace lifeline::store::postgres
