#include "app/accounts/account_admin.hpp"

#include <map>

#include "crypto/crypto.hpp"
#include "crypto/password.hpp"

namespace lifeline::app {
namespace {

// 4 groups of 5 from 31 letters and digits that are not confused when read aloud or copied
// by hand (no 0/o, 1/l/i): about 99 bits.
std::string NewOneTimePassword() {
  constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::string out = crypto::RandomFrom(kAlphabet, 5);
  for (int group = 1; group < 4; ++group) out += "-" + crypto::RandomFrom(kAlphabet, 5);
  return out;
}

std::string UserTarget(std::int64_t id) { return "user:" + std::to_string(id); }

}  // namespace

AccountAdmin::AccountAdmin(store::UserStore& users, store::AuditStore& audit_records,
                           AuditLog& audit, Sessions& sessions, const Clock& clock)
    : users_(users),
      audit_records_(audit_records),
      audit_(audit),
      sessions_(sessions),
      clock_(clock) {}

Result<std::vector<AccountView>> AccountAdmin::List(const Actor& actor) {
  if (auto allowed = Require(actor, Permission::kManageAccounts); !allowed) return allowed.error();
  auto users = users_.ListUsers();
  if (!users) return users.error();
  auto sign_ins = audit_records_.LatestAuditByActor(ToString(AuditAction::kSignIn));
  if (!sign_ins) return sign_ins.error();
  const std::map<std::int64_t, std::int64_t> last(sign_ins->begin(), sign_ins->end());
  std::vector<AccountView> out;
  for (const auto& user : *users) {
    AccountView view{.id = user.id,
                     .name = user.name,
                     .role = user.role,
                     .disabled = user.disabled,
                     .second_factor = !user.totp_sealed.empty(),
                     .password = ReadStoredPassword(user.password_hash).stage,
                     .locked_for = sessions_.LockedFor(user.name)};
    if (auto it = last.find(user.id); it != last.end()) view.last_sign_in = it->second;
    out.push_back(std::move(view));
  }
  return out;
}

Result<store::UserRecord> AccountAdmin::Target(const Actor& actor, std::int64_t user_id,
                                               bool not_oneself) {
  if (auto allowed = Require(actor, Permission::kManageAccounts); !allowed) return allowed.error();
  if (not_oneself && user_id == actor.user_id) {
    return Error{ErrorCode::kConflict,
                 "not your own account: another administrator does that (your password and "
                 "second factor are on your security page)"};
  }
  return users_.FindUserById(user_id);
}

Status AccountAdmin::SetDisabled(const Actor& actor, std::int64_t user_id, bool disabled) {
  auto user = Target(actor, user_id, true);
  if (!user) return user.error();
  if (user->disabled == disabled) return OkStatus();
  if (auto audited =
          audit_.Record({actor.user_id, actor.name,
                         disabled ? AuditAction::kAccountDisabled : AuditAction::kAccountEnabled,
                         UserTarget(user_id)});
      !audited) {
    return audited;
  }
  if (auto s = users_.SetUserDisabled(user_id, disabled); !s) return s;
  if (disabled) sessions_.EndSessionsOf(user_id);
  return OkStatus();
}

Result<PasswordReset> AccountAdmin::ResetPassword(const Actor& actor, std::int64_t user_id) {
  auto user = Target(actor, user_id, true);
  if (!user) return user.error();
  PasswordReset reset{NewOneTimePassword(),
                      (clock_.Now() + kOneTimePasswordLife).time_since_epoch().count()};
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kPasswordReset, UserTarget(user_id)});
      !audited) {
    return audited.error();
  }
  const std::string column = StoredPasswordColumn(
      PasswordStage::kMustChoose, crypto::HashPassword(reset.one_time_password), reset.valid_until);
  if (auto s = users_.ResetCredentials(user_id, column); !s) return s.error();
  sessions_.EndSessionsOf(user_id);
  sessions_.Unlock(user->name);
  return reset;
}

Status AccountAdmin::Unlock(const Actor& actor, std::int64_t user_id) {
  auto user = Target(actor, user_id, false);
  if (!user) return user.error();
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kAccountUnlocked, UserTarget(user_id)});
      !audited) {
    return audited;
  }
  sessions_.Unlock(user->name);
  return OkStatus();
}

}  // namespace lifeline::app
