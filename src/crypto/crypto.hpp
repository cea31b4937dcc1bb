#pragma once
// The libsodium wrapper: the only code in lifeline that includes sodium.h is in crypto/*.cpp.
// Every function here is thread-safe unless it says otherwise.

#include <optional>
#include <string>
#include <string_view>

#include "crypto/bytes.hpp"

namespace lifeline::crypto {

/// Initialises libsodium; call once before any other function here. Throws on failure.
void Initialise();

/// `size` bytes from the OS CSPRNG.
Bytes RandomBytes(std::size_t size);

/// `count` uniformly random decimal digits (rejection sampling, no modulo bias).
std::string RandomDigits(std::size_t count);

/// `count` characters drawn uniformly from `alphabet` (1 to 256 characters; no modulo bias).
std::string RandomFrom(std::string_view alphabet, std::size_t count);

/// A random token of 32 bytes as URL-safe base64 without padding (43 characters).
std::string RandomToken();

/// BLAKE2b-256 of the length-prefixed label `purpose` followed by `data` (domain separation).
Key32 Hash(std::string_view purpose, std::string_view data);

/// BLAKE2b-256 of `data` keyed with `key`: a MAC that only holders of `key` can compute.
Key32 KeyedHash(const Key32& key, std::string_view data);

/// Overwrites `key` with zeros in a way the compiler cannot skip.
void Wipe(Key32& key);

/// Constant-time equality of two equal-length byte ranges.
bool ConstantTimeEquals(const std::uint8_t* a, const std::uint8_t* b, std::size_t size);

/// Authenticated encryption (XChaCha20-Poly1305, random 24-byte nonce prefixed to the
/// output). `associated` binds the ciphertext to its context (e.g. its record).
Bytes AeadEncrypt(const Key32& key, std::string_view plaintext, std::string_view associated);

/// Inverse of AeadEncrypt. Returns false when the ciphertext was altered, the key is wrong or
/// the associated data differs; `plaintext` is then empty.
bool AeadDecrypt(const Key32& key, const Bytes& sealed, std::string_view associated,
                 SecretBytes& plaintext);

/// An X25519 key pair for sealed boxes (a partner organisation's, for referrals).
struct BoxKeyPair {
  Key32 public_key{};
  SecretBytes secret_key;  // 32 bytes
};
BoxKeyPair NewBoxKeyPair();
/// The public key of a box secret key (32 bytes); nullopt for a secret of another size.
std::optional<Key32> BoxPublicKeyOf(const SecretBytes& secret_key);
/// Anonymous public-key encryption (libsodium's sealed box): only the holder of the secret
/// key for `public_key` can open it; the sender keeps nothing that opens it.
Bytes SealTo(const Key32& public_key, std::string_view plaintext);
/// Inverse of SealTo. False (and `plaintext` empty) when the box was altered or is for
/// another key.
bool OpenSealedBox(const Key32& public_key, const SecretBytes& secret_key, const Bytes& sealed,
                   SecretBytes& plaintext);

}  // namespace lifeline::crypto
