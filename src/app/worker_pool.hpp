#pragma once
// A fixed set of threads running jobs from a bounded queue. Intake runs the receipt hash and
// sealing here, off the HTTP threads, so that the HTTP threads stay free to answer (health
// checks, quick 503s) and a surge is refused early instead of piling up unseen in sockets.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lifeline::app {

class WorkerPool {
 public:
  /// Starts `threads` threads; at most `max_queued` jobs wait beyond those running.
  WorkerPool(std::size_t threads, std::size_t max_queued);
  /// Runs every job already accepted, then joins.
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  /// Queues `job`; false (and the job is dropped unrun) when the queue is full or the pool
  /// is stopping. Thread-safe.
  bool TrySubmit(std::function<void()> job);

  /// Jobs accepted and not yet started (for /metrics). Thread-safe.
  std::size_t Queued();

  /// Stops accepting, runs what was accepted, joins. Idempotent.
  void Stop();

 private:
  void Run();

  const std::size_t max_queued_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;  // GUARDED_BY(mutex_)
  bool stopping_ = false;                   // GUARDED_BY(mutex_)
  std::vector<std::thread> threads_;
};

}  // namespace lifeline::app
