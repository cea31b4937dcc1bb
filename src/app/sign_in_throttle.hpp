#pragma once
// Slows password guessing without letting anyone lock a real operator out.
//
// Failures are counted per (account, source) and per source. After a few free failures each
// further attempt must wait a delay that doubles with every failure (capped), and attempts
// made during the wait are refused before any password is checked. An attacker guessing
// from elsewhere therefore slows only themselves: the operator's own source keeps its own,
// clean count. A source spraying many accounts is slowed by its per-source count.
// A success clears the (account, source) count.
//
// Memory only, never logged or stored: accounts and sources are kept as keyed hashes under
// a key that lives and dies with the process.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lifeline::app {

struct ThrottleLimits {
  int free_failures = 5;                 // per (account, source) before delays start
  int free_failures_per_source = 20;     // per source, across accounts
  std::chrono::seconds first_delay{1};   // doubled with each further failure
  std::chrono::seconds max_delay{15 * 60};
  std::size_t max_tracked = 100'000;     // beyond this, the oldest entries are forgotten
};

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleLimits limits = {});

  /// Zero when an attempt may proceed now; otherwise how long to wait. Thread-safe.
  std::chrono::seconds WaitBefore(const std::string& account, const std::string& source,
                                  std::chrono::sys_seconds now);
  void RecordFailure(const std::string& account, const std::string& source,
                     std::chrono::sys_seconds now);
  void RecordSuccess(const std::string& account, const std::string& source);

 private:
  struct Count {
    int failures = 0;
    std::chrono::sys_seconds last_failure{};
  };
  std::string Key(std::string_view kind, const std::string& a, const std::string& b = {}) const;
  std::chrono::seconds Remaining(const Count& c, int free, std::chrono::sys_seconds now) const;
  void ForgetOldLocked(std::chrono::sys_seconds now);

  const ThrottleLimits limits_;
  std::string process_key_;
  std::mutex mutex_;
  std::unordered_map<std::string, Count> counts_;  // GUARDED_BY(mutex_)
};

}  // namespace lifeline::app
