// Issue 15: a caller no operator of their language can take; rules for an empty queue; the
// wait limit; estimates that are never negative; the queue log; pause reasons.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "domain/contact_centre/feature_code.hpp"
#include "domain/contact_centre/queue_engine.hpp"

namespace lifeline::contact_centre {
namespace {

using Kind = Action::Kind;

struct Logged {
  CallId call;
  OperatorId op;
  std::string event;
};

class QueueWaitingTest : public ::testing::Test {
 protected:
  QueueEngine Make(QueueOptions options) {
    return QueueEngine(options, [this](const QueueLogEntry& e) {
      log_.push_back({e.call, e.operator_id, std::string(e.event)});
    });
  }
  int Count(CallId call, const std::string& event) const {
    return static_cast<int>(std::count_if(log_.begin(), log_.end(), [&](const Logged& l) {
      return l.call == call && l.event == event;
    }));
  }
  std::vector<Logged> log_;
};

TEST_F(QueueWaitingTest, EachRingIsLoggedOnce) {
  QueueEngine engine = Make({});
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kAvailable, 0).ok());
  ASSERT_EQ(engine.Offer(7, Language::kRu, 0, 1).value(), (Actions{{Kind::kRing, 7, 1}}));
  EXPECT_EQ(Count(7, "ringing"), 1);
}

TEST_F(QueueWaitingTest, NoSpeakerLoggedInGivesNoEstimateRatherThanANegativeOne) {
  QueueEngine engine = Make({});
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kAvailable, 0).ok());
  ASSERT_TRUE(engine.Offer(7, Language::kEn, 0, 1).ok());
  auto position = engine.PositionOf(7, 2).value();
  EXPECT_EQ(position.ahead, 0);
  EXPECT_FALSE(position.estimated_wait_seconds.has_value());
}

TEST_F(QueueWaitingTest, AfterOverflowAnyOperatorTakesTheCall) {
  QueueOptions options;
  options.overflow_after_seconds = 30;
  QueueEngine engine = Make(options);
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kAvailable, 0).ok());
  ASSERT_TRUE(
      engine.Offer(7, Language::kEn, 0, 100).value().empty());  // waits for an English speaker
  // Until it widens, the estimate counts the time left and the operators of other languages.
  EXPECT_GE(*engine.PositionOf(7, 110).value().estimated_wait_seconds, 20);
  EXPECT_EQ(engine.NextDeadline(), 130);
  EXPECT_TRUE(engine.Tick(129).empty());
  EXPECT_EQ(engine.Tick(130), (Actions{{Kind::kRing, 7, 1}}));
  EXPECT_EQ(Count(7, "widened"), 1);
  // A speaker's own call still goes first when both wait: priority, then arrival.
  ASSERT_TRUE(engine.Answer(7, 1, 131).ok());
}

TEST_F(QueueWaitingTest, JoinEmptyOffersACallbackWhenNobodyCouldTakeTheCall) {
  QueueOptions options;
  options.join_empty = WhenEmpty::kOfferCallback;
  QueueEngine engine = Make(options);
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  EXPECT_EQ(engine.Offer(7, Language::kRu, 0, 1).value(), (Actions{{Kind::kOfferCallback, 7, 0}}));
  EXPECT_EQ(engine.CallStateOf(7), CallState::kReleased);
  EXPECT_EQ(Count(7, "join_empty"), 1);
  EXPECT_EQ(engine.Snap(2).today.released, 1);
  EXPECT_TRUE(engine.Abandon(7, 3).ok());  // the proxy reporting the caller gone changes nothing
  // On break counts as there: they come back.
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kBreak, 4, PauseReason::kMeal).ok());
  EXPECT_TRUE(engine.Offer(8, Language::kRu, 0, 5).value().empty());
  EXPECT_EQ(engine.CallStateOf(8), CallState::kQueued);
  // Another language nobody speaks: refused, unless overflow would let anyone take it.
  EXPECT_EQ(engine.Offer(9, Language::kEn, 0, 6).value(), (Actions{{Kind::kOfferCallback, 9, 0}}));
}

TEST_F(QueueWaitingTest, JoinEmptyWithOverflowCountsOperatorsOfEveryLanguage) {
  QueueOptions options;
  options.join_empty = WhenEmpty::kOfferCallback;
  options.overflow_after_seconds = 10;
  QueueEngine engine = Make(options);
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kBreak, 0).ok());
  EXPECT_TRUE(engine.Offer(9, Language::kEn, 0, 6).value().empty());
  EXPECT_EQ(engine.CallStateOf(9), CallState::kQueued);
}

TEST_F(QueueWaitingTest, LeaveWhenEmptyReleasesWaitingCallersWhenTheLastOperatorLogsOut) {
  QueueOptions options;
  options.leave_empty = WhenEmpty::kOfferCallback;
  QueueEngine engine = Make(options);
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  ASSERT_TRUE(engine.AddOperator(2, {Language::kRu, Language::kUk}, 0).ok());
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kBreak, 0).ok());
  ASSERT_TRUE(engine.SetOperatorState(2, OperatorState::kBreak, 0).ok());
  ASSERT_TRUE(engine.Offer(7, Language::kRu, 0, 1).ok());
  ASSERT_TRUE(engine.Offer(8, Language::kUk, 0, 2).ok());
  // Operator 2 leaves: nobody speaks Ukrainian now; Russian still has operator 1 on break.
  EXPECT_EQ(engine.SetOperatorState(2, OperatorState::kLoggedOut, 3).value(),
            (Actions{{Kind::kOfferCallback, 8, 0}}));
  EXPECT_EQ(engine.CallStateOf(7), CallState::kQueued);
  EXPECT_EQ(engine.SetOperatorState(1, OperatorState::kLoggedOut, 4).value(),
            (Actions{{Kind::kOfferCallback, 7, 0}}));
  EXPECT_EQ(Count(7, "leave_empty"), 1);
  EXPECT_EQ(engine.Waiting(), 0);
  EXPECT_EQ(engine.Snap(5).lines_in_use, 0);
}

