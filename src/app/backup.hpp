#pragma once
// Encrypted backups (`lifeline backup` / `lifeline restore`). A backup is a consistent
// online snapshot of the store, encrypted and authenticated under the office passphrase
// (crypto/backup_cipher.hpp), written aside and renamed into place whole. Restoring refuses
// a wrong passphrase, a truncated, reordered or altered file, and an occupied data folder.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "app/accounts/custodians.hpp"
#include "domain/result.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// Called as work proceeds, with bytes done and the total.
using Progress = std::function<void(std::uint64_t done, std::uint64_t total)>;

/// Writes the backup of `store` to `out_path`, which must not exist, encrypted under
/// `credentials.passphrase`. The credentials must unlock the office key (kUnauthenticated
/// otherwise): an office with custodians needs enough of them and a passphrase for the file
/// (kInvalidInput "passphrase" without one). Audited as backup_created.
Status WriteBackup(store::Store& store, const OfficeCredentials& credentials,
                   const std::string& out_path, const Progress& progress);

/// Reads and decrypts the backup at `in_path`, returning the store snapshot it holds (to be
/// given to the store implementation's restore). kUnauthenticated for a wrong passphrase;
/// kInvalidInput for a file that is not a backup, or is cut short, damaged or altered.
/// The snapshot holds the store's data: callers wipe it after use.
Result<std::vector<std::uint8_t>> ReadBackup(const std::string& in_path,
                                             const std::string& passphrase,
                                             const Progress& progress);

/// Checks that the credentials unlock the restored store and audits the restore.
Status FinishRestore(store::Store& restored, const OfficeCredentials& credentials);

}  // namespace lifeline::app
