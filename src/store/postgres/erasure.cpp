#include "store/postgres/erasure.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>
#include <string>
#include <thread>

namespace lifeline::store::postgres {
namespace {

// The mark: one row of `settings`, "<serial>|<xid>|<table>,<table>…". The serial tells
// EraseMarked whether marks were added while it rewrote; the xid is the newest marking
// transaction's, which every transaction that could still see the old rows predates.
constexpr const char* kMarkKey = "erase_pending";

struct Mark {
  std::int64_t serial = 0;
  std::int64_t xid = 0;
  std::set<std::string> tables;
};

std::int64_t NumberAt(const std::string& value, std::size_t from, std::size_t to) {
  std::int64_t n = 0;
  if (std::from_chars(value.data() + from, value.data() + to, n).ec != std::errc()) return 0;
  return n;
}

Mark Parse(const std::string& value) {
  Mark mark;
  const auto bar = value.find('|');
  const auto second = bar == std::string::npos ? std::string::npos : value.find('|', bar + 1);
  if (second == std::string::npos) return mark;
  mark.serial = NumberAt(value, 0, bar);
  mark.xid = NumberAt(value, bar + 1, second);
  std::string rest = value.substr(second + 1);
  for (std::size_t start = 0; start < rest.size();) {
    const auto comma = std::min(rest.find(',', start), rest.size());
    const std::string name = rest.substr(start, comma - start);
    // Only known names ever reach VACUUM's text.
    if (std::find(std::begin(kErasableTables), std::end(kErasableTables), name) !=
        std::end(kErasableTables)) {
      mark.tables.insert(name);
    }
    start = comma + 1;
  }
  return mark;
}

std::string Format(const Mark& mark) {
  std::string value = std::to_string(mark.serial) + "|" + std::to_string(mark.xid) + "|";
  for (const auto& table : mark.tables) value += (value.back() == '|' ? "" : ",") + table;
  return value;
}

// VACUUM keeps a row version that any transaction begun before its deletion may still see,
// even one that never reads the table: waits, up to `seconds`, until no other session is
// older than `xid` — of any database, not only this one: the horizon VACUUM uses was seen
// held back by sessions of other databases (the test suite's, creating databases beside
// it), and a page left holding the row is worse than an erasure retried later.
bool WaitForOlderTransactions(PgConnection& c, std::int64_t xid, int seconds) {
  for (int tries = 0; tries < seconds * 10; ++tries) {
    const auto older = c.Exec(
        "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() "
        "AND ((backend_xmin IS NOT NULL AND age(backend_xmin) >= age($1::text::xid8::xid)) "
        "OR (backend_xid IS NOT NULL AND age(backend_xid) >= age($1::text::xid8::xid)))",
        Params().Add(xid));
    if (older.Int(0, 0) == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

void MarkForErasure(PgConnection& c, std::initializer_list<std::string_view> tables) {
  // The row exists before it is locked, so that two first marks cannot overwrite each other.
  c.Exec("INSERT INTO settings (key, value) VALUES ($1, '0|0|') ON CONFLICT (key) DO NOTHING",
         Params().Add(kMarkKey));
  auto row = c.Exec(
      "SELECT value, pg_current_xact_id()::text::bigint FROM settings WHERE key = $1 FOR UPDATE",
      Params().Add(kMarkKey));
  Mark mark = Parse(row.Text(0, 0));
  for (auto table : tables) mark.tables.emplace(table);
  ++mark.serial;
  mark.xid = std::max(mark.xid, row.Int(0, 1));
  c.Exec("UPDATE settings SET value = $2 WHERE key = $1", Params().Add(kMarkKey).Add(Format(mark)));
}

Status EraseMarked(Pool& pool) {
  auto erased = pool.With([&](PgConnection& c) -> Status {
    auto row = c.Exec("SELECT value FROM settings WHERE key = $1", Params().Add(kMarkKey));
    if (row.rows() == 0) return OkStatus();
    const std::string seen = row.Text(0, 0);
    Mark mark = Parse(seen);
    if (mark.tables.empty()) return OkStatus();
    if (!WaitForOlderTransactions(c, mark.xid, 10)) {
      return Error{ErrorCode::kUnavailable, "a transaction older than the change is still open"};
    }
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
                 "the change is saved; erasing the old copies from the database's files did not "
                 "finish and is "
                 "retried within a minute",
                 {},
                 60};
  }
  return OkStatus();
}

}  // namespace lifeline::store::postgres
