#include "store/sqlite/session.hpp"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <string>
#include <thread>
#include <variant>
#include <vector>

namespace lifeline::store::sqlite {
namespace {

// Every row of a stepped statement, each cell kept with the type SQLite gave it.
class SqliteRows final : public sql::RowSource {
 public:
  using Cell =
      std::variant<std::monostate, std::int64_t, double, std::string, std::vector<std::uint8_t>>;

  SqliteRows(int columns, std::vector<Cell> cells, std::int64_t affected)
      : columns_(columns), cells_(std::move(cells)), affected_(affected) {}

  int rows() const override {
    return columns_ == 0 ? 0 : static_cast<int>(cells_.size()) / columns_;
  }
  bool IsNull(int row, int column) const override {
    return std::holds_alternative<std::monostate>(At(row, column));
  }

  // As sqlite3_column_int64 and _text convert, so that the SQL above reads what it did
  // when it called them directly.
  std::int64_t Int(int row, int column) const override {
    const Cell& cell = At(row, column);
    if (const auto* i = std::get_if<std::int64_t>(&cell)) return *i;
    if (const auto* d = std::get_if<double>(&cell)) return static_cast<std::int64_t>(*d);
    if (const auto* t = std::get_if<std::string>(&cell)) {
      std::int64_t value = 0;
      auto [ptr, ec] = std::from_chars(t->data(), t->data() + t->size(), value);
      if (ec != std::errc() || ptr != t->data() + t->size())
        Corrupt("a stored number is malformed");
      return value;
    }
    if (std::holds_alternative<std::monostate>(cell)) return 0;
    Corrupt("a stored number is malformed");
  }
  double Double(int row, int column) const override {
    const Cell& cell = At(row, column);
    if (const auto* d = std::get_if<double>(&cell)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&cell)) return static_cast<double>(*i);
    if (std::holds_alternative<std::monostate>(cell)) return 0;
    Corrupt("a stored number is malformed");
  }
  std::string Text(int row, int column) const override {
    const Cell& cell = At(row, column);
    if (const auto* t = std::get_if<std::string>(&cell)) return *t;
    if (const auto* i = std::get_if<std::int64_t>(&cell)) return std::to_string(*i);
    if (const auto* b = std::get_if<std::vector<std::uint8_t>>(&cell))
      return std::string(b->begin(), b->end());
    if (const auto* d = std::get_if<double>(&cell)) {
      char text[32];
      sqlite3_snprintf(sizeof text, text, "%!.15g", *d);  // SQLite's own REAL-to-text
      return text;
    }
    return {};
  }
  std::vector<std::uint8_t> Bytes(int row, int column) const override {
    const Cell& cell = At(row, column);
    if (const auto* b = std::get_if<std::vector<std::uint8_t>>(&cell)) return *b;
    if (const auto* t = std::get_if<std::string>(&cell)) return {t->begin(), t->end()};
    if (std::holds_alternative<std::monostate>(cell)) return {};
    Corrupt("a stored byte string is malformed");
  }
  std::int64_t affected() const override { return affected_; }
  [[noreturn]] void Corrupt(const char* what) const override {
    throw SqliteError(SQLITE_CORRUPT, what);
  }

 private:
  const Cell& At(int row, int column) const {
    return cells_.at(static_cast<std::size_t>(row * columns_ + column));
  }

  int columns_;
  std::vector<Cell> cells_;
  std::int64_t affected_;
};

SqliteRows::Cell ReadCell(sqlite3_stmt* stmt, int column) {
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, column);
    case SQLITE_TEXT: {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
      return std::string(text ? text : "",
                         static_cast<std::size_t>(sqlite3_column_bytes(stmt, column)));
    }
    case SQLITE_BLOB: {
      const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, column));
      return data ? std::vector<std::uint8_t>(data, data + size) : std::vector<std::uint8_t>{};
    }
    default:
      return std::monostate{};
  }
}

