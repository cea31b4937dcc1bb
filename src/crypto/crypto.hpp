#pragma once
// The libsodium wrapper: the only code in lifeline that includes sodium.h is in crypto/*.cpp.
// Every function here is thread-safe unless it says otherwise.

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

}  // namespace lifeline::crypto
