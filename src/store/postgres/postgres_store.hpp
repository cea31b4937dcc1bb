#pragma once
// lifeline's whole store on PostgreSQL (store/store.hpp), for an organisation that runs
// several server instances on one database and a standby that can take over
// (docs/deploy.md).

#include <functional>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace lifeline::store {

struct PostgresOptions {
  /// A libpq connection string without a password (PGPASSFILE holds it). Several hosts
  /// with target_session_attrs=read-write find the primary after a failover.
  std::string conninfo;
  /// Brings a fresh or older database to this lifeline's schema (lifeline init); otherwise
  /// the schema must already match (lifeline migrate upgrades it).
  bool migrate = false;
  /// How long to keep retrying a database that cannot be reached at start.
  int wait_seconds = 30;
  /// At most this many connections at once.
  std::size_t max_connections = 16;
  /// Hears each failed attempt at start, with the pause before the next (for a message).
  std::function<void(const std::string& reason, double pause_seconds)> retrying;
};

/// Held while it lives (see LockDatabase).
class DatabaseLock {
 public:
  virtual ~DatabaseLock() = default;
};

/// The database's stand-in for the data folder's lock file: a session advisory lock on a
/// connection of its own. Servers hold it shared; office key rotation alone, because
/// servers keep the office key in memory. Throws std::runtime_error with `busy_message`
/// when it is held in a conflicting mode, or saying why the database cannot be reached.
/// A lost connection (a failover) releases it.
std::unique_ptr<DatabaseLock> LockDatabase(const std::string& conninfo, bool exclusive,
                                           const std::string& busy_message);

/// Connects and checks the schema. Throws std::runtime_error, saying why, for a password in
/// the connection string, a database still unreachable when the wait is over, a schema older
/// (without `migrate`) or newer than this lifeline.
std::unique_ptr<Store> OpenPostgresStore(const PostgresOptions& options);

}  // namespace lifeline::store
