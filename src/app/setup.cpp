#include "app/setup.hpp"

#include "crypto/crypto.hpp"
#include "crypto/password.hpp"
#include "crypto/receipt_keys.hpp"

namespace lifeline::app {
namespace {

bool IsValidUserName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

crypto::WrappedPrivateKey WrappedOf(const store::Installation& i) {
  return {i.office_private_salt, i.office_private_opslimit, i.office_private_memlimit,
          i.office_private_sealed};
}

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
  store::UserRecord user{.name = name, .role = role, .password_hash = crypto::HashPassword(password)};
  auto id = users.AddUser(user);
  if (!id) return id.error();
  if (auto audited = audit.Record({.action = AuditAction::kUserAdded,
                                   .target = "user:" + std::to_string(*id)});
      !audited) {
    return audited.error();
  }
  return id;
}

Status InitialiseInstallation(store::Store& store, const std::string& passphrase,
                              const std::string& admin_name, const std::string& admin_password) {
  if (passphrase.size() < kMinPassphraseLength) {
    return InvalidInput("the office passphrase must be at least 12 characters long", "passphrase");
  }
  if (auto ok = CheckNewUser(admin_name, admin_password); !ok) return ok.error();
  if (store.LoadInstallation().ok()) {
    return Error{ErrorCode::kConflict, "this data folder is already initialised"};
  }
  crypto::OfficeKeyPair keys = crypto::GenerateOfficeKeyPair();
  const crypto::WrappedPrivateKey wrapped = crypto::WrapPrivateKey(keys.private_key, passphrase);
  store::Installation installation;
  installation.office_public = keys.public_key.bytes;
  installation.office_private_sealed = wrapped.sealed;
  installation.office_private_salt = wrapped.salt;
  installation.office_private_opslimit = wrapped.opslimit;
  installation.office_private_memlimit = wrapped.memlimit;
  installation.receipt_salt = crypto::RandomBytes(crypto::kReceiptSaltBytes);
  if (auto saved = store.SaveInstallation(installation); !saved) return saved.error();

  const crypto::OfficeOpener office(crypto::OfficePrivateKey{keys.private_key.bytes}, keys.public_key);
  SystemClock clock;
  AuditLog audit(store, clock, AuditKey(office));
  if (auto audited = audit.Record({.action = AuditAction::kInstallationCreated}); !audited) {
    return audited.error();
  }
  auto admin = AddUser(store, audit, admin_name, Role::kAdmin, admin_password);
  if (!admin) return admin.error();
  return OkStatus();
}

Result<InstallationKeys> LoadInstallationKeys(store::InstallationStore& store) {
  auto installation = store.LoadInstallation();
  if (!installation) return installation.error();
  return InstallationKeys{{installation->office_public}, installation->receipt_salt};
}

Result<crypto::OfficeOpener> UnlockOffice(store::InstallationStore& store,
                                          const std::string& passphrase) {
  auto installation = store.LoadInstallation();
  if (!installation) return installation.error();
  const crypto::OfficePublicKey public_key{installation->office_public};
  auto key = crypto::UnwrapPrivateKey(WrappedOf(*installation), passphrase, public_key);
  if (!key) return key.error();
  return crypto::OfficeOpener(std::move(*key), public_key);
}

}  // namespace lifeline::app
