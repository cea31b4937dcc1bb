#pragma once
// A thin RAII layer over the sqlite3 C API. Only store/sqlite includes this header.
// A Connection and its Statements are used by one thread at a time.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "store/row_mac.hpp"

namespace lifeline::store::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);  // throws std::runtime_error on bad SQL (a bug)
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::span<const std::uint8_t> blob);
  Statement& BindNull(int index);
  Statement& BindDouble(int index, double value);

  /// Steps once: true when a row is available, false when done. Errors become exceptions
  /// of type SqliteError, which the store turns into Result errors at its boundary.
  bool Step();
  void Reset();

  std::int64_t Int(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  std::optional<std::string> OptionalText(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::vector<std::uint8_t> Blob(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

/// An error from SQLite with its extended result code; never contains bound values.
struct SqliteError : std::runtime_error {
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code(code) {}
  int code;
};

class Connection {
 public:
  /// Opens (creating if asked) the database at `path` with lifeline's pragmas: WAL,
  /// synchronous=FULL (a commit is on disk when it returns), secure_delete, foreign keys.
  Connection(const std::string& path, bool create);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void Execute(std::string_view sql);
  Statement Prepare(std::string_view sql) { return Statement(db_, sql); }
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* raw() { return db_; }
  /// The row sealer writes on this connection reseal with (store/row_mac.hpp); null: none.
  const RowSealer* row_sealer() const { return row_sealer_.get(); }
  void set_row_sealer(std::shared_ptr<const RowSealer> sealer) { row_sealer_ = std::move(sealer); }

 private:
  sqlite3* db_ = nullptr;
  std::shared_ptr<const RowSealer> row_sealer_;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.Execute("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) {
      try { c_.Execute("ROLLBACK"); } catch (const SqliteError&) {}
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit() { c_.Execute("COMMIT"); done_ = true; }

 private:
  Connection& c_;
  bool done_ = false;
};

/// Maps a SqliteError to a Result error: constraint violations become kConflict, busy,
/// read-only or I/O trouble kUnavailable, anything else kInternal.
Error ToError(const SqliteError& e);

}  // namespace lifeline::store::sqlite
