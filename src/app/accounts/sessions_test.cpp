#include "app/accounts/sessions.hpp"

#include <gtest/gtest.h>

#include <cctype>

#include "app/accounts/setup.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"
#include "crypto/totp.hpp"

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
  crypto::OfficeKeyPair office_keys_ = crypto::GenerateOfficeKeyPair();
  crypto::OfficeOpener office_{crypto::OfficePrivateKey{office_keys_.private_key.bytes},
                               office_keys_.public_key};
  TwoFactor two_factor_{*store_, audit_, clock_, office_};
  Sessions sessions_{*store_,
                     audit_,
                     two_factor_,
                     clock_,
                     SignInDeviceKey(office_),
                     {.idle = std::chrono::minutes(30), .absolute = std::chrono::hours(12)}};

  // Enrols op.one and returns the secret's current code source.
  crypto::SecretBytes Enrol() {
    const Actor op{1, "op.one", Role::kOperator};
    auto enrollment = two_factor_.Begin(op);
    EXPECT_TRUE(enrollment.ok());
    const auto secret = SecretFromUri(enrollment->otpauth_uri);
    auto codes = two_factor_.Confirm(op, crypto::TotpCode(secret, clock_.now));
    EXPECT_TRUE(codes.ok());
    recovery_codes_ = codes.ok() ? *codes : std::vector<std::string>{};
    clock_.now += std::chrono::seconds(30);  // the enrolment code's step is spent
    return secret;
  }
  static crypto::SecretBytes SecretFromUri(const std::string& uri) {
    return testing::TotpSecretFromUri(uri);
  }
  std::vector<std::string> recovery_codes_;
};

TEST_F(SessionsTest, SignInThenAuthenticate) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  ASSERT_TRUE(session.ok());
  auto info = sessions_.Authenticate(session->token);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->actor.name, "op.one");
  EXPECT_EQ(info->csrf_token, session->csrf_token);
}

TEST_F(SessionsTest, WrongPasswordAndUnknownUserGiveSameAnswer) {
  auto wrong = sessions_.SignIn("op.one", "not-the-password", "", "desk");
  auto unknown = sessions_.SignIn("nobody", "synthetic-password", "", "desk");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_F(SessionsTest, IdleAndAbsoluteExpiry) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  clock_.now += std::chrono::minutes(29);
  EXPECT_TRUE(sessions_.Authenticate(session->token).ok());
  clock_.now += std::chrono::minutes(31);
  EXPECT_FALSE(sessions_.Authenticate(session->token).ok());

  auto busy = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
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
  for (int i = 0; i < 5; ++i)
    ASSERT_FALSE(sessions_.SignIn("op.one", "guess-" + std::to_string(i), "", "attacker").ok());
  auto blocked = sessions_.SignIn("op.one", "synthetic-password", "", "attacker");
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(blocked.error().retry_after_seconds, 0);
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "", "desk").ok());
  clock_.now += std::chrono::seconds(blocked.error().retry_after_seconds);
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "", "attacker").ok());
}

TEST_F(SessionsTest, AThousandGuessesFromTheOperatorsOwnAddressDoNotLockOutTheirDevice) {
  auto first = sessions_.SignIn("op.one", "synthetic-password", "", "proxy");
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->device_cookie.empty());
  int refused_unhashed = 0;
  for (int i = 0; i < 1000; ++i) {
    auto guess = sessions_.SignIn("op.one", "guess-" + std::to_string(i), "", "proxy");
    ASSERT_FALSE(guess.ok());
    refused_unhashed += guess.error().code == ErrorCode::kRateLimited;
  }
  EXPECT_GE(refused_unhashed, 990);
  // Every untrusted client of the account waits, even with the right password…
  auto untrusted = sessions_.SignIn("op.one", "synthetic-password", "", "proxy");
  ASSERT_FALSE(untrusted.ok());
  EXPECT_EQ(untrusted.error().code, ErrorCode::kRateLimited);
  // …but the operator's device signs in at once, and gets a fresh token.
  auto again = sessions_.SignIn("op.one", "synthetic-password", "", "proxy", first->device_cookie);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->device_cookie, first->device_cookie);
  // A cookie for another account, or an altered one, makes an untrusted client.
  ASSERT_TRUE(AddUser(*store_, audit_, "op.two", Role::kOperator, "synthetic-password-2").ok());
  auto other = sessions_.SignIn("op.two", "synthetic-password-2", "", "desk-2");
  ASSERT_TRUE(other.ok());
  auto foreign =
      sessions_.SignIn("op.one", "synthetic-password", "", "proxy", other->device_cookie);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code, ErrorCode::kRateLimited);
  std::string altered = again->device_cookie;
  altered.back() = altered.back() == '0' ? '1' : '0';
  EXPECT_EQ(sessions_.SignIn("op.one", "synthetic-password", "", "proxy", altered).error().code,
            ErrorCode::kRateLimited);
  // An expired token too (one more guess locks the untrusted clients again after so long).
  clock_.now += SignInDevices::kLifetime;
  ASSERT_EQ(sessions_.SignIn("op.one", "one-more-guess", "", "proxy").error().code,
            ErrorCode::kUnauthenticated);
  auto expired =
      sessions_.SignIn("op.one", "synthetic-password", "", "proxy", again->device_cookie);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::kRateLimited);
}

