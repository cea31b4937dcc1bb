#include "app/intake/sender_throttle.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace lifeline::app {

SenderThrottle::SenderThrottle(double burst, std::chrono::seconds period, std::size_t max_senders)
    : burst_(burst),
      per_second_(period.count() > 0 ? burst / static_cast<double>(period.count()) : 0),
      max_senders_(std::max<std::size_t>(1, max_senders)) {
  if (!(burst >= 1) || period.count() <= 0)
    throw std::invalid_argument("a sender's limit needs a burst and a period");
}

std::size_t SenderThrottle::Hash::operator()(const store::Blob32& b) const {
  std::size_t h;  // a keyed hash already: any of its bytes are as good as any others
  std::memcpy(&h, b.data(), sizeof h);
  return h;
}

namespace {

double Refilled(double tokens, double burst, double per_second, std::chrono::sys_seconds from,
                std::chrono::sys_seconds now) {
  if (now <= from) return tokens;
  return std::min(burst, tokens + static_cast<double>((now - from).count()) * per_second);
}

}  // namespace

bool SenderThrottle::Allow(const store::Blob32& sender, std::chrono::sys_seconds now) {
  std::lock_guard lock(mutex_);
  auto found = buckets_.find(sender);
  if (found == buckets_.end()) {
    if (buckets_.size() >= max_senders_) Prune(now);
    found = buckets_.emplace(sender, Bucket{burst_, now}).first;
  }
  Bucket& bucket = found->second;
  bucket.tokens = Refilled(bucket.tokens, burst_, per_second_, bucket.refilled, now);
  bucket.refilled = std::max(bucket.refilled, now);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

void SenderThrottle::Prune(std::chrono::sys_seconds now) {
  std::erase_if(buckets_, [&](const auto& entry) {
    return Refilled(entry.second.tokens, burst_, per_second_, entry.second.refilled, now) >= burst_;
  });
  if (buckets_.size() >= max_senders_) buckets_.clear();
}

std::size_t SenderThrottle::Tracked() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace lifeline::app
