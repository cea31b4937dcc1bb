#include "crypto/receipt_keys.hpp"

#include <sodium.h>

#include <stdexcept>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {

ReceiptKeys DeriveReceiptKeys(std::string_view receipt_digits, const Bytes& salt) {
  static_assert(kReceiptSaltBytes == crypto_pwhash_SALTBYTES);
  if (salt.size() != kReceiptSaltBytes) throw std::invalid_argument("receipt salt has wrong size");
  std::uint8_t master[32];
  if (crypto_pwhash(master, sizeof master, receipt_digits.data(), receipt_digits.size(),
                    salt.data(), kReceiptOpsLimit, kReceiptMemLimit,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a receipt");
  }
  const std::string_view master_view(reinterpret_cast<const char*>(master), sizeof master);
  ReceiptKeys keys;
  keys.lookup = Hash("lifeline/receipt-lookup/v1", master_view);
  Key32 seed = Hash("lifeline/receipt-reply-key/v1", master_view);
  sodium_memzero(master, sizeof master);
  keys.reply_secret = SecretBytes(crypto_box_SECRETKEYBYTES);
  crypto_box_seed_keypair(keys.reply_public.data(), keys.reply_secret.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  return keys;
}

Key32 CommitToReceipt(std::string_view receipt_digits, const Bytes& salt) {
  if (salt.size() != kReceiptSaltBytes)
    throw std::invalid_argument("commitment salt has wrong size");
  std::uint8_t stretched[32];
  if (crypto_pwhash(stretched, sizeof stretched, receipt_digits.data(), receipt_digits.size(),
                    salt.data(), kReceiptOpsLimit, kReceiptMemLimit,
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while committing to a receipt");
  }
  const Key32 commitment = Hash("lifeline/proof-commitment/v1",
                                {reinterpret_cast<const char*>(stretched), sizeof stretched});
  sodium_memzero(stretched, sizeof stretched);
  return commitment;
}

Bytes SealForApplicant(const Key32& reply_public, std::string_view text) {
  Bytes sealed(text.size() + crypto_box_SEALBYTES);
  crypto_box_seal(sealed.data(), reinterpret_cast<const std::uint8_t*>(text.data()), text.size(),
                  reply_public.data());
  return sealed;
}

bool OpenForApplicant(const ReceiptKeys& keys, const Bytes& sealed, SecretBytes& text) {
  text.Wipe();
  if (sealed.size() < crypto_box_SEALBYTES) return false;
  SecretBytes out(sealed.size() - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(out.data(), sealed.data(), sealed.size(), keys.reply_public.data(),
                           keys.reply_secret.data()) != 0) {
    return false;
  }
  text = std::move(out);
  return true;
}

}  // namespace lifeline::crypto
