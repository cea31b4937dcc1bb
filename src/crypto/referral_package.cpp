#include "crypto/referral_package.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::string_view kMagic = "LLR2";
constexpr std::string_view kSignatureContext{"lifeline/referral/v2\0", 21};
constexpr std::size_t kHeader = kMagic.size() + crypto_sign_PUBLICKEYBYTES + crypto_sign_BYTES;

static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_SEEDBYTES == 32);

// What the signature covers: the context, the recipient's box key, the JSON.
Bytes SignedMessage(const Key32& recipient, std::string_view json) {
  Bytes message(kSignatureContext.size() + recipient.size() + json.size());
  std::memcpy(message.data(), kSignatureContext.data(), kSignatureContext.size());
  std::memcpy(message.data() + kSignatureContext.size(), recipient.data(), recipient.size());
  if (!json.empty())
    std::memcpy(message.data() + kSignatureContext.size() + recipient.size(), json.data(),
                json.size());
  return message;
}

}  // namespace

ReferralSigner ReferralSignerFromSeed(const Key32& seed) {
  ReferralSigner signer;
  signer.secret_key = SecretBytes(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(signer.public_key.data(), signer.secret_key.data(), seed.data());
  return signer;
}

Bytes SignAndSealReferral(const ReferralSigner& signer, const Key32& partner_box_key,
                          std::string_view json) {
  const Bytes message = SignedMessage(partner_box_key, json);
  SecretBytes inner(kHeader + json.size());
  std::uint8_t* out = inner.data();
  std::memcpy(out, kMagic.data(), kMagic.size());
  std::memcpy(out + kMagic.size(), signer.public_key.data(), signer.public_key.size());
  crypto_sign_detached(out + kMagic.size() + crypto_sign_PUBLICKEYBYTES, nullptr, message.data(),
                       message.size(), signer.secret_key.data());
  std::memcpy(out + kHeader, json.data(), json.size());
  return SealTo(partner_box_key, inner.view());
}

std::string_view Explain(ReferralRefusal refusal) {
  switch (refusal) {
    case ReferralRefusal::kNotForThisKey:
      return "this package is not for this key, or it was altered";
    case ReferralRefusal::kUnsigned:
      return "this package is not signed, so anyone who has your public key could have made it: "
             "refused";
    case ReferralRefusal::kUnknownSender:
      return "this package is signed by a key that is not among your trusted senders (forged or "
             "re-signed): refused";
    case ReferralRefusal::kBadSignature:
      return "this package's signature does not match (altered, or signed for another recipient): "
             "refused";
  }
  return "refused";
}

std::variant<OpenedReferral, ReferralRefusal> OpenReferral(
    const Key32& box_public, const SecretBytes& box_secret, const Bytes& package,
    const std::map<Key32, std::string>& trusted_senders) {
  SecretBytes inner;
  if (!OpenSealedBox(box_public, box_secret, package, inner))
    return ReferralRefusal::kNotForThisKey;
  if (inner.size() < kHeader || inner.view().substr(0, kMagic.size()) != kMagic)
    return ReferralRefusal::kUnsigned;
  Key32 sender_key;
  std::copy_n(inner.data() + kMagic.size(), sender_key.size(), sender_key.begin());
  const auto trusted = trusted_senders.find(sender_key);
  if (trusted == trusted_senders.end()) return ReferralRefusal::kUnknownSender;
  const std::string_view json = inner.view().substr(kHeader);
  const Bytes message = SignedMessage(box_public, json);
  const std::uint8_t* signature = inner.data() + kMagic.size() + crypto_sign_PUBLICKEYBYTES;
  if (crypto_sign_verify_detached(signature, message.data(), message.size(), sender_key.data()) !=
      0) {
    return ReferralRefusal::kBadSignature;
  }
  OpenedReferral opened;
  opened.json = SecretBytes(reinterpret_cast<const std::uint8_t*>(json.data()), json.size());
  opened.sender = trusted->second;
  opened.sender_key = sender_key;
  return opened;
}

}  // namespace lifeline::crypto
