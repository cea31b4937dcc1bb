#pragma once
// A thin RAII layer over libpq (PostgreSQL's own client library) for the PostgreSQL store:
// connections, parameters, results and transactions. Only store/postgres includes it.
// Not thread-safe: a connection serves one thread at a time (the pool lends it).

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <functional>
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

namespace lifeline::store::postgres {

/// An error from PostgreSQL with its SQLSTATE ("23505", "08006", …); the message never
/// holds bound values (libpq reports them only in DETAIL, which is not kept).
struct PgError : std::runtime_error {
  PgError(std::string sqlstate, const std::string& what)
      : std::runtime_error(what), sqlstate(std::move(sqlstate)) {}
  std::string sqlstate;
};

/// Maps an error to a Result error: unique and foreign-key violations become kConflict; a
/// lost or refused connection, a read-only database or a shutdown kUnavailable; anything
/// else kInternal.
Error ToError(const PgError& e);

/// Whether a connection string carries a password (keyword `password` or a URI's
/// user:password@). Passwords belong in a file (libpq's PGPASSFILE), never on a command line.
/// Throws PgError ("08001") for a string libpq cannot parse, with libpq's reason.
bool ConninfoHasPassword(const std::string& conninfo);

/// Connects, retrying with back-off (0.5 s doubling to 8 s) while the server cannot be
/// reached, for up to `wait_seconds`; `retrying` hears each failure before the pause. Throws
/// the last PgError when the time is up.
class PgConnection;
std::unique_ptr<PgConnection> ConnectWithRetry(
    const std::string& conninfo, int wait_seconds,
    const std::function<void(const PgError&, double pause_seconds)>& retrying);

/// Positional parameters ($1, $2, …): text, integers, bytes (sent binary) or NULL.
class Params {
 public:
  Params& Add(std::int64_t value);
  Params& Add(std::string_view text);
  Params& Add(const char* text) { return Add(std::string_view(text)); }
  Params& Add(const std::string& text) { return Add(std::string_view(text)); }
  Params& AddDouble(double value);
  Params& AddBytes(std::span<const std::uint8_t> bytes);
  Params& AddNull();
  template <typename T>
  Params& Add(const std::optional<T>& value) {
    return value ? Add(*value) : AddNull();
  }

  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const;
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  std::vector<std::string> values_;
  std::vector<bool> null_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
  mutable std::vector<const char*> pointers_;
};

/// A query's rows, in text format.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result) {}
  ~PgResult() { PQclear(result_); }
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const { return PQntuples(result_); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
  std::string Text(int row, int column) const;
  std::int64_t Int(int row, int column) const;
  double Double(int row, int column) const;
  std::optional<std::int64_t> OptionalInt(int row, int column) const;
  std::optional<std::string> OptionalText(int row, int column) const;
  /// A bytea column (text format "\x…").
  std::vector<std::uint8_t> Bytes(int row, int column) const;
  /// Rows changed by an INSERT, UPDATE or DELETE.
  std::int64_t affected() const;

 private:
  PGresult* result_;
};

class PgConnection {
 public:
  /// Connects; throws PgError ("08001") with libpq's message (which names no password).
  explicit PgConnection(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  /// Runs one statement with parameters; throws PgError on failure. Each distinct statement
  /// is prepared on its first use and reused on this connection (planned once), up to
  /// kMaxPrepared statements; beyond that they run unprepared.
  PgResult Exec(std::string_view sql, const Params& params = {});
  /// Runs statements without parameters (DDL, BEGIN, …).
  void Execute(std::string_view sql);
  /// Runs statements without parameters, but waits for the result only until `timeout` has
  /// passed: then asks the server to cancel them, closes this connection (healthy() turns
  /// false) and throws PgError("57014"). A commit cancelled while it waited for a
  /// synchronous standby may have committed locally: callers must not have depended on it.
  void ExecuteWithin(std::string_view sql, std::chrono::milliseconds timeout);
  /// Whether the connection is still usable (not lost).
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }
  /// The row sealer writes on this connection reseal with (store/row_mac.hpp); null: none.
  const RowSealer* row_sealer() const { return row_sealer_.get(); }
  void set_row_sealer(std::shared_ptr<const RowSealer> sealer) { row_sealer_ = std::move(sealer); }

 private:
  static constexpr std::size_t kMaxPrepared = 512;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // statement text -> its name here
  std::shared_ptr<const RowSealer> row_sealer_;
};

/// BEGIN on construction (with the given isolation), ROLLBACK on destruction unless
/// committed.
class PgTransaction {
 public:
  enum class Isolation { kReadCommitted, kRepeatableRead, kSerializable };
  explicit PgTransaction(PgConnection& c, Isolation isolation = Isolation::kReadCommitted);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void Commit();

 private:
  PgConnection& c_;
  bool done_ = false;
};

}  // namespace lifeline::store::postgres
