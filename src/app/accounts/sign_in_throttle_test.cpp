#include "app/accounts/sign_in_throttle.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

using std::chrono::seconds;

SignInAttempt Untrusted(std::string account, std::string source) {
  return {std::move(account), std::move(source), std::nullopt};
}
SignInAttempt FromDevice(std::string account, std::string source, std::string device) {
  return {std::move(account), std::move(source), std::move(device)};
}

class SignInThrottleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  std::chrono::sys_seconds now_{seconds{1'795'000'000}};
  SignInThrottle throttle_{{.free_failures = 3,
                            .free_failures_per_source = 10,
                            .free_failures_per_account = 6,
                            .free_failures_per_device = 2,
                            .device_locked_after = 5,
                            .first_delay = seconds{2},
                            .max_delay = seconds{60}}};
};

TEST_F(SignInThrottleTest, FreeFailuresThenDoublingDelays) {
  const auto attempt = Untrusted("op", "10.0.0.1");
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(throttle_.WaitBefore(attempt, now_), seconds{0});
    throttle_.RecordFailure(attempt, now_);
  }
  // A failure at second t may have happened at t + 0.999: the 2 s delay ends at t + 3.
  EXPECT_EQ(throttle_.WaitBefore(attempt, now_), seconds{3});
  now_ += seconds{2};
  EXPECT_EQ(throttle_.WaitBefore(attempt, now_), seconds{1});
  now_ += seconds{1};
  EXPECT_EQ(throttle_.WaitBefore(attempt, now_), seconds{0});
  throttle_.RecordFailure(attempt, now_);
  EXPECT_EQ(throttle_.WaitBefore(attempt, now_), seconds{5});
  for (int i = 0; i < 10; ++i) throttle_.RecordFailure(attempt, now_);
  EXPECT_EQ(throttle_.WaitBefore(attempt, now_), seconds{61});  // capped delay, rounded up
}

TEST_F(SignInThrottleTest, AFewFailuresElsewhereDoNotSlowTheOperatorsSource) {
  for (int i = 0; i < 5; ++i) throttle_.RecordFailure(Untrusted("op", "attacker"), now_);
  EXPECT_GT(throttle_.WaitBefore(Untrusted("op", "attacker"), now_), seconds{0});
  EXPECT_EQ(throttle_.WaitBefore(Untrusted("op", "operator-desk"), now_), seconds{0});
}

TEST_F(SignInThrottleTest, ASourceSprayingManyAccountsIsSlowed) {
  for (int i = 0; i < 10; ++i)
    throttle_.RecordFailure(Untrusted("user" + std::to_string(i), "sprayer"), now_);
  EXPECT_GT(throttle_.WaitBefore(Untrusted("someone-new", "sprayer"), now_), seconds{0});
  EXPECT_EQ(throttle_.WaitBefore(Untrusted("someone-new", "elsewhere"), now_), seconds{0});
}

TEST_F(SignInThrottleTest, UntrustedClientsOfOneAccountAreSlowedTogetherWhateverTheirSources) {
  for (int i = 0; i < 6; ++i)
    throttle_.RecordFailure(Untrusted("op", "botnet-" + std::to_string(i)), now_);
  EXPECT_GT(throttle_.WaitBefore(Untrusted("op", "a-new-address"), now_), seconds{0});
  EXPECT_EQ(throttle_.WaitBefore(Untrusted("another-op", "a-new-address"), now_), seconds{0});
}

TEST_F(SignInThrottleTest, UntrustedLockoutNeverSlowsTheOperatorsDevice) {
  // Everyone shares the proxy's address: the attacker's 1,000 failures lock out every
  // untrusted client of the account, and the source, but not the operator's known device.
  for (int i = 0; i < 1000; ++i) throttle_.RecordFailure(Untrusted("op", "proxy"), now_);
  EXPECT_EQ(throttle_.WaitBefore(Untrusted("op", "proxy"), now_), seconds{61});
  const auto device = FromDevice("op", "proxy", "nonce-of-the-desk");
  EXPECT_TRUE(throttle_.Trusted(device));
  EXPECT_EQ(throttle_.WaitBefore(device, now_), seconds{0});
  throttle_.RecordSuccess(device);
  EXPECT_EQ(throttle_.WaitBefore(Untrusted("op", "proxy"), now_), seconds{61});  // still locked
}

