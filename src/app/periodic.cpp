#include "app/periodic.hpp"

namespace lifeline::app {

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, std::function<void()> job) {
  thread_ = std::thread([this, interval, job = std::move(job)] {
    for (;;) {
      job();
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, interval, [this] { return stopping_; })) return;
    }
  });
}

PeriodicTask::~PeriodicTask() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

}  // namespace lifeline::app
