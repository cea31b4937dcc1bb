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

// Argon2id at its minimum limits keeps the tests fast; the format is the same.
PassphraseParams FastParams() {
  PassphraseParams params = NewPassphraseParams();
  params.opslimit = 1;
  params.memlimit = 8192;
  return params;
}

TEST_F(CryptoTest, PassphraseStrengthsAreLibsodiumsNamedLimitsWithAFreshSalt) {
  const PassphraseParams moderate = NewPassphraseParams();
  EXPECT_EQ(moderate.opslimit, 3u);
  EXPECT_EQ(moderate.memlimit, std::uint64_t{256} << 20);
  const PassphraseParams interactive = NewPassphraseParams(PassphraseStrength::kInteractive);
  EXPECT_EQ(interactive.opslimit, 2u);
  EXPECT_EQ(interactive.memlimit, std::uint64_t{64} << 20);
  const PassphraseParams sensitive = NewPassphraseParams(PassphraseStrength::kSensitive);
  EXPECT_EQ(sensitive.opslimit, 4u);
  EXPECT_EQ(sensitive.memlimit, std::uint64_t{1} << 30);
  EXPECT_EQ(moderate.salt.size(), 16u);
  EXPECT_NE(moderate.salt, interactive.salt);
  EXPECT_EQ(ParsePassphraseStrength("interactive"), PassphraseStrength::kInteractive);
  EXPECT_EQ(ParsePassphraseStrength("moderate"), PassphraseStrength::kModerate);
  EXPECT_EQ(ParsePassphraseStrength("sensitive"), PassphraseStrength::kSensitive);
  EXPECT_EQ(ParsePassphraseStrength("Moderate"), std::nullopt);
  EXPECT_EQ(ParsePassphraseStrength(""), std::nullopt);
}

TEST_F(CryptoTest, OfficePrivateKeyUnwrapsOnlyWithItsPassphrase) {
  const PassphraseParams params = FastParams();
  OfficeKeyPair pair = GenerateOfficeKeyPair();
  auto right = DerivePassphraseKey("correct horse battery", params);
  auto wrong = DerivePassphraseKey("wrong horse battery", params);
  ASSERT_TRUE(right.ok() && wrong.ok());
  const Bytes wrapped = WrapPrivateKey(pair.private_key, *right);
  auto good = UnwrapPrivateKey(wrapped, *right, pair.public_key);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->bytes.view(), pair.private_key.bytes.view());
  auto bad = UnwrapPrivateKey(wrapped, *wrong, pair.public_key);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kUnauthenticated);
  OfficeKeyPair other = GenerateOfficeKeyPair();
  auto swapped = UnwrapPrivateKey(wrapped, *right, other.public_key);
  ASSERT_FALSE(swapped.ok());
  EXPECT_EQ(swapped.error().code, ErrorCode::kInternal);
}

TEST_F(CryptoTest, OfficeSecretAndPrivateKeyCannotStandInForEachOther) {
  auto key = DerivePassphraseKey("correct horse battery", FastParams());
  ASSERT_TRUE(key.ok());
  const SecretBytes secret = GenerateOfficeSecret();
  const Bytes wrapped_secret = WrapOfficeSecret(secret, *key);
  auto opened = UnwrapOfficeSecret(wrapped_secret, *key);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->view(), secret.view());

  OfficeKeyPair pair = GenerateOfficeKeyPair();
  const Bytes wrapped_private = WrapPrivateKey(pair.private_key, *key);
  EXPECT_FALSE(UnwrapOfficeSecret(wrapped_private, *key).ok());
  EXPECT_FALSE(UnwrapPrivateKey(wrapped_secret, *key, pair.public_key).ok());
}

TEST_F(CryptoTest, ImplausiblePassphraseLimitsAreRefusedBeforeAllocating) {
  PassphraseParams huge = FastParams();
  huge.memlimit = std::uint64_t{64} << 30;
  auto refused = DerivePassphraseKey("correct horse battery", huge);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
  PassphraseParams short_salt = FastParams();
  short_salt.salt.resize(3);
  EXPECT_FALSE(DerivePassphraseKey("correct horse battery", short_salt).ok());
}

TEST_F(CryptoTest, PasswordsVerify) {
  const std::string hash = HashPassword("synthetic-password-1");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(hash, "synthetic-password-1"));
  EXPECT_FALSE(VerifyPassword(hash, "synthetic-password-2"));
  EXPECT_FALSE(VerifyPassword("", "synthetic-password-1"));
}

TEST_F(CryptoTest, SealedBoxesOpenOnlyForTheirKey) {
  const BoxKeyPair partner = NewBoxKeyPair();
  const BoxKeyPair other = NewBoxKeyPair();
  EXPECT_EQ(BoxPublicKeyOf(partner.secret_key), partner.public_key);
  EXPECT_FALSE(BoxPublicKeyOf(SecretBytes(31)));
  const Bytes box = SealTo(partner.public_key, "referral package");
  SecretBytes plain;
  ASSERT_TRUE(OpenSealedBox(partner.public_key, partner.secret_key, box, plain));
  EXPECT_EQ(plain.view(), "referral package");
  EXPECT_FALSE(OpenSealedBox(other.public_key, other.secret_key, box, plain));
  EXPECT_TRUE(plain.empty());
  Bytes altered = box;
  altered.back() ^= 1;
  EXPECT_FALSE(OpenSealedBox(partner.public_key, partner.secret_key, altered, plain));
  EXPECT_FALSE(OpenSealedBox(partner.public_key, partner.secret_key, Bytes(10), plain));
}

}  // namespace
}  // namespace lifeline::crypto
