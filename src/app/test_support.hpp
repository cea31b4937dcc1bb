#pragma once
// Shared fixtures for app tests: a throw-away SQLite store and a fixed clock.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "app/clock.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::app::testing {

class FixedClock final : public Clock {
 public:
  std::chrono::sys_seconds now =
      std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} + std::chrono::hours{10};
  std::chrono::sys_seconds Now() const override { return now; }
};

/// A fresh store in a temporary folder, removed on destruction.
class TempStore {
 public:
  explicit TempStore(const std::string& name)
      : dir_(std::filesystem::temp_directory_path() /
             ("lifeline-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    store_ = store::OpenSqliteStore(dir_.string(), true);
  }
  ~TempStore() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  store::Store& operator*() { return *store_; }
  store::Store* operator->() { return store_.get(); }
  const std::filesystem::path& dir() const { return dir_; }

  /// Runs SQL straight on the database file, as an attacker with write access would.
  void Tamper(const std::string& sql) const {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "lifeline.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace lifeline::app::testing
