// Account administration (account_admin.hpp) with the sessions it acts on: what an
// administrator may do, to whom, and what the person whose account it is then meets.
#include "app/accounts/account_admin.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/accounts/setup.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"
#include "crypto/totp.hpp"

namespace lifeline::app {
namespace {

using std::chrono::seconds;

class AccountAdminTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  void SetUp() override {
    admin_id_ = AddUser(*store_, audit_, "admin.one", Role::kAdmin, "synthetic-admin-pw").value();
    operator_id_ =
        AddUser(*store_, audit_, "op.one", Role::kOperator, "synthetic-password").value();
  }

  Actor Admin() const { return {admin_id_, "admin.one", Role::kAdmin}; }
  Actor Operator() const { return {operator_id_, "op.one", Role::kOperator}; }

  const AccountView& ViewOf(const std::vector<AccountView>& views, const std::string& name) {
    auto it = std::find_if(views.begin(), views.end(),
                           [&](const AccountView& v) { return v.name == name; });
    EXPECT_NE(it, views.end());
    return *it;
  }

  int AuditCount(AuditAction action, std::int64_t target_id) {
    int n = 0;
    const auto entries = store_->ListAuditRecords(0, 1000).value();
    for (const auto& e : entries)
      n += e.action == ToString(action) && e.target == "user:" + std::to_string(target_id);
    return n;
  }

  // The code an authenticator app shows for the secret in `uri` now.
  std::string CodeFor(const std::string& uri) {
    return crypto::TotpCode(testing::TotpSecretFromUri(uri), clock_.now);
  }

  testing::FixedClock clock_;
  testing::TempStore store_{"account-admin"};
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
                     {},
                     {.free_failures = 3, .free_failures_per_account = 4}};
  AccountAdmin admin_{*store_, *store_, audit_, sessions_, clock_};
  std::int64_t admin_id_ = 0;
  std::int64_t operator_id_ = 0;
};

TEST_F(AccountAdminTest, OnlyAnAdministratorAdministersAndNeverTheirOwnAccount) {
  EXPECT_EQ(admin_.List(Operator()).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(admin_.SetDisabled(Operator(), admin_id_, true).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(admin_.ResetPassword(Operator(), admin_id_).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(admin_.Unlock(Operator(), admin_id_).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(admin_.SetDisabled(Admin(), admin_id_, true).error().code, ErrorCode::kConflict);
  EXPECT_EQ(admin_.ResetPassword(Admin(), admin_id_).error().code, ErrorCode::kConflict);
  EXPECT_EQ(admin_.SetDisabled(Admin(), 999, true).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(admin_.Unlock(Admin(), 999).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(admin_.Unlock(Admin(), admin_id_).ok());  // one's own lock: harmless
  EXPECT_TRUE(sessions_.SignIn("admin.one", "synthetic-admin-pw", "", "desk").ok());
}

TEST_F(AccountAdminTest, TheListShowsLastSignInSecondFactorAndLock) {
  ASSERT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "", "desk").ok());
  const auto first_sign_in = clock_.now.time_since_epoch().count();
  clock_.now += std::chrono::hours(3);
  ASSERT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "", "desk").ok());
  auto views = admin_.List(Admin());
  ASSERT_TRUE(views.ok());
  ASSERT_EQ(views->size(), 2u);
  EXPECT_EQ(views->front().name, "admin.one");  // by name
  const AccountView& op = ViewOf(*views, "op.one");
  EXPECT_EQ(op.role, Role::kOperator);
  EXPECT_EQ(op.last_sign_in, first_sign_in + 3 * 3600);
  EXPECT_FALSE(op.disabled);
  EXPECT_FALSE(op.second_factor);
  EXPECT_EQ(op.password, PasswordStage::kInUse);
  EXPECT_EQ(op.locked_for, seconds{0});
  EXPECT_FALSE(ViewOf(*views, "admin.one").last_sign_in.has_value());

  // Four failures from four places lock the account for untrusted clients.
  for (int i = 0; i < 4; ++i)
    (void)sessions_.SignIn("op.one", "wrong", "", "place-" + std::to_string(i));
  EXPECT_GT(ViewOf(*admin_.List(Admin()), "op.one").locked_for, seconds{0});
  EXPECT_EQ(sessions_.SignIn("op.one", "synthetic-password", "", "place-9").error().code,
            ErrorCode::kRateLimited);

  ASSERT_TRUE(admin_.Unlock(Admin(), operator_id_).ok());
  EXPECT_EQ(ViewOf(*admin_.List(Admin()), "op.one").locked_for, seconds{0});
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "", "place-9").ok());
  EXPECT_EQ(AuditCount(AuditAction::kAccountUnlocked, operator_id_), 1);
}

