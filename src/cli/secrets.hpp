#pragma once
// Secrets reach lifeline through files or standard input, never argv or the environment,
// so they do not show up in `ps`, shell history or process listings.

#include <string>
#include <vector>

#include "app/accounts/custodians.hpp"

namespace CLI {
class App;
}

namespace lifeline::cli {

/// Reads the secret in `path` ("-" for standard input), dropping one trailing newline.
/// Throws std::runtime_error with a clear message (never the secret) if it cannot.
std::string ReadSecret(const std::string& path, const std::string& what);

/// How a command unlocks the office: the office passphrase's file, or the files of enough
/// of its custodians (app/accounts/custodians.hpp).
struct OfficeUnlock {
  std::string passphrase_file;
  std::vector<std::string> custodians;  // NAME=FILE, one per custodian present
  bool given() const { return !passphrase_file.empty() || !custodians.empty(); }
};

/// Adds --custodian NAME=FILE (repeatable) to `command`, into `unlock`.
void AddCustodianOption(CLI::App& command, OfficeUnlock& unlock, const std::string& help = {});

/// The custodians named in NAME=FILE specs with their passphrases read. Throws
/// std::runtime_error naming the spec (never a secret) if one is malformed or unreadable.
std::vector<app::CustodianSecret> ReadCustodians(const std::vector<std::string>& specs);

/// The credentials `unlock` names, read. Throws std::runtime_error when neither a
/// passphrase file nor a custodian is given, or one cannot be read.
app::OfficeCredentials ReadOfficeCredentials(const OfficeUnlock& unlock);

}  // namespace lifeline::cli
