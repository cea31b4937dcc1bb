#pragma once
// Ed25519 detached signatures, for statements kept outside the database that anyone holding
// the public key can check (the audit log's checkpoints).

#include <array>
#include <cstdint>
#include <string_view>

#include "crypto/bytes.hpp"

namespace lifeline::crypto {

using Signature = std::array<std::uint8_t, 64>;

/// A signing key pair. The secret half is wiped on destruction.
struct SigningKey {
  Key32 public_key{};
  SecretBytes secret_key;  // libsodium's 64-byte Ed25519 secret key (seed and public key)
};

/// The key pair for a 32-byte seed (from OfficeOpener::DeriveSubkey): the same seed gives
/// the same key, so every office process and restart signs alike.
SigningKey SigningKeyFromSeed(const Key32& seed);

Signature Sign(const SigningKey& key, std::string_view message);

/// True when `signature` is `public_key`'s over exactly `message`.
bool VerifySignature(const Key32& public_key, const Signature& signature, std::string_view message);

}  // namespace lifeline::crypto
