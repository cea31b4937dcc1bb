// RFC 6238 Appendix B test vectors: the seeds are ASCII "12345678901234567890" repeated to
// the hash's length; the codes are 8 digits.

#include "crypto/totp.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

SecretBytes Seed(std::size_t length) {
  std::string seed;
  while (seed.size() < length) seed += "1234567890";
  seed.resize(length);
  return SecretBytes(reinterpret_cast<const std::uint8_t*>(seed.data()), seed.size());
}

struct Vector {
  std::int64_t time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

constexpr Vector kRfc6238[] = {
    {59, "94287082", "46119246", "90693936"},
    {1111111109, "07081804", "68084774", "25091201"},
    {1111111111, "14050471", "67062674", "99943326"},
    {1234567890, "89005924", "91819424", "93441116"},
    {2000000000, "69279037", "90698825", "38618901"},
    {20000000000, "65353130", "77737706", "47863826"},
};

TEST(Totp, MatchesRfc6238Vectors) {
  for (const auto& v : kRfc6238) {
    const std::chrono::sys_seconds t{std::chrono::seconds{v.time}};
    EXPECT_EQ(TotpCode(Seed(20), t, {TotpHash::kSha1, 8}), v.sha1) << v.time;
    EXPECT_EQ(TotpCode(Seed(32), t, {TotpHash::kSha256, 8}), v.sha256) << v.time;
    EXPECT_EQ(TotpCode(Seed(64), t, {TotpHash::kSha512, 8}), v.sha512) << v.time;
  }
}

TEST(Totp, MatchReturnsTheStepWithinTheWindowOnly) {
  Initialise();
  const SecretBytes secret = NewTotpSecret();
  const std::chrono::sys_seconds now{std::chrono::seconds{1'795'000'020}};
  const std::string code = TotpCode(secret, now);
  ASSERT_EQ(code.size(), 6u);
  EXPECT_EQ(MatchTotp(secret, code, now), 1'795'000'020 / 30);
  EXPECT_TRUE(MatchTotp(secret, code, now + std::chrono::seconds{30}));   // one step of drift
  EXPECT_FALSE(MatchTotp(secret, code, now + std::chrono::seconds{90}));  // too late
  EXPECT_FALSE(MatchTotp(secret, "12345", now));
  EXPECT_FALSE(MatchTotp(secret, "abcdef", now));
}

TEST(Totp, UriCarriesTheBase32Secret) {
  const SecretBytes secret = Seed(20);
  EXPECT_EQ(Base32(secret), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(TotpUri(secret, "lifeline", "op.one"),
            "otpauth://totp/lifeline:op.one?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=lifeline"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace lifeline::crypto
