#pragma once
// A token bucket per channel sender, in memory, in front of everything a message costs
// (the store's lookups, the hourly count, sealing, a new sender's Argon2id receipt hash): a
// flood from one sender is turned away for the price of a keyed hash and a map lookup, so it
// cannot hold up anyone else's messages. The store's hourly count stays the durable limit
// (a restart empties the buckets).
//
// Keyed by the sender's blind index, never his address. Thread-safe.

#include <chrono>
#include <cstddef>
#include <mutex>
#include <unordered_map>

#include "store/records.hpp"

namespace lifeline::app {

class SenderThrottle {
 public:
  /// Each sender may send `burst` messages at once and `burst` per `period` on average (> 0).
  /// At most `max_senders` buckets are kept; past that, full ones are forgotten first (they
  /// would let the next message through anyway), then all (the store's count still holds).
  SenderThrottle(double burst, std::chrono::seconds period, std::size_t max_senders = 100000);

  /// True, taking a token, when a message from `sender` may go on at `now`.
  bool Allow(const store::Blob32& sender, std::chrono::sys_seconds now);

  std::size_t Tracked() const;

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::sys_seconds refilled{};
  };
  struct Hash {
    std::size_t operator()(const store::Blob32& b) const;
  };
  void Prune(std::chrono::sys_seconds now);  // mutex_ held

  const double burst_;
  const double per_second_;
  const std::size_t max_senders_;
  mutable std::mutex mutex_;
  std::unordered_map<store::Blob32, Bucket, Hash> buckets_;  // GUARDED_BY(mutex_)
};

}  // namespace lifeline::app
