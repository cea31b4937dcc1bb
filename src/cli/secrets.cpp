#include "cli/secrets.hpp"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <stdexcept>

namespace lifeline::cli {
namespace {

// Passphrases and passwords are short; a bound keeps a wrong path (a log, an image) from
// being read whole into memory.
constexpr std::size_t kMaxSecretBytes = 4096;

// Regular files and pipes (e.g. a shell's <(…)) only: not a directory, nor a device such
// as /dev/zero.
bool IsReadableKind(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return true;  // let opening report it
  return S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode);
}

}  // namespace

std::string ReadSecret(const std::string& path, const std::string& what) {
  std::string secret;
  if (path == "-") {
    std::getline(std::cin, secret);
  } else {
    if (!IsReadableKind(path))
      throw std::runtime_error("the " + what + " file " + path + " is not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the " + what + " file " + path);
    secret.resize(kMaxSecretBytes + 1);
    in.read(secret.data(), static_cast<std::streamsize>(secret.size()));
    secret.resize(static_cast<std::size_t>(in.gcount()));
  }
  if (secret.size() > kMaxSecretBytes) {
    throw std::runtime_error("the " + what + " is longer than " + std::to_string(kMaxSecretBytes) +
                             " bytes");
  }
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) throw std::runtime_error("the " + what + " is empty");
  return secret;
}

void AddCustodianOption(CLI::App& command, OfficeUnlock& unlock, const std::string& help) {
  command.add_option("--custodian", unlock.custodians,
                     help.empty() ? "NAME=FILE: a custodian's passphrase file, for an office whose "
                                    "key is split among custodians (repeat for each present)"
                                  : help);
}

std::vector<app::CustodianSecret> ReadCustodians(const std::vector<std::string>& specs) {
  std::vector<app::CustodianSecret> custodians;
  for (const std::string& spec : specs) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == spec.size()) {
      throw std::runtime_error("--custodian takes NAME=FILE, not \"" + spec + "\"");
    }
    const std::string name = spec.substr(0, equals);
    custodians.push_back(
        {name, ReadSecret(spec.substr(equals + 1), "passphrase of custodian " + name)});
  }
  return custodians;
}

app::OfficeCredentials ReadOfficeCredentials(const OfficeUnlock& unlock) {
  if (!unlock.given()) {
    throw std::runtime_error(
        "give --passphrase-file, or --custodian NAME=FILE once for each custodian present");
  }
  app::OfficeCredentials credentials;
  if (!unlock.passphrase_file.empty())
    credentials.passphrase = ReadSecret(unlock.passphrase_file, "office passphrase");
  credentials.custodians = ReadCustodians(unlock.custodians);
  return credentials;
}

}  // namespace lifeline::cli