TEST_F(SessionsTest, AStolenDeviceCookieGetsAFewGuessesThenIsRefused) {
  auto first = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  ASSERT_TRUE(first.ok());
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(sessions_.SignIn("op.one", "guess", "", "thief", first->device_cookie).error().code,
              ErrorCode::kUnauthenticated);
  }
  auto slowed = sessions_.SignIn("op.one", "guess", "", "thief", first->device_cookie);
  EXPECT_EQ(slowed.error().code, ErrorCode::kRateLimited);
  // The untrusted path keeps its own, untouched budget meanwhile.
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "", "elsewhere").ok());
}

TEST_F(SessionsTest, SecondFactorIsNeededOnceEnrolledAndCodesCannotBeReplayed) {
  const auto secret = Enrol();
  ASSERT_EQ(recovery_codes_.size(), 10u);
  EXPECT_FALSE(sessions_.SignIn("op.one", "synthetic-password", "", "desk").ok());
  EXPECT_FALSE(sessions_.SignIn("op.one", "synthetic-password", "000000", "desk").ok());
  const std::string code = crypto::TotpCode(secret, clock_.now);
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", code, "desk").ok());
  EXPECT_FALSE(sessions_.SignIn("op.one", "synthetic-password", code, "desk").ok());  // replay
  EXPECT_FALSE(
      sessions_.SignIn("op.one", "wrong-password-x", crypto::TotpCode(secret, clock_.now), "desk")
          .ok());
}

TEST_F(SessionsTest, RecoveryCodesWorkOnce) {
  Enrol();
  const std::string code = recovery_codes_.at(3);
  std::string typed = code;
  for (auto& c : typed) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", typed, "desk").ok());  // any case
  EXPECT_FALSE(sessions_.SignIn("op.one", "synthetic-password", code, "desk").ok());
}

TEST_F(SessionsTest, RequiredSecondFactorConfinesUnenrolledSessions) {
  const Actor admin{99, "admin", Role::kAdmin};
  EXPECT_EQ(two_factor_.SetRequired({1, "op.one", Role::kOperator}, true).error().code,
            ErrorCode::kForbidden);
  const Actor op = sessions_.SignIn("op.one", "synthetic-password", "", "desk")->actor;
  EXPECT_FALSE(two_factor_.StateOf(op)->required);
  ASSERT_TRUE(two_factor_.SetRequired(admin, true).ok());
  auto session = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  ASSERT_TRUE(session.ok());
  EXPECT_TRUE(sessions_.Authenticate(session->token)->must_enrol_second_factor);
  EXPECT_TRUE(two_factor_.StateOf(op)->required);
  EXPECT_FALSE(two_factor_.StateOf(op)->enabled);
  Enrol();
  EXPECT_FALSE(sessions_.Authenticate(session->token)->must_enrol_second_factor);
  EXPECT_TRUE(two_factor_.StateOf(op)->enabled);
}

TEST_F(SessionsTest, SignOutEverywhereEndsEverySessionOfTheAccount) {
  auto first = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  auto second = sessions_.SignIn("op.one", "synthetic-password", "", "laptop");
  sessions_.SignOutEverywhere(first->token);
  EXPECT_FALSE(sessions_.Authenticate(first->token).ok());
  EXPECT_FALSE(sessions_.Authenticate(second->token).ok());
}

TEST_F(SessionsTest, SignOutEndsSession) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  sessions_.SignOut(session->token);
  EXPECT_FALSE(sessions_.Authenticate(session->token).ok());
}

TEST_F(SessionsTest, AddUserRejectsBadNamesAndShortPasswords) {
  EXPECT_EQ(
      AddUser(*store_, audit_, "Bad Name", Role::kOperator, "synthetic-password").error().field,
      "name");
  EXPECT_EQ(AddUser(*store_, audit_, "ok", Role::kOperator, "short").error().field, "password");
  EXPECT_EQ(AddUser(*store_, audit_, "op.one", Role::kOperator, "synthetic-password").error().code,
            ErrorCode::kConflict);
}

TEST_F(SessionsTest, SignInsAndSignOutsAreAuditedWithoutTheTypedName) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  ASSERT_TRUE(session.ok());
  ASSERT_FALSE(sessions_.SignIn("Someone Real", "synthetic-password", "", "desk").ok());
  sessions_.SignOut(session->token);
  auto entries = store_->ListAuditRecords(0, 100);
  ASSERT_TRUE(entries.ok());
  std::vector<std::string> actions;
  for (const auto& e : *entries) {
    actions.push_back(e.action);
    EXPECT_EQ(e.target.find("Someone"), std::string::npos);
    EXPECT_EQ(e.actor_name.find("Someone"), std::string::npos);
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"user_added", "sign_in", "sign_in_failed", "sign_out"}));
}

}  // namespace
}  // namespace lifeline::app
