#include "store/postgres/row_mac_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace lifeline::store::postgres {
namespace {

std::string SelectSql(const RowMacTable& table, std::string_view where) {
  return fmt::format("SELECT t.{}, {} FROM {} t {}", table.id_column, RowMacSelectList(table), table.name, where);
}

SealedRow ReadRow(const PgResult& r, int row, const RowMacTable& table) {
  SealedRow out;
  out.id = r.Int(row, 0);
  RowEncoder encoder(table.name);
  int column = 1;
  for (const auto& c : table.columns) {
    if (r.IsNull(row, column)) {
      encoder.AddNull();
    } else if (c.kind == RowMacKind::kBytes) {
      encoder.Add(r.Bytes(row, column));
    } else {
      encoder.Add(r.Text(row, column));
    }
    ++column;
  }
  out.canonical = encoder.Take();
  if (!r.IsNull(row, column)) {
    const auto mac = r.Bytes(row, column);
    Blob32 m{};  // present but malformed: never matches
    if (mac.size() == 32) std::copy(mac.begin(), mac.end(), m.begin());
    out.mac = m;
  }
  out.may_lack_mac = r.Int(row, column + 1) != 0;
  return out;
}

}  // namespace

Result<SealedRow> ReadSealedRow(PgConnection& c, std::string_view table, std::int64_t id) {
  const auto* t = FindRowMacTable(table);
  if (!t) return InvalidInput("that table carries no row MAC");
  auto r = c.Exec(SelectSql(*t, fmt::format("WHERE t.{} = $1", t->id_column)), Params().Add(id));
  if (r.rows() == 0) return NotFound("no such row");
  return ReadRow(r, 0, *t);
}

Result<std::vector<SealedRow>> ReadSealedRows(PgConnection& c, std::string_view table, std::int64_t after_id,
                                              int limit) {
  const auto* t = FindRowMacTable(table);
  if (!t) return InvalidInput("that table carries no row MAC");
  auto r = c.Exec(SelectSql(*t, fmt::format("WHERE t.{0} > $1 ORDER BY t.{0} LIMIT $2", t->id_column)),
                  Params().Add(after_id).Add(std::int64_t{limit}));
  std::vector<SealedRow> rows;
  for (int i = 0; i < r.rows(); ++i) rows.push_back(ReadRow(r, i, *t));
  return rows;
}

void ResealRows(PgConnection& c, std::string_view name, std::span<const std::int64_t> ids) {
  const RowSealer* sealer = c.row_sealer();
  if (!sealer) return;
  const auto* table = FindRowMacTable(name);
  if (!table) throw PgError("XX000", "no MAC'd table of that name");
  const std::string select = SelectSql(*table, fmt::format("WHERE t.{} = $1", table->id_column));
  const std::string update = fmt::format("UPDATE {} SET row_mac = $1 WHERE {} = $2", table->name, table->id_column);
  for (const auto id : ids) {
    auto r = c.Exec(select, Params().Add(id));
    if (r.rows() == 0) continue;  // deleted meanwhile
    const Blob32 mac = sealer->Mac(ReadRow(r, 0, *table).canonical);
    c.Exec(update, Params().AddBytes(mac).Add(id));
  }
}

std::int64_t SealRowsWithoutMac(PgConnection& c) {
  std::int64_t sealed = 0;
  for (const auto& table : kRowMacTables) {
    auto r = c.Exec(fmt::format("SELECT {0} FROM {1} WHERE row_mac IS NULL ORDER BY {0}", table.id_column, table.name));
    std::vector<std::int64_t> ids;
    for (int i = 0; i < r.rows(); ++i) ids.push_back(r.Int(i, 0));
    ResealRows(c, table.name, ids);
    sealed += static_cast<std::int64_t>(ids.size());
  }
  return sealed;
}

}  // namespace lifeline::store::postgres
