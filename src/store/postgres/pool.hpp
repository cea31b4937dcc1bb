#pragma once
// The PostgreSQL store's connections: a pool that lends one connection to one call at a
// time, opens more up to a bound, and drops a connection that was lost, with every idle one
// when the server went away or turned read-only (the next call opens a fresh one, so lifeline
// reconnects by itself after a failover). Thread-safe.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg.hpp"

namespace lifeline::store::postgres {

class Pool {
 public:
  Pool(std::string conninfo, std::size_t max_connections)
      : conninfo_(std::move(conninfo)), max_(max_connections) {}

  /// Lends a connection to `body` and turns PgError into Error values. A serialization
  /// failure or deadlock (the transaction was rolled back) is retried up to three times.
  template <typename F>
  auto With(F&& body) -> decltype(body(std::declval<PgConnection&>())) {
    for (int attempt = 0;; ++attempt) {
      std::unique_ptr<PgConnection> c;
      try {
        c = Take();
        auto result = body(*c);
        if (c->healthy()) {
          Give(std::move(c));
        } else {
          c.reset();
          Forget();
        }
        return result;
      } catch (const PgError& e) {
        if (c && c->healthy()) {
          Give(std::move(c));  // its transaction was rolled back by its guard
        } else if (c) {
          Forget();
        }
        // After a failover the idle connections lead to a server that is gone or no longer
        // accepts writes: drop them all, so the next call connects to the new primary.
        if (LostServer(e)) DropIdle();
        const bool retry = (e.sqlstate == "40001" || e.sqlstate == "40P01") && attempt < 3;
        if (!retry) return ToError(e);
      } catch (...) {
        if (c) Forget();  // not a database error: the connection's state is unknown
        throw;
      }
    }
  }

  const std::string& conninfo() const { return conninfo_; }
  /// Every connection lent from now on carries `sealer` (store/row_mac.hpp).
  void SetRowSealer(std::shared_ptr<const RowSealer> sealer) {
    std::lock_guard lock(mutex_);
    row_sealer_ = std::move(sealer);
  }

 private:
  std::unique_ptr<PgConnection> Take();
  void Give(std::unique_ptr<PgConnection> c);
  /// A lent connection will not come back (it was lost).
  void Forget();
  /// Closes every idle connection.
  void DropIdle();
  /// The connection failed, the server shut down, or it became read-only (a demoted primary).
  static bool LostServer(const PgError& e) {
    return e.sqlstate.starts_with("08") || e.sqlstate.starts_with("57P") || e.sqlstate == "25006";
  }

  const std::string conninfo_;
  const std::size_t max_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // GUARDED_BY(mutex_)
  std::size_t open_ = 0;                             // GUARDED_BY(mutex_): idle and lent
  std::shared_ptr<const RowSealer> row_sealer_;      // GUARDED_BY(mutex_)
};

}  // namespace lifeline::store::postgres
