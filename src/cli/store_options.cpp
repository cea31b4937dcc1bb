#include "cli/store_options.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "cli/data_lock.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::cli {

void AddStoreOptions(CLI::App& command, StoreOptions& options) {
  auto* data =
      command.add_option("--data", options.data, "Data folder (the embedded SQLite store)");
  auto* db = command.add_option(
      "--db", options.db,
      "PostgreSQL connection string without a password, e.g. \"host=db1 dbname=lifeline "
      "user=lifeline\" (the password goes in the file PGPASSFILE names)");
  data->excludes(db);
  command
      .add_option("--db-wait-seconds", options.db_wait_seconds,
                  "How long to keep retrying a PostgreSQL that is not up yet")
      ->check(CLI::Range(0, 3600));
  command.add_option(
      "--audit-anchor", options.audit_anchor,
      "File the audit log's signed checkpoints are appended to, best on other storage than the "
      "database (default: audit-checkpoints in the --data folder; give it with --db)");
}

std::string AuditAnchorPath(const StoreOptions& options) {
  if (!options.audit_anchor.empty()) return options.audit_anchor;
  if (options.postgres()) return {};
  return (std::filesystem::path(options.data) / "audit-checkpoints").string();
}

std::unique_ptr<app::AuditAnchor> OpenAuditAnchor(const StoreOptions& options,
                                                  const crypto::OfficeOpener& office) {
  const std::string path = AuditAnchorPath(options);
  if (path.empty()) return nullptr;
  return std::make_unique<app::AuditAnchor>(path, app::AuditCheckpointKey(office));
}

namespace {

template <typename Held>
class Holding final : public StoreLock {
 public:
  explicit Holding(std::unique_ptr<Held> held) : held_(std::move(held)) {}

 private:
  std::unique_ptr<Held> held_;
};

}  // namespace

std::unique_ptr<StoreLock> LockStore(const StoreOptions& options, bool exclusive,
                                     const std::string& busy_message) {
  if (options.postgres()) {
    return std::make_unique<Holding<store::DatabaseLock>>(
        store::LockDatabase(options.db, exclusive, busy_message));
  }
  using Mode = DataFolderLock::Mode;
  return std::make_unique<Holding<DataFolderLock>>(std::make_unique<DataFolderLock>(
      options.data, exclusive ? Mode::kExclusive : Mode::kShared, busy_message));
}

std::unique_ptr<store::Store> OpenStore(const StoreOptions& options, bool create) {
  if (options.postgres()) {
    return store::OpenPostgresStore(
        {.conninfo = options.db,
         .migrate = create,
         .wait_seconds = options.db_wait_seconds,
         .retrying = [](const std::string& reason, double pause) {
           std::cerr << fmt::format(
               "lifeline: the database is not reachable yet ({}); retrying in {:.1f} s\n", reason,
               pause);
         }});
  }
  if (options.data.empty())
    throw std::runtime_error("give --data DIR (SQLite) or --db CONNINFO (PostgreSQL)");
  return store::OpenSqliteStore(options.data, create);
}

}  // namespace lifeline::cli
