#pragma once
// Row MACs on a PostgreSQL connection: store/sql/row_macs.hpp through a session on it, for
// the parts of the PostgreSQL store not yet written over the session port.

#include "store/postgres/session.hpp"
#include "store/sql/row_macs.hpp"

namespace lifeline::store::postgres {

inline void ResealRows(PgConnection& c, std::string_view table, std::span<const std::int64_t> ids) {
  PgSession s(c);
  sql::ResealRows(s, table, ids);
}
inline void ResealRow(PgConnection& c, std::string_view table, std::int64_t id) {
  PgSession s(c);
  sql::ResealRow(s, table, id);
}

}  // namespace lifeline::store::postgres
