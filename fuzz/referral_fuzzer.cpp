// Referral packages a partner organisation opens (crypto/referral_package.hpp). The first
// byte chooses how the rest reaches OpenReferral: as the package itself; sealed to the
// partner's key (so the signature check reads it); or signed and sealed by the organisation
// (it must open to exactly that text, from that sender); or for another partner (refused).

#include <map>
#include <variant>

#include "crypto/crypto.hpp"
#include "crypto/referral_package.hpp"
#include "fuzz_check.hpp"

using namespace lifeline::crypto;

namespace {

struct Keys {
  BoxKeyPair partner = NewBoxKeyPair();
  BoxKeyPair other = NewBoxKeyPair();
  ReferralSigner signer = ReferralSignerFromSeed(Key32{7});
  std::map<Key32, std::string> trusted{{signer.public_key, "synthetic sender"}};
};
Keys* keys = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  Initialise();
  keys = new Keys;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view rest = lifeline::fuzz::AsText(data + 1, size - 1);
  const Key32& box_public = keys->partner.public_key;
  switch (data[0] % 4) {
    case 0: {
      const Bytes package(data + 1, data + size);
      auto opened = OpenReferral(box_public, keys->partner.secret_key, package, keys->trusted);
      FUZZ_CHECK(std::holds_alternative<ReferralRefusal>(opened));
      FUZZ_CHECK(!Explain(std::get<ReferralRefusal>(opened)).empty());
      break;
    }
    case 1: {
      auto opened = OpenReferral(box_public, keys->partner.secret_key, SealTo(box_public, rest),
                                 keys->trusted);
      FUZZ_CHECK(std::holds_alternative<ReferralRefusal>(opened));
      FUZZ_CHECK(std::get<ReferralRefusal>(opened) != ReferralRefusal::kNotForThisKey);
      break;
    }
    case 2: {
      auto opened =
          OpenReferral(box_public, keys->partner.secret_key,
                       SignAndSealReferral(keys->signer, box_public, rest), keys->trusted);
      FUZZ_CHECK(std::holds_alternative<OpenedReferral>(opened));
      const auto& referral = std::get<OpenedReferral>(opened);
      FUZZ_CHECK(referral.json.view() == rest && referral.sender == "synthetic sender");
      break;
    }
    case 3: {
      const Bytes package = SignAndSealReferral(keys->signer, keys->other.public_key, rest);
      auto opened = OpenReferral(box_public, keys->partner.secret_key, package, keys->trusted);
      FUZZ_CHECK(std::holds_alternative<ReferralRefusal>(opened) &&
                 std::get<ReferralRefusal>(opened) == ReferralRefusal::kNotForThisKey);
      break;
    }
  }
  return 0;
}
