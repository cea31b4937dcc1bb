// Signed referral packages: only the organisation's key makes one a partner accepts, and a
// forged, re-signed, altered or passed-on package is refused with its reason.

#include "crypto/referral_package.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::string_view kJson =
    R"({"from":"lifeline","person":"ABR-000001","shared":{"name":"Синтетик"}})";

Key32 Seed(std::uint8_t fill) {
  Key32 seed;
  seed.fill(fill);
  return seed;
}

class ReferralPackageTest : public testing::Test {
 protected:
  void SetUp() override { Initialise(); }
  std::variant<OpenedReferral, ReferralRefusal> Open(const Bytes& package,
                                                     const BoxKeyPair& partner) {
    return OpenReferral(partner.public_key, partner.secret_key, package,
                        {{office_.public_key, "Synthetic Office"}});
  }
  static ReferralRefusal Refusal(const std::variant<OpenedReferral, ReferralRefusal>& opened) {
    EXPECT_TRUE(std::holds_alternative<ReferralRefusal>(opened));
    return std::holds_alternative<ReferralRefusal>(opened) ? std::get<ReferralRefusal>(opened)
                                                           : ReferralRefusal::kNotForThisKey;
  }
  // What a holder of the package's inner bytes could build: the same header, other content.
  static Bytes SealInner(const Key32& to, const Key32& signer_key, const Bytes& signature,
                         std::string_view json) {
    std::string inner = "LLR2";
    inner.append(reinterpret_cast<const char*>(signer_key.data()), signer_key.size());
    inner.append(reinterpret_cast<const char*>(signature.data()), signature.size());
    inner.append(json);
    return SealTo(to, inner);
  }
  static Bytes SignatureIn(const Bytes& package, const BoxKeyPair& partner) {
    SecretBytes inner;
    EXPECT_TRUE(OpenSealedBox(partner.public_key, partner.secret_key, package, inner));
    return Bytes(inner.data() + 4 + 32, inner.data() + 4 + 32 + 64);
  }

  const ReferralSigner office_ = ReferralSignerFromSeed(Seed(7));
  const BoxKeyPair partner_ = NewBoxKeyPair();
};

TEST_F(ReferralPackageTest, APackageTheOfficeSignedOpensAndNamesItsSender) {
  auto opened = Open(SignAndSealReferral(office_, partner_.public_key, kJson), partner_);
  ASSERT_TRUE(std::holds_alternative<OpenedReferral>(opened));
  EXPECT_EQ(std::get<OpenedReferral>(opened).json.view(), kJson);
  EXPECT_EQ(std::get<OpenedReferral>(opened).sender, "Synthetic Office");
  EXPECT_EQ(std::get<OpenedReferral>(opened).sender_key, office_.public_key);
}

TEST_F(ReferralPackageTest, TheSameSeedGivesTheSameKeyAndAnotherSeedAnother) {
  EXPECT_EQ(ReferralSignerFromSeed(Seed(7)).public_key, office_.public_key);
  EXPECT_NE(ReferralSignerFromSeed(Seed(8)).public_key, office_.public_key);
}

TEST_F(ReferralPackageTest, ABoxSealedWithoutTheOfficeKeyIsRefused) {
  // Anyone with the partner's public key can make a sealed box: the old, unsigned kind.
  EXPECT_EQ(Refusal(Open(SealTo(partner_.public_key, kJson), partner_)),
            ReferralRefusal::kUnsigned);
  // Someone signing with a key of his own.
  const ReferralSigner forger = ReferralSignerFromSeed(Seed(9));
  EXPECT_EQ(Refusal(Open(SignAndSealReferral(forger, partner_.public_key, kJson), partner_)),
            ReferralRefusal::kUnknownSender);
}

TEST_F(ReferralPackageTest, AlteredReSignedAndPassedOnPackagesAreRefused) {
  const Bytes package = SignAndSealReferral(office_, partner_.public_key, kJson);
  const Bytes signature = SignatureIn(package, partner_);
  // The office's signature kept, the content changed.
  std::string altered(kJson);
  altered.replace(altered.find("ABR-000001"), 10, "ABR-000002");
  EXPECT_EQ(Refusal(Open(SealInner(partner_.public_key, office_.public_key, signature, altered),
                         partner_)),
            ReferralRefusal::kBadSignature);
  // The office's key named, another key's signature.
  const ReferralSigner forger = ReferralSignerFromSeed(Seed(9));
  const Bytes forged =
      SignatureIn(SignAndSealReferral(forger, partner_.public_key, kJson), partner_);
  EXPECT_EQ(
      Refusal(Open(SealInner(partner_.public_key, office_.public_key, forged, kJson), partner_)),
      ReferralRefusal::kBadSignature);
  // A partner passing what it received on to another, sealed anew: signed for someone else.
  const BoxKeyPair other = NewBoxKeyPair();
  EXPECT_EQ(Refusal(Open(SealInner(other.public_key, office_.public_key, signature, kJson), other)),
            ReferralRefusal::kBadSignature);
  // Not this partner's package at all; and a truncated one.
  EXPECT_EQ(Refusal(Open(package, other)), ReferralRefusal::kNotForThisKey);
  EXPECT_EQ(Refusal(Open(Bytes(package.begin(), package.end() - 1), partner_)),
            ReferralRefusal::kNotForThisKey);
  EXPECT_EQ(Refusal(Open(SealTo(partner_.public_key, "LLR2"), partner_)),
            ReferralRefusal::kUnsigned);
}

}  // namespace
}  // namespace lifeline::crypto
