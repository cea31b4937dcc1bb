#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/readiness_sql.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/database.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/session.hpp"
#include "store/sqlite/snapshot.hpp"

namespace lifeline::store {
namespace {

using sqlite::Connection;
using sqlite::SqliteError;

// Everything but backups, the readiness probe and the row sealer comes from sql::SqlStore,
// over the Database's connections.
class SqliteStore final : private sqlite::Database, public sql::SqlStore {
 public:
  explicit SqliteStore(std::string path)
      : Database(std::move(path)),
        SqlStore(std::make_unique<sqlite::SqliteSessions>(static_cast<Database&>(*this))) {}

  void SetRowSealer(std::shared_ptr<const RowSealer> sealer) override {
    std::lock_guard lock(writer_mutex_);
    writer_.set_row_sealer(std::move(sealer));
  }

  Status ProbeWrite(std::chrono::milliseconds timeout) override {
    return TryWrite(timeout, [](Connection& c) -> Status {
      return c.Execute(readiness_sql::kProbe), OkStatus();
    });
  }

  Status ExportSnapshot(const SnapshotSink& sink) override {
    return WithReader([&](Connection& c) -> Status { return sqlite::ExportSnapshotOf(c, sink); });
  }
};

}  // namespace

std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, bool create) {
  namespace fs = std::filesystem;
  const fs::path dir(data_dir);
  const std::string path = (dir / "lifeline.db").string();
  if (!create && !fs::exists(path)) {
    throw std::runtime_error("no lifeline database in " + data_dir + " (run lifeline init first)");
  }
  if (create) {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  }
  try {
    Connection c(path, create);
    if (auto migrated = sqlite::Migrate(c); !migrated) {
      throw std::runtime_error(migrated.error().message);
    }
  } catch (const SqliteError& e) {
    throw std::runtime_error(std::string("cannot open the database: ") + e.what());
  }
  return std::make_unique<SqliteStore>(path);
}

}  // namespace lifeline::store
