#include "crypto/office_keys.hpp"

#include <sodium.h>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

constexpr std::string_view kWrapContext = "lifeline/office-private-key/v1";

Key32 DeriveWrappingKey(std::string_view passphrase, const Bytes& salt, std::uint64_t ops,
                        std::uint64_t mem) {
  Key32 key{};
  if (salt.size() != crypto_pwhash_SALTBYTES ||
      crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(), salt.data(),
                    ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    key.fill(0);
  }
  return key;
}

}  // namespace

OfficeKeyPair GenerateOfficeKeyPair() {
  OfficeKeyPair pair;
  pair.private_key.bytes = SecretBytes(crypto_box_SECRETKEYBYTES);
  crypto_box_keypair(pair.public_key.bytes.data(), pair.private_key.bytes.data());
  return pair;
}

WrappedPrivateKey WrapPrivateKey(const OfficePrivateKey& key, std::string_view passphrase) {
  WrappedPrivateKey wrapped;
  wrapped.salt = RandomBytes(crypto_pwhash_SALTBYTES);
  wrapped.opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
  wrapped.memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
  Key32 wrapping = DeriveWrappingKey(passphrase, wrapped.salt, wrapped.opslimit, wrapped.memlimit);
  wrapped.sealed = AeadEncrypt(wrapping, key.bytes.view(), kWrapContext);
  sodium_memzero(wrapping.data(), wrapping.size());
  return wrapped;
}

Result<OfficePrivateKey> UnwrapPrivateKey(const WrappedPrivateKey& wrapped,
                                          std::string_view passphrase,
                                          const OfficePublicKey& expected) {
  // Bounded so that a tampered database cannot make start-up allocate without limit.
  if (wrapped.memlimit > (std::uint64_t{4} << 30) || wrapped.opslimit > 64) {
    return Error{ErrorCode::kInternal, "the stored office key has implausible parameters"};
  }
  Key32 wrapping = DeriveWrappingKey(passphrase, wrapped.salt, wrapped.opslimit, wrapped.memlimit);
  OfficePrivateKey key;
  const bool opened = AeadDecrypt(wrapping, wrapped.sealed, kWrapContext, key.bytes);
  sodium_memzero(wrapping.data(), wrapping.size());
  if (!opened) return Error{ErrorCode::kUnauthenticated, "wrong office passphrase"};
  Key32 derived_public{};
  if (key.bytes.size() != crypto_box_SECRETKEYBYTES ||
      crypto_scalarmult_base(derived_public.data(), key.bytes.data()) != 0 ||
      !ConstantTimeEquals(derived_public.data(), expected.bytes.data(), 32)) {
    return Error{ErrorCode::kInternal, "the stored office key does not match its public key"};
  }
  return key;
}

}  // namespace lifeline::crypto
