#pragma once
// What an administrator does to accounts (issue 20): see them with their last sign-in and
// whether sign-in is throttled, disable and re-enable them, reset a password, and unlock an
// account the sign-in throttle holds. Every change is audited before it is made; nothing here
// reads or touches a case. An administrator cannot disable or reset their own account, so
// there is always an administrator left who can undo a mistake.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/accounts/sessions.hpp"
#include "app/accounts/stored_password.hpp"
#include "app/audit/audit_log.hpp"
#include "app/clock.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// One account as the administrator sees it: nothing secret.
struct AccountView {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::kOperator;
  bool disabled = false;
  bool second_factor = false;  // an active second factor
  PasswordStage password = PasswordStage::kInUse;
  std::optional<std::int64_t> last_sign_in;  // Unix seconds, from the audit log
  std::chrono::seconds locked_for{0};        // the sign-in throttle's wait for untrusted clients
};

/// What a reset hands the administrator, once: the one-time password to give the person by
/// a trusted way, and until when it works.
struct PasswordReset {
  std::string one_time_password;
  std::int64_t valid_until = 0;  // Unix seconds
};

class AccountAdmin {
 public:
  /// How long a reset's one-time password signs in.
  static constexpr std::chrono::hours kOneTimePasswordLife{72};

  /// All references must outlive this. Thread-safe as far as its parts are.
  AccountAdmin(store::UserStore& users, store::AuditStore& audit_records, AuditLog& audit,
               Sessions& sessions, const Clock& clock);

  /// Every account, by name. kForbidden without kManageAccounts.
  Result<std::vector<AccountView>> List(const Actor& actor);

  /// Disables (ending its sessions at once) or re-enables an account. kForbidden without
  /// kManageAccounts; kConflict for one's own account; kNotFound for no such account.
  Status SetDisabled(const Actor& actor, std::int64_t user_id, bool disabled);

  /// Replaces the account's password with a one-time password and clears its second factor:
  /// the person signs in with it, chooses a new password and enrols a second factor again
  /// before anything else (stored_password.hpp). Ends its sessions and unlocks it. Errors as
  /// SetDisabled.
  Result<PasswordReset> ResetPassword(const Actor& actor, std::int64_t user_id);

  /// Forgets the sign-in throttle's counts for the account. kForbidden without
  /// kManageAccounts; kNotFound for no such account.
  Status Unlock(const Actor& actor, std::int64_t user_id);

 private:
  Result<store::UserRecord> Target(const Actor& actor, std::int64_t user_id, bool not_oneself);

  store::UserStore& users_;
  store::AuditStore& audit_records_;
  AuditLog& audit_;
  Sessions& sessions_;
  const Clock& clock_;
};

}  // namespace lifeline::app
