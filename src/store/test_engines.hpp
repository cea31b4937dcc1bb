#pragma once
// What the store's conformance suites need to run once per engine: SQLite in a temporary
// folder, and a real PostgreSQL (LIFELINE_TEST_POSTGRES_FILE names a file holding the
// connection string of a server started for the tests: tests/pg/pg-server.sh, which ctest's
// `postgres` fixture runs) with a fresh schema per test. Test-only.

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>

#include "store/postgres/migrations.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::store::testing {

enum class Engine { kSqlite, kPostgres };

inline std::string EngineName(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::kSqlite ? "Sqlite" : "Postgres";
}

/// A unique suffix for this process's temporary folders and schemas.
inline std::string UniqueSuffix() {
  static std::atomic<int> counter = 0;
  return std::to_string(::getpid()) + "_" + std::to_string(counter++);
}

/// A migrated schema of its own on the test server, dropped on destruction.
class PostgresSchema {
 public:
  /// Whether this run has a server (the variable is set); without one the PostgreSQL cases
  /// skip, and ctest's *_postgres entries, which always have one, run them.
  static bool Available() { return std::getenv("LIFELINE_TEST_POSTGRES_FILE") != nullptr; }

  PostgresSchema() : base_(OwnDatabase(ReadConninfo())), name_("t_" + UniqueSuffix()) {
    postgres::PgConnection admin(base_);
    admin.Execute("DROP SCHEMA IF EXISTS " + name_ + " CASCADE; CREATE SCHEMA " + name_);
    conninfo_ = base_ + " options='-c search_path=" + name_ + "'";
    pool_ = std::make_unique<postgres::Pool>(conninfo_, 8);
    auto migrated = pool_->With([](postgres::PgConnection& c) { return postgres::Migrate(c); });
    if (!migrated) migrated_ = migrated.error();
  }
  ~PostgresSchema() {
    pool_.reset();
    try {
      postgres::PgConnection(base_).Execute("DROP SCHEMA " + name_ + " CASCADE");
    } catch (const postgres::PgError&) {
    }
  }
  PostgresSchema(const PostgresSchema&) = delete;
  PostgresSchema& operator=(const PostgresSchema&) = delete;

  postgres::Pool& pool() { return *pool_; }
  /// Connects to this schema alone.
  const std::string& conninfo() const { return conninfo_; }
  const Status& migrated() const { return migrated_; }

 private:
  // The suites' own database, apart from the one the end-to-end tests' `CREATE DATABASE`
  // sessions use: erasure waits for every older transaction in its database.
  static std::string OwnDatabase(const std::string& server) {
    const std::string name = "lifeline_conformance";
    postgres::PgConnection admin(server);
    if (admin.Exec("SELECT 1 FROM pg_database WHERE datname = $1", postgres::Params().Add(name))
            .rows() == 0) {
      try {
        admin.Execute("CREATE DATABASE " + name);
      } catch (const postgres::PgError& e) {
        // Created meanwhile by another test process: 42P04, or 23505 when both were inside
        // CREATE DATABASE at once (the catalogue's unique index catches the second).
        if (e.sqlstate != "42P04" && e.sqlstate != "23505") throw;
      }
    }
    return server + " dbname=" + name;  // the later keyword wins
  }

  static std::string ReadConninfo() {
    std::ifstream in(std::getenv("LIFELINE_TEST_POSTGRES_FILE"));
    std::string line;
    std::getline(in, line);
    if (line.empty())
      throw std::runtime_error("LIFELINE_TEST_POSTGRES_FILE names no connection string");
    return line;
  }

  std::string base_;
  std::string name_;
  std::string conninfo_;
  std::unique_ptr<postgres::Pool> pool_;
  Status migrated_ = OkStatus();
};

/// A whole store on one engine, as a suite's SetUp opens it: SQLite in a temporary folder of
/// its own, or PostgreSQL in a migrated schema of its own; both are removed with it.
class EngineStore {
 public:
  /// Whether `engine` runs here; a suite skips with kNoPostgres when it does not.
  static bool Runs(Engine engine) {
    return engine == Engine::kSqlite || PostgresSchema::Available();
  }
  static constexpr std::string_view kNoPostgres =
      "no PostgreSQL for this run (ctest's *_postgres entries have one)";

  /// `suite` names the temporary folder, for whoever finds one left behind.
  EngineStore(Engine engine, const std::string& suite) {
    if (engine == Engine::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() / ("lifeline-" + suite + "-" + UniqueSuffix());
      std::filesystem::remove_all(dir_);
      store_ = OpenSqliteStore(dir_.string(), true);
      return;
    }
    schema_ = std::make_unique<PostgresSchema>();
    if (schema_->migrated())
      store_ = OpenPostgresStore({.conninfo = schema_->conninfo(), .wait_seconds = 5});
  }
  ~EngineStore() {
    store_.reset();
    schema_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  EngineStore(const EngineStore&) = delete;
  EngineStore& operator=(const EngineStore&) = delete;

  /// OkStatus, or why PostgreSQL's schema was not migrated (and there is no store).
  Status opened() const { return schema_ ? schema_->migrated() : OkStatus(); }
  Store* get() { return store_.get(); }
  /// SQLite only: Close lets a test change the file behind the store's back; Reopen opens
  /// it again as a restarted lifeline would.
  void Close() { store_.reset(); }
  void Reopen() { store_ = OpenSqliteStore(dir_.string(), false); }
  const std::filesystem::path& dir() const { return dir_; }
  PostgresSchema& schema() { return *schema_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<PostgresSchema> schema_;
  std::unique_ptr<Store> store_;
};

}  // namespace lifeline::store::testing
