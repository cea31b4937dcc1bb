#pragma once
// PostgreSQL's schema migrations (migrations.cpp).

#include "domain/result.hpp"
#include "store/postgres/pg.hpp"

namespace lifeline::store::postgres {

/// Brings the database to this lifeline's schema version in one transaction and returns
/// the version it found (read under the lock: of migrators running at once, one sees the
/// old version, the others the new one). Concurrent migrators wait for each other (an
/// advisory lock), so running it twice or at once is safe. Refuses (kInternal, saying why)
/// a database newer than this lifeline.
Result<int> Migrate(PgConnection& c);

}  // namespace lifeline::store::postgres
