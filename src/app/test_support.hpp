#pragma once
// Shared fixtures for app tests: a throw-away SQLite store and a fixed clock.

#include <filesystem>
#include <unistd.h>

#include "app/clock.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::app::testing {

class FixedClock final : public Clock {
 public:
  std::chrono::sys_seconds now = std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} +
                                 std::chrono::hours{10};
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

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
};

}  // namespace lifeline::app::testing
