#include "app/readiness.hpp"

#include <algorithm>

namespace lifeline::app {
namespace {

constexpr ReadinessVerdict kReady{true, "ok"};
constexpr ReadinessVerdict kFailed{false, "write_failed"};
constexpr ReadinessVerdict kStalled{false, "write_stalled"};

void ReplyAll(std::vector<std::function<void(ReadinessVerdict)>>& replies,
              ReadinessVerdict verdict) {
  for (auto& reply : replies) reply(verdict);
}

}  // namespace

Readiness::Readiness(store::ReadinessStore& store, ReadinessOptions options)
    : store_(store), options_(options) {
  prober_ = std::thread([this] { Probe(); });
  watch_ = std::thread([this] { Watch(); });
}

Readiness::~Readiness() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  watch_.join();
  prober_.join();
}

void Readiness::Check(std::function<void(ReadinessVerdict)> reply) {
  std::unique_lock lock(mutex_);
  const auto now = Clock::now();
  if (has_verdict_ && now - verdict_at_ <= options_.fresh_for) {
    const ReadinessVerdict verdict = verdict_;
    lock.unlock();
    return reply(verdict);
  }
  if (stopping_ || (probing_ && now - probe_started_ >= options_.timeout)) {
    lock.unlock();
    return reply(stopping_ ? ReadinessVerdict{} : kStalled);
  }
  waiters_.push_back({std::move(reply), (probing_ ? probe_started_ : now) + options_.timeout});
  if (!probing_) probe_wanted_ = true;
  lock.unlock();
  changed_.notify_all();
}

ReadinessVerdict Readiness::Last() const {
  std::lock_guard lock(mutex_);
  if (probing_ && Clock::now() - probe_started_ >= options_.timeout) return kStalled;
  return verdict_;
}

void Readiness::NoteWrite(bool committed) {
  std::lock_guard lock(mutex_);
  // A probe in flight decides for itself; a commit while it is late proves nothing about it.
  SetVerdict(committed ? kReady : kFailed);
}

void Readiness::SetVerdict(ReadinessVerdict verdict) {
  verdict_ = verdict;
  has_verdict_ = true;
  verdict_at_ = Clock::now();
}

void Readiness::Probe() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || probe_wanted_; });
    if (stopping_) return;
    probe_wanted_ = false;
    probing_ = true;
    probe_started_ = Clock::now();
    lock.unlock();
    const bool committed = store_.ProbeWrite(options_.timeout).ok();
    lock.lock();
    probing_ = false;
    // A write given up on after the timeout (PostgreSQL cancels it) stalled, not failed.
    const bool late = Clock::now() - probe_started_ >= options_.timeout;
    SetVerdict(committed ? kReady : late ? kStalled : kFailed);
    std::vector<std::function<void(ReadinessVerdict)>> replies;
    for (auto& waiter : waiters_) replies.push_back(std::move(waiter.reply));
    waiters_.clear();
    const ReadinessVerdict verdict = verdict_;
    lock.unlock();
    changed_.notify_all();
    ReplyAll(replies, verdict);
    lock.lock();
  }
}

// Answers those whose probe is late, so that no reply waits past `timeout`.
void Readiness::Watch() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) {
      std::vector<std::function<void(ReadinessVerdict)>> replies;
      for (auto& waiter : waiters_) replies.push_back(std::move(waiter.reply));
      waiters_.clear();
      lock.unlock();
      ReplyAll(replies, ReadinessVerdict{});
      return;
    }
    if (waiters_.empty()) {
      changed_.wait(lock);
      continue;
    }
    const auto earliest =
        std::min_element(waiters_.begin(), waiters_.end(), [](const Waiter& a, const Waiter& b) {
          return a.deadline < b.deadline;
        })->deadline;
    changed_.wait_until(lock, earliest);
    const auto now = Clock::now();
    std::vector<std::function<void(ReadinessVerdict)>> late;
    std::erase_if(waiters_, [&](Waiter& waiter) {
      if (waiter.deadline > now) return false;
      late.push_back(std::move(waiter.reply));
      return true;
    });
    if (late.empty()) continue;
    lock.unlock();
    ReplyAll(late, kStalled);
    lock.lock();
  }
}

}  // namespace lifeline::app
