#include "crypto/crypto.hpp"

#include <gtest/gtest.h>

#include "crypto/office_keys.hpp"
#include "crypto/password.hpp"

namespace lifeline::crypto {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Initialise(); }
};

TEST_F(CryptoTest, AeadRoundTripsAndDetectsTampering) {
  Key32 key{};
  key[0] = 7;
  Bytes sealed = AeadEncrypt(key, "synthetic text", "record-1");
  SecretBytes out;
  ASSERT_TRUE(AeadDecrypt(key, sealed, "record-1", out));
  EXPECT_EQ(out.view(), "synthetic text");
  EXPECT_FALSE(AeadDecrypt(key, sealed, "record-2", out));
  EXPECT_TRUE(out.empty());
  sealed.back() ^= 1;
  EXPECT_FALSE(AeadDecrypt(key, sealed, "record-1", out));
  EXPECT_FALSE(AeadDecrypt(key, Bytes(5), "record-1", out));
}

TEST_F(CryptoTest, RandomDigitsAreDigitsAndVary) {
  const std::string a = RandomDigits(16), b = RandomDigits(16);
  EXPECT_EQ(a.size(), 16u);
  EXPECT_EQ(a.find_first_not_of("0123456789"), std::string::npos);
  EXPECT_NE(a, b);
}

TEST_F(CryptoTest, HashSeparatesPurposes) {
  EXPECT_NE(Hash("a", "bc"), Hash("ab", "c"));
  EXPECT_EQ(Hash("a", "bc"), Hash("a", "bc"));
}

TEST_F(CryptoTest, HexRoundTripsAndRejectsGarbage) {
  const Bytes b = {0x00, 0xAB, 0xFF};
  EXPECT_EQ(ToHex(b), "00abff");
  EXPECT_EQ(FromHex("00abff"), b);
  EXPECT_TRUE(FromHex("0g").empty());
  EXPECT_TRUE(FromHex("abc").empty());
}

TEST_F(CryptoTest, OfficePrivateKeyUnwrapsOnlyWithItsPassphrase) {
  OfficeKeyPair pair = GenerateOfficeKeyPair();
  WrappedPrivateKey wrapped = WrapPrivateKey(pair.private_key, "correct horse battery");
  auto good = UnwrapPrivateKey(wrapped, "correct horse battery", pair.public_key);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->bytes.view(), pair.private_key.bytes.view());
  auto bad = UnwrapPrivateKey(wrapped, "wrong horse battery", pair.public_key);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnauthenticated);
  OfficeKeyPair other = GenerateOfficeKeyPair();
  EXPECT_FALSE(UnwrapPrivateKey(wrapped, "correct horse battery", other.public_key).ok());
}

TEST_F(CryptoTest, PasswordsVerify) {
  const std::string hash = HashPassword("synthetic-password-1");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(hash, "synthetic-password-1"));
  EXPECT_FALSE(VerifyPassword(hash, "synthetic-password-2"));
  EXPECT_FALSE(VerifyPassword("", "synthetic-password-1"));
}

}  // namespace
}  // namespace lifeline::crypto
