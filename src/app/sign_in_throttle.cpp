#include "app/sign_in_throttle.hpp"

#include <algorithm>

#include "crypto/crypto.hpp"

namespace lifeline::app {

SignInThrottle::SignInThrottle(ThrottleLimits limits) : limits_(limits) {
  const auto key = crypto::RandomBytes(32);
  process_key_.assign(key.begin(), key.end());
}

std::string SignInThrottle::Key(std::string_view kind, const std::string& a, const std::string& b) const {
  std::string data(kind);
  data += '\0';
  data += a;
  data += '\0';
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
  const auto ready = c.last_failure + delay;
  return ready > now ? ready - now : std::chrono::seconds{0};
}

std::chrono::seconds SignInThrottle::WaitBefore(const std::string& account, const std::string& source,
                                                std::chrono::sys_seconds now) {
  std::lock_guard lock(mutex_);
  std::chrono::seconds wait{0};
  if (auto it = counts_.find(Key("pair", account, source)); it != counts_.end()) {
    wait = std::max(wait, Remaining(it->second, limits_.free_failures, now));
  }
  if (auto it = counts_.find(Key("source", source)); it != counts_.end()) {
    wait = std::max(wait, Remaining(it->second, limits_.free_failures_per_source, now));
  }
  return wait;
}

void SignInThrottle::RecordFailure(const std::string& account, const std::string& source,
                                   std::chrono::sys_seconds now) {
  std::lock_guard lock(mutex_);
  if (counts_.size() >= limits_.max_tracked) ForgetOldLocked(now);
  for (const auto& key : {Key("pair", account, source), Key("source", source)}) {
    Count& c = counts_[key];
    ++c.failures;
    c.last_failure = now;
  }
}

void SignInThrottle::RecordSuccess(const std::string& account, const std::string& source) {
  std::lock_guard lock(mutex_);
  counts_.erase(Key("pair", account, source));
}

void SignInThrottle::ForgetOldLocked(std::chrono::sys_seconds now) {
  // Entries whose longest possible delay has passed carry no more weight.
  std::erase_if(counts_, [&](const auto& item) {
    return now - item.second.last_failure > limits_.max_delay;
  });
  if (counts_.size() >= limits_.max_tracked) counts_.clear();  // under a flood: start afresh
}

}  // namespace lifeline::app
