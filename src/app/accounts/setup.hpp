#pragma once
// Installation and accounts: what `lifeline init` and `lifeline user add` do.

#include <string>

#include "app/accounts/custodians.hpp"
#include "app/audit/audit_log.hpp"
#include "crypto/office_keys.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/result.hpp"
#include "domain/role.hpp"
#include "store/store.hpp"

namespace lifeline::app {

inline constexpr std::size_t kMinPassphraseLength = 12;

/// 1 to 64 of a-z 0-9 . _ -: an account's or a custodian's name.
bool IsValidUserName(const std::string& name);

/// Creates the office key pair (private half wrapped under `passphrase`), the receipt salt
/// and the first administrator, and starts the audit log with both. kConflict if already
/// initialised; kInvalidInput for a short passphrase or a bad name or password (then
/// nothing is written). With `anchor_path`, the audit log's first entries are checkpointed
/// there (app/audit/audit_anchor.hpp). With `custodians`, no passphrase opens the office:
/// its keys are dealt to them (app/accounts/custodians.hpp) and `passphrase` is unused;
/// kInvalidInput as CheckCustodianDeal. `strength`: the passphrase's Argon2id limits
/// (crypto/office_keys.hpp); custodians' shares are always sealed at the default.
Status InitialiseInstallation(
    store::Store& store, const std::string& passphrase, const std::string& admin_name,
    const std::string& admin_password, const std::string& anchor_path = {},
    const CustodianDeal* custodians = nullptr,
    crypto::PassphraseStrength strength = crypto::PassphraseStrength::kModerate);

/// Adds an operator account and audits it. kInvalidInput for a bad name (1–64 of a-z 0-9
/// . _ -) or a password shorter than crypto::kMinPasswordLength; kConflict if the name is
/// taken.
Result<std::int64_t> AddUser(store::UserStore& users, AuditLog& audit, const std::string& name,
                             Role role, const std::string& password);

/// What the running roles need from the installation: the newest office public key.
struct InstallationKeys {
  crypto::OfficePublicKey office_public;
  crypto::Bytes receipt_salt;
};
Result<InstallationKeys> LoadInstallationKeys(store::InstallationStore& store);

crypto::PassphraseParams PassphraseParamsOf(const store::Installation& installation);

/// Unwraps the live office key generations and the office secret with an already derived
/// passphrase key. kUnauthenticated if they do not open.
Result<crypto::OfficeOpener> OpenOffice(const store::Installation& installation,
                                        const crypto::PassphraseKey& wrapping);

/// Derives the wrapping key (Argon2id, about 0.5 s per passphrase) and opens the office.
/// kUnauthenticated on a wrong passphrase or too few custodians (DeriveWrappingKey).
Result<crypto::OfficeOpener> UnlockOffice(store::InstallationStore& store,
                                          const OfficeCredentials& credentials);

}  // namespace lifeline::app
