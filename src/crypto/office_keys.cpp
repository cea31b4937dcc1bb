#include "crypto/office_keys.hpp"

#include <sodium.h>

#include <algorithm>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

// Associated data: a wrapped private key cannot be passed off as the office secret.
constexpr std::string_view kPrivateKeyContext = "lifeline/office-private-key/v1";
constexpr std::string_view kSecretContext = "lifeline/office-secret/v1";
constexpr std::string_view kShareContext = "lifeline/custodian-share/v1|";

Key32 AsKey(const PassphraseKey& key) {
  Key32 k{};
  std::copy_n(key.bytes.data(), std::min<std::size_t>(key.bytes.size(), k.size()), k.begin());
  return k;
}

Bytes WrapUnder(const PassphraseKey& wrapping, std::string_view secret, std::string_view context) {
  Key32 k = AsKey(wrapping);
  Bytes sealed = AeadEncrypt(k, secret, context);
  Wipe(k);
  return sealed;
}

bool UnwrapUnder(const PassphraseKey& wrapping, const Bytes& sealed, std::string_view context,
                 SecretBytes& out) {
  Key32 k = AsKey(wrapping);
  const bool opened = AeadDecrypt(k, sealed, context, out);
  Wipe(k);
  return opened;
}

}  // namespace

OfficeKeyPair GenerateOfficeKeyPair(std::int64_t generation) {
  OfficeKeyPair pair;
  pair.public_key.generation = generation;
  pair.private_key.bytes = SecretBytes(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(pair.public_key.bytes.data(), pair.private_key.bytes.data());
  return pair;
}

std::optional<PassphraseStrength> ParsePassphraseStrength(std::string_view name) {
  if (name == "interactive") return PassphraseStrength::kInteractive;
  if (name == "moderate") return PassphraseStrength::kModerate;
  if (name == "sensitive") return PassphraseStrength::kSensitive;
  return std::nullopt;
}

PassphraseParams NewPassphraseParams(PassphraseStrength strength) {
  switch (strength) {
    case PassphraseStrength::kInteractive:
      return {RandomBytes(crypto_pwhash_SALTBYTES), crypto_pwhash_OPSLIMIT_INTERACTIVE,
              crypto_pwhash_MEMLIMIT_INTERACTIVE};
    case PassphraseStrength::kSensitive:
      return {RandomBytes(crypto_pwhash_SALTBYTES), crypto_pwhash_OPSLIMIT_SENSITIVE,
              crypto_pwhash_MEMLIMIT_SENSITIVE};
    case PassphraseStrength::kModerate:
      break;
  }
  return {RandomBytes(crypto_pwhash_SALTBYTES), crypto_pwhash_OPSLIMIT_MODERATE,
          crypto_pwhash_MEMLIMIT_MODERATE};
}

Result<PassphraseKey> DerivePassphraseKey(std::string_view passphrase,
                                          const PassphraseParams& params) {
  if (params.memlimit > (std::uint64_t{4} << 30) || params.opslimit > 64 ||
      params.memlimit < crypto_pwhash_MEMLIMIT_MIN ||
      params.opslimit < crypto_pwhash_OPSLIMIT_MIN ||
      params.salt.size() != crypto_pwhash_SALTBYTES) {
    return Error{ErrorCode::kInternal, "the stored office key has implausible parameters"};
  }
  PassphraseKey key{SecretBytes(32)};
  if (crypto_pwhash(key.bytes.data(), key.bytes.size(), passphrase.data(), passphrase.size(),
                    params.salt.data(), params.opslimit, static_cast<std::size_t>(params.memlimit),
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{ErrorCode::kInternal, "not enough memory to derive the office passphrase key"};
  }
  return key;
}

Bytes WrapPrivateKey(const OfficePrivateKey& key, const PassphraseKey& wrapping) {
  return WrapUnder(wrapping, key.bytes.view(), kPrivateKeyContext);
}

Result<OfficePrivateKey> UnwrapPrivateKey(const Bytes& sealed, const PassphraseKey& wrapping,
                                          const OfficePublicKey& expected) {
  OfficePrivateKey key;
  if (!UnwrapUnder(wrapping, sealed, kPrivateKeyContext, key.bytes)) {
    return Error{ErrorCode::kUnauthenticated, "wrong office passphrase"};
  }
  Key32 derived_public{};
  if (key.bytes.size() != crypto_box_SECRETKEYBYTES ||
      crypto_scalarmult_base(derived_public.data(), key.bytes.data()) != 0 ||
      !ConstantTimeEquals(derived_public.data(), expected.bytes.data(), 32)) {
    return Error{ErrorCode::kInternal, "the stored office key does not match its public key"};
  }
  return key;
}

SecretBytes GenerateOfficeSecret() {
  SecretBytes secret(32);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

Bytes WrapOfficeSecret(const SecretBytes& secret, const PassphraseKey& wrapping) {
  return WrapUnder(wrapping, secret.view(), kSecretContext);
}

Result<SecretBytes> UnwrapOfficeSecret(const Bytes& sealed, const PassphraseKey& wrapping) {
  SecretBytes secret;
  if (!UnwrapUnder(wrapping, sealed, kSecretContext, secret) || secret.size() != 32) {
    return Error{ErrorCode::kUnauthenticated, "wrong office passphrase"};
  }
  return secret;
}

PassphraseKey RandomWrappingKey() { return PassphraseKey{GenerateOfficeSecret()}; }

Bytes WrapCustodianShare(const SecretBytes& share, const PassphraseKey& custodian_key,
                         std::string_view custodian) {
  return WrapUnder(custodian_key, share.view(),
                   std::string(kShareContext) + std::string(custodian));
}

Result<SecretBytes> UnwrapCustodianShare(const Bytes& sealed, const PassphraseKey& custodian_key,
                                         std::string_view custodian) {
  SecretBytes share;
  if (!UnwrapUnder(custodian_key, sealed, std::string(kShareContext) + std::string(custodian),
                   share)) {
    return Error{ErrorCode::kUnauthenticated, "wrong passphrase for this custodian"};
  }
  return share;
}

}  // namespace lifeline::crypto
