#include "app/intake/group_commit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>

#include "app/test_support.hpp"

namespace lifeline::app {
namespace {

store::NewApplication Row(int n) {
  store::NewApplication a;
  a.received_on = std::chrono::year{2026} / 11 / 22;
  a.receipt_lookup.fill(0);
  a.receipt_lookup[0] = static_cast<std::uint8_t>(n);
  a.receipt_lookup[1] = static_cast<std::uint8_t>(n >> 8);
  a.sealed_fields = {1};
  a.wrapped_key = {2};
  return a;
}

TEST(GroupCommit, BatchesConcurrentSubmissionsAndAnswersEachAfterCommit) {
  testing::TempStore store("group-commit");
  GroupCommitWriter writer(*store, {.max_batch = 64});
  constexpr int kCount = 500;
  std::latch done(kCount);
  std::atomic<int> ok{0};
  for (int i = 0; i < kCount; ++i) {
    ASSERT_TRUE(writer.Enqueue(Row(i), [&](Result<std::int64_t> id) {
      // Answered only once durable: the row is readable by then.
      if (id.ok() && store->GetApplication(*id).ok()) ok++;
      done.count_down();
    }));
  }
  done.wait();
  EXPECT_EQ(ok, kCount);
  EXPECT_LT(writer.batches_committed(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(store->ListCases({}).value().total, kCount);
}

TEST(GroupCommit, RefusesWhenFullAndAfterStop) {
  testing::TempStore store("group-commit-full");
  GroupCommitWriter writer(*store, {.max_batch = 1, .max_waiting = 0});
  EXPECT_FALSE(writer.Enqueue(Row(1), [](Result<std::int64_t>) {}));
  GroupCommitWriter stopped(*store, {});
  stopped.Stop();
  EXPECT_FALSE(stopped.Enqueue(Row(2), [](Result<std::int64_t>) {}));
}

TEST(GroupCommit, CollisionCostsOnlyTheCollidingRow) {
  testing::TempStore store("group-commit-collide");
  ASSERT_TRUE(store->AppendApplications(std::vector{Row(7)}).ok());
  GroupCommitWriter writer(*store, {.max_batch = 16});
  std::latch done(3);
  std::atomic<int> ok{0}, conflict{0};
  auto count = [&](Result<std::int64_t> id) {
    if (id.ok())
      ok++;
    else if (id.error().code == ErrorCode::kConflict)
      conflict++;
    done.count_down();
  };
  writer.Enqueue(Row(8), count);
  writer.Enqueue(Row(7), count);
  writer.Enqueue(Row(9), count);
  done.wait();
  EXPECT_EQ(ok, 2);
  EXPECT_EQ(conflict, 1);
}

TEST(GroupCommit, StopDrainsQueue) {
  testing::TempStore store("group-commit-drain");
  std::atomic<int> answered{0};
  {
    GroupCommitWriter writer(*store, {});
    for (int i = 0; i < 50; ++i) writer.Enqueue(Row(i), [&](Result<std::int64_t>) { answered++; });
  }
  EXPECT_EQ(answered, 50);
  EXPECT_EQ(store->ListCases({}).value().total, 50);
}

}  // namespace
}  // namespace lifeline::app
