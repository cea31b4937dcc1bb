#pragma once
// A referral package: signed by the organisation, then sealed to the partner.
//
// A sealed box alone says nothing of who made it: anyone holding a partner's public key could
// make one that looks like lifeline's. So the package is signed first, with an Ed25519 key
// derived from the office secret (kept like the other office keys, never stored itself), and
// the signature covers the partner's own box key as well as the content, so a partner cannot
// pass on what it received to another partner as if lifeline had sent it there.
//
// Inside the sealed box: "LLR2" | signer's public key (32) | signature (64) | JSON.
// Signed message: "lifeline/referral/v2" NUL | recipient's box public key (32) | JSON.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "crypto/bytes.hpp"

namespace lifeline::crypto {

/// The organisation's referral-signing key pair. Wiped on destruction.
struct ReferralSigner {
  Key32 public_key{};
  SecretBytes secret_key;  // 64 bytes, libsodium's Ed25519 secret key (seed and public key)
};

/// The signer for a 32-byte seed (from OfficeOpener::DeriveSubkey): the same seed gives the
/// same key, so every office instance and restart signs alike.
ReferralSigner ReferralSignerFromSeed(const Key32& seed);

/// Signs `json` for the partner whose box key is `partner_box_key`, then seals it to that key.
Bytes SignAndSealReferral(const ReferralSigner& signer, const Key32& partner_box_key,
                          std::string_view json);

/// A package opened and verified: its JSON, and whom of the trusted senders it came from.
struct OpenedReferral {
  SecretBytes json;
  std::string sender;  // the name the partner gave this key
  Key32 sender_key{};
};

/// Why a package is refused. Each message says what to do, and none repeats the content.
enum class ReferralRefusal {
  kNotForThisKey,  // the box does not open with this secret: another partner's, or altered
  kUnsigned,       // opens, but carries no signature: anyone with the public key could make it
  kUnknownSender,  // signed by a key the partner has not listed as a sender (forged, re-signed)
  kBadSignature,   // the signature does not match: altered, or signed for another recipient
};
std::string_view Explain(ReferralRefusal refusal);

/// Opens a package with the partner's box key pair and verifies it against `trusted_senders`
/// (signing public key → the sender's name). Never returns unverified content.
std::variant<OpenedReferral, ReferralRefusal> OpenReferral(
    const Key32& box_public, const SecretBytes& box_secret, const Bytes& package,
    const std::map<Key32, std::string>& trusted_senders);

}  // namespace lifeline::crypto
