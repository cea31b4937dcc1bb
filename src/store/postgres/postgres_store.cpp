#include "store/postgres/postgres_store.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "store/postgres/erasure.hpp"
#include "store/postgres/migrations.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/session.hpp"
#include "store/readiness_sql.hpp"
#include "store/schema_version.hpp"
#include "store/sql/sql_store.hpp"

namespace lifeline::store {
namespace {

using namespace postgres;

// The pool, constructed before the SqlStore base that lends its connections.
struct PoolOwner {
  PoolOwner(const std::string& conninfo, std::size_t max_connections)
      : pool_(conninfo, max_connections) {}
  Pool pool_;
};

// Everything but backups, the readiness probe and the row sealer comes from sql::SqlStore,
// on one pool; this adds the sweeper that finishes erasures left unfinished.
class PostgresStore final : private PoolOwner, public sql::SqlStore {
 public:
  PostgresStore(const std::string& conninfo, std::size_t max_connections)
      : PoolOwner(conninfo, max_connections), SqlStore(std::make_unique<PgSessions>(pool_)) {}

  /// PostgreSQL has its own backups, which see the whole cluster consistently and can be
  /// replayed to a moment: lifeline backup belongs to the SQLite store.
  Status ExportSnapshot(const SnapshotSink&) override {
    return Error{ErrorCode::kInvalidInput,
                 "this store is on PostgreSQL: back it up with pg_basebackup and WAL archiving "
                 "(docs/deploy.md), not lifeline backup"};
  }

  // RowMacStore
  void SetRowSealer(std::shared_ptr<const RowSealer> sealer) override {
    pool_.SetRowSealer(std::move(sealer));
  }

  // ReadinessStore. statement_timeout does not cover a commit waiting for a synchronous
  // standby, so the client keeps the time itself (PgConnection::ExecuteWithin) and cancels
  // the wait.
  Status ProbeWrite(std::chrono::milliseconds timeout) override {
    return pool_.With([&](PgConnection& c) -> Status {
      c.ExecuteWithin(readiness_sql::kProbe, timeout);
      return OkStatus();
    });
  }

 private:
  // Finishes the erasures an earlier change or run left unfinished (erasure.hpp): now, then
  // every minute. Declared last: stopped and joined first.
  std::jthread sweeper_{[this](std::stop_token stop) {
    std::mutex mutex;
    std::condition_variable_any never;
    while (!stop.stop_requested()) {
      (void)EraseMarked(pool_);  // a failure leaves the mark for the next round
      std::unique_lock lock(mutex);
      never.wait_for(lock, stop, std::chrono::minutes(1), [] { return false; });
    }
  }};
};

// The schema version the database holds; 0 for a database lifeline has never migrated.
int SchemaVersion(PgConnection& c) {
  auto exists = c.Exec("SELECT to_regclass('lifeline_schema') IS NOT NULL");
  if (exists.Text(0, 0) != "t") return 0;
  auto row = c.Exec("SELECT version FROM lifeline_schema");
  return row.rows() == 0 ? 0 : static_cast<int>(row.Int(0, 0));
}

// Any 64-bit number, the same in every lifeline.
constexpr std::int64_t kServersLock = 0x7365727665727321;  // "servers!"

class HeldLock final : public DatabaseLock {
 public:
  explicit HeldLock(std::unique_ptr<PgConnection> c) : c_(std::move(c)) {}

 private:
  std::unique_ptr<PgConnection> c_;  // the lock lasts as long as its session
};

}  // namespace

std::unique_ptr<DatabaseLock> LockDatabase(const std::string& conninfo, bool exclusive,
                                           const std::string& busy_message) {
  try {
    auto c = std::make_unique<PgConnection>(conninfo);
    auto taken = c->Exec(
        exclusive ? "SELECT pg_try_advisory_lock($1)" : "SELECT pg_try_advisory_lock_shared($1)",
        Params().Add(kServersLock));
    if (taken.Text(0, 0) != "t") throw std::runtime_error(busy_message);
    return std::make_unique<HeldLock>(std::move(c));
  } catch (const PgError& e) {
    throw std::runtime_error(std::string("cannot use the database: ") + e.what());
  }
}

std::unique_ptr<Store> OpenPostgresStore(const PostgresOptions& options) {
  try {
    if (ConninfoHasPassword(options.conninfo)) {
      throw std::runtime_error(
          "--db must not hold a password (it would show in the process list); put it in the file "
          "PGPASSFILE names");
    }
    auto connection = ConnectWithRetry(options.conninfo, options.wait_seconds,
                                       [&](const PgError& e, double pause) {
                                         if (options.retrying) options.retrying(e.what(), pause);
                                       });
    if (options.migrate) {
      if (auto migrated = Migrate(*connection); !migrated)
        throw std::runtime_error(migrated.error().message);
    }
    const int version = SchemaVersion(*connection);
    if (version > kSchemaVersion) {
      throw std::runtime_error(
          fmt::format("the database has schema version {}, newer than this lifeline understands "
                      "({}); upgrade lifeline",
                      version, kSchemaVersion));
    }
    std::string erasable = "{";
    for (auto table : kErasableTables)
      erasable += (erasable.size() > 1 ? "," : "") + std::string(table);
    erasable += "}";
    if (connection
            ->Exec("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND "
                   "tablename = ANY($1::text[]) "
                   "AND tableowner <> current_user AND NOT (SELECT rolsuper FROM pg_roles WHERE "
                   "rolname = current_user)",
                   Params().Add(erasable))
            .Int(0, 0) > 0) {
      throw std::runtime_error(
          "lifeline's tables must belong to the role it connects as: it erases deleted records by "
          "rewriting their "
          "tables (VACUUM FULL), which only their owner may do; run lifeline migrate as that role, "
          "or ALTER TABLE … "
          "OWNER TO it");
    }
    if (version < kSchemaVersion) {
      throw std::runtime_error(
          fmt::format("the database has schema version {} and this lifeline needs {}; run "
                      "lifeline migrate --db first",
                      version, kSchemaVersion));
    }
  } catch (const PgError& e) {
    throw std::runtime_error(std::string("cannot use the database: ") + e.what());
  }
  return std::make_unique<PostgresStore>(options.conninfo, options.max_connections);
}

}  // namespace lifeline::store
