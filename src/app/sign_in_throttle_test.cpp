#include "app/sign_in_throttle.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

using std::chrono::seconds;

class SignInThrottleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  std::chrono::sys_seconds now_{seconds{1'795'000'000}};
  SignInThrottle throttle_{{.free_failures = 3, .free_failures_per_source = 10,
                            .first_delay = seconds{2}, .max_delay = seconds{60}}};
};

TEST_F(SignInThrottleTest, FreeFailuresThenDoublingDelays) {
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(throttle_.WaitBefore("op", "10.0.0.1", now_), seconds{0});
    throttle_.RecordFailure("op", "10.0.0.1", now_);
  }
  EXPECT_EQ(throttle_.WaitBefore("op", "10.0.0.1", now_), seconds{2});
  now_ += seconds{2};
  EXPECT_EQ(throttle_.WaitBefore("op", "10.0.0.1", now_), seconds{0});
  throttle_.RecordFailure("op", "10.0.0.1", now_);
  EXPECT_EQ(throttle_.WaitBefore("op", "10.0.0.1", now_), seconds{4});
  for (int i = 0; i < 10; ++i) throttle_.RecordFailure("op", "10.0.0.1", now_);
  EXPECT_EQ(throttle_.WaitBefore("op", "10.0.0.1", now_), seconds{60});  // capped
}

TEST_F(SignInThrottleTest, AnAttackerElsewhereDoesNotLockTheOperatorOut) {
  for (int i = 0; i < 9; ++i) throttle_.RecordFailure("op", "attacker", now_);
  EXPECT_GT(throttle_.WaitBefore("op", "attacker", now_), seconds{0});
  EXPECT_EQ(throttle_.WaitBefore("op", "operator-desk", now_), seconds{0});
}

TEST_F(SignInThrottleTest, ASourceSprayingManyAccountsIsSlowed) {
  for (int i = 0; i < 10; ++i) throttle_.RecordFailure("user" + std::to_string(i), "sprayer", now_);
  EXPECT_GT(throttle_.WaitBefore("someone-new", "sprayer", now_), seconds{0});
  EXPECT_EQ(throttle_.WaitBefore("someone-new", "elsewhere", now_), seconds{0});
}

TEST_F(SignInThrottleTest, SuccessClearsTheAccountCount) {
  for (int i = 0; i < 3; ++i) throttle_.RecordFailure("op", "desk", now_);
  throttle_.RecordSuccess("op", "desk");
  EXPECT_EQ(throttle_.WaitBefore("op", "desk", now_), seconds{0});
}

}  // namespace
}  // namespace lifeline::app