TEST_F(SignInThrottleTest, ADeviceHasItsOwnBudgetThenItsTokenIsRefusedNeverTheAccount) {
  const auto device = FromDevice("op", "proxy", "stolen-nonce");
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(throttle_.WaitBefore(device, now_), seconds{0});
    throttle_.RecordFailure(device, now_);
  }
  EXPECT_EQ(throttle_.WaitBefore(device, now_), seconds{3});
  // Its failures count on the device alone: untrusted clients and other devices are untouched.
  EXPECT_EQ(throttle_.WaitBefore(Untrusted("op", "proxy"), now_), seconds{0});
  for (int i = 0; i < 3; ++i) throttle_.RecordFailure(device, now_);
  EXPECT_FALSE(throttle_.Trusted(device));  // locked: it is now just another untrusted client
  EXPECT_TRUE(throttle_.Trusted(FromDevice("op", "proxy", "the-desks-nonce")));
  EXPECT_EQ(throttle_.WaitBefore(FromDevice("op", "proxy", "the-desks-nonce"), now_), seconds{0});
  for (int i = 0; i < 3; ++i) throttle_.RecordFailure(device, now_);  // counted as untrusted now
  EXPECT_GT(throttle_.WaitBefore(Untrusted("op", "proxy"), now_), seconds{0});
  EXPECT_EQ(throttle_.WaitBefore(FromDevice("op", "proxy", "the-desks-nonce"), now_), seconds{0});
}

TEST_F(SignInThrottleTest, SuccessClearsItsOwnCountsButNotTheSources) {
  for (int i = 0; i < 3; ++i) throttle_.RecordFailure(Untrusted("op", "desk"), now_);
  throttle_.RecordSuccess(Untrusted("op", "desk"));
  EXPECT_EQ(throttle_.WaitBefore(Untrusted("op", "desk"), now_), seconds{0});
  const auto device = FromDevice("op", "desk", "nonce");
  for (int i = 0; i < 2; ++i) throttle_.RecordFailure(device, now_);
  EXPECT_GT(throttle_.WaitBefore(device, now_), seconds{0});
  throttle_.RecordSuccess(device);
  EXPECT_EQ(throttle_.WaitBefore(device, now_), seconds{0});
}

TEST_F(SignInThrottleTest, AnAdministratorsUnlockForgetsTheAccountButNotTheGuessersSource) {
  // Six failures against "op" from two sources lock the account for untrusted clients (its
  // free failures are 6); ten from "sprayer" across accounts lock that source.
  for (int i = 0; i < 3; ++i) throttle_.RecordFailure(Untrusted("op", "desk"), now_);
  for (int i = 0; i < 3; ++i) throttle_.RecordFailure(Untrusted("op", "sprayer"), now_);
  for (int i = 0; i < 7; ++i)
    throttle_.RecordFailure(Untrusted("other" + std::to_string(i), "sprayer"), now_);
  const auto device = FromDevice("op", "desk", "nonce");
  for (int i = 0; i < 5; ++i) throttle_.RecordFailure(device, now_);  // the device is locked
  EXPECT_EQ(throttle_.AccountWait("op", now_), seconds{3});
  EXPECT_EQ(throttle_.AccountWait("someone-else", now_), seconds{0});
  EXPECT_FALSE(throttle_.Trusted(device));

  throttle_.ForgetAccount("op");
  EXPECT_EQ(throttle_.AccountWait("op", now_), seconds{0});
  EXPECT_EQ(throttle_.WaitBefore(Untrusted("op", "desk"), now_), seconds{0});
  EXPECT_TRUE(throttle_.Trusted(device));
  EXPECT_EQ(throttle_.WaitBefore(device, now_), seconds{0});
  EXPECT_GT(throttle_.WaitBefore(Untrusted("op", "sprayer"), now_), seconds{0});  // the source
  EXPECT_GT(throttle_.WaitBefore(Untrusted("other0", "sprayer"), now_), seconds{0});
}

}  // namespace
}  // namespace lifeline::app
