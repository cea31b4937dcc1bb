#pragma once
// The office key pair (X25519). The public half seals every record at intake; the private
// half exists on disk only wrapped under a key derived from the office passphrase.

#include <cstdint>
#include <string_view>

#include "crypto/bytes.hpp"
#include "domain/result.hpp"

namespace lifeline::crypto {

struct OfficePublicKey {
  Key32 bytes{};
};

/// The office private key. Wiped on destruction; never written anywhere unwrapped.
struct OfficePrivateKey {
  SecretBytes bytes;  // 32 bytes
};

/// The private key as stored: XChaCha20-Poly1305 under Argon2id(passphrase, salt).
struct WrappedPrivateKey {
  Bytes salt;
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;
  Bytes sealed;
};

struct OfficeKeyPair {
  OfficePublicKey public_key;
  OfficePrivateKey private_key;
};

/// A fresh X25519 key pair from the OS CSPRNG.
OfficeKeyPair GenerateOfficeKeyPair();

/// Wraps `key` under the passphrase with Argon2id (about 0.5 s and 256 MiB, libsodium's
/// "moderate" limits, so that a stolen database resists passphrase guessing).
WrappedPrivateKey WrapPrivateKey(const OfficePrivateKey& key, std::string_view passphrase);

/// Unwraps and checks that the key matches `expected`. kUnauthenticated on a wrong
/// passphrase; kInternal if the stored key is corrupt.
Result<OfficePrivateKey> UnwrapPrivateKey(const WrappedPrivateKey& wrapped,
                                          std::string_view passphrase,
                                          const OfficePublicKey& expected);

}  // namespace lifeline::crypto
