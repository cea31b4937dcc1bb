#include "app/accounts/two_factor.hpp"

#include <cctype>

#include "app/accounts/stored_password.hpp"
#include "crypto/crypto.hpp"
#include "crypto/totp.hpp"

namespace lifeline::app {
namespace {

constexpr std::string_view kRequiredSetting = "require_totp";
constexpr std::string_view kRecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";  // no 0/o, 1/l/i

std::string UserTag(std::int64_t user_id) { return "totp-secret/user:" + std::to_string(user_id); }

// "abcde-fghjk": 10 characters from 31 symbols, about 49.5 bits.
std::string NewRecoveryCode() {
  return crypto::RandomFrom(kRecoveryAlphabet, 5) + "-" + crypto::RandomFrom(kRecoveryAlphabet, 5);
}

std::string NormaliseRecoveryCode(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

TwoFactor::TwoFactor(store::UserStore& users, AuditLog& audit, const Clock& clock,
                     const crypto::OfficeOpener& office)
    : users_(users),
      audit_(audit),
      clock_(clock),
      seal_key_(office.DeriveSubkey("lifeline/totp-seal/v1")),
      recovery_key_(office.DeriveSubkey("lifeline/recovery-code/v1")) {}

TwoFactor::~TwoFactor() {
  crypto::Wipe(seal_key_);
  crypto::Wipe(recovery_key_);
}

crypto::Bytes TwoFactor::Seal(std::int64_t user_id, const crypto::SecretBytes& secret) const {
  return crypto::AeadEncrypt(seal_key_, secret.view(), UserTag(user_id));
}

std::optional<crypto::SecretBytes> TwoFactor::Open(std::int64_t user_id,
                                                   const store::Blob& sealed) const {
  crypto::SecretBytes secret;
  if (sealed.empty() || !crypto::AeadDecrypt(seal_key_, sealed, UserTag(user_id), secret))
    return std::nullopt;
  return secret;
}

store::Blob32 TwoFactor::RecoveryHash(std::int64_t user_id, const std::string& code) const {
  return crypto::KeyedHash(recovery_key_,
                           std::to_string(user_id) + ":" + NormaliseRecoveryCode(code));
}

namespace {

// After a reset, the account chooses its password before it enrols a second factor.
const Error kChoosePasswordFirst{ErrorCode::kConflict, "choose a new password first"};

bool MustChoosePassword(const store::UserRecord& user) {
  return ReadStoredPassword(user.password_hash).stage == PasswordStage::kMustChoose;
}

}  // namespace

Result<Enrollment> TwoFactor::Begin(const Actor& actor) {
  auto user = users_.FindUserById(actor.user_id);
  if (!user) return user.error();
  if (MustChoosePassword(*user)) return kChoosePasswordFirst;
  const crypto::SecretBytes secret = crypto::NewTotpSecret();
  if (auto s = users_.SetPendingTotp(actor.user_id, Seal(actor.user_id, secret)); !s)
    return s.error();
  return Enrollment{crypto::TotpUri(secret, "lifeline", actor.name), crypto::Base32(secret)};
}

Result<std::vector<std::string>> TwoFactor::Confirm(const Actor& actor, const std::string& code) {
  auto user = users_.FindUserById(actor.user_id);
  if (!user) return user.error();
  if (MustChoosePassword(*user)) return kChoosePasswordFirst;
  auto secret = Open(actor.user_id, user->totp_pending_sealed);
  if (!secret)
    return InvalidInput("start the set-up again: no second factor is being set up", "code");
  auto step = crypto::MatchTotp(*secret, code, clock_.Now());
  if (!step)
    return InvalidInput("that code is not right; check the phone's clock and try again", "code");
  std::vector<std::string> codes;
  std::vector<store::Blob32> hashes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    codes.push_back(NewRecoveryCode());
    hashes.push_back(RecoveryHash(actor.user_id, codes.back()));
  }
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kSecondFactorEnabled,
                                    "user:" + std::to_string(actor.user_id)});
      !audited) {
    return audited.error();
  }
  if (auto s = users_.ActivateTotp(actor.user_id, Seal(actor.user_id, *secret),
                                   static_cast<std::int64_t>(*step), hashes);
      !s) {
    return s.error();
  }
  // The reset this enrolment completes is over: the password is the person's own again.
  if (const auto stored = ReadStoredPassword(user->password_hash);
      stored.stage == PasswordStage::kMustEnrol) {
    if (auto s = users_.SetPasswordHash(actor.user_id, std::string(stored.hash)); !s)
      return s.error();
  }
  return codes;
}

Status TwoFactor::Disable(const Actor& actor, const std::string& code) {
  auto user = users_.FindUserById(actor.user_id);
  if (!user) return user.error();
  if (user->totp_sealed.empty()) return OkStatus();
  auto ok = Check(*user, code);
  if (!ok) return ok.error();
  if (!*ok) return InvalidInput("that code is not right", "code");
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kSecondFactorDisabled,
                                    "user:" + std::to_string(actor.user_id)});
      !audited) {
    return audited.error();
  }
  return users_.ClearTotp(actor.user_id);
}

Result<bool> TwoFactor::Check(const store::UserRecord& user, const std::string& code) {
  if (user.totp_sealed.empty()) return true;
  if (code.empty() || code.size() > 32) return false;
  auto secret = Open(user.id, user.totp_sealed);
  if (!secret) return Error{ErrorCode::kInternal, "a second-factor secret does not open"};
  if (auto step = crypto::MatchTotp(*secret, code, clock_.Now())) {
    return users_.AdvanceTotpStep(user.id, static_cast<std::int64_t>(*step));  // false: replay
  }
  auto used = users_.UseRecoveryCode(user.id, RecoveryHash(user.id, code));
  if (!used || !*used) return used;
  if (auto audited = audit_.Record(
          {user.id, user.name, AuditAction::kRecoveryCodeUsed, "user:" + std::to_string(user.id)});
      !audited) {
    return audited.error();
  }
  return true;
}

Result<TwoFactor::State> TwoFactor::StateOf(const Actor& actor) {
  auto user = users_.FindUserById(actor.user_id);
  if (!user) return user.error();
  auto required = Required();
  if (!required) return required.error();
  return State{!user->totp_sealed.empty(), *required};
}

Result<bool> TwoFactor::Required() {
  auto value = users_.GetSetting(std::string(kRequiredSetting));
  if (!value) return value.error();
  return *value == "yes";
}

Status TwoFactor::SetRequired(const Actor& actor, bool required) {
  if (auto allowed = Require(actor, Permission::kManageSettings); !allowed) return allowed;
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kSettingChanged,
                                    std::string("setting:") + std::string(kRequiredSetting)});
      !audited) {
    return audited;
  }
  return users_.PutSetting(std::string(kRequiredSetting), required ? "yes" : "no");
}

}  // namespace lifeline::app