TEST_F(AccountAdminTest, ADisabledAccountLosesItsSessionsAtOnceAndSignsInAgainOnceEnabled) {
  auto session = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(admin_.SetDisabled(Admin(), operator_id_, true).ok());
  EXPECT_FALSE(sessions_.Authenticate(session->token).ok());
  EXPECT_EQ(sessions_.SignIn("op.one", "synthetic-password", "", "desk").error().code,
            ErrorCode::kUnauthenticated);
  EXPECT_TRUE(ViewOf(*admin_.List(Admin()), "op.one").disabled);
  ASSERT_TRUE(admin_.SetDisabled(Admin(), operator_id_, true).ok());  // no change, not audited
  ASSERT_TRUE(admin_.SetDisabled(Admin(), operator_id_, false).ok());
  EXPECT_TRUE(sessions_.SignIn("op.one", "synthetic-password", "", "desk").ok());
  EXPECT_EQ(AuditCount(AuditAction::kAccountDisabled, operator_id_), 1);
  EXPECT_EQ(AuditCount(AuditAction::kAccountEnabled, operator_id_), 1);
}

TEST_F(AccountAdminTest, AResetLeadsThroughANewPasswordAndANewSecondFactor) {
  // op.one had a second factor and a session.
  auto enrollment = two_factor_.Begin(Operator());
  ASSERT_TRUE(enrollment.ok());
  ASSERT_TRUE(two_factor_.Confirm(Operator(), CodeFor(enrollment->otpauth_uri)).ok());
  clock_.now += seconds(30);
  auto old_session =
      sessions_.SignIn("op.one", "synthetic-password", CodeFor(enrollment->otpauth_uri), "desk");
  ASSERT_TRUE(old_session.ok());

  auto reset = admin_.ResetPassword(Admin(), operator_id_);
  ASSERT_TRUE(reset.ok());
  EXPECT_EQ(reset->one_time_password.size(), 23u);  // xxxxx-xxxxx-xxxxx-xxxxx
  EXPECT_EQ(reset->valid_until, (clock_.now + std::chrono::hours(72)).time_since_epoch().count());
  EXPECT_FALSE(sessions_.Authenticate(old_session->token).ok());
  EXPECT_FALSE(sessions_.SignIn("op.one", "synthetic-password", "", "desk").ok());
  const AccountView view = ViewOf(*admin_.List(Admin()), "op.one");
  EXPECT_FALSE(view.second_factor);
  EXPECT_EQ(view.password, PasswordStage::kMustChoose);

  // The one-time password, with no code: a session confined to choosing a password.
  auto session = sessions_.SignIn("op.one", reset->one_time_password, "", "desk");
  ASSERT_TRUE(session.ok());
  auto info = sessions_.Authenticate(session->token);
  ASSERT_TRUE(info.ok());
  EXPECT_TRUE(info->must_choose_password);
  EXPECT_TRUE(info->must_enrol_second_factor);  // though the office does not require one
  EXPECT_EQ(two_factor_.Begin(Operator()).error().code, ErrorCode::kConflict);

  auto too_short = sessions_.ChangePassword(session->token, "", "short");
  EXPECT_EQ(too_short.error().field, "new_password");
  auto same = sessions_.ChangePassword(session->token, "", reset->one_time_password);
  EXPECT_EQ(same.error().field, "new_password");
  ASSERT_TRUE(sessions_.ChangePassword(session->token, "", "a-new-synthetic-password").ok());
  info = sessions_.Authenticate(session->token);
  EXPECT_FALSE(info->must_choose_password);
  EXPECT_TRUE(info->must_enrol_second_factor);
  EXPECT_EQ(ViewOf(*admin_.List(Admin()), "op.one").password, PasswordStage::kMustEnrol);
  EXPECT_FALSE(sessions_.SignIn("op.one", reset->one_time_password, "", "desk2").ok());

  auto again = two_factor_.Begin(Operator());
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(two_factor_.Confirm(Operator(), CodeFor(again->otpauth_uri)).ok());
  info = sessions_.Authenticate(session->token);
  EXPECT_FALSE(info->must_enrol_second_factor);
  EXPECT_EQ(ViewOf(*admin_.List(Admin()), "op.one").password, PasswordStage::kInUse);
  clock_.now += seconds(30);
  EXPECT_TRUE(
      sessions_.SignIn("op.one", "a-new-synthetic-password", CodeFor(again->otpauth_uri), "desk")
          .ok());
  EXPECT_EQ(AuditCount(AuditAction::kPasswordReset, operator_id_), 1);
  EXPECT_EQ(AuditCount(AuditAction::kPasswordChanged, operator_id_), 1);
}

