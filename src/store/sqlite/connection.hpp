#pragma once
// A thin RAII layer over the sqlite3 C API. Only store/sqlite includes this header.
// A Connection and its Statements are used by one thread at a time.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

/// Whether SQLite reported, anywhere in this process, that a write or an fsync failed
/// (SQLITE_IOERR_FSYNC, _DIR_FSYNC or _WRITE). After a failed fsync the kernel may have
/// dropped the pages it could not write and a later fsync may succeed without them, so
/// retrying would risk acknowledging what is not on disk: from then on the store refuses
/// every write (kUnavailable) until the process restarts and SQLite recovers from its files.
/// A full disk (SQLITE_FULL, a write refused with ENOSPC) is not such a failure: writes
/// succeed again once there is space. Thread-safe.
bool StorageBroken();
/// Records `code` (an extended result code) if it is such a failure.
void NoteStorageFailure(int code);

/// An error from SQLite with its extended result code; never contains bound values.
struct SqliteError : std::runtime_error {
  SqliteError(int code, const std::string& what) : std::runtime_error(what), code(code) {
    NoteStorageFailure(code);
  }
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
  /// Makes every commit on this connection fail (rolled back, SQLITE_CONSTRAINT_COMMITHOOK)
  /// once StorageBroken(): installed on the writer, so no write can be acknowledged then.
  void RefuseCommitsWhenBroken();
  Statement Prepare(std::string_view sql) { return Statement(db_, sql); }
  /// A prepared statement for `sql`, reused from an earlier GiveBack when there is one
  /// (preparing costs more than running most of lifeline's statements). Throws SqliteError
  /// on bad SQL. The caller returns it with GiveBack (or finalizes it).
  sqlite3_stmt* TakeStatement(std::string_view sql);
  /// Resets `stmt` and keeps it for the next TakeStatement of the same SQL (up to
  /// kCachedStatements; beyond that it is finalized).
  void GiveBack(std::string_view sql, sqlite3_stmt* stmt);
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* raw() { return db_; }
  /// The row sealer writes on this connection reseal with (store/row_mac.hpp); null: none.
  const RowSealer* row_sealer() const { return row_sealer_.get(); }
  void set_row_sealer(std::shared_ptr<const RowSealer> sealer) { row_sealer_ = std::move(sealer); }

 private:
  static constexpr std::size_t kCachedStatements = 256;
  sqlite3* db_ = nullptr;
  std::shared_ptr<const RowSealer> row_sealer_;
  std::unordered_map<std::string, sqlite3_stmt*> idle_statements_;  // not in use now
};

/// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless committed.
class Transaction {
 public:
  explicit Transaction(Connection& c) : c_(c) { c_.Execute("BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (!done_) {
      try {
        c_.Execute("ROLLBACK");
      } catch (const SqliteError&) {
      }
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit() {
    c_.Execute("COMMIT");
    done_ = true;
  }

 private:
  Connection& c_;
  bool done_ = false;
};

/// Maps a SqliteError to a Result error: constraint violations become kConflict, busy,
/// read-only or I/O trouble kUnavailable, anything else kInternal.
Error ToError(const SqliteError& e);

}  // namespace lifeline::store::sqlite
