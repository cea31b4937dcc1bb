#include "crypto/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace lifeline::crypto {
namespace {
constexpr unsigned long long kOps = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
}  // namespace

std::string HashPassword(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOps, kMem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("out of memory while hashing a password");
  }
  return out;
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  static const std::string dummy = HashPassword("lifeline-timing-equaliser");
  const bool known = !hash.empty() && hash.size() < crypto_pwhash_STRBYTES;
  const std::string& target = known ? std::string(hash) : dummy;
  const bool match =
      crypto_pwhash_str_verify(target.c_str(), password.data(), password.size()) == 0;
  return known && match;
}

}  // namespace lifeline::crypto
