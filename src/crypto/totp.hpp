#pragma once
// Time-based one-time passwords (RFC 6238) for the operators' second factor, computed by
// liboath. Secrets are 20 random bytes (160 bits, RFC 4226's recommendation); codes are 6
// digits over 30-second steps with HMAC-SHA1, what authenticator apps expect by default.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/bytes.hpp"

namespace lifeline::crypto {

enum class TotpHash { kSha1, kSha256, kSha512 };

struct TotpParameters {
  TotpHash hash = TotpHash::kSha1;
  unsigned digits = 6;
  unsigned step_seconds = 30;
};

inline constexpr std::size_t kTotpSecretBytes = 20;

/// A fresh random secret.
SecretBytes NewTotpSecret();

/// The code for `now`. Thread-safe.
std::string TotpCode(const SecretBytes& secret, std::chrono::sys_seconds now,
                     TotpParameters parameters = {});

/// The time step (counter) whose code equals `code`, searching `window` steps either side
/// of `now` to allow for clock drift; nullopt if none matches. Callers refuse a counter at
/// or below the last one accepted, which stops replay.
std::optional<std::uint64_t> MatchTotp(const SecretBytes& secret, std::string_view code,
                                       std::chrono::sys_seconds now, unsigned window = 1,
                                       TotpParameters parameters = {});

/// RFC 4648 base32 without padding, as authenticator apps take it.
std::string Base32(const SecretBytes& secret);

/// The otpauth:// URI an authenticator app reads from the QR code.
std::string TotpUri(const SecretBytes& secret, std::string_view issuer, std::string_view account);

}  // namespace lifeline::crypto
