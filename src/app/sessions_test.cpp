#include "app/sessions.hpp"

#include <gtest/gtest.h>

#include "app/setup.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

class SessionsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  void SetUp() override {
    ASSERT_TRUE(AddUser(*store_, audit_, "op.one", Role::kOperator, "synthetic-password").ok());
  }
  testing::FixedClock clock_;
  testing::TempStore store_{"sessions"};
  AuditLog audit_{*store_, clock_, crypto::Key32{7}};
  Sessions sessions_{*store_, audit_, clock_,
                     {.idle = std::chrono::minutes(30), .absolute = std::chrono::hours(12)}};
};

TEST_F(SessionsTest, SignInThenAuthenticate) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "desk");
  ASSERT_TRUE(session.ok());
  auto info = sessions_.Authenticate(session->token);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->actor.name, "op.one");
  EXPECT_EQ(info->csrf_token, session->csrf_token);
}

TEST_F(SessionsTest, WrongPasswordAndUnknownUserGiveSameAnswer) {
  auto wrong = sessions_.SignIn("op.one", "not-the-password", "desk");
  auto unknown = sessions_.SignIn("nobody", "synthetic-password", "desk");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(SessionsTest, IdleAndAbsoluteExpiry) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "desk");
  clock_.now += std::chrono::minutes(29);
  EXPECT_TRUE(sessions_.Authenticate(session->token).ok());
  clock_.now += std::chrono::minutes(31);
  EXPECT_FALSE(sessions_.Authenticate(session->token).ok());

  auto busy = sessions_.SignIn("op.one", "synthetic-password", "desk");
  for (int i = 0; i < 13 * 3; ++i) {
    clock_.now += std::chrono::minutes(20);
    if (!sessions_.Authenticate(busy->token).ok()) {
      EXPECT_GE(i, 12 * 3 - 1);
      return;
    }
  }
  FAIL() << "a session outlived its absolute lifetime";
}

TEST_F(SessionsTest, RepeatedFailuresAreSlowedButTheRightPasswordStillWorksFromElsewhere) {
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(sessions_.SignIn("op.one", "guess-" + std::to_string(i), "attacker").ok());
  auto blocked = sessions_.SignIn("op.one", "synthetic-password", "attacker");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(blocked.error().retry_after_seconds, 0);
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "desk").ok());
  clock_.now += std::chrono::seconds(blocked.error().retry_after_seconds);
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "attacker").ok());
}

TEST_F(SessionsTest, SignOutEndsSession) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "desk");
  sessions_.SignOut(session->token);
  EXPECT_FALSE(sessions_.Authenticate(session->token).ok());
}

TEST_F(SessionsTest, AddUserRejectsBadNamesAndShortPasswords) {
  EXPECT_EQ(AddUser(*store_, audit_, "Bad Name", Role::kOperator, "synthetic-password").error().field, "name");
  EXPECT_EQ(AddUser(*store_, audit_, "ok", Role::kOperator, "short").error().field, "password");
  EXPECT_EQ(AddUser(*store_, audit_, "op.one", Role::kOperator, "synthetic-password").error().code,
            ErrorCode::kConflict);
}

TEST_F(SessionsTest, SignInsAndSignOutsAreAuditedWithoutTheTypedName) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "desk");
  ASSERT_TRUE(session.ok());
  ASSERT_FALSE(sessions_.SignIn("Someone Real", "synthetic-password", "desk").ok());
  sessions_.SignOut(session->token);
  auto entries = store_->ListAuditRecords(0, 100);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> actions;
  for (const auto& e : *entries) {
    actions.push_back(e.action);
    EXPECT_EQ(e.target.find("Someone"), std::string::npos);
    EXPECT_EQ(e.actor_name.find("Someone"), std::string::npos);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"user_added", "sign_in", "sign_in_failed", "sign_out"}));
}

}  // namespace
}  // namespace lifeline::app
