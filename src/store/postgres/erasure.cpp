#include "store/postgres/erasure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <string>

namespace lifeline::store::postgres {
namespace {

// The mark: one row of `settings`, "<serial>|<table>,<table>…"; the serial tells
// EraseMarked whether marks were added while it rewrote.
constexpr const char* kMarkKey = "erase_pending";

struct Mark {
  std::int64_t serial = 0;
  std::set<std::string> tables;
};

Mark Parse(const std::string& value) {
  Mark mark;
  const auto bar = value.find('|');
  if (bar == std::string::npos) return mark;
  if (std::from_chars(value.data(), value.data() + bar, mark.serial).ec != std::errc()) mark.serial = 0;
  std::string rest = value.substr(bar + 1);
  for (std::size_t start = 0; start < rest.size();) {
    const auto comma = std::min(rest.find(',', start), rest.size());
    const std::string name = rest.substr(start, comma - start);
    // Only known names ever reach VACUUM's text.
    if (std::find(std::begin(kErasableTables), std::end(kErasableTables), name) != std::end(kErasableTables)) {
      mark.tables.insert(name);
    }
    start = comma + 1;
  }
  return mark;
}

std::string Format(const Mark& mark) {
  std::string value = std::to_string(mark.serial) + "|";
  for (const auto& table : mark.tables) value += (value.back() == '|' ? "" : ",") + table;
  return value;
}

}  // namespace

void MarkForErasure(PgConnection& c, std::initializer_list<std::string_view> tables) {
  // The row exists before it is locked, so that two first marks cannot overwrite each other.
  c.Exec("INSERT INTO settings (key, value) VALUES ($1, '0|') ON CONFLICT (key) DO NOTHING", Params().Add(kMarkKey));
  auto row = c.Exec("SELECT value FROM settings WHERE key = $1 FOR UPDATE", Params().Add(kMarkKey));
  Mark mark = Parse(row.Text(0, 0));
  for (auto table : tables) mark.tables.emplace(table);
  ++mark.serial;
  c.Exec("UPDATE settings SET value = $2 WHERE key = $1", Params().Add(kMarkKey).Add(Format(mark)));
}

Status EraseMarked(Pool& pool) {
  auto erased = pool.With([&](PgConnection& c) -> Status {
    auto row = c.Exec("SELECT value FROM settings WHERE key = $1", Params().Add(kMarkKey));
    if (row.rows() == 0) return OkStatus();
    const std::string seen = row.Text(0, 0);
    Mark mark = Parse(seen);
    if (mark.tables.empty()) return OkStatus();
    // VACUUM FULL waits for every reader of the table, and every later query waits behind
    // it: give up after a while rather than stall the hotline; the mark stays.
    c.Execute("SET lock_timeout = '10s'");
    try {
      for (const auto& table : mark.tables) c.Execute(fmt::format("VACUUM (FULL) {}", table));
    } catch (const PgError&) {
      if (c.healthy()) c.Execute("RESET lock_timeout");
      throw;
    }
    c.Execute("RESET lock_timeout");
    mark.tables.clear();
    c.Exec("UPDATE settings SET value = $3 WHERE key = $1 AND value = $2",
           Params().Add(kMarkKey).Add(seen).Add(Format(mark)));
    return OkStatus();
  });
  if (!erased) {
    return Error{ErrorCode::kUnavailable,
                 "the change is saved; erasing the old copies from the database's files did not finish and is "
                 "retried within a minute",
                 {}, 60};
  }
  return OkStatus();
}

}  // namespace lifeline::store::postgres
