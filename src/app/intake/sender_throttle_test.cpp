#include "app/intake/sender_throttle.hpp"

#include <gtest/gtest.h>

namespace lifeline::app {
namespace {

using namespace std::chrono;

store::Blob32 Sender(std::uint8_t n) {
  store::Blob32 b{};
  b[0] = n;
  b[31] = n;
  return b;
}

const sys_seconds kStart{seconds{1'700'000'000}};

TEST(SenderThrottle, LetsABurstThroughThenOneMessagePerShareOfThePeriod) {
  SenderThrottle throttle(4, hours{1});
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(throttle.Allow(Sender(1), kStart));
  EXPECT_FALSE(throttle.Allow(Sender(1), kStart));
  EXPECT_FALSE(throttle.Allow(Sender(1), kStart + minutes{14}));  // a token every 15 minutes
  EXPECT_TRUE(throttle.Allow(Sender(1), kStart + minutes{15}));
  EXPECT_FALSE(throttle.Allow(Sender(1), kStart + minutes{15}));
  for (int i = 0; i < 4; ++i)
    EXPECT_TRUE(throttle.Allow(Sender(1), kStart + hours{3}));  // never past the burst
  EXPECT_FALSE(throttle.Allow(Sender(1), kStart + hours{3}));
}

TEST(SenderThrottle, OneSendersFloodLeavesEveryoneElsesBucketAlone) {
  SenderThrottle throttle(3, hours{1});
  int let_through = 0;
  for (int i = 0; i < 10000; ++i) let_through += throttle.Allow(Sender(1), kStart);
  EXPECT_EQ(let_through, 3);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(throttle.Allow(Sender(2), kStart));
}

TEST(SenderThrottle, KeepsAtMostItsLimitOfSendersForgettingFullBucketsFirst) {
  SenderThrottle throttle(2, hours{1}, 3);
  EXPECT_TRUE(throttle.Allow(Sender(1), kStart));
  EXPECT_TRUE(throttle.Allow(Sender(1), kStart));  // empty now
  EXPECT_TRUE(throttle.Allow(Sender(2), kStart));
  EXPECT_TRUE(throttle.Allow(Sender(3), kStart));
  EXPECT_EQ(throttle.Tracked(), 3u);
  // An hour on, everyone's bucket is full again: all are forgotten for the newcomer.
  EXPECT_TRUE(throttle.Allow(Sender(4), kStart + hours{1}));
  EXPECT_EQ(throttle.Tracked(), 1u);
  // Within the hour, the empty bucket is kept while full ones go.
  SenderThrottle busy(2, hours{1}, 2);
  EXPECT_TRUE(busy.Allow(Sender(1), kStart));
  EXPECT_TRUE(busy.Allow(Sender(1), kStart));
  EXPECT_TRUE(busy.Allow(Sender(2), kStart + hours{2}));
  EXPECT_FALSE(busy.Allow(Sender(1), kStart));
}

}  // namespace
}  // namespace lifeline::app
