#include "crypto/signature.hpp"

#include <sodium.h>

namespace lifeline::crypto {

static_assert(crypto_sign_BYTES == 64 && crypto_sign_PUBLICKEYBYTES == 32 &&
              crypto_sign_SEEDBYTES == 32);

SigningKey SigningKeyFromSeed(const Key32& seed) {
  SigningKey key;
  key.secret_key = SecretBytes(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(key.public_key.data(), key.secret_key.data(), seed.data());
  return key;
}

Signature Sign(const SigningKey& key, std::string_view message) {
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       key.secret_key.data());
  return signature;
}

bool VerifySignature(const Key32& public_key, const Signature& signature,
                     std::string_view message) {
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

}  // namespace lifeline::crypto