TEST_F(AccountAdminTest, AOneTimePasswordRunsOutAfterSeventyTwoHours) {
  auto reset = admin_.ResetPassword(Admin(), operator_id_);
  ASSERT_TRUE(reset.ok());
  clock_.now += std::chrono::hours(72);
  EXPECT_TRUE(
      sessions_.SignIn("op.one", reset->one_time_password, "", "desk").ok());  // last second
  clock_.now += seconds(1);
  EXPECT_EQ(sessions_.SignIn("op.one", reset->one_time_password, "", "desk").error().code,
            ErrorCode::kUnauthenticated);
  auto fresh = admin_.ResetPassword(Admin(), operator_id_);  // the administrator gives a new one
  EXPECT_TRUE(sessions_.SignIn("op.one", fresh->one_time_password, "", "desk").ok());
}

TEST_F(AccountAdminTest, ChangingOnesPasswordNeedsTheCurrentOneAndEndsOtherSessions) {
  auto here = sessions_.SignIn("op.one", "synthetic-password", "", "desk");
  auto there = sessions_.SignIn("op.one", "synthetic-password", "", "home");
  ASSERT_TRUE(here.ok() && there.ok());
  auto wrong = sessions_.ChangePassword(here->token, "not-it", "a-new-synthetic-password");
  EXPECT_EQ(wrong.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(wrong.error().field, "current_password");
  ASSERT_TRUE(
      sessions_.ChangePassword(here->token, "synthetic-password", "a-new-synthetic-password").ok());
  EXPECT_TRUE(sessions_.Authenticate(here->token).ok());
  EXPECT_FALSE(sessions_.Authenticate(there->token).ok());
  EXPECT_FALSE(sessions_.SignIn("op.one", "synthetic-password", "", "desk").ok());
  auto info = sessions_.SignIn("op.one", "a-new-synthetic-password", "", "desk");
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(sessions_.Authenticate(info->token)->must_enrol_second_factor);
  EXPECT_EQ(sessions_.ChangePassword("no-such-token", "", "whatever-long-enough").error().code,
            ErrorCode::kUnauthenticated);
  // Guessing the current one through a session is slowed as at sign-in: 3 free failures
  // here, one of them spent above.
  for (int i = 0; i < 2; ++i)
    EXPECT_EQ(sessions_.ChangePassword(info->token, "guess", "another-new-password").error().code,
              ErrorCode::kInvalidInput);
  EXPECT_EQ(sessions_.ChangePassword(info->token, "guess", "another-new-password").error().code,
            ErrorCode::kRateLimited);
}

TEST(StoredPassword, ReadsWhatItWritesAndMatchesNothingWhenMalformed) {
  EXPECT_EQ(ReadStoredPassword("$argon2id$x").stage, PasswordStage::kInUse);
  EXPECT_EQ(ReadStoredPassword("$argon2id$x").hash, "$argon2id$x");
  const std::string reset =
      StoredPasswordColumn(PasswordStage::kMustChoose, "$argon2id$x", 1800000000);
  EXPECT_EQ(reset, "reset:1800000000:$argon2id$x");
  EXPECT_EQ(ReadStoredPassword(reset).valid_until, 1800000000);
  EXPECT_EQ(ReadStoredPassword(reset).hash, "$argon2id$x");
  EXPECT_EQ(ReadStoredPassword(StoredPasswordColumn(PasswordStage::kMustEnrol, "$argon2id$x")).hash,
            "$argon2id$x");
  for (const char* bad : {"reset:", "reset:12", "reset:x1:$argon2id$x", "reset::$argon2id$x"}) {
    EXPECT_EQ(ReadStoredPassword(bad).stage, PasswordStage::kMustChoose) << bad;
    EXPECT_TRUE(ReadStoredPassword(bad).hash.empty()) << bad;
  }
}

}  // namespace
}  // namespace lifeline::app