void BindAll(sqlite3_stmt* stmt, const sql::Params& params) {
  int n = 0;
  for (const auto& value : params.values()) {
    ++n;
    const std::string name = "$" + std::to_string(n);
    const int index = sqlite3_bind_parameter_index(stmt, name.c_str());
    if (index == 0) continue;  // a parameter this statement does not use
    using Kind = sql::Params::Value::Kind;
    int rc = SQLITE_OK;
    switch (value.kind) {
      case Kind::kInt:
        rc = sqlite3_bind_int64(stmt, index, value.integer);
        break;
      case Kind::kDouble:
        rc = sqlite3_bind_double(stmt, index, value.real);
        break;
      case Kind::kText:
        rc = sqlite3_bind_text(stmt, index, value.data.data(), static_cast<int>(value.data.size()),
                               SQLITE_TRANSIENT);
        break;
      case Kind::kBytes:
        rc = sqlite3_bind_blob(stmt, index, value.data.data(), static_cast<int>(value.data.size()),
                               SQLITE_TRANSIENT);
        break;
      case Kind::kNull:
        rc = sqlite3_bind_null(stmt, index);
        break;
    }
    if (rc != SQLITE_OK)
      throw SqliteError(rc, fmt::format("sqlite: bind failed: {}", sqlite3_errstr(rc)));
  }
}

// A statement taken from the connection's cache, given back (reset) however the use ends.
class CachedStatement {
 public:
  CachedStatement(Connection& c, std::string_view sql)
      : c_(c), sql_(sql), stmt_(c.TakeStatement(sql)) {}
  ~CachedStatement() { c_.GiveBack(sql_, stmt_); }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }

 private:
  Connection& c_;
  std::string_view sql_;
  sqlite3_stmt* stmt_;
};

[[noreturn]] void ThrowStep(Connection& c, int rc) {
  throw SqliteError(sqlite3_extended_errcode(c.raw()),
                    fmt::format("sqlite: step failed: {} ({})", sqlite3_errstr(rc), rc));
}

}  // namespace

sql::Rows SqliteSession::Run(std::string_view sql, const sql::Params& params) {
  CachedStatement cached(c_, sql);
  sqlite3_stmt* stmt = cached.get();
  int rc = SQLITE_OK;
  BindAll(stmt, params);
  const int columns = sqlite3_column_count(stmt);
  std::vector<SqliteRows::Cell> cells;
  // Stepped to the end, so that no statement is left running (a RETURNING clause would
  // otherwise hold the transaction open past its COMMIT).
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    for (int column = 0; column < columns; ++column) cells.push_back(ReadCell(stmt, column));
  }
  if (rc != SQLITE_DONE) ThrowStep(c_, rc);
  const std::int64_t affected = sqlite3_stmt_readonly(stmt) ? 0 : sqlite3_changes64(c_.raw());
  return sql::Rows(std::make_unique<SqliteRows>(columns, std::move(cells), affected));
}

void SqliteSession::Walk(std::string_view sql, const sql::Params& params,
                         const std::function<bool(const sql::Row&)>& each) {
  CachedStatement cached(c_, sql);
  sqlite3_stmt* stmt = cached.get();
  BindAll(stmt, params);
  const int columns = sqlite3_column_count(stmt);
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::vector<SqliteRows::Cell> cells;
    cells.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column) cells.push_back(ReadCell(stmt, column));
    const SqliteRows row(columns, std::move(cells), 0);
    if (!each(sql::Row(row, 0))) return;
  }
  if (rc != SQLITE_DONE) ThrowStep(c_, rc);
}

void SqliteSession::Begin(sql::Access access) {
  // IMMEDIATE takes the write lock at once: a transaction that reads and then writes could
  // otherwise fail with SQLITE_BUSY at its first write. A deferred BEGIN's snapshot starts
  // at its first read and holds until it ends (WAL).
  c_.Execute(access == sql::Access::kWrite ? "BEGIN IMMEDIATE" : "BEGIN");
}

void SqliteSession::Rollback() noexcept {
  try {
    c_.Execute("ROLLBACK");
  } catch (const SqliteError&) {
  }
}

Status SqliteSessions::RunWrite(const std::function<void(sql::Session&)>& body) {
  return db_.Write([&](Connection& c) -> Status {
    SqliteSession session(c);
    body(session);
    return OkStatus();
  });
}

Status SqliteSessions::RunRead(const std::function<void(sql::Session&)>& body) {
  return db_.WithReader([&](Connection& c) -> Status {
    SqliteSession session(c);
    body(session);
    return OkStatus();
  });
}

Status SqliteSessions::FinishErasure(std::string_view retry_message) {
  return db_.Write([&](Connection& c) { return ScrubWriteAheadLog(c, retry_message); });
}

Status ScrubWriteAheadLog(Connection& writer, std::string_view retry_message) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const int rc = sqlite3_wal_checkpoint_v2(writer.raw(), nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                             nullptr, nullptr);
    if (rc == SQLITE_OK) return OkStatus();  // TRUNCATE succeeded: the log is empty
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return Error{ErrorCode::kUnavailable, std::string(retry_message)};
}

}  // namespace lifeline::store::sqlite
