#include "app/intake/group_commit.hpp"

#include <vector>

namespace lifeline::app {

GroupCommitWriter::GroupCommitWriter(store::IntakeStore& store, GroupCommitOptions options,
                                     std::function<void()> on_idle)
    : store_(store), options_(options), on_idle_(std::move(on_idle)) {
  thread_ = std::thread([this] { Run(); });
}

GroupCommitWriter::~GroupCommitWriter() { Stop(); }

bool GroupCommitWriter::Enqueue(store::NewApplication application, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || waiting_.size() >= options_.max_waiting) return false;
    waiting_.push_back({std::move(application), std::move(done)});
  }
  wake_.notify_one();
  return true;
}

void GroupCommitWriter::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::size_t GroupCommitWriter::batches_committed() const {
  std::lock_guard lock(mutex_);
  return batches_committed_;
}

void GroupCommitWriter::Run() {
  for (;;) {
    std::deque<Item> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(250),
                     [&] { return stopping_ || !waiting_.empty(); });
      if (waiting_.empty()) {
        if (stopping_) return;
        lock.unlock();
        if (on_idle_) on_idle_();
        continue;
      }
      const std::size_t take = std::min(options_.max_batch, waiting_.size());
      for (std::size_t i = 0; i < take; ++i) {
        batch.push_back(std::move(waiting_.front()));
        waiting_.pop_front();
      }
    }
    CommitBatch(batch);
    if (on_idle_) on_idle_();
  }
}

void GroupCommitWriter::CommitBatch(std::deque<Item>& batch) {
  std::vector<store::NewApplication> rows;
  rows.reserve(batch.size());
  for (auto& item : batch) rows.push_back(std::move(item.application));
  auto ids = store_.AppendApplications(rows);
  if (options_.on_batch) options_.on_batch(ids.ok() || ids.error().code == ErrorCode::kConflict);
  if (!ids.ok() && ids.error().code == ErrorCode::kConflict && rows.size() > 1) {
    // One row's receipt collided (odds about 2^-53): commit the others one by one so a single
    // collision costs only its own submitter a retry.
    for (std::size_t i = 0; i < rows.size(); ++i) {
      auto one = store_.AppendApplications(std::span(&rows[i], 1));
      batch[i].done(one.ok() ? Result<std::int64_t>(one->front())
                             : Result<std::int64_t>(one.error()));
    }
  } else {
    for (std::size_t i = 0; i < batch.size(); ++i) {
      batch[i].done(ids.ok() ? Result<std::int64_t>((*ids)[i]) : Result<std::int64_t>(ids.error()));
    }
  }
  std::lock_guard lock(mutex_);
  ++batches_committed_;
}

}  // namespace lifeline::app
