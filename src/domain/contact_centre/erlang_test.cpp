#include "domain/contact_centre/erlang.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace lifeline::contact_centre {
namespace {

// Reference values from the textbook formulas with factorials, computed independently
// (Python, exact for these small N).
TEST(ErlangB, MatchesTheFactorialFormula) {
  EXPECT_NEAR(ErlangB(10, 5.0), 0.0183845703, 1e-10);
  EXPECT_DOUBLE_EQ(ErlangB(0, 5.0), 1.0);
  EXPECT_DOUBLE_EQ(ErlangB(5, 0.0), 0.0);
}

TEST(ErlangB, StaysFiniteForThousandsOfLines) {
  const double b = ErlangB(20000, 19500.0);
  EXPECT_TRUE(std::isfinite(b));
  EXPECT_GT(b, 0.0);
  EXPECT_LT(b, 0.05);
  EXPECT_LT(ErlangB(20001, 19500.0), b);  // more lines, less blocking
}

TEST(ErlangC, MatchesTheFactorialFormula) {
  EXPECT_NEAR(ErlangC(11, 10.0, 180, 20).wait_probability, 0.6821182047, 1e-9);
  // 360 calls an hour of 240 s: 24 Erlangs.
  const QueueMetrics m = ErlangC(28, 24.0, 240, 20);
  EXPECT_NEAR(m.wait_probability, 0.333139, 1e-6);
  EXPECT_NEAR(m.service_level, 0.761296, 1e-6);
  EXPECT_NEAR(m.asa_seconds, 19.9883, 1e-4);
  EXPECT_NEAR(m.occupancy, 24.0 / 28, 1e-12);
  EXPECT_TRUE(m.stable);
}

TEST(ErlangC, SaysSoWhenTheQueueCannotKeepUp) {
  const QueueMetrics m = ErlangC(24, 24.0, 240, 20);
  EXPECT_FALSE(m.stable);
  EXPECT_EQ(m.service_level, 0.0);
  EXPECT_EQ(m.wait_probability, 1.0);
}

TEST(ErlangA, BecomesErlangCWhenNobodyHangsUp) {
  const QueueMetrics c = ErlangC(28, 24.0, 240, 20);
  const QueueMetrics a = ErlangA(28, 24.0, 240, 20, 1e9);
  EXPECT_NEAR(a.wait_probability, c.wait_probability, 1e-5);
  EXPECT_NEAR(a.service_level, c.service_level, 1e-5);
  EXPECT_NEAR(a.asa_seconds, c.asa_seconds, 1e-3);
  EXPECT_LT(a.abandonment, 1e-6);
}

TEST(ErlangA, AnsweredAndAbandonedAddUpAlongTwoIndependentRoutes) {
  // Answered comes from each position's chance to outlast the queue; abandoned from Little's
  // law on the mean queue. They must agree.
  for (auto [agents, load, patience] :
       {std::tuple{28, 24.0, 120.0}, {10, 20.0, 60.0}, {500, 520.0, 90.0}}) {
    const QueueMetrics m = ErlangA(agents, load, 240, 20, patience);
    EXPECT_NEAR(m.answered + m.abandonment, 1.0, 1e-6) << agents << " " << load;
  }
}

TEST(ErlangA, IsStableInOverloadAndAbandonsWhatCannotBeServed) {
  // 10 operators for 20 Erlangs answer at most half the calls.
  const QueueMetrics m = ErlangA(10, 20.0, 240, 20, 60);
  EXPECT_GT(m.abandonment, 0.49);
  EXPECT_LT(m.abandonment, 0.6);
  EXPECT_GT(m.occupancy, 0.95);
  EXPECT_TRUE(std::isfinite(m.service_level));
  EXPECT_GT(m.service_level, 0.0);
  // Fewer abandon with more patience, and more are served in time with more operators.
  EXPECT_LT(ErlangA(10, 20.0, 240, 20, 600).abandonment, m.abandonment);
  EXPECT_GT(ErlangA(25, 20.0, 240, 20, 60).service_level, m.service_level);
}

TEST(ErlangA, StaysFiniteForThousandsOfOperators) {
  const QueueMetrics m = ErlangA(9000, 8800.0, 300, 20, 120);
  EXPECT_TRUE(std::isfinite(m.service_level));
  EXPECT_GT(m.service_level, 0.5);
  EXPECT_LE(m.service_level, 1.0);
  EXPECT_NEAR(m.answered + m.abandonment, 1.0, 1e-6);
}

}  // namespace
}  // namespace lifeline::contact_centre
