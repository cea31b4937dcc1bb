#include "app/accounts/sign_in_throttle.hpp"

#include <algorithm>

#include "crypto/crypto.hpp"

namespace lifeline::app {

SignInThrottle::SignInThrottle(ThrottleLimits limits) : limits_(limits) {
  const auto key = crypto::RandomBytes(32);
  process_key_.assign(key.begin(), key.end());
}

std::string SignInThrottle::Key(std::string_view kind, const std::string& a,
                                const std::string& b) const {
  std::string data(kind);
  data += '\0';
  data += std::to_string(a.size());
  data += ':';
  data += a;
  data += b;
  crypto::Key32 key{};
  std::copy(process_key_.begin(), process_key_.end(), key.begin());
  const auto hash = crypto::KeyedHash(key, data);
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

std::chrono::seconds SignInThrottle::Remaining(const Count& c, int free,
                                               std::chrono::sys_seconds now) const {
  if (c.failures < free) return std::chrono::seconds{0};
  const int doublings = std::min(c.failures - free, 20);
  const auto delay = std::min(limits_.first_delay * (1 << doublings), limits_.max_delay);
  // Times are whole seconds, so a failure recorded as second t happened somewhere in
  // [t, t+1): it counts from the end of its second, and the wait is never shorter than the
  // delay (at most one second longer).
  const auto ready = c.last_failure + std::chrono::seconds{1} + delay;
  return ready > now ? ready - now : std::chrono::seconds{0};
}

std::chrono::seconds SignInThrottle::WaitFor(std::string_view kind, const std::string& a,
                                             const std::string& b, int free,
                                             std::chrono::sys_seconds now) const {
  const auto it = counts_.find(Key(kind, a, b));
  return it == counts_.end() ? std::chrono::seconds{0} : Remaining(it->second, free, now);
}

bool SignInThrottle::TrustedLocked(const SignInAttempt& attempt) const {
  if (!attempt.device) return false;
  const auto it = counts_.find(Key("device", attempt.account, *attempt.device));
  return it == counts_.end() || it->second.failures < limits_.device_locked_after;
}

bool SignInThrottle::Trusted(const SignInAttempt& attempt) {
  std::lock_guard lock(mutex_);
  return TrustedLocked(attempt);
}

std::chrono::seconds SignInThrottle::WaitBefore(const SignInAttempt& attempt,
                                                std::chrono::sys_seconds now) {
  std::lock_guard lock(mutex_);
  if (TrustedLocked(attempt)) {
    return WaitFor("device", attempt.account, *attempt.device, limits_.free_failures_per_device,
                   now);
  }
  return std::max(
      {WaitFor("pair", attempt.account, attempt.source, limits_.free_failures, now),
       WaitFor("source", attempt.source, {}, limits_.free_failures_per_source, now),
       WaitFor("account", attempt.account, {}, limits_.free_failures_per_account, now)});
}

void SignInThrottle::RecordFailure(const SignInAttempt& attempt, std::chrono::sys_seconds now) {
  std::lock_guard lock(mutex_);
  if (counts_.size() >= limits_.max_tracked) ForgetOldLocked(now);
  const std::string account = Key("account", attempt.account);
  const auto count = [&](const std::string& key, const std::string& of_account) {
    Count& c = counts_[key];
    ++c.failures;
    c.last_failure = now;
    c.account = of_account;
  };
  if (TrustedLocked(attempt))
    return count(Key("device", attempt.account, *attempt.device), account);
  count(Key("pair", attempt.account, attempt.source), account);
  count(Key("source", attempt.source), {});
  count(account, account);
}

std::chrono::seconds SignInThrottle::AccountWait(const std::string& account,
                                                 std::chrono::sys_seconds now) {
  std::lock_guard lock(mutex_);
  return WaitFor("account", account, {}, limits_.free_failures_per_account, now);
}

void SignInThrottle::ForgetAccount(const std::string& account) {
  std::lock_guard lock(mutex_);
  const std::string key = Key("account", account);
  std::erase_if(counts_, [&](const auto& item) { return item.second.account == key; });
}

void SignInThrottle::RecordSuccess(const SignInAttempt& attempt) {
  std::lock_guard lock(mutex_);
  if (TrustedLocked(attempt)) {
    counts_.erase(Key("device", attempt.account, *attempt.device));
    return;
  }
  counts_.erase(Key("pair", attempt.account, attempt.source));
  counts_.erase(Key("account", attempt.account));
}

void SignInThrottle::ForgetOldLocked(std::chrono::sys_seconds now) {
  // Entries whose longest possible delay has passed carry no more weight (a locked device's
  // token among them: under such a flood it may get its free failures again).
  std::erase_if(counts_, [&](const auto& item) {
    return now - item.second.last_failure > limits_.max_delay;
  });
  if (counts_.size() >= limits_.max_tracked) counts_.clear();  // under a flood: start afresh
}

}  // namespace lifeline::app
