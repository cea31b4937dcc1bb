#include "app/worker_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace lifeline::app {
namespace {

TEST(WorkerPool, RunsEveryAcceptedJobBeforeStopReturns) {
  std::atomic<int> ran{0};
  WorkerPool pool(2, 1000);
  for (int i = 0; i < 500; ++i) ASSERT_TRUE(pool.TrySubmit([&] { ran++; }));
  pool.Stop();
  EXPECT_EQ(ran, 500);
  EXPECT_FALSE(pool.TrySubmit([] {}));
}

TEST(WorkerPool, RefusesPastItsQueueBound) {
  // Declared before the pool: the pool's destructor joins a thread that still uses them.
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::promise<void> started;
  WorkerPool pool(1, 2);
  ASSERT_TRUE(pool.TrySubmit([&started, gate] {
    started.set_value();
    gate.wait();
  }));
  started.get_future().wait();  // the only thread is now busy
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_TRUE(pool.TrySubmit([] {}));
  EXPECT_FALSE(pool.TrySubmit([] {}));  // two waiting: full
  release.set_value();
}

}  // namespace
}  // namespace lifeline::app
