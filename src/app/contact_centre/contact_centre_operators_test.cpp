// Issue 15: operators run their own day; the queue's timer rings the next caller when a
// wrap-up ends, not at the next whole second.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "app/accounts/setup.hpp"
#include "app/contact_centre/contact_centre.hpp"
#include "app/deadline_timer.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

using contact_centre::OperatorState;
using contact_centre::PauseReason;

class OperatorsOwnDay : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(AddUser(*store_, audit_, "olga", Role::kOperator, "synthetic-password").ok());
    ASSERT_TRUE(AddUser(*store_, audit_, "ivan", Role::kOperator, "synthetic-password").ok());
    olga_ = {store_->FindUserByName("olga").value().id, "olga", Role::kOperator};
    ivan_ = {store_->FindUserByName("ivan").value().id, "ivan", Role::kOperator};
    ASSERT_TRUE(
        centre_.AddOperator(coordinator_, "ext-1", {Language::kRu}, "sip:ext-1@10.0.0.5:5060")
            .ok());
    ASSERT_TRUE(
        centre_.AddOperator(coordinator_, "ext-2", {Language::kRu}, "sip:ext-2@10.0.0.6").ok());
    ASSERT_TRUE(centre_.LinkAccount(coordinator_, "ext-1", "olga").ok());
  }
  OperatorState StateOf(const std::string& name) {
    const Wallboard board = centre_.View(coordinator_).value();
    for (const auto& o : board.operators) {
      if (o.name == name) return o.state;
    }
    return OperatorState::kLoggedOut;
  }

  testing::FixedClock clock_;
  testing::TempStore store_{"operators-own-day"};
  AuditLog audit_{*store_, clock_, crypto::Key32{7}};
  ContactCentreService centre_{clock_, audit_, *store_, *store_, {}, "synthetic-token"};
  Actor coordinator_{1, "coord", Role::kCoordinator};
  Actor olga_, ivan_;
};

TEST_F(OperatorsOwnDay, AnOperatorSetsTheirOwnStateAndOnlyTheirs) {
  ASSERT_TRUE(centre_.SetOperatorState(olga_, "ext-1", OperatorState::kAvailable).ok());
  ASSERT_TRUE(
      centre_.SetOperatorState(olga_, "ext-1", OperatorState::kBreak, PauseReason::kDebrief).ok());
  EXPECT_EQ(centre_.OwnOperator(olga_)->pause_reason, PauseReason::kDebrief);
  ASSERT_TRUE(centre_.SetOperatorState(olga_, "ext-1", OperatorState::kLoggedOut).ok());
  EXPECT_EQ(centre_.SetOperatorState(olga_, "ext-2", OperatorState::kAvailable).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(centre_.SetOperatorState(ivan_, "ext-1", OperatorState::kAvailable).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(centre_.SetOperatorState(olga_, "ext-99", OperatorState::kAvailable).error().code,
            ErrorCode::kForbidden);
  EXPECT_FALSE(centre_.OwnOperator(ivan_));
  Actor analyst{9, "ann", Role::kAnalyst};
  EXPECT_EQ(centre_.MaySetOperatorState(analyst, "ext-1").error().code, ErrorCode::kForbidden);
  // Coordinators for anyone.
  EXPECT_TRUE(centre_.SetOperatorState(coordinator_, "ext-2", OperatorState::kAvailable).ok());
}

TEST_F(OperatorsOwnDay, LinkingMovesAnAccountAndSurvivesARestart) {
  ASSERT_TRUE(centre_.LinkAccount(coordinator_, "ext-2", "olga").ok());
  EXPECT_EQ(centre_.OwnOperator(olga_)->name, "ext-2");
  EXPECT_EQ(centre_.LinkAccount(olga_, "ext-1", "olga").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(centre_.LinkAccount(coordinator_, "ext-1", "nobody").error().field, "account");
  ContactCentreService restarted{clock_, audit_, *store_, *store_, {}, ""};
  ASSERT_TRUE(restarted.Restore().ok());
  EXPECT_EQ(restarted.OwnOperator(olga_)->name, "ext-2");
  EXPECT_FALSE(restarted.MaySetOperatorState(olga_, "ext-1").ok());
}

TEST_F(OperatorsOwnDay, FeatureCodesActOnlyFromTheOperatorsOwnPhone) {
  EXPECT_EQ(centre_.DialFeatureCode("ext-1", "10.0.0.5", "*11").value().state,
            OperatorState::kAvailable);
  EXPECT_EQ(StateOf("ext-1"), OperatorState::kAvailable);
  EXPECT_EQ(centre_.DialFeatureCode("ext-1", "10.0.0.5", "*132").value().reason,
            PauseReason::kMeal);
  EXPECT_EQ(centre_.DialFeatureCode("ext-1", "10.0.0.9", "*12").error().code,
            ErrorCode::kForbidden);  // elsewhere
  EXPECT_EQ(centre_.DialFeatureCode("ext-7", "10.0.0.5", "*12").error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(centre_.DialFeatureCode("ext-1", "10.0.0.5", "*19").error().field, "code");
  EXPECT_EQ(centre_.DialFeatureCode("ext-2", "10.0.0.6", "*11").value().state,
            OperatorState::kAvailable);
  EXPECT_EQ(StateOf("ext-1"), OperatorState::kBreak);
}

// The next caller rings when the wrap-up ends. With the old one-second timer the ring came
// up to a second late.
TEST(QueueTimer, AWrapUpThatEndsRingsTheNextCallerAtOnce) {
  SystemClock clock;
  testing::TempStore store{"queue-timer"};
  AuditLog audit{*store, clock, crypto::Key32{7}};
  contact_centre::QueueOptions options;
  options.wrap_up_seconds = 0.3;
  ContactCentreService centre{clock, audit, *store, *store, options, ""};
  Actor coordinator{1, "coord", Role::kCoordinator};
  ASSERT_TRUE(centre.AddOperator(coordinator, "ext-1", {Language::kRu}).ok());
  ASSERT_TRUE(centre.SetOperatorState("ext-1", OperatorState::kAvailable).ok());
  DeadlineTimer timer(
      clock, [&] { return centre.NextDeadline(); }, [&] { centre.Tick(); },
      std::chrono::seconds(1));
  centre.OnDeadlineMoved([&] { timer.Wake(); });
  ASSERT_EQ(centre.Handle({"offered", "call-1"}).value().ring.size(), 1u);
  ASSERT_TRUE(centre.Handle({"answered", "call-1", "ext-1"}).ok());
  ASSERT_TRUE(centre.Handle({"offered", "call-2"}).value().ring.empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(450));  // off the whole second
  const auto ended = std::chrono::steady_clock::now();
  ASSERT_TRUE(centre.Handle({"ended", "call-1"}).ok());
  std::optional<std::string> rung;
  while (!(rung = centre.NextToResume()) &&
         std::chrono::steady_clock::now() - ended < std::chrono::seconds(3)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const double waited =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - ended).count();
  EXPECT_EQ(rung, "call-2");
  EXPECT_GE(waited, 0.29);
  EXPECT_LT(waited, 0.45);  // the wrap-up, not the next whole second
  centre.OnDeadlineMoved({});
}

}  // namespace
}  // namespace lifeline::app
