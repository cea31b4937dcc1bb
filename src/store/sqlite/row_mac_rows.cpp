#include "store/sqlite/row_mac_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace lifeline::store::sqlite {
namespace {

std::string SelectSql(const RowMacTable& table, std::string_view where) {
  return fmt::format("SELECT t.{}, {} FROM {} t {}", table.id_column, RowMacSelectList(table), table.name, where);
}

SealedRow ReadRow(const Statement& s, const RowMacTable& table) {
  SealedRow row;
  row.id = s.Int(0);
  RowEncoder encoder(table.name);
  int column = 1;
  for (const auto& c : table.columns) {
    if (s.IsNull(column)) {
      encoder.AddNull();
    } else if (c.kind == RowMacKind::kBytes) {
      encoder.Add(s.Blob(column));
    } else {
      encoder.Add(s.Text(column));
    }
    ++column;
  }
  row.canonical = encoder.Take();
  if (!s.IsNull(column)) {
    const auto mac = s.Blob(column);
    if (mac.size() == 32) {
      Blob32 m{};
      std::copy(mac.begin(), mac.end(), m.begin());
      row.mac = m;
    } else {
      row.mac = Blob32{};  // present but malformed: never matches
    }
  }
  row.may_lack_mac = s.Int(column + 1) != 0;
  return row;
}

const RowMacTable& Table(std::string_view name) {
  const auto* table = FindRowMacTable(name);
  if (!table) throw std::logic_error("no MAC'd table of that name");
  return *table;
}

}  // namespace

std::optional<SealedRow> SelectSealedRow(Connection& c, const RowMacTable& table, std::int64_t id) {
  auto s = c.Prepare(SelectSql(table, fmt::format("WHERE t.{} = ?", table.id_column)));
  s.Bind(1, id);
  if (!s.Step()) return std::nullopt;
  return ReadRow(s, table);
}

std::vector<SealedRow> SelectSealedRows(Connection& c, const RowMacTable& table, std::int64_t after_id, int limit) {
  auto s = c.Prepare(SelectSql(table, fmt::format("WHERE t.{0} > ? ORDER BY t.{0} LIMIT ?", table.id_column)));
  s.Bind(1, after_id).Bind(2, std::int64_t{limit});
  std::vector<SealedRow> rows;
  while (s.Step()) rows.push_back(ReadRow(s, table));
  return rows;
}

Result<SealedRow> ReadSealedRow(Connection& c, std::string_view table, std::int64_t id) {
  const auto* t = FindRowMacTable(table);
  if (!t) return InvalidInput("that table carries no row MAC");
  auto row = SelectSealedRow(c, *t, id);
  if (!row) return NotFound("no such row");
  return *std::move(row);
}

Result<std::vector<SealedRow>> ReadSealedRows(Connection& c, std::string_view table, std::int64_t after_id,
                                              int limit) {
  const auto* t = FindRowMacTable(table);
  if (!t) return InvalidInput("that table carries no row MAC");
  return SelectSealedRows(c, *t, after_id, limit);
}

void ResealRows(Connection& c, std::string_view name, std::span<const std::int64_t> ids) {
  const RowSealer* sealer = c.row_sealer();
  if (!sealer) return;
  const auto& table = Table(name);
  auto update = c.Prepare(fmt::format("UPDATE {} SET row_mac = ? WHERE {} = ?", table.name, table.id_column));
  for (const auto id : ids) {
    auto row = SelectSealedRow(c, table, id);
    if (!row) continue;  // deleted meanwhile
    const Blob32 mac = sealer->Mac(row->canonical);
    update.Reset();
    update.Bind(1, std::span<const std::uint8_t>(mac)).Bind(2, id);
    update.Step();
  }
}

Result<std::int64_t> SealRowsWithoutMac(Connection& c) {
  if (!c.row_sealer()) return Error{ErrorCode::kInternal, "rows can be sealed only with the office key"};
  Transaction tx(c);
  std::int64_t sealed = 0;
  for (const auto& table : kRowMacTables) {
    std::vector<std::int64_t> ids;
    auto s = c.Prepare(fmt::format("SELECT {0} FROM {1} WHERE row_mac IS NULL ORDER BY {0}", table.id_column, table.name));
    while (s.Step()) ids.push_back(s.Int(0));
    ResealRows(c, table.name, ids);
    sealed += static_cast<std::int64_t>(ids.size());
  }
  tx.Commit();
  return sealed;
}

}  // namespace lifeline::store::sqlite
