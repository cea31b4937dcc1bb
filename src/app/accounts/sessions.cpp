#include "app/accounts/sessions.hpp"

#include "app/accounts/stored_password.hpp"
#include "crypto/crypto.hpp"
#include "crypto/password.hpp"

namespace lifeline::app {
namespace {

const Error kSignInFailed{ErrorCode::kUnauthenticated,
                          "wrong user name, password or one-time code"};
const Error kNoSession{ErrorCode::kUnauthenticated, "please sign in"};

std::string TokenHash(const std::string& token) {
  const auto hash = crypto::Hash("lifeline/session-token/v1", token);
  return std::string(reinterpret_cast<const char*>(hash.data()), hash.size());
}

}  // namespace

Sessions::Sessions(store::UserStore& users, AuditLog& audit, TwoFactor& two_factor,
                   const Clock& clock, const crypto::Key32& device_key, SessionLimits limits,
                   ThrottleLimits throttle, const RowIntegrity* integrity)
    : users_(users),
      audit_(audit),
      integrity_(integrity),
      two_factor_(two_factor),
      clock_(clock),
      limits_(limits),
      throttle_(throttle),
      devices_(device_key) {}

Result<NewSession> Sessions::SignIn(const std::string& name, const std::string& password,
                                    const std::string& code, const std::string& source,
                                    const std::string& device_cookie) {
  if (name.size() > 64 || password.size() > 1024) return kSignInFailed;
  const SignInAttempt attempt{name, source, devices_.Recognise(device_cookie, name, clock_.Now())};
  if (const auto wait = throttle_.WaitBefore(attempt, clock_.Now()); wait.count() > 0) {
    return Error{.code = ErrorCode::kRateLimited,
                 .message = "too many failed sign-ins; wait before trying again",
                 .retry_after_seconds = static_cast<int>(wait.count())};
  }
  auto user = users_.FindUserByName(name);
  if (!user && user.error().code != ErrorCode::kNotFound) return user.error();
  const std::string column = user ? user->password_hash : std::string();
  const StoredPassword stored = ReadStoredPassword(column);
  // An administrator's one-time password that has run out signs in to nothing.
  const bool expired = stored.stage == PasswordStage::kMustChoose &&
                       clock_.Now().time_since_epoch().count() > stored.valid_until;
  bool passed =
      crypto::VerifyPassword(stored.hash, password) && user && !user->disabled && !expired;
  // Checked once the password matched, so that the answer tells a stranger nothing: an
  // account whose row was edited (a role raised, a hash replaced) does not sign in.
  if (passed && integrity_) {
    if (auto sound = integrity_->Check("users", user->id); !sound) return sound.error();
  }
  if (passed) {
    auto second = two_factor_.Check(*user, code);
    if (!second) return second.error();
    passed = *second;
  }
  if (!passed) {
    throttle_.RecordFailure(attempt, clock_.Now());
    // The typed name is not recorded: it could be anything, even someone's real name.
    (void)audit_.Record({.action = AuditAction::kSignInFailed,
                         .target = user ? "user:" + std::to_string(user->id) : ""});
    return kSignInFailed;
  }
  if (auto audited = audit_.Record(
          {user->id, user->name, AuditAction::kSignIn, "user:" + std::to_string(user->id)});
      !audited) {
    return audited.error();
  }
  throttle_.RecordSuccess(attempt);
  const auto now = clock_.Now();
  NewSession session{crypto::RandomToken(), crypto::RandomToken(),
                     Actor{user->id, user->name, user->role},
                     devices_.Issue(device_cookie, name, now)};
  std::lock_guard lock(mutex_);
  DropExpiredLocked(now);
  by_token_hash_[TokenHash(session.token)] = {{session.actor, session.csrf_token}, now, now};
  return session;
}

Result<SessionInfo> Sessions::Authenticate(const std::string& token, bool refresh) {
  if (token.empty() || token.size() > 128) return kNoSession;
  const auto now = clock_.Now();
  SessionInfo info;
  {
    std::lock_guard lock(mutex_);
    auto it = by_token_hash_.find(TokenHash(token));
    if (it == by_token_hash_.end()) return kNoSession;
    Entry& e = it->second;
    if (now - e.last_seen > limits_.idle || now - e.created > limits_.absolute) {
      by_token_hash_.erase(it);
      return kNoSession;
    }
    if (refresh) e.last_seen = now;
    info = e.info;
  }
  // The role a session acts with came from the account's row: the row must still be the
  // office's own.
  if (integrity_) {
    if (auto sound = integrity_->Check("users", info.actor.user_id); !sound) return sound.error();
  }
  auto user = users_.FindUserById(info.actor.user_id);
  if (!user || user->disabled) {
    EndSessionsOf(info.actor.user_id);
    return kNoSession;
  }
  auto required = two_factor_.Required();
  if (!required) return required.error();
  const PasswordStage stage = ReadStoredPassword(user->password_hash).stage;
  info.must_choose_password = stage == PasswordStage::kMustChoose;
  info.must_enrol_second_factor =
      user->totp_sealed.empty() && (*required || stage != PasswordStage::kInUse);
  info.console_language = user->console_language;
  return info;
}

Status Sessions::SetOwnConsoleLanguage(const std::string& token, Language language) {
  auto session = Authenticate(token, /*refresh=*/false);
  if (!session) return session.error();
  if (language != Language::kRu && language != Language::kUk && language != Language::kEn) {
    return Error{ErrorCode::kInvalidInput, "the console is in ru, uk or en", "language"};
  }
  return users_.SetConsoleLanguage(session->actor.user_id, language);
}

Status Sessions::ChangePassword(const std::string& token, const std::string& current,
                                const std::string& chosen) {
  auto session = Authenticate(token);
  if (!session) return session.error();
  auto user = users_.FindUserById(session->actor.user_id);
  if (!user) return user.error();
  const StoredPassword stored = ReadStoredPassword(user->password_hash);
  // Guessing the current password through a session (a stolen one) is slowed like guessing
  // at sign-in, and its failures count against the account for untrusted clients.
  const SignInAttempt attempt{session->actor.name, "password-change", std::nullopt};
  if (const auto wait = throttle_.WaitBefore(attempt, clock_.Now()); wait.count() > 0) {
    return Error{.code = ErrorCode::kRateLimited,
                 .message = "too many wrong passwords; wait before trying again",
                 .retry_after_seconds = static_cast<int>(wait.count())};
  }
  if (stored.stage != PasswordStage::kMustChoose &&
      (current.size() > 1024 || !crypto::VerifyPassword(stored.hash, current))) {
    throttle_.RecordFailure(attempt, clock_.Now());
    return InvalidInput("the current password is not right", "current_password");
  }
  if (chosen.size() < crypto::kMinPasswordLength || chosen.size() > 1024) {
    return InvalidInput("passwords must be at least 12 characters long", "new_password");
  }
  if (crypto::VerifyPassword(stored.hash, chosen)) {
    return InvalidInput("choose a password other than the one you have now", "new_password");
  }
  const PasswordStage next =
      stored.stage == PasswordStage::kInUse ? PasswordStage::kInUse : PasswordStage::kMustEnrol;
  const Actor& actor = session->actor;
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kPasswordChanged,
                                    "user:" + std::to_string(actor.user_id)});
      !audited) {
    return audited;
  }
  if (auto s = users_.SetPasswordHash(actor.user_id,
                                      StoredPasswordColumn(next, crypto::HashPassword(chosen)));
      !s) {
    return s;
  }
  const std::string keep = TokenHash(token);
  std::lock_guard lock(mutex_);
  std::erase_if(by_token_hash_, [&](const auto& item) {
    return item.second.info.actor.user_id == actor.user_id && item.first != keep;
  });
  return OkStatus();
}

