#pragma once
// Row MACs in PostgreSQL (store/row_mac.hpp): reading MAC'd rows in their canonical
// encoding, and resealing the rows a write touched, inside that write's transaction.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "store/postgres/pg.hpp"
#include "store/row_mac.hpp"

namespace lifeline::store::postgres {

/// kNotFound; kInvalidInput for a table that carries no MAC.
Result<SealedRow> ReadSealedRow(PgConnection& c, std::string_view table, std::int64_t id);
/// Up to `limit` rows of `table` with ids above `after_id`, in id order.
Result<std::vector<SealedRow>> ReadSealedRows(PgConnection& c, std::string_view table, std::int64_t after_id,
                                              int limit);

/// Recomputes the MACs of these rows of `table` with the connection's sealer. Does nothing
/// without one (the intake role). Call inside the write's transaction, after the write,
/// children before parents.
void ResealRows(PgConnection& c, std::string_view table, std::span<const std::int64_t> ids);
inline void ResealRow(PgConnection& c, std::string_view table, std::int64_t id) {
  ResealRows(c, table, std::span<const std::int64_t>(&id, 1));
}

/// Seals every row of every MAC'd table that has no MAC; the number sealed.
std::int64_t SealRowsWithoutMac(PgConnection& c);

}  // namespace lifeline::store::postgres
