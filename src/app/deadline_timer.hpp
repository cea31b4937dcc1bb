#pragma once
// Runs a job at the moments it has work: at the deadline `next_deadline` names (in `clock`
// seconds), and at least every `longest`. Wake() makes it read the deadline again at once,
// e.g. after an event that brought a timer forward. The contact centre's timer: a wrap-up
// that ends rings the next caller then, not at the next whole second.
//
// Thread-safe. The job and next_deadline run on the timer's own thread; destruction waits
// for a run in progress to end.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "app/clock.hpp"

namespace lifeline::app {

class DeadlineTimer {
 public:
  /// `clock` must outlive the timer. `next_deadline` must not call Wake.
  DeadlineTimer(const Clock& clock, std::function<std::optional<double>()> next_deadline,
                std::function<void()> job, std::chrono::milliseconds longest);
  ~DeadlineTimer();
  DeadlineTimer(const DeadlineTimer&) = delete;
  DeadlineTimer& operator=(const DeadlineTimer&) = delete;

  /// The deadline may have moved: read it again now. Cheap; never blocks on the job.
  void Wake();

 private:
  void Loop();

  const Clock& clock_;
  std::function<std::optional<double>()> next_deadline_;
  std::function<void()> job_;
  const std::chrono::milliseconds longest_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  bool woken_ = false;     // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace lifeline::app
