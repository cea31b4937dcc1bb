#pragma once
// Operator passwords: Argon2id in libsodium's self-describing string format.

#include <string>
#include <string_view>

namespace lifeline::crypto {

/// Minimum password length accepted for operator accounts.
inline constexpr std::size_t kMinPasswordLength = 12;

/// Argon2id hash string ("$argon2id$v=19$m=65536,t=2,..."). Costs about 0.1 s. Thread-safe.
std::string HashPassword(std::string_view password);

/// True when `password` matches `hash`. An empty or malformed hash never matches, but still
/// costs one hash computation so that unknown accounts take as long as known ones.
bool VerifyPassword(std::string_view hash, std::string_view password);

}  // namespace lifeline::crypto
