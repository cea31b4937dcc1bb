#include "store/sqlite/connection.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cstdio>

#include "store/sqlite/wiping_allocator.hpp"

namespace lifeline::store::sqlite {
namespace {

[[noreturn]] void Throw(sqlite3* db, int code, std::string_view doing) {
  throw SqliteError(sqlite3_extended_errcode(db),
                    fmt::format("sqlite: {} failed: {} ({})", doing, sqlite3_errstr(code), code));
}

}  // namespace

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    throw SqliteError(rc,
                      fmt::format("sqlite: cannot prepare \"{}\": {}", sql, sqlite3_errmsg(db)));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}
Statement& Statement::BindDouble(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::Bind(int index, std::span<const std::uint8_t> blob) {
  sqlite3_bind_blob(stmt_, index, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  Throw(db_, rc, "step");
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::Double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)))
              : std::string();
}

std::optional<std::string> Statement::OptionalText(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return Text(column);
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return Int(column);
}

std::vector<std::uint8_t> Statement::Blob(int column) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::vector<std::uint8_t>(data, data + size) : std::vector<std::uint8_t>();
}

Connection::Connection(const std::string& path, bool create) {
  UseWipingAllocator();  // before SQLite's first use in the process
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string reason = sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, fmt::format("cannot open the database: {}", reason));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10'000);
  Execute("PRAGMA journal_mode=WAL");
  Execute("PRAGMA synchronous=FULL");
  Execute("PRAGMA secure_delete=ON");
  Execute("PRAGMA foreign_keys=ON");
}

Connection::~Connection() {
  for (auto& [sql, stmt] : idle_statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

sqlite3_stmt* Connection::TakeStatement(std::string_view sql) {
  if (auto idle = idle_statements_.find(std::string(sql)); idle != idle_statements_.end()) {
    sqlite3_stmt* stmt = idle->second;
    idle_statements_.erase(
        idle);  // in use until given back: a nested use of the same SQL prepares its own
    return stmt;
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    throw SqliteError(rc,
                      fmt::format("sqlite: cannot prepare \"{}\": {}", sql, sqlite3_errmsg(db_)));
  }
  return stmt;
}

void Connection::GiveBack(std::string_view sql, sqlite3_stmt* stmt) {
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (idle_statements_.size() >= kCachedStatements ||
      !idle_statements_.emplace(std::string(sql), stmt).second) {
    sqlite3_finalize(stmt);
  }
}

namespace {
std::atomic<bool> storage_broken{false};
}  // namespace

bool StorageBroken() { return storage_broken.load(std::memory_order_acquire); }

void NoteStorageFailure(int code) {
  if (code == SQLITE_IOERR_FSYNC || code == SQLITE_IOERR_DIR_FSYNC || code == SQLITE_IOERR_WRITE) {
    if (!storage_broken.exchange(true, std::memory_order_acq_rel)) {
      std::fprintf(
          stderr,
          "sqlite: a write or fsync failed (code %d); this process refuses every write until it "
          "is restarted\n",
          code);
    }
  }
}

void Connection::RefuseCommitsWhenBroken() {
  sqlite3_commit_hook(
      db_, [](void*) { return StorageBroken() ? 1 : 0; }, nullptr);
}

void Connection::Execute(std::string_view sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const std::string reason = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw SqliteError(sqlite3_extended_errcode(db_), fmt::format("sqlite: {}", reason));
  }
}

Error ToError(const SqliteError& e) {
  if (e.code == SQLITE_CONSTRAINT_COMMITHOOK) {
    return {ErrorCode::kUnavailable,
            "the database is unavailable; try again shortly"};  // StorageBroken()
  }
  switch (e.code & 0xFF) {
    case SQLITE_CONSTRAINT:
      return {ErrorCode::kConflict, "that record already exists"};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
      return {ErrorCode::kUnavailable, "the database is unavailable; try again shortly"};
    default:
      return {ErrorCode::kInternal, "a database error occurred"};
  }
}

}  // namespace lifeline::store::sqlite
