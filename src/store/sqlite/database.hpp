#pragma once
// The connections of one SQLite store: one writer behind a lock, and a pool of readers (WAL
// lets them read while the writer writes). The SQL written once (store/sql) runs through
// SqliteSessions, which uses Write and WithReader; sqlite_store.cpp's backup and readiness
// probe use them directly. Both turn SqliteError into Error values. Thread-safe.

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

/// Runs `body` and turns SQLite failures into Result errors at the store boundary.
template <typename F>
auto Guard(F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

class Database {
 public:
  explicit Database(std::string path) : path_(std::move(path)), writer_(path_, false) {
    writer_.RefuseCommitsWhenBroken();
  }

  /// Runs `body` on the writer connection, holding the writer lock.
  template <typename F>
  auto Write(F&& body) -> decltype(body(std::declval<Connection&>())) {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return body(writer_); });
  }

  /// Like Write, but gives up with kUnavailable when the writer is not free within `wait`.
  template <typename F>
  auto TryWrite(std::chrono::milliseconds wait, F&& body)
      -> decltype(body(std::declval<Connection&>())) {
    std::unique_lock lock(writer_mutex_, std::defer_lock);
    if (!lock.try_lock_for(wait))
      return Error{ErrorCode::kUnavailable, "the database writer is busy"};
    return Guard([&] { return body(writer_); });
  }

  /// Lends a read connection from the pool (creating one if none is idle) to `body`.
  template <typename F>
  auto WithReader(F&& body) -> decltype(body(std::declval<Connection&>())) {
    std::unique_ptr<Connection> c;
    {
      std::lock_guard lock(readers_mutex_);
      if (!idle_readers_.empty()) {
        c = std::move(idle_readers_.back());
        idle_readers_.pop_back();
      }
    }
    auto result = Guard([&]() -> decltype(body(std::declval<Connection&>())) {
      if (!c) c = std::make_unique<Connection>(path_, false);
      return body(*c);
    });
    if (c) {
      std::lock_guard lock(readers_mutex_);
      idle_readers_.push_back(std::move(c));
    }
    return result;
  }

  const std::string& path() const { return path_; }

 protected:
  const std::string path_;
  std::timed_mutex writer_mutex_;
  Connection writer_;  // GUARDED_BY(writer_mutex_)

 private:
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // GUARDED_BY(readers_mutex_)
};

}  // namespace lifeline::store::sqlite
