#pragma once
// Group commit: one writer thread takes every application waiting at that moment (up to
// max_batch) and appends them in one transaction, so one fsync serves the whole batch.
// Each submitter is answered only after its batch is durable (reply-after-commit).

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "store/store.hpp"

namespace lifeline::app {

struct GroupCommitOptions {
  std::size_t max_batch = 512;
  std::size_t max_waiting = 8192;  // past this, Enqueue refuses (the caller answers 503)
  // Told after each batch, on the writer thread, whether the store committed it (false: it
  // failed for a reason other than a receipt conflict). Readiness listens (app/readiness.hpp).
  std::function<void(bool committed)> on_batch;
};

class GroupCommitWriter {
 public:
  /// Called once per item on the writer thread: the new id, or the store's error.
  using Done = std::function<void(Result<std::int64_t>)>;

  /// `on_idle` runs on the writer thread at least every 250 ms (e.g. to close an expired
  /// encryption window). `store` must outlive the writer.
  GroupCommitWriter(store::IntakeStore& store, GroupCommitOptions options,
                    std::function<void()> on_idle = {});
  /// Drains: everything enqueued is committed and answered before the thread ends.
  ~GroupCommitWriter();

  /// False (and `done` is not called) when the queue is full or the writer is stopping.
  /// Thread-safe.
  bool Enqueue(store::NewApplication application, Done done);

  /// Stops accepting, commits and answers what is queued, then joins. Idempotent.
  void Stop();

  std::size_t batches_committed() const;

 private:
  struct Item {
    store::NewApplication application;
    Done done;
  };
  void Run();
  void CommitBatch(std::deque<Item>& batch);

  store::IntakeStore& store_;
  const GroupCommitOptions options_;
  std::function<void()> on_idle_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Item> waiting_;           // GUARDED_BY(mutex_)
  bool stopping_ = false;              // GUARDED_BY(mutex_)
  std::size_t batches_committed_ = 0;  // GUARDED_BY(mutex_)
  std::thread thread_;
};

}  // namespace lifeline::app
