#pragma once
// What a receipt unlocks. One Argon2id computation per receipt yields:
//  - the lookup hash, the only trace of the receipt in the database;
//  - the applicant's reply key pair: replies are sealed to its public half, so only the
//    holder of the receipt can read them, not the intake server nor a thief of the database.
// Neither half reveals the other: both are separate hashes of the Argon2id output.

#include <cstdint>
#include <string_view>

#include "crypto/bytes.hpp"

namespace lifeline::crypto {

/// Argon2id cost per receipt. Memory-hard (issue 2 asks for at least 4 MiB); the figures
/// and what exhausting the receipt space costs are in docs/security.md.
inline constexpr std::uint64_t kReceiptOpsLimit = 2;
inline constexpr std::size_t kReceiptMemLimit = 8u << 20;
inline constexpr std::size_t kReceiptSaltBytes = 16;

struct ReceiptKeys {
  Key32 lookup{};
  Key32 reply_public{};
  SecretBytes reply_secret;  // 32 bytes
};

/// Derives the keys of `receipt_digits` with the installation's salt (kReceiptSaltBytes).
/// Costs one Argon2id run (a few milliseconds). Thread-safe.
ReceiptKeys DeriveReceiptKeys(std::string_view receipt_digits, const Bytes& salt);

/// A commitment to `receipt_digits` under a random `salt` (kReceiptSaltBytes): Argon2id at
/// the receipt's cost, so that it tells no more of the receipt than the lookup hash does (a
/// 53-bit receipt is not found from it by trying), hashed once more for its own purpose. The
/// proof of application carries it (app/intake/application_proof.hpp). Thread-safe.
Key32 CommitToReceipt(std::string_view receipt_digits, const Bytes& salt);

/// Seals `text` so that only the receipt holder can open it (anonymous sealed box).
Bytes SealForApplicant(const Key32& reply_public, std::string_view text);

/// Opens what SealForApplicant sealed; false if it does not open with these keys.
bool OpenForApplicant(const ReceiptKeys& keys, const Bytes& sealed, SecretBytes& text);

}  // namespace lifeline::crypto
