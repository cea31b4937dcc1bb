#include "app/intake/status_check_notes.hpp"

#include <utility>

namespace lifeline::app {

StatusCheckNotes::StatusCheckNotes(Note note, std::chrono::milliseconds every,
                                   std::size_t max_waiting)
    : note_(std::move(note)), max_waiting_(max_waiting) {
  if (every.count() > 0)
    batches_ = std::make_unique<PeriodicTask>(every, [this] { (void)Flush(); });
}

StatusCheckNotes::~StatusCheckNotes() {
  batches_.reset();  // waits for a batch in progress
  (void)Flush();
}

bool StatusCheckNotes::Add(const store::Blob32& lookup) {
  std::lock_guard lock(mutex_);
  if (waiting_.size() >= max_waiting_) return false;
  waiting_.push_back(lookup);
  return true;
}

std::size_t StatusCheckNotes::Flush() {
  std::lock_guard batch(flushing_);
  std::vector<store::Blob32> now;
  {
    std::lock_guard lock(mutex_);
    now.swap(waiting_);
  }
  return now.empty() ? 0 : note_(now);
}

}  // namespace lifeline::app
