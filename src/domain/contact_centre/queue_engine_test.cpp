#include "domain/contact_centre/queue_engine.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lifeline::contact_centre {
namespace {

using Kind = Action::Kind;
const Skills kRussian{Language::kRu};
const Skills kRussianUkrainian{Language::kRu, Language::kUk};

class QueueEngineTest : public ::testing::Test {
 protected:
  QueueEngine Make(Strategy strategy, int operators, Skills skills = kRussian) {
    QueueOptions options;
    options.strategy = strategy;
    options.wrap_up_seconds = 10;
    options.ring_seconds = 15;
    options.max_missed_rings = 2;
    options.lines = 100;
    QueueEngine engine(options,
                       [this](const QueueLogEntry& e) { log_.push_back(std::string(e.event)); });
    for (int i = 1; i <= operators; ++i) {
      EXPECT_TRUE(engine.AddOperator(i, skills, 0).ok());
      EXPECT_TRUE(engine.SetOperatorState(i, OperatorState::kAvailable, i)
                      .ok());  // operator 1 idle longest
    }
    return engine;
  }
  std::vector<std::string> log_;
};

TEST_F(QueueEngineTest, LongestIdleRingsTheOperatorWaitingLongest) {
  QueueEngine engine = Make(Strategy::kLongestIdle, 3);
  EXPECT_EQ(engine.Offer(100, Language::kRu, 0, 10).value(), (Actions{{Kind::kRing, 100, 1}}));
  EXPECT_EQ(engine.Offer(101, Language::kRu, 0, 11).value(), (Actions{{Kind::kRing, 101, 2}}));
  ASSERT_TRUE(engine.Answer(100, 1, 12).ok());
  ASSERT_TRUE(engine.Answer(101, 2, 12).ok());
  ASSERT_TRUE(engine.End(100, 40).ok());
  // Operator 1 wraps up until 50, then is the most recently idle.
  EXPECT_EQ(engine.OperatorOf(1)->state, OperatorState::kWrapUp);
  EXPECT_TRUE(engine.Tick(49).empty());
  engine.Tick(50);
  EXPECT_EQ(engine.OperatorOf(1)->state, OperatorState::kAvailable);
  EXPECT_EQ(engine.Offer(102, Language::kRu, 0, 60).value(), (Actions{{Kind::kRing, 102, 3}}));
}

TEST_F(QueueEngineTest, FewestCallsRingsWhoAnsweredLeast) {
  QueueEngine engine = Make(Strategy::kFewestCalls, 2);
  for (CallId call : {1, 2}) {
    auto ring = engine.Offer(call, Language::kRu, 0, 10 * call).value();
    ASSERT_EQ(ring.size(), 1u);
    ASSERT_TRUE(engine.Answer(call, ring[0].operator_id, 10 * call + 1).ok());
    ASSERT_TRUE(engine.End(call, 10 * call + 2).ok());
    engine.Tick(100);
  }
  // Each answered one; operator 1 answers a third, then operator 2 is the one with fewer.
  auto ring = engine.Offer(3, Language::kRu, 0, 200).value();
  ASSERT_TRUE(engine.Answer(3, ring[0].operator_id, 201).ok());
  ASSERT_TRUE(engine.End(3, 202).ok());
  engine.Tick(300);
  EXPECT_NE(engine.Offer(4, Language::kRu, 0, 400).value()[0].operator_id, ring[0].operator_id);
}

TEST_F(QueueEngineTest, RoundRobinTakesTurns) {
  QueueEngine engine = Make(Strategy::kRoundRobin, 3);
  std::vector<OperatorId> rung;
  for (CallId call = 1; call <= 6; ++call) {
    auto ring = engine.Offer(call, Language::kRu, 0, 10 + call).value();
    rung.push_back(ring[0].operator_id);
    ASSERT_TRUE(engine.Abandon(call, 10.5 + call).ok());  // frees the operator at once
  }
  EXPECT_EQ(rung, (std::vector<OperatorId>{1, 2, 3, 1, 2, 3}));
}

TEST_F(QueueEngineTest, RingAllRingsEveryoneAndTheFirstToAnswerTakesIt) {
  QueueEngine engine = Make(Strategy::kRingAll, 3);
  auto ring = engine.Offer(1, Language::kRu, 0, 10).value();
  EXPECT_EQ(ring.size(), 3u);
  auto answered = engine.Answer(1, 2, 12).value();
  EXPECT_EQ(answered, (Actions{{Kind::kStopRinging, 1, 1}, {Kind::kStopRinging, 1, 3}}));
  EXPECT_EQ(engine.OperatorOf(1)->state, OperatorState::kAvailable);
  EXPECT_EQ(engine.OperatorOf(2)->state, OperatorState::kOnCall);
  EXPECT_EQ(engine.Answer(1, 3, 13).error().code, ErrorCode::kConflict);
}

TEST_F(QueueEngineTest, CallsWaitForTheirLanguageAndPriorityGoesFirst) {
  QueueEngine engine = Make(Strategy::kLongestIdle, 1);  // speaks Russian only
  EXPECT_TRUE(engine.Offer(1, Language::kUk, 0, 10).value().empty());
  EXPECT_EQ(engine.CallStateOf(1), CallState::kQueued);
  ASSERT_TRUE(engine.Offer(2, Language::kRu, 0, 11).ok());  // rings operator 1
  EXPECT_TRUE(engine.Offer(3, Language::kRu, 0, 12).value().empty());
  EXPECT_TRUE(engine.Offer(4, Language::kRu, 5, 13).value().empty());  // deployment imminent
  EXPECT_EQ(engine.PositionOf(4, 20)->ahead, 0);
  EXPECT_EQ(engine.PositionOf(3, 20)->ahead, 1);
  EXPECT_GT(engine.PositionOf(3, 20)->estimated_wait_seconds,
            engine.PositionOf(4, 20)->estimated_wait_seconds);
  EXPECT_FALSE(
      engine.PositionOf(1, 20)->estimated_wait_seconds);  // nobody speaks Ukrainian: no estimate

  ASSERT_TRUE(engine.Answer(2, 1, 14).ok());
  ASSERT_TRUE(engine.End(2, 20).ok());
  // After wrap-up the urgent call comes first, then the older one.
  EXPECT_EQ(engine.Tick(30), (Actions{{Kind::kRing, 4, 1}}));
  // An operator who speaks both takes the Ukrainian caller, who has waited longest.
  ASSERT_TRUE(engine.AddOperator(9, kRussianUkrainian, 31).ok());
  EXPECT_EQ(engine.SetOperatorState(9, OperatorState::kAvailable, 31).value(),
            (Actions{{Kind::kRing, 1, 9}}));
}

TEST_F(QueueEngineTest, AnOperatorWhoMissesRingsGoesOnBreakAndTheCallKeepsItsPlace) {
  QueueEngine engine = Make(Strategy::kLongestIdle, 2);
  ASSERT_TRUE(engine.Offer(1, Language::kRu, 0, 10).ok());  // rings 1
  ASSERT_TRUE(engine.Offer(2, Language::kRu, 0, 11).ok());  // rings 2
  ASSERT_TRUE(engine.Answer(2, 2, 12).ok());
  ASSERT_TRUE(engine.Offer(3, Language::kRu, 0, 13).ok());  // waits
  // Operator 1 does not answer: call 1 goes back ahead of call 3 and rings 1 again.
  EXPECT_EQ(engine.Tick(25), (Actions{{Kind::kRing, 1, 1}}));
  EXPECT_EQ(engine.OperatorOf(1)->missed_in_a_row, 1);
  // A second miss: operator 1 goes on break; both calls wait for operator 2.
  EXPECT_TRUE(engine.Tick(40).empty());
  EXPECT_EQ(engine.OperatorOf(1)->state, OperatorState::kBreak);
  EXPECT_EQ(engine.PositionOf(1, 20)->ahead, 0);
  EXPECT_EQ(engine.PositionOf(3, 20)->ahead, 1);
  // Back from break, the operator takes the oldest call again.
  EXPECT_EQ(engine.SetOperatorState(1, OperatorState::kAvailable, 50).value(),
            (Actions{{Kind::kRing, 1, 1}}));
  EXPECT_EQ(engine.OperatorOf(1)->missed_in_a_row, 0);
}

TEST_F(QueueEngineTest, AReportedMissFailsOverToTheNextOperatorAtOnce) {
  QueueEngine engine = Make(Strategy::kLongestIdle, 2);
  ASSERT_EQ(engine.Offer(1, Language::kRu, 0, 10).value(), (Actions{{Kind::kRing, 1, 1}}));
  EXPECT_EQ(engine.Missed(1, 1, 12).value(), (Actions{{Kind::kRing, 1, 2}}));
  EXPECT_EQ(engine.OperatorOf(1)->missed_in_a_row, 1);
  EXPECT_TRUE(engine.Missed(1, 1, 13).value().empty());  // late: operator 1 rings no more
  ASSERT_TRUE(engine.Answer(1, 2, 14).ok());
  EXPECT_EQ(engine.Missed(99, 1, 15).error().code, ErrorCode::kNotFound);
}

TEST_F(QueueEngineTest, RepeatedEventsChangeNothingAndOutOfOrderOnesAreRefused) {
  QueueEngine engine = Make(Strategy::kLongestIdle, 1);
  ASSERT_TRUE(engine.Offer(1, Language::kRu, 0, 10).ok());
  EXPECT_TRUE(engine.Offer(1, Language::kRu, 0, 10).value().empty());
  ASSERT_TRUE(engine.Answer(1, 1, 11).ok());
  EXPECT_TRUE(engine.Answer(1, 1, 11).value().empty());
  EXPECT_EQ(engine.Abandon(1, 12).error().code, ErrorCode::kConflict);  // answered already
  ASSERT_TRUE(engine.End(1, 20).ok());
  EXPECT_TRUE(engine.End(1, 20).value().empty());
  EXPECT_EQ(engine.Answer(1, 1, 21).error().code, ErrorCode::kConflict);
  EXPECT_EQ(engine.Answer(99, 1, 21).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(engine.Answer(1, 99, 21).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(engine.End(98, 21).error().code, ErrorCode::kNotFound);
  // An operator cannot be put on break in the middle of a call, nor into a call's states.
  ASSERT_TRUE(engine.Offer(2, Language::kRu, 0, 40).ok());
  engine.Tick(40);
  EXPECT_EQ(engine.SetOperatorState(1, OperatorState::kBreak, 41).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(engine.SetOperatorState(1, OperatorState::kOnCall, 41).error().code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(engine.AddOperator(1, kRussian, 41).error().code, ErrorCode::kConflict);
  EXPECT_EQ(engine.AddOperator(7, Skills{}, 41).error().code, ErrorCode::kInvalidInput);
}

TEST_F(QueueEngineTest, CallsOverflowWhenEveryLineIsBusy) {
  QueueEngine engine = Make(Strategy::kLongestIdle, 1);
  ASSERT_TRUE(engine.SetLines(2).ok());
  ASSERT_TRUE(engine.Offer(1, Language::kRu, 0, 10).ok());
  ASSERT_TRUE(engine.Offer(2, Language::kRu, 0, 11).ok());
  ASSERT_TRUE(engine.Offer(3, Language::kRu, 0, 12).ok());
  EXPECT_EQ(engine.CallStateOf(3), CallState::kOverflowed);
  ASSERT_TRUE(engine.Abandon(2, 13).ok());  // frees a line
  ASSERT_TRUE(engine.Offer(4, Language::kRu, 0, 14).ok());
  EXPECT_EQ(engine.CallStateOf(4), CallState::kQueued);
  EXPECT_EQ(engine.Snap(15).today.overflowed, 1);
}

TEST_F(QueueEngineTest, TheWallboardCountsServiceLevelsSpeedAbandonmentAndOccupancy) {
  QueueEngine engine = Make(Strategy::kLongestIdle, 1);
  const double day = 20'000 * 86400.0;  // a UTC midnight
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kLoggedOut, day).ok());
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kAvailable, day).ok());
  ASSERT_TRUE(engine.Offer(1, Language::kRu, 0, day + 100).ok());
  ASSERT_TRUE(engine.Answer(1, 1, day + 105).ok());                // in time (5 s)
  ASSERT_TRUE(engine.Offer(2, Language::kRu, 0, day + 110).ok());  // waits
  ASSERT_TRUE(engine.Offer(3, Language::kRu, 0, day + 111).ok());  // waits
  ASSERT_TRUE(engine.Abandon(3, day + 116).ok());                  // within T (5 s)
  ASSERT_TRUE(engine.End(1, day + 200).ok());
  engine.Tick(day + 210);                            // rings call 2
  ASSERT_TRUE(engine.Answer(2, 1, day + 212).ok());  // late (102 s)
  const auto snap = engine.Snap(day + 300);
  EXPECT_EQ(snap.today.offered, 3);
  EXPECT_EQ(snap.today.answered, 2);
  EXPECT_DOUBLE_EQ(snap.today.ServiceLevel(), 0.5);       // 1 of 2 answered in time
  EXPECT_DOUBLE_EQ(snap.today.ServiceLevel2(), 2.0 / 3);  // plus the quick hang-up
  EXPECT_DOUBLE_EQ(snap.today.AverageSpeedOfAnswer(), (5 + 102) / 2.0);
  EXPECT_DOUBLE_EQ(snap.today.AbandonmentRate(), 1.0 / 3);
  // Staffed 300 s today: idle for the first 100, then ringing, talking and wrapping up.
  EXPECT_NEAR(snap.today.Occupancy(), 200.0 / 300, 1e-9);
  EXPECT_EQ(snap.operators_by_state[static_cast<std::size_t>(OperatorState::kOnCall)], 1);
  // The last 15 minutes hold the same; an hour later they hold nothing, the day still all.
  EXPECT_EQ(snap.last_15_minutes.answered, 2);
  EXPECT_EQ(engine.Snap(day + 3900).last_15_minutes.answered, 0);
  EXPECT_EQ(engine.Snap(day + 3900).today.answered, 2);
  EXPECT_EQ(engine.Snap(day + 86400 + 10).today.answered, 0);
}

TEST_F(QueueEngineTest, RingingForNamesThePhonesThatRingOnlyWhileTheyRing) {
  QueueEngine engine = Make(Strategy::kLongestIdle, 1);
  ASSERT_TRUE(engine.Offer(100, Language::kRu, 0, 10).ok());
  ASSERT_TRUE(engine.Offer(101, Language::kRu, 0, 11).ok());
  EXPECT_EQ(engine.RingingFor(100), std::vector<OperatorId>{1});
  EXPECT_TRUE(engine.RingingFor(101).empty());  // waiting
  ASSERT_TRUE(engine.Answer(100, 1, 12).ok());
  EXPECT_TRUE(engine.RingingFor(100).empty());
  ASSERT_TRUE(engine.End(100, 20).ok());
  // The wrap-up is over at 30: the waiting call rings operator 1, started by the timer.
  EXPECT_EQ(engine.Tick(30), (Actions{{Kind::kRing, 101, 1}}));
  EXPECT_EQ(engine.RingingFor(101), std::vector<OperatorId>{1});
  EXPECT_TRUE(engine.RingingFor(999).empty());
}

}  // namespace
}  // namespace lifeline::contact_centre
