#include "crypto/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

void EnsureOath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath could not be initialised");
  });
}

int Flags(TotpHash hash) {
  switch (hash) {
    case TotpHash::kSha1:
      return 0;
    case TotpHash::kSha256:
      return OATH_TOTP_HMAC_SHA256;
    case TotpHash::kSha512:
      return OATH_TOTP_HMAC_SHA512;
  }
  return 0;
}

std::string PercentEncode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

SecretBytes NewTotpSecret() {
  const Bytes random = RandomBytes(kTotpSecretBytes);
  return SecretBytes(random.data(), random.size());
}

std::string TotpCode(const SecretBytes& secret, std::chrono::sys_seconds now, TotpParameters p) {
  EnsureOath();
  char code[16] = {};
  if (oath_totp_generate2(reinterpret_cast<const char*>(secret.data()), secret.size(),
                          static_cast<time_t>(now.time_since_epoch().count()), p.step_seconds, 0,
                          p.digits, Flags(p.hash), code) != OATH_OK) {
    throw std::runtime_error("a one-time code could not be computed");
  }
  return code;
}

std::optional<std::uint64_t> MatchTotp(const SecretBytes& secret, std::string_view code,
                                       std::chrono::sys_seconds now, unsigned window,
                                       TotpParameters p) {
  EnsureOath();
  if (code.size() != p.digits || code.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  const std::string otp(code);
  int position = 0;
  std::uint64_t counter = 0;
  const int rc =
      oath_totp_validate4(reinterpret_cast<const char*>(secret.data()), secret.size(),
                          static_cast<time_t>(now.time_since_epoch().count()), p.step_seconds, 0,
                          window, &position, &counter, Flags(p.hash), otp.c_str());
  if (rc < 0) return std::nullopt;
  return counter;
}

std::string Base32(const SecretBytes& secret) {
  EnsureOath();
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_encode(reinterpret_cast<const char*>(secret.data()), secret.size(), &out,
                         &length) != OATH_OK) {
    throw std::runtime_error("base32 encoding failed");
  }
  std::string text(out, length);
  sodium_memzero(out, length);
  std::free(out);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::string TotpUri(const SecretBytes& secret, std::string_view issuer, std::string_view account) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) +
         "?secret=" + Base32(secret) + "&issuer=" + PercentEncode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace lifeline::crypto
