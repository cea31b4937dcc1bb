#pragma once
// The token in a reply's delivery-report URL (Kannel's dlr-url), so that only Kannel, which
// got the URL with the reply, can report on it: a MAC of the reply id under a key derived
// from the inbound token's secret. Nobody can guess the token of another reply, and it
// survives a restart (the secret is the same). Thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/crypto.hpp"

namespace lifeline::channels::sms {

class DeliveryTokens {
 public:
  /// `secret`: the SMS gateway's shared secret (--sms-inbound-token-file).
  explicit DeliveryTokens(std::string_view secret);
  /// 32 hex digits.
  std::string TokenFor(std::int64_t reply_id) const;
  /// Whether `token` is reply_id's, compared in constant time.
  bool Verify(std::int64_t reply_id, std::string_view token) const;

 private:
  crypto::Key32 key_;
};

/// Whether `given` equals `expected`, in time that does not depend on where they differ (both
/// are hashed first, so neither length leaks either).
bool SecretEquals(std::string_view given, std::string_view expected);

}  // namespace lifeline::channels::sms
