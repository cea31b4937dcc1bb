#pragma once
// Slows password guessing without letting anyone lock a real operator out (OWASP's device
// cookies, adapted; docs/security.md "Sign-in throttling").
//
// An attempt that presents a valid device token for the account it names (a device that
// signed in to that account before, sign_in_device.hpp) is counted against that device
// alone: a few free failures, then delays; at device_locked_after failures the device's
// token is refused and its attempts count as an untrusted client's. Nothing an untrusted
// client does ever slows a trusted device.
//
// Every other attempt is an untrusted client's, counted per (account, source), per source
// and per account across all untrusted clients. After the free failures each further attempt
// must wait a delay that doubles with every failure (capped); attempts during the wait are
// refused before any password is checked. So an attacker who knows an account's name can keep
// untrusted clients out of it for a while, but not the operator's own, known device.
// A success clears the counts of its own kind (device; or account and pair), never a source's.
//
// Memory only, never logged or stored: accounts, sources and devices are kept as keyed hashes
// under a key that lives and dies with the process.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace lifeline::app {

struct ThrottleLimits {
  int free_failures = 5;                // per (account, source), untrusted
  int free_failures_per_source = 20;    // per source, across accounts, untrusted
  int free_failures_per_account = 10;   // per account, across all untrusted clients
  int free_failures_per_device = 5;     // per device token
  int device_locked_after = 10;         // a device's token is refused from this many failures
  std::chrono::seconds first_delay{1};  // doubled with each further failure; the wait is this
                                        // plus up to a second (times are whole seconds)
  std::chrono::seconds max_delay{15 * 60};
  std::size_t max_tracked = 100'000;  // beyond this, the oldest entries are forgotten
};

/// One sign-in attempt as the throttle sees it.
struct SignInAttempt {
  std::string account;                // the name typed
  std::string source;                 // the client's address (server/client_address.hpp)
  std::optional<std::string> device;  // SignInDevices::Recognise's answer for `account`
};

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleLimits limits = {});

  /// Zero when `attempt` may proceed now; otherwise how long to wait. Thread-safe.
  std::chrono::seconds WaitBefore(const SignInAttempt& attempt, std::chrono::sys_seconds now);
  void RecordFailure(const SignInAttempt& attempt, std::chrono::sys_seconds now);
  void RecordSuccess(const SignInAttempt& attempt);
  /// Whether `attempt` counts against its device alone: it carries a device token not locked
  /// by failures. Thread-safe.
  bool Trusted(const SignInAttempt& attempt);

  /// How long an untrusted client must still wait before naming `account`, by the count of
  /// failures against that account from all of them (what an administrator sees as a lock).
  std::chrono::seconds AccountWait(const std::string& account, std::chrono::sys_seconds now);
  /// An administrator's unlock: forgets every count kept for `account` (its own, its
  /// per-source pairs and its devices'). A source's count across accounts stays: a guesser's
  /// address is not forgiven by unlocking one of the accounts it tried.
  void ForgetAccount(const std::string& account);

 private:
  struct Count {
    int failures = 0;
    std::chrono::sys_seconds last_failure{};
    std::string account;  // Key("account", name) of the account it counts for; empty for a source
  };
  std::string Key(std::string_view kind, const std::string& a, const std::string& b = {}) const;
  std::chrono::seconds Remaining(const Count& c, int free, std::chrono::sys_seconds now) const;
  std::chrono::seconds WaitFor(std::string_view kind, const std::string& a, const std::string& b,
                               int free, std::chrono::sys_seconds now) const;
  bool TrustedLocked(const SignInAttempt& attempt) const;
  void ForgetOldLocked(std::chrono::sys_seconds now);

  const ThrottleLimits limits_;
  std::string process_key_;
  std::mutex mutex_;
  std::unordered_map<std::string, Count> counts_;  // GUARDED_BY(mutex_)
};

}  // namespace lifeline::app
