#include "store/postgres/pool.hpp"

namespace lifeline::store::postgres {

std::unique_ptr<PgConnection> Pool::Take() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    c->set_row_sealer(row_sealer_);
    return c;
  }
  ++open_;  // reserved while connecting, outside the lock
  auto sealer = row_sealer_;
  lock.unlock();
  try {
    auto c = std::make_unique<PgConnection>(conninfo_);
    c->set_row_sealer(std::move(sealer));
    return c;
  } catch (...) {
    lock.lock();
    --open_;
    returned_.notify_one();
    throw;
  }
}

void Pool::Give(std::unique_ptr<PgConnection> c) {
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(c));
  returned_.notify_one();
}

void Pool::Forget() {
  std::lock_guard lock(mutex_);
  --open_;
  returned_.notify_one();
}

void Pool::DropIdle() {
  std::vector<std::unique_ptr<PgConnection>> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(idle_);
    open_ -= dropped.size();
    returned_.notify_all();
  }
  // closed here, outside the lock
}

}  // namespace lifeline::store::postgres
