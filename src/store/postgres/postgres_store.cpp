#include "store/postgres/postgres_store.hpp"

#include <fmt/format.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "store/postgres/application_store.hpp"
#include "store/postgres/erasure.hpp"
#include "store/postgres/migrations.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/row_mac_rows.hpp"
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

// The parts written once for both engines come from sql::SqlStore; the rest of the contract
// is one class of store/postgres each, and this hands every call to the part that keeps it,
// all on one pool.
class PostgresStore final : private PoolOwner, public sql::SqlStore {
 public:
  PostgresStore(const std::string& conninfo, std::size_t max_connections)
      : PoolOwner(conninfo, max_connections),
        SqlStore(std::make_unique<PgSessions>(pool_)),
        applications_(pool_) {}

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

  // ApplicationStore
  Result<std::vector<std::int64_t>> AppendApplications(
      std::span<const NewApplication> batch) override {
    return applications_.AppendApplications(batch);
  }
  Result<StoredApplication> GetApplication(std::int64_t id) override {
    return applications_.GetApplication(id);
  }
  Result<CasePage> ListCases(const CaseFilter& filter) override {
    return applications_.ListCases(filter);
  }
  Result<ApplicantView> FindByReceiptLookup(const Blob32& lookup) override {
    return applications_.FindByReceiptLookup(lookup);
  }
  Result<bool> ClaimApplication(std::int64_t id, std::int64_t user_id) override {
    return applications_.ClaimApplication(id, user_id);
  }
  Status DeleteApplication(std::int64_t id) override { return applications_.DeleteApplication(id); }
  Result<std::vector<CaseSummary>> ListUncontactedBefore(Date cutoff) override {
    return applications_.ListUncontactedBefore(cutoff);
  }
  Status ChangeStatus(std::int64_t expected_version, const NewCaseEvent& event) override {
    return applications_.ChangeStatus(expected_version, event);
  }
  Result<std::vector<StoredCaseEvent>> ListCaseEvents(std::int64_t case_id) override {
    return applications_.ListCaseEvents(case_id);
  }
  Status SetCustodySealed(std::int64_t id, const Blob& sealed) override {
    return applications_.SetCustodySealed(id, sealed);
  }
  Result<std::int64_t> AddMessage(const NewMessage& message) override {
    return applications_.AddMessage(message);
  }
  Result<std::vector<StoredMessage>> ListMessages(std::int64_t case_id) override {
    return applications_.ListMessages(case_id);
  }
  Result<std::int64_t> CountApplicantMessages(std::int64_t case_id, Date day) override {
    return applications_.CountApplicantMessages(case_id, day);
  }
  Result<StatisticsCounts> CountStatistics(Date from, Date to, Date today) override {
    return applications_.CountStatistics(from, to, today);
  }
  Result<std::vector<std::int64_t>> ListCaseIdsAfter(std::int64_t after_id, int limit) override {
    return applications_.ListCaseIdsAfter(after_id, limit);
  }
  Result<std::vector<CaseSummary>> GetSummaries(std::span<const std::int64_t> ids) override {
    return applications_.GetSummaries(ids);
  }
  Result<std::vector<std::int64_t>> ListUnscreened(int limit) override {
    return applications_.ListUnscreened(limit);
  }
  Status SaveScreening(std::span<const ScreeningResult> results) override {
    return applications_.SaveScreening(results);
  }
  Result<std::vector<std::int64_t>> CasesWithHandle(const Blob32& handle_index,
                                                    std::int64_t except_id) override {
    return applications_.CasesWithHandle(handle_index, except_id);
  }
  Result<std::vector<std::int64_t>> CasesWithName(const Blob32& name_index,
                                                  std::int64_t except_id) override {
    return applications_.CasesWithName(name_index, except_id);
  }
  Status SetMergedInto(std::int64_t source, std::int64_t target) override {
    return applications_.SetMergedInto(source, target);
  }
  Result<std::vector<std::int64_t>> ListMergedInto(std::int64_t target) override {
    return applications_.ListMergedInto(target);
  }
  Result<std::int64_t> CountAlike(const ClearFields& like, Date from, Date to) override {
    return applications_.CountAlike(like, from, to);
  }
  Result<std::int64_t> AddMarker(const NewMarker& marker) override {
    return applications_.AddMarker(marker);
  }
  Result<std::vector<StoredMarker>> ListMarkers() override { return applications_.ListMarkers(); }
  Result<std::int64_t> AddGroupMember(const NewGroupMember& member) override {
    return applications_.AddGroupMember(member);
  }
  Status MoveGroupMembers(std::span<const GroupMove> moves, std::int64_t actor_user_id,
                          std::int64_t at) override {
    return applications_.MoveGroupMembers(moves, actor_user_id, at);
  }
  Result<std::vector<CaseSummary>> ListGroupMembers(std::int64_t group_case_id) override {
    return applications_.ListGroupMembers(group_case_id);
  }
  Result<std::vector<GroupEvent>> ListGroupEvents(std::int64_t group_case_id) override {
    return applications_.ListGroupEvents(group_case_id);
  }
  Status SetPlanSealed(std::int64_t case_id, std::int64_t expected_version,
                       const Blob& sealed) override {
    return applications_.SetPlanSealed(case_id, expected_version, sealed);
  }
  Result<std::int64_t> AddCallback(const NewCallback& callback) override {
    return applications_.AddCallback(callback);
  }
  Result<std::vector<StoredCallback>> ListDueCallbacks(std::int64_t now, int limit) override {
    return applications_.ListDueCallbacks(now, limit);
  }
  Result<std::vector<StoredCallback>> ListCallbacks(CallbackStatus status, int limit) override {
    return applications_.ListCallbacks(status, limit);
  }
  Result<StoredCallback> GetCallback(std::int64_t id) override {
    return applications_.GetCallback(id);
  }
  Status UpdateCallback(const CallbackUpdate& update) override {
    return applications_.UpdateCallback(update);
  }
  Result<std::int64_t> AddTask(const NewTask& task) override { return applications_.AddTask(task); }
  Result<std::vector<StoredTask>> ListTasks(std::int64_t case_id) override {
    return applications_.ListTasks(case_id);
  }
  Result<StoredTask> GetTask(std::int64_t task_id) override {
    return applications_.GetTask(task_id);
  }
  Status CompleteTask(std::int64_t task_id, std::int64_t user_id, std::int64_t at) override {
    return applications_.CompleteTask(task_id, user_id, at);
  }
  Result<std::vector<QueuedTask>> ListOpenTasks(std::int64_t due_before,
                                                std::optional<std::int64_t> assigned_to,
                                                int limit) override {
    return applications_.ListOpenTasks(due_before, assigned_to, limit);
  }
  Result<std::vector<CaseSummary>> ListDeployingBefore(Date cutoff,
                                                       std::optional<std::int64_t> assigned_to,
                                                       int limit) override {
    return applications_.ListDeployingBefore(cutoff, assigned_to, limit);
  }
  Result<std::vector<WrappedRecordKey>> ListKeysOlderThan(std::int64_t generation,
                                                          int limit) override {
    return applications_.ListKeysOlderThan(generation, limit);
  }
  Result<std::int64_t> CountKeysOlderThan(std::int64_t generation) override {
    return applications_.CountKeysOlderThan(generation);
  }
  Status ReplaceWrappedKeys(std::span<const WrappedRecordKey> keys) override {
    return applications_.ReplaceWrappedKeys(keys);
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
  PgApplicationStore applications_;
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
