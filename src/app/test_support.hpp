#pragma once
// Shared fixtures for app tests: a throw-away SQLite store and a fixed clock.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "app/clock.hpp"
#include "crypto/bytes.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::app::testing {

/// The secret of an otpauth:// URI (RFC 4648 base32), as an authenticator app reads it.
inline crypto::SecretBytes TotpSecretFromUri(const std::string& uri) {
  const auto start = uri.find("secret=") + 7;
  const std::string base32 = uri.substr(start, uri.find('&', start) - start);
  std::string bytes;
  int buffer = 0, bits = 0;
  for (char c : base32) {
    buffer = (buffer << 5) | (c >= 'A' && c <= 'Z' ? c - 'A' : c - '2' + 26);
    bits += 5;
    if (bits >= 8) {
      bytes += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return crypto::SecretBytes(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

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
