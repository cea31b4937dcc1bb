#pragma once
// Which store a command works on: a SQLite data folder (--data, the embedded default) or a
// PostgreSQL database (--db, docs/deploy.md).

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "app/audit/audit_anchor.hpp"
#include "store/store.hpp"

namespace lifeline::cli {

struct StoreOptions {
  std::string data;  // SQLite: the data folder
  std::string db;    // PostgreSQL: a libpq connection string without a password
  int db_wait_seconds = 30;
  std::string
      audit_anchor;  // the audit checkpoint file (app/audit/audit_anchor.hpp); see AuditAnchorPath

  bool postgres() const { return !db.empty(); }
};

/// Adds --data, --db, --db-wait-seconds and --audit-anchor to `command`; --data and --db
/// exclude each other.
void AddStoreOptions(CLI::App& command, StoreOptions& options);

/// Where the audit log's signed checkpoints go: --audit-anchor, else `audit-checkpoints` in
/// the SQLite data folder; empty for PostgreSQL without --audit-anchor (nothing anchors the
/// log then, and the server says so when it starts).
std::string AuditAnchorPath(const StoreOptions& options);

/// The audit log's checkpoint file at AuditAnchorPath, or null when there is none.
std::unique_ptr<app::AuditAnchor> OpenAuditAnchor(const StoreOptions& options,
                                                  const crypto::OfficeOpener& office);

/// Held while it lives: the data folder's lock file (cli/data_lock.hpp) for SQLite, a
/// session advisory lock in the database for PostgreSQL. Servers share it; office key
/// rotation (and restore, which fills a new folder) takes it alone.
class StoreLock {
 public:
  virtual ~StoreLock() = default;
};

/// Takes the lock without waiting; throws std::runtime_error with `busy_message` when it is
/// held in a conflicting mode.
std::unique_ptr<StoreLock> LockStore(const StoreOptions& options, bool exclusive,
                                     const std::string& busy_message);

/// Opens the chosen store; `create` makes a new SQLite folder, or brings a PostgreSQL
/// database to this lifeline's schema (lifeline init). Throws std::runtime_error saying what
/// is wrong, also when neither --data nor --db was given. Waiting for a database that is not
/// up yet is reported on stderr.
std::unique_ptr<store::Store> OpenStore(const StoreOptions& options, bool create);

}  // namespace lifeline::cli
