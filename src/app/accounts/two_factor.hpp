#pragma once
// The operators' second factor: TOTP secrets enrolled from the console, recovery codes, and
// the administrator's "required for everyone" setting. Secrets are stored sealed under a
// key derived from the office secret; recovery codes only as keyed hashes.

#include <string>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/clock.hpp"
#include "crypto/record_sealer.hpp"
#include "store/store.hpp"

namespace lifeline::app {

struct Enrollment {
  std::string otpauth_uri;    // for the QR code
  std::string secret_base32;  // for typing in by hand
};

class TwoFactor {
 public:
  static constexpr int kRecoveryCodes = 10;

  /// `users`, `audit` and `clock` must outlive this. Thread-safe.
  TwoFactor(store::UserStore& users, AuditLog& audit, const Clock& clock,
            const crypto::OfficeOpener& office);
  ~TwoFactor();

  /// Starts (or restarts) enrolment for the actor: a new secret, pending until confirmed.
  Result<Enrollment> Begin(const Actor& actor);

  /// Confirms enrolment with a code from the app; returns the recovery codes, shown once.
  /// kInvalidInput for a wrong code or when no enrolment was begun.
  Result<std::vector<std::string>> Confirm(const Actor& actor, const std::string& code);

  /// Turns the second factor off; needs a current code (or a recovery code).
  Status Disable(const Actor& actor, const std::string& code);

  /// True when `user` has no second factor, or `code` is a fresh TOTP code or an unused
  /// recovery code. A code whose time step was already used is refused (replay).
  Result<bool> Check(const store::UserRecord& user, const std::string& code);

  /// What the security page shows, in one read each: whether the actor's account has an
  /// active second factor, and whether every account must have one.
  struct State {
    bool enabled = false;
    bool required = false;
  };
  Result<State> StateOf(const Actor& actor);

  /// Whether every account must have a second factor; admins change it.
  Result<bool> Required();
  Status SetRequired(const Actor& actor, bool required);

 private:
  crypto::Bytes Seal(std::int64_t user_id, const crypto::SecretBytes& secret) const;
  std::optional<crypto::SecretBytes> Open(std::int64_t user_id, const store::Blob& sealed) const;
  store::Blob32 RecoveryHash(std::int64_t user_id, const std::string& code) const;

  store::UserStore& users_;
  AuditLog& audit_;
  const Clock& clock_;
  crypto::Key32 seal_key_;
  crypto::Key32 recovery_key_;
};

}  // namespace lifeline::app
