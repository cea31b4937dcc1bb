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

#include "store/postgres/migrations.hpp"
#include "store/postgres/pool.hpp"

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

}  // namespace lifeline::store::testing
