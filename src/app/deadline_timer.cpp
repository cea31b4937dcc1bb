#include "app/deadline_timer.hpp"

#include <algorithm>

namespace lifeline::app {

DeadlineTimer::DeadlineTimer(const Clock& clock,
                             std::function<std::optional<double>()> next_deadline,
                             std::function<void()> job, std::chrono::milliseconds longest)
    : clock_(clock),
      next_deadline_(std::move(next_deadline)),
      job_(std::move(job)),
      longest_(longest) {
  thread_ = std::thread([this] { Loop(); });
}

DeadlineTimer::~DeadlineTimer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void DeadlineTimer::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void DeadlineTimer::Loop() {
  using Seconds = std::chrono::duration<double>;
  auto last_run = std::chrono::steady_clock::now();
  job_();
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    const std::optional<double> next = next_deadline_();  // outside our lock: it takes the job's
    const double now = clock_.NowSeconds();
    // The job runs by the deadline, and at least every `longest` however often Wake is called.
    auto due = last_run + longest_;
    if (next)
      due = std::min(due, std::chrono::steady_clock::now() +
                              std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  Seconds(std::max(0.0, *next - now))));
    lock.lock();
    if (wake_.wait_until(lock, due, [this] { return stopping_ || woken_; }))
      continue;  // stop, or read again
    lock.unlock();
    job_();
    last_run = std::chrono::steady_clock::now();
    lock.lock();
  }
}

}  // namespace lifeline::app
