#include "app/accounts/sign_in_device.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "crypto/crypto.hpp"
#include "crypto/office_keys.hpp"

namespace lifeline::app {
namespace {

using std::chrono::seconds;

class SignInDevicesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  std::chrono::sys_seconds now_{seconds{1'795'000'000}};
  SignInDevices devices_{crypto::Key32{9}};
};

TEST_F(SignInDevicesTest, AnIssuedTokenIsRecognisedForItsAccountOnly) {
  const std::string cookie = devices_.Issue("", "op.one", now_);
  const auto device = devices_.Recognise(cookie, "op.one", now_);
  ASSERT_TRUE(device.has_value());
  EXPECT_EQ(devices_.Recognise(cookie, "op.one", now_ + seconds{60}), device);
  EXPECT_FALSE(devices_.Recognise(cookie, "op.two", now_).has_value());
  EXPECT_FALSE(devices_.Recognise(cookie, "op.on", now_).has_value());
  EXPECT_NE(devices_.Recognise(devices_.Issue("", "op.one", now_), "op.one", now_), device);
}

TEST_F(SignInDevicesTest, ForgedAlteredOrForeignTokensAreUntrusted) {
  const std::string cookie = devices_.Issue("", "op.one", now_);
  EXPECT_FALSE(devices_.Recognise("", "op.one", now_).has_value());
  EXPECT_FALSE(devices_.Recognise(std::string(cookie.size(), 'a'), "op.one", now_).has_value());
  EXPECT_FALSE(devices_.Recognise("not hex at all", "op.one", now_).has_value());
  for (std::size_t i : {0ul, 40ul, cookie.size() - 1}) {  // nonce, expiry, MAC
    std::string altered = cookie;
    altered[i] = altered[i] == '0' ? '1' : '0';
    EXPECT_FALSE(devices_.Recognise(altered, "op.one", now_).has_value()) << i;
  }
  SignInDevices other_installation{crypto::Key32{10}};
  EXPECT_FALSE(other_installation.Recognise(cookie, "op.one", now_).has_value());
}

TEST_F(SignInDevicesTest, ATokenExpiresAfterItsLifetime) {
  const std::string cookie = devices_.Issue("", "op.one", now_);
  EXPECT_TRUE(devices_.Recognise(cookie, "op.one", now_ + SignInDevices::kLifetime - seconds{1})
                  .has_value());
  EXPECT_FALSE(devices_.Recognise(cookie, "op.one", now_ + SignInDevices::kLifetime).has_value());
}

TEST_F(SignInDevicesTest, OneCookieKeepsTheTokensOfAFewAccountsNewestFirst) {
  std::string cookie = devices_.Issue("", "op.one", now_);
  cookie = devices_.Issue(cookie, "op.two", now_);
  EXPECT_TRUE(devices_.Recognise(cookie, "op.one", now_).has_value());
  EXPECT_TRUE(devices_.Recognise(cookie, "op.two", now_).has_value());
  const auto old_one = devices_.Recognise(cookie, "op.one", now_);
  cookie = devices_.Issue(cookie, "op.one", now_);  // op.one's old token is replaced
  EXPECT_EQ(std::count(cookie.begin(), cookie.end(), '.'), 1);
  EXPECT_NE(devices_.Recognise(cookie, "op.one", now_), old_one);
  for (const char* name : {"op.three", "op.four", "op.five"})
    cookie = devices_.Issue(cookie, name, now_);
  EXPECT_EQ(std::count(cookie.begin(), cookie.end(), '.') + 1,
            static_cast<long>(SignInDevices::kMaxAccounts));
  EXPECT_TRUE(devices_.Recognise(cookie, "op.five", now_).has_value());
  EXPECT_FALSE(devices_.Recognise(cookie, "op.two", now_).has_value());  // the oldest went
  // Junk in the cookie is dropped, never copied on.
  EXPECT_EQ(devices_.Issue("junk.more-junk", "op.one", now_).find("junk"), std::string::npos);
}

TEST_F(SignInDevicesTest, TheKeyComesFromTheOfficeSecret) {
  const auto keys = crypto::GenerateOfficeKeyPair();
  const crypto::OfficeOpener office{crypto::OfficePrivateKey{keys.private_key.bytes},
                                    keys.public_key};
  const crypto::OfficeOpener same{crypto::OfficePrivateKey{keys.private_key.bytes},
                                  keys.public_key};
  EXPECT_EQ(SignInDeviceKey(office), SignInDeviceKey(same));  // survives a restart
  EXPECT_NE(SignInDeviceKey(office), office.DeriveSubkey("lifeline/audit-mac/v1"));
}

}  // namespace
}  // namespace lifeline::app
