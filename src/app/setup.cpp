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

}  // namespace

Result<std::int64_t> AddUser(store::UserStore& users, const std::string& name, Role role,
                             const std::string& password) {
  if (!IsValidUserName(name)) {
    return InvalidInput("user names are 1 to 64 characters of a-z, 0-9, '.', '_' and '-'", "name");
  }
  if (password.size() < crypto::kMinPasswordLength || password.size() > 1024) {
    return InvalidInput("passwords must be at least 12 characters long", "password");
  }
  store::UserRecord user{.name = name, .role = role, .password_hash = crypto::HashPassword(password)};
  return users.AddUser(user);
}

Status InitialiseInstallation(store::Store& store, const std::string& passphrase,
                              const std::string& admin_name, const std::string& admin_password) {
  if (passphrase.size() < kMinPassphraseLength) {
    return InvalidInput("the office passphrase must be at least 12 characters long", "passphrase");
  }
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
  // The administrator first: if the name or password is refused, nothing is initialised.
  auto admin = AddUser(store, admin_name, Role::kAdmin, admin_password);
  if (!admin) return admin.error();
  return store.SaveInstallation(installation);
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
