#pragma once
// Readiness (docs/api.md, /readyz): "a write can commit now", not "the process is up". A
// probe commits the store's one-row readiness write (store/readiness_sql.hpp); a verdict is
// reused for `fresh_for`, so a load balancer's checks cost at most one write a second, and
// only one probe is ever in flight: others wait for it, never longer than `timeout`. A probe
// still unfinished after `timeout` (a disk that hangs, a primary waiting for a synchronous
// standby) makes the verdict "write_stalled" at once for everyone who asks until it ends.
// A failed real write (intake's group commit) counts too: not ready until a probe commits.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>
#include <vector>

#include "store/store.hpp"

namespace lifeline::app {

struct ReadinessOptions {
  std::chrono::milliseconds fresh_for{1000};  // a verdict this young is reused
  std::chrono::milliseconds timeout{2000};    // a probe slower than this means not ready
};

/// `reason` is a fixed code (docs/api.md): "ok", "write_failed", "write_stalled",
/// "not_probed". It never carries a database message.
struct ReadinessVerdict {
  bool ready = false;
  std::string_view reason = "not_probed";
};

class Readiness {
 public:
  /// `store` must outlive this. Starts the prober and its watch (two threads).
  Readiness(store::ReadinessStore& store, ReadinessOptions options = {});
  /// Answers those still waiting (not ready) and joins; waits for a probe in flight, which
  /// the store bounds (store.hpp).
  ~Readiness();
  Readiness(const Readiness&) = delete;
  Readiness& operator=(const Readiness&) = delete;

  /// Calls `reply` with a verdict: at once (on the caller's thread) when a fresh one is
  /// known or the probe in flight is already late, otherwise on a Readiness thread when the
  /// probe ends or `timeout` after it started, whichever is first. Never blocks. Thread-safe.
  void Check(std::function<void(ReadinessVerdict)> reply);

  /// The latest verdict, without probing (for /metrics). Thread-safe.
  ReadinessVerdict Last() const;

  /// What a real write saw: `committed` false (the store failed, not a conflict) makes the
  /// verdict "write_failed" now; true makes it "ok" (a commit proves a write can commit).
  /// Thread-safe.
  void NoteWrite(bool committed);

 private:
  using Clock = std::chrono::steady_clock;
  struct Waiter {
    std::function<void(ReadinessVerdict)> reply;
    Clock::time_point deadline;
  };
  void Probe();
  void Watch();
  void SetVerdict(ReadinessVerdict verdict);  // REQUIRES(mutex_)

  store::ReadinessStore& store_;
  const ReadinessOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  ReadinessVerdict verdict_;         // GUARDED_BY(mutex_)
  bool has_verdict_ = false;         // GUARDED_BY(mutex_)
  Clock::time_point verdict_at_;     // GUARDED_BY(mutex_)
  bool probe_wanted_ = false;        // GUARDED_BY(mutex_)
  bool probing_ = false;             // GUARDED_BY(mutex_)
  Clock::time_point probe_started_;  // GUARDED_BY(mutex_)
  std::vector<Waiter> waiters_;      // GUARDED_BY(mutex_)
  bool stopping_ = false;            // GUARDED_BY(mutex_)
  std::thread prober_;
  std::thread watch_;
};

}  // namespace lifeline::app
