#pragma once
// Device tokens for sign-in throttling (OWASP, "Slow down online guessing attacks with device
// cookies"). A browser or API client that once signed in to an account (password and, where
// enrolled, second factor) holds a token for that account; its later attempts are throttled
// on that device alone, so no one guessing the account's password from elsewhere, or from the
// same address (every client comes through one TLS proxy or onion service), can lock it out.
//
// A token is opaque: hex of nonce (16 bytes) | expiry (8 bytes, seconds since the epoch, big
// endian) | MAC (32 bytes) over a label, the account name, the nonce and the expiry, under a
// key derived from the office secret (it survives restarts and key rotation; the intake role
// has no sign-in and no key). Nothing is stored on the server; the token carries no personal
// data. One cookie holds the tokens of up to kMaxAccounts accounts, '.'-separated, newest
// first, so a shared desk's operators each keep theirs.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/bytes.hpp"
#include "crypto/record_sealer.hpp"

namespace lifeline::app {

/// The key device tokens are MAC'd with; only the office secret's holder can derive it.
crypto::Key32 SignInDeviceKey(const crypto::OfficeOpener& office);

class SignInDevices {
 public:
  static constexpr std::size_t kMaxAccounts = 4;
  static constexpr std::chrono::seconds kLifetime{180 * 24 * 60 * 60};

  explicit SignInDevices(const crypto::Key32& key) : key_(key) {}
  ~SignInDevices();
  SignInDevices(const SignInDevices&) = delete;
  SignInDevices& operator=(const SignInDevices&) = delete;

  /// The nonce of a token in `cookie` that is valid for `account` and unexpired at `now`, as
  /// the device's identity for the throttle; nullopt when there is none (no cookie, forged,
  /// altered, expired, or for another account): the attempt is then an untrusted client's.
  /// Costs one keyed hash per token, no password hash. Thread-safe.
  std::optional<std::string> Recognise(std::string_view cookie, std::string_view account,
                                       std::chrono::sys_seconds now) const;

  /// The cookie value after a successful sign-in to `account`: a fresh token for it first,
  /// then the well-formed, unexpired tokens of other accounts from `cookie` (their MACs cannot
  /// be checked without their names; at most kMaxAccounts tokens in all). `account`'s older
  /// tokens are dropped. Thread-safe.
  std::string Issue(std::string_view cookie, std::string_view account,
                    std::chrono::sys_seconds now) const;

 private:
  struct Parsed {
    std::string nonce;  // 16 raw bytes
    std::int64_t expiry = 0;
  };
  std::optional<Parsed> ValidFor(std::string_view token, std::string_view account) const;
  std::string Mac(std::string_view account, std::string_view nonce, std::int64_t expiry) const;

  crypto::Key32 key_;  // wiped on destruction
};

}  // namespace lifeline::app
