#pragma once
// The office key's care from the command line: dealing it to custodians, rotating it, and the
// encrypted backups made and restored under it (`lifeline custodians`, `rotate-key`,
// `backup`, `restore`). Each returns the process's exit code and says what went wrong on
// standard error, never a secret.

#include <memory>
#include <string>
#include <vector>

#include "app/accounts/custodians.hpp"
#include "app/audit/audit_anchor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/clock.hpp"
#include "cli/secrets.hpp"
#include "cli/store_options.hpp"
#include "store/store.hpp"

namespace lifeline::cli {

/// Prints "lifeline: <message>" on standard error and returns 1.
int Fail(const std::string& message);

/// The audit log of a command, with its checkpoint file when it has one. Commands that
/// change accounts or read the audit log need the office key: the audit chain is keyed
/// with it. Throws std::runtime_error when the credentials do not open the office.
struct CommandAudit {
  std::unique_ptr<app::AuditAnchor> anchor;
  std::unique_ptr<app::AuditLog> log;
};
CommandAudit OpenAudit(const StoreOptions& where, store::Store& store,
                       const app::OfficeCredentials& credentials, const app::Clock& clock);

/// The key ceremony: deals the office key anew to a set of custodians.
int DealCustodians(const StoreOptions& where, const OfficeUnlock& unlock,
                   const std::vector<std::string>& new_custodians, int threshold);
int RotateKey(const StoreOptions& where, const OfficeUnlock& unlock, bool retire, int batch_size);
int Backup(const StoreOptions& where, const OfficeUnlock& unlock, const std::string& out);
int Restore(const std::string& in, const OfficeUnlock& unlock, const std::string& data);

}  // namespace lifeline::cli