TEST_F(QueueWaitingTest, WaitLimitReleasesACallerWithACallbackOffer) {
  QueueOptions options;
  options.offer_callback_after_seconds = 60;
  options.ring_seconds = 15;
  QueueEngine engine = Make(options);
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kAvailable, 0).ok());
  ASSERT_TRUE(engine.Offer(6, Language::kRu, 0, 0).ok());  // operator 1 is busy with it
  ASSERT_TRUE(engine.Answer(6, 1, 1).ok());
  ASSERT_TRUE(engine.Offer(7, Language::kRu, 0, 10).ok());
  EXPECT_EQ(engine.NextDeadline(), 70);
  EXPECT_EQ(engine.Tick(70), (Actions{{Kind::kOfferCallback, 7, 0}}));
  EXPECT_EQ(Count(7, "wait_limit"), 1);
  // A call whose limit passes while it rings is released only if that ring fails.
  ASSERT_TRUE(engine.Offer(8, Language::kRu, 0, 100).ok());
  ASSERT_TRUE(engine.End(6, 140).ok());  // wrap-up 10 s
  EXPECT_EQ(engine.Tick(150), (Actions{{Kind::kRing, 8, 1}}));
  EXPECT_TRUE(engine.Tick(160).empty());
  EXPECT_EQ(engine.CallStateOf(8), CallState::kRinging);
  EXPECT_EQ(engine.Missed(8, 1, 162).value(), (Actions{{Kind::kOfferCallback, 8, 0}}));
}

TEST_F(QueueWaitingTest, BreakCarriesItsReasonIntoTheViewAndTheLog) {
  QueueEngine engine = Make({});
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  EXPECT_EQ(
      engine.SetOperatorState(1, OperatorState::kAvailable, 0, PauseReason::kMeal).error().field,
      "reason");
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kBreak, 1, PauseReason::kDebrief).ok());
  EXPECT_EQ(engine.OperatorOf(1)->pause_reason, PauseReason::kDebrief);
  EXPECT_EQ(log_.back().event, "break:debrief");
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kAvailable, 2).ok());
  EXPECT_EQ(engine.OperatorOf(1)->pause_reason, PauseReason::kNone);
}

TEST(PauseReason, DigitsAndNamesComeFromOneTable) {
  EXPECT_EQ(PauseReasonFromDigit('2'), PauseReason::kMeal);
  EXPECT_EQ(ParsePauseReason("meal"), PauseReason::kMeal);
  EXPECT_FALSE(ParsePauseReason("missed_rings"));  // the engine's own
  EXPECT_FALSE(PauseReasonFromDigit('9'));
  EXPECT_EQ(BreakEvent(PauseReason::kNone), "break");
}

}  // namespace
}  // namespace lifeline::contact_centre

namespace lifeline::contact_centre {
namespace {

TEST(FeatureCode, DialledCodesAskForAState) {
  EXPECT_EQ(ParseFeatureCode("*11")->state, OperatorState::kAvailable);
  EXPECT_EQ(ParseFeatureCode("*12")->state, OperatorState::kLoggedOut);
  EXPECT_EQ(ParseFeatureCode("*132")->reason, PauseReason::kMeal);
  EXPECT_EQ(ParseFeatureCode("*13")->state, OperatorState::kBreak);
  EXPECT_EQ(ParseFeatureCode("*14")->state, OperatorState::kAvailable);
  EXPECT_FALSE(ParseFeatureCode("*139"));
  EXPECT_FALSE(ParseFeatureCode("*1322"));
  EXPECT_FALSE(ParseFeatureCode("112"));
}

}  // namespace
}  // namespace lifeline::contact_centre

namespace lifeline::contact_centre {
namespace {

// Issue 16: a held caller who presses 1 for a safe callback leaves the queue at once.
TEST_F(QueueWaitingTest, AWaitingCallerWhoChoosesACallbackIsReleased) {
  QueueEngine engine = Make({});
  ASSERT_TRUE(engine.AddOperator(1, {Language::kRu}, 0).ok());
  ASSERT_TRUE(engine.SetOperatorState(1, OperatorState::kAvailable, 0).ok());
  ASSERT_EQ(engine.Offer(1, Language::kRu, 0, 1).value(), (Actions{{Kind::kRing, 1, 1}}));
  ASSERT_TRUE(engine.Offer(2, Language::kRu, 0, 2).value().empty());  // waits
  ASSERT_TRUE(engine.Offer(3, Language::kRu, 0, 3).value().empty());
  EXPECT_EQ(engine.ChooseCallback(1, 4).error().code, ErrorCode::kConflict);  // already ringing
  EXPECT_EQ(engine.ChooseCallback(2, 4).value(), (Actions{{Kind::kOfferCallback, 2, 0}}));
  EXPECT_EQ(engine.CallStateOf(2), CallState::kReleased);
  EXPECT_TRUE(engine.ChooseCallback(2, 5).value().empty());  // repeated: nothing changes
  EXPECT_EQ(engine.PositionOf(3, 5).value().ahead, 0);       // the caller behind moved up
  EXPECT_EQ(engine.Waiting(), 1);
  EXPECT_EQ(engine.Snap(5).today.released, 1);
  EXPECT_EQ(Count(2, "callback_chosen"), 1);
  EXPECT_EQ(engine.ChooseCallback(99, 5).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lifeline::contact_centre
