#include "store/sql/row_macs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace lifeline::store::sql {
namespace {

std::string SelectSql(const RowMacTable& table, std::string_view where) {
  return fmt::format("SELECT t.{}, {} FROM {} t {}", table.id_column, RowMacSelectList(table),
                     table.name, where);
}

SealedRow ReadRow(const Row& r, const RowMacTable& table) {
  SealedRow row;
  row.id = r.Int(0);
  RowEncoder encoder(table.name);
  int column = 1;
  for (const auto& c : table.columns) {
    if (r.IsNull(column)) {
      encoder.AddNull();
    } else if (c.kind == RowMacKind::kBytes) {
      encoder.Add(r.Bytes(column));
    } else {
      encoder.Add(r.Text(column));
    }
    ++column;
  }
  row.canonical = encoder.Take();
  if (!r.IsNull(column)) {
    const auto mac = r.Bytes(column);
    Blob32 m{};  // present but malformed: never matches
    if (mac.size() == m.size()) std::copy(mac.begin(), mac.end(), m.begin());
    row.mac = m;
  }
  row.may_lack_mac = r.Int(column + 1) != 0;
  return row;
}

const RowMacTable& Table(std::string_view name) {
  const auto* table = FindRowMacTable(name);
  if (!table) throw std::logic_error("no MAC'd table of that name");
  return *table;
}

}  // namespace

std::optional<SealedRow> SelectSealedRow(Session& s, const RowMacTable& table, std::int64_t id) {
  auto rows =
      s.Run(SelectSql(table, fmt::format("WHERE t.{} = $1", table.id_column)), Params().Add(id));
  if (rows.empty()) return std::nullopt;
  return ReadRow(rows[0], table);
}

std::vector<SealedRow> SelectSealedRows(Session& s, const RowMacTable& table, std::int64_t after_id,
                                        int limit) {
  auto rows = s.Run(
      SelectSql(table, fmt::format("WHERE t.{0} > $1 ORDER BY t.{0} LIMIT $2", table.id_column)),
      Params().Add(after_id).Add(std::int64_t{limit}));
  std::vector<SealedRow> out;
  for (const Row& row : rows) out.push_back(ReadRow(row, table));
  return out;
}

Result<SealedRow> ReadSealedRow(Session& s, std::string_view table, std::int64_t id) {
  const auto* t = FindRowMacTable(table);
  if (!t) return InvalidInput("that table carries no row MAC");
  auto row = SelectSealedRow(s, *t, id);
  if (!row) return NotFound("no such row");
  return *std::move(row);
}

Result<std::vector<SealedRow>> ReadSealedRows(Session& s, std::string_view table,
                                              std::int64_t after_id, int limit) {
  const auto* t = FindRowMacTable(table);
  if (!t) return InvalidInput("that table carries no row MAC");
  return SelectSealedRows(s, *t, after_id, limit);
}

void ResealRows(Session& s, std::string_view name, std::span<const std::int64_t> ids) {
  const RowSealer* sealer = s.row_sealer();
  if (!sealer) return;
  const auto& table = Table(name);
  const std::string update =
      fmt::format("UPDATE {} SET row_mac = $1 WHERE {} = $2", table.name, table.id_column);
  for (const auto id : ids) {
    auto row = SelectSealedRow(s, table, id);
    if (!row) continue;  // deleted meanwhile
    const Blob32 mac = sealer->Mac(row->canonical);
    s.Run(update, Params().AddBytes(mac).Add(id));
  }
}

Result<std::int64_t> SealRowsWithoutMac(Session& s) {
  if (!s.row_sealer())
    return Error{ErrorCode::kInternal, "rows can be sealed only with the office key"};
  Transaction tx(s);
  std::vector<std::string_view> tables;
  for (const auto& table : kRowMacTables) tables.push_back(table.name);
  s.LockTablesAgainstWriters(tables);
  std::int64_t sealed = 0;
  for (const auto& table : kRowMacTables) {
    std::vector<std::int64_t> ids;
    for (const Row& row :
         s.Run(fmt::format("SELECT {0} FROM {1} WHERE row_mac IS NULL ORDER BY {0}",
                           table.id_column, table.name))) {
      ids.push_back(row.Int(0));
    }
    ResealRows(s, table.name, ids);
    sealed += static_cast<std::int64_t>(ids.size());
  }
  tx.Commit();
  return sealed;
}

}  // namespace lifeline::store::sql
