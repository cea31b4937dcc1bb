#pragma once
// Row MACs on a SQLite connection: store/sql/row_macs.hpp through a session on it, for the
// parts of the SQLite store not yet written over the session port.

#include "store/sql/row_macs.hpp"
#include "store/sqlite/session.hpp"

namespace lifeline::store::sqlite {

inline void ResealRows(Connection& c, std::string_view table, std::span<const std::int64_t> ids) {
  SqliteSession s(c);
  sql::ResealRows(s, table, ids);
}
inline void ResealRow(Connection& c, std::string_view table, std::int64_t id) {
  SqliteSession s(c);
  sql::ResealRow(s, table, id);
}

}  // namespace lifeline::store::sqlite
