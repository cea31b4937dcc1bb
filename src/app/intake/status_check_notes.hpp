#pragma once
// The office's notes of status checks (duress receipts, docs/security.md "Duress receipts").
// The intake hands over the lookup of every check, real or duress, after it answered; the
// office notes them here in batches, on a thread of its own, once a second.
//
// Why batches: noting a duress check writes an audit entry (a MAC, an insert, an fsync),
// noting a real one only reads. Done at once, that work followed the answer it belonged to
// and competed with its delivery: on two cores the waiting caller woke 247 µs after a duress
// check's answer against 83 µs after a real one's (medians of 2,000 each, KS D 0.93 for that
// step alone), enough to tell the two apart end to end. In batches the work falls on
// whatever runs at the time, either kind alike.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "app/periodic.hpp"
#include "domain/result.hpp"
#include "store/records.hpp"

namespace lifeline::app {

class StatusCheckNotes {
 public:
  /// Notes a batch; returns how many of it could not be noted.
  using Note = std::function<std::size_t(std::span<const store::Blob32> lookups)>;

  /// Notes with `note` every `every` (0: only when Flush is called). At most `max_waiting`
  /// lookups wait between batches. Thread-safe.
  explicit StatusCheckNotes(Note note,
                            std::chrono::milliseconds every = std::chrono::milliseconds(1000),
                            std::size_t max_waiting = 4096);
  /// Stops the batches, then notes what still waits.
  ~StatusCheckNotes();
  StatusCheckNotes(const StatusCheckNotes&) = delete;
  StatusCheckNotes& operator=(const StatusCheckNotes&) = delete;

  /// Queues a checked lookup; false, dropping it, when `max_waiting` wait already.
  bool Add(const store::Blob32& lookup);
  /// Notes every lookup waiting now, in the order they came, as one batch; returns how many
  /// could not be noted (they are not retried: a lost note is a lost signal either way).
  std::size_t Flush();

 private:
  const Note note_;
  const std::size_t max_waiting_;
  std::mutex mutex_;
  std::vector<store::Blob32> waiting_;  // GUARDED_BY(mutex_)
  std::mutex flushing_;                 // one batch at a time
  std::unique_ptr<PeriodicTask> batches_;
};

}  // namespace lifeline::app
