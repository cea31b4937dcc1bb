#include "app/readiness.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "app/test_support.hpp"

namespace lifeline::app {
namespace {

using namespace std::chrono_literals;

// A store whose readiness write fails, succeeds or hangs, as the test says.
class ScriptedProbe final : public store::ReadinessStore {
 public:
  Status ProbeWrite(std::chrono::milliseconds) override {
    ++probes;
    std::unique_lock lock(mutex);
    released.wait(lock, [&] { return !hang; });
    if (fail) return Error{ErrorCode::kUnavailable, "full"};
    return OkStatus();
  }
  void Hang(bool on) {
    {
      std::lock_guard lock(mutex);
      hang = on;
    }
    released.notify_all();
  }
  std::atomic<int> probes{0};
  std::atomic<bool> fail{false};
  std::mutex mutex;
  std::condition_variable released;
  bool hang = false;
};

ReadinessVerdict Ask(Readiness& readiness) {
  std::promise<ReadinessVerdict> answer;
  readiness.Check([&](ReadinessVerdict v) { answer.set_value(v); });
  return answer.get_future().get();
}

TEST(Readiness, ReadyOnlyWhenTheStoreCommitsAWrite) {
  testing::TempStore store("readiness");
  Readiness readiness(*store, {.fresh_for = 0ms});
  EXPECT_TRUE(Ask(readiness).ready);
  EXPECT_TRUE(Ask(readiness).ready);  // the row exists now: the upsert bumps it
}

TEST(Readiness, FailedProbeAndFailedIntakeWriteMeanNotReady) {
  ScriptedProbe probe;
  Readiness readiness(probe, {.fresh_for = 0ms});
  probe.fail = true;
  auto verdict = Ask(readiness);
  EXPECT_FALSE(verdict.ready);
  EXPECT_EQ(verdict.reason, "write_failed");
  probe.fail = false;
  EXPECT_TRUE(Ask(readiness).ready);

  Readiness cached(probe, {.fresh_for = 10s});
  EXPECT_TRUE(Ask(cached).ready);
  cached.NoteWrite(false);  // intake's group commit failed: not ready until a probe commits
  EXPECT_EQ(Ask(cached).reason, "write_failed");
}

TEST(Readiness, ReusesAFreshVerdictAndProbesOnceAtATime) {
  ScriptedProbe probe;
  Readiness readiness(probe, {.fresh_for = 10s});
  for (int i = 0; i < 20; ++i) EXPECT_TRUE(Ask(readiness).ready);
  EXPECT_EQ(probe.probes, 1);
}

TEST(Readiness, AStalledWriteAnswersNotReadyWithinTheTimeoutAndRecovers) {
  ScriptedProbe probe;
  probe.Hang(true);
  Readiness readiness(probe, {.fresh_for = 0ms, .timeout = 200ms});
  std::vector<std::future<ReadinessVerdict>> answers;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 8; ++i)
    answers.push_back(std::async(std::launch::async, [&] { return Ask(readiness); }));
  for (auto& answer : answers) EXPECT_EQ(answer.get().reason, "write_stalled");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
  EXPECT_EQ(Ask(readiness).reason, "write_stalled");  // the late probe answers at once
  EXPECT_EQ(probe.probes, 1);                         // and no second one piles up
  probe.Hang(false);
  for (int i = 0; i < 100 && !Ask(readiness).ready; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(Ask(readiness).ready);
}

}  // namespace
}  // namespace lifeline::app