void Sessions::EndSessionsOf(std::int64_t user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(by_token_hash_,
                [&](const auto& item) { return item.second.info.actor.user_id == user_id; });
}

std::chrono::seconds Sessions::LockedFor(const std::string& name) {
  return throttle_.AccountWait(name, clock_.Now());
}

void Sessions::Unlock(const std::string& name) { throttle_.ForgetAccount(name); }

void Sessions::SignOutEverywhere(const std::string& token) {
  std::optional<Actor> actor;
  {
    std::lock_guard lock(mutex_);
    auto it = by_token_hash_.find(TokenHash(token));
    if (it == by_token_hash_.end()) return;
    actor = it->second.info.actor;
    std::erase_if(by_token_hash_, [&](const auto& item) {
      return item.second.info.actor.user_id == actor->user_id;
    });
  }
  (void)audit_.Record({actor->user_id, actor->name, AuditAction::kSignOut,
                       "user:" + std::to_string(actor->user_id) + ":everywhere"});
}

void Sessions::SignOut(const std::string& token) {
  std::optional<Actor> actor;
  {
    std::lock_guard lock(mutex_);
    auto it = by_token_hash_.find(TokenHash(token));
    if (it == by_token_hash_.end()) return;
    actor = it->second.info.actor;
    by_token_hash_.erase(it);
  }
  (void)audit_.Record({actor->user_id, actor->name, AuditAction::kSignOut,
                       "user:" + std::to_string(actor->user_id)});
}

void Sessions::DropExpiredLocked(std::chrono::sys_seconds now) {
  std::erase_if(by_token_hash_, [&](const auto& item) {
    return now - item.second.last_seen > limits_.idle ||
           now - item.second.created > limits_.absolute;
  });
}

}  // namespace lifeline::app
