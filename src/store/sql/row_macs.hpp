#pragma once
// Row MACs (store/row_mac.hpp) over the session port: reading MAC'd rows in their canonical
// encoding, and resealing the rows a write touched, inside that write's transaction.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "store/row_mac.hpp"
#include "store/sql/session.hpp"

namespace lifeline::store::sql {

/// The row of `table` with this id, or nullopt.
std::optional<SealedRow> SelectSealedRow(Session& s, const RowMacTable& table, std::int64_t id);
/// Up to `limit` rows of `table` with ids above `after_id`, in id order.
std::vector<SealedRow> SelectSealedRows(Session& s, const RowMacTable& table, std::int64_t after_id,
                                        int limit);

/// Recomputes the MACs of these rows of `table` (named in store/row_mac.hpp) with the
/// session's sealer. Does nothing without one (the intake role: its rows stay without a
/// MAC). Call inside the write's transaction, after the write, children before parents.
void ResealRows(Session& s, std::string_view table, std::span<const std::int64_t> ids);
inline void ResealRow(Session& s, std::string_view table, std::int64_t id) {
  ResealRows(s, table, std::span<const std::int64_t>(&id, 1));
}

/// The same, as the store's contract has them (RowMacStore): kNotFound, kInvalidInput for a
/// table that carries no MAC.
Result<SealedRow> ReadSealedRow(Session& s, std::string_view table, std::int64_t id);
Result<std::vector<SealedRow>> ReadSealedRows(Session& s, std::string_view table,
                                              std::int64_t after_id, int limit);

/// Seals, in one transaction, every row of every MAC'd table that has no MAC; the number
/// sealed. kInternal without a sealer.
Result<std::int64_t> SealRowsWithoutMac(Session& s);

}  // namespace lifeline::store::sql
