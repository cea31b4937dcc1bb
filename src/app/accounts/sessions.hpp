#pragma once
// Operator sign-in and cookie sessions. Tokens are random 256-bit values; only their hash is
// held, in memory (a restart signs everyone out, which errs on the safe side).

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/accounts/actor.hpp"
#include "app/accounts/sign_in_device.hpp"
#include "app/accounts/sign_in_throttle.hpp"
#include "app/accounts/two_factor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/audit/row_integrity.hpp"
#include "app/clock.hpp"
#include "store/store.hpp"

namespace lifeline::app {

struct SessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds absolute{12 * 60 * 60};
};

struct NewSession {
  std::string token;       // goes to the cookie; secret
  std::string csrf_token;  // goes into forms; secret
  Actor actor;
  std::string device_cookie;  // the sign-in device cookie's new value (sign_in_device.hpp)
};

struct SessionInfo {
  Actor actor;
  std::string csrf_token;
  // A second factor is required for everyone and this account has none yet: until it
  // enrols, the session may only reach the second-factor set-up.
  // Also while an administrator's reset is under way (stored_password.hpp), whatever the
  // office requires.
  bool must_enrol_second_factor = false;
  // The session was opened with a one-time password from an administrator's reset: the
  // account must choose its own before anything else (and then enrol a second factor).
  bool must_choose_password = false;
  // The language the account reads the console in (ru, uk or en), as its row says now.
  Language console_language = Language::kRu;
};

class Sessions {
 public:
  /// `users`, `audit`, `two_factor` and `clock` must outlive this; `device_key` is
  /// SignInDeviceKey(office). Thread-safe. With `integrity` (it must outlive this), an
  /// account's row must pass its tamper check at sign-in (after the password) and on every
  /// request: kIntegrity otherwise, audited.
  Sessions(store::UserStore& users, AuditLog& audit, TwoFactor& two_factor, const Clock& clock,
           const crypto::Key32& device_key, SessionLimits limits = {}, ThrottleLimits throttle = {},
           const RowIntegrity* integrity = nullptr);

  /// kUnauthenticated with one message for an unknown user, a wrong password, a missing,
  /// wrong or replayed one-time code (for accounts with a second factor) or a disabled
  /// account alike; each costs one password hash so timing does not tell them apart.
  /// Both outcomes are audited; a sign-in whose audit entry cannot be written fails.
  /// Repeated failures make further attempts wait: kRateLimited with retry_after_seconds,
  /// before any password is checked (sign_in_throttle.hpp). An attempt whose `device_cookie`
  /// holds a valid token for `name` is throttled on that device alone; any other is throttled
  /// per account and per `source` (the client's address, kept only in memory). A success
  /// returns the device cookie's new value in NewSession::device_cookie.
  Result<NewSession> SignIn(const std::string& name, const std::string& password,
                            const std::string& code, const std::string& source,
                            const std::string& device_cookie = {});

  /// The session for `token`, refreshing its idle timer (unless `refresh` is false: a live
  /// feed checking that its session still holds is no activity of the person's), with
  /// must_enrol_second_factor computed afresh; kUnauthenticated if unknown or expired.
  Result<SessionInfo> Authenticate(const std::string& token, bool refresh = true);

  /// Ends the session (audited) if there is one.
  void SignOut(const std::string& token);

  /// Ends every session of the token's account ("sign out everywhere"); audited.
  void SignOutEverywhere(const std::string& token);

  /// The session's account sets its own password: `current` must be its password, except in
  /// a session opened with an administrator's one-time password (must_choose_password), where
  /// the new one ends the reset and the account must then enrol a second factor. Every other
  /// session of the account ends. Audited. kInvalidInput naming "current_password" or
  /// "new_password"; kUnauthenticated without a live session.
  Status ChangePassword(const std::string& token, const std::string& current,
                        const std::string& chosen);

  /// The session's own account reads the console in `language` from its next page: ru, uk or
  /// en, else kInvalidInput naming "language". Not audited: it changes only the words the
  /// account is shown. kUnauthenticated without a live session.
  Status SetOwnConsoleLanguage(const std::string& token, Language language);

  /// Ends every session of an account (an administrator disabled or reset it). Not audited
  /// here: the administrator's action is.
  void EndSessionsOf(std::int64_t user_id);

  /// The sign-in throttle's account-wide wait for `name`, and an administrator's unlock
  /// (sign_in_throttle.hpp).
  std::chrono::seconds LockedFor(const std::string& name);
  void Unlock(const std::string& name);

 private:
  struct Entry {
    SessionInfo info;
    std::chrono::sys_seconds created;
    std::chrono::sys_seconds last_seen;
  };
  void DropExpiredLocked(std::chrono::sys_seconds now);

  store::UserStore& users_;
  AuditLog& audit_;
  const RowIntegrity* integrity_;
  TwoFactor& two_factor_;
  const Clock& clock_;
  const SessionLimits limits_;
  SignInThrottle throttle_;
  SignInDevices devices_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> by_token_hash_;  // GUARDED_BY(mutex_)
};

}  // namespace lifeline::app
