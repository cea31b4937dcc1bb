#pragma once
// The office keys. Each *generation* is an X25519 key pair: the public half seals records at
// intake; the private half exists on disk only wrapped under the *passphrase key*
// (Argon2id of the office passphrase). The *office secret* is 32 random bytes, wrapped the
// same way, from which the long-lived subkeys derive (audit chain, second-factor seal,
// recovery codes); it is independent of the key pairs so that they can be rotated.

#include <cstdint>
#include <optional>
#include <string_view>

#include "crypto/bytes.hpp"
#include "domain/result.hpp"

namespace lifeline::crypto {

struct OfficePublicKey {
  Key32 bytes{};
  std::int64_t generation = 1;  // records say which generation sealed them
};

/// The office private key. Wiped on destruction; never written anywhere unwrapped.
struct OfficePrivateKey {
  SecretBytes bytes;  // 32 bytes
};

struct OfficeKeyPair {
  OfficePublicKey public_key;
  OfficePrivateKey private_key;
};

/// Argon2id salt and limits for the office passphrase; stored in the clear.
struct PassphraseParams {
  Bytes salt;
  std::uint64_t opslimit = 0;
  std::uint64_t memlimit = 0;
};

/// The key derived from the office passphrase. Wiped on destruction.
struct PassphraseKey {
  SecretBytes bytes;  // 32 bytes
};

/// A fresh X25519 key pair from the OS CSPRNG, as generation `generation`.
OfficeKeyPair GenerateOfficeKeyPair(std::int64_t generation = 1);

/// How hard the office passphrase's Argon2id is, as libsodium names its limits:
///   kModerate (the default): 3 passes over 256 MiB, about 0.5 s;
///   kSensitive: 4 passes over 1 GiB, a few seconds, for a host with the memory to spare;
///   kInteractive: 2 passes over 64 MiB, about 0.1 s, for a host short of memory and for
///     throwaway stores (the end-to-end tests); each guess then costs about a sixth.
enum class PassphraseStrength { kInteractive, kModerate, kSensitive };

/// "interactive", "moderate", "sensitive"; nullopt for anything else.
std::optional<PassphraseStrength> ParsePassphraseStrength(std::string_view name);

/// A fresh salt with the limits of `strength`, so that a stolen database resists passphrase
/// guessing.
PassphraseParams NewPassphraseParams(PassphraseStrength strength = PassphraseStrength::kModerate);

/// Runs Argon2id once. kInternal for implausible stored limits (a tampered database must not
/// make start-up allocate without bound).
Result<PassphraseKey> DerivePassphraseKey(std::string_view passphrase,
                                          const PassphraseParams& params);

Bytes WrapPrivateKey(const OfficePrivateKey& key, const PassphraseKey& wrapping);

/// kUnauthenticated if it does not open (a wrong passphrase); kInternal if the key inside
/// does not match `expected` (a corrupt or swapped row).
Result<OfficePrivateKey> UnwrapPrivateKey(const Bytes& sealed, const PassphraseKey& wrapping,
                                          const OfficePublicKey& expected);

/// 32 random bytes.
SecretBytes GenerateOfficeSecret();

/// A random wrapping key, for an office that custodians open together
/// (app/accounts/custodians.hpp): no passphrase derives it; their shares recombine to it.
PassphraseKey RandomWrappingKey();

/// A custodian's share of the wrapping key, sealed under the key derived from that
/// custodian's own passphrase and bound to `custodian` (name and share number), so that it
/// cannot be passed off as another's.
Bytes WrapCustodianShare(const SecretBytes& share, const PassphraseKey& custodian_key,
                         std::string_view custodian);
/// kUnauthenticated if it does not open (a wrong passphrase for this custodian).
Result<SecretBytes> UnwrapCustodianShare(const Bytes& sealed, const PassphraseKey& custodian_key,
                                         std::string_view custodian);
Bytes WrapOfficeSecret(const SecretBytes& secret, const PassphraseKey& wrapping);
/// kUnauthenticated if it does not open.
Result<SecretBytes> UnwrapOfficeSecret(const Bytes& sealed, const PassphraseKey& wrapping);

}  // namespace lifeline::crypto
