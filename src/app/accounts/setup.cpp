#include "app/accounts/setup.hpp"

#include <memory>

#include "app/audit/row_integrity.hpp"
#include "crypto/crypto.hpp"
#include "crypto/password.hpp"
#include "crypto/receipt_keys.hpp"

namespace lifeline::app {
bool IsValidUserName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

namespace {

Status CheckNewUser(const std::string& name, const std::string& password) {
  if (!IsValidUserName(name)) {
    return InvalidInput("user names are 1 to 64 characters of a-z, 0-9, '.', '_' and '-'", "name");
  }
  if (password.size() < crypto::kMinPasswordLength || password.size() > 1024) {
    return InvalidInput("passwords must be at least 12 characters long", "password");
  }
  return OkStatus();
}

}  // namespace

Result<std::int64_t> AddUser(store::UserStore& users, AuditLog& audit, const std::string& name,
                             Role role, const std::string& password) {
  if (auto ok = CheckNewUser(name, password); !ok) return ok.error();
  store::UserRecord user{
      .name = name, .role = role, .password_hash = crypto::HashPassword(password)};
  auto id = users.AddUser(user);
  if (!id) return id.error();
  if (auto audited = audit.Record(
          {.action = AuditAction::kUserAdded, .target = "user:" + std::to_string(*id)});
      !audited) {
    return audited.error();
  }
  return id;
}

Status InitialiseInstallation(store::Store& store, const std::string& passphrase,
                              const std::string& admin_name, const std::string& admin_password,
                              const std::string& anchor_path, const CustodianDeal* custodians,
                              crypto::PassphraseStrength strength) {
  if (custodians) {
    if (auto ok = CheckCustodianDeal(*custodians); !ok) return ok.error();
  } else if (passphrase.size() < kMinPassphraseLength) {
    return InvalidInput("the office passphrase must be at least 12 characters long", "passphrase");
  }
  if (auto ok = CheckNewUser(admin_name, admin_password); !ok) return ok.error();
  if (store.LoadInstallation().ok()) {
    return Error{ErrorCode::kConflict, "this data folder is already initialised"};
  }
  const crypto::PassphraseParams params = crypto::NewPassphraseParams(strength);
  auto wrapping = custodians ? Result<crypto::PassphraseKey>(crypto::RandomWrappingKey())
                             : crypto::DerivePassphraseKey(passphrase, params);
  if (!wrapping) return wrapping.error();
  crypto::OfficeKeyPair keys = crypto::GenerateOfficeKeyPair(1);
  crypto::SecretBytes secret = crypto::GenerateOfficeSecret();
  store::Installation installation;
  installation.passphrase_salt = params.salt;
  installation.passphrase_opslimit = params.opslimit;
  installation.passphrase_memlimit = params.memlimit;
  installation.office_secret_sealed = crypto::WrapOfficeSecret(secret, *wrapping);
  installation.office_keys = {
      {.generation = 1,
       .public_key = keys.public_key.bytes,
       .private_sealed = crypto::WrapPrivateKey(keys.private_key, *wrapping)}};
  installation.receipt_salt = crypto::RandomBytes(crypto::kReceiptSaltBytes);
  if (custodians) {
    SystemClock now;
    auto sealed = SealCustodianShares(*wrapping, *custodians, now.Now().time_since_epoch().count());
    if (!sealed) return sealed.error();
    installation.custodians = std::move(*sealed);
  }
  if (auto saved = store.SaveInstallation(installation); !saved) return saved.error();

  std::vector<crypto::OfficeKeyGeneration> generations;
  generations.push_back({std::move(keys.private_key), keys.public_key});
  const crypto::OfficeOpener office(std::move(secret), std::move(generations));
  SystemClock clock;
  std::unique_ptr<AuditAnchor> anchor;
  if (!anchor_path.empty())
    anchor = std::make_unique<AuditAnchor>(anchor_path, AuditCheckpointKey(office));
  // A new store holds nothing from before row MACs: its rows are sealed as they are written
  // (the office key row just saved, now), and no upgrade sealing is pending
  // (docs/security.md, "Tamper-evident rows").
  store.SetRowSealer(MakeRowSealer(office));
  if (auto sealed = store.SealRowsWithoutMac(); !sealed) return sealed.error();
  if (auto done = store.PutSetting(std::string(kRowMacBackfillSetting), "done"); !done) return done;
  AuditLog audit(store, clock, AuditKey(office), anchor.get());
  if (auto audited = audit.Record({.action = AuditAction::kInstallationCreated}); !audited) {
    return audited.error();
  }
  auto admin = AddUser(store, audit, admin_name, Role::kAdmin, admin_password);
  if (!admin) return admin.error();
  return OkStatus();
}

crypto::PassphraseParams PassphraseParamsOf(const store::Installation& i) {
  return {i.passphrase_salt, i.passphrase_opslimit, i.passphrase_memlimit};
}

Result<InstallationKeys> LoadInstallationKeys(store::InstallationStore& store) {
  auto installation = store.LoadInstallation();
  if (!installation) return installation.error();
  const store::StoredOfficeKey& newest = installation->office_keys.back();
  return InstallationKeys{{newest.public_key, newest.generation}, installation->receipt_salt};
}

Result<crypto::OfficeOpener> OpenOffice(const store::Installation& installation,
                                        const crypto::PassphraseKey& wrapping) {
  std::vector<crypto::OfficeKeyGeneration> live;
  for (const auto& stored : installation.office_keys) {
    if (stored.private_sealed.empty()) continue;  // retired
    const crypto::OfficePublicKey public_key{stored.public_key, stored.generation};
    auto key = crypto::UnwrapPrivateKey(stored.private_sealed, wrapping, public_key);
    if (!key) return key.error();
    live.push_back({std::move(*key), public_key});
  }
  if (live.empty()) return Error{ErrorCode::kInternal, "no office key is left to unlock"};
  crypto::SecretBytes secret;
  if (installation.office_secret_sealed.empty()) {
    // A data folder from before the office secret: generation 1's private key roots the
    // subkeys until rotate-key stores it as the secret.
    if (live.front().public_key.generation != 1) {
      return Error{ErrorCode::kInternal, "the office secret is missing"};
    }
    secret = live.front().private_key.bytes;
  } else {
    auto unwrapped = crypto::UnwrapOfficeSecret(installation.office_secret_sealed, wrapping);
    if (!unwrapped) return unwrapped.error();
    secret = std::move(*unwrapped);
  }
  return crypto::OfficeOpener(std::move(secret), std::move(live));
}

Result<crypto::OfficeOpener> UnlockOffice(store::InstallationStore& store,
                                          const OfficeCredentials& credentials) {
  auto installation = store.LoadInstallation();
  if (!installation) return installation.error();
  auto wrapping = DeriveWrappingKey(*installation, credentials);
  if (!wrapping) return wrapping.error();
  return OpenOffice(*installation, *wrapping);
}

}  // namespace lifeline::app
