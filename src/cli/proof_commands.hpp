#pragma once
// The proof of application from the command line (docs/security.md, "Proof of
// application"):
//   lifeline proof verify --proof F --receipt-file F [--log F] [--office-key HEX]
//     checks a proof offline: its signature, that the receipt opens it, and with an exported
//     log that it is that log's entry and the log one unbroken chain. Exit 0 when all hold,
//     3 naming what fails, 1 when a file cannot be read.
//   lifeline proof log --data|--db … --passphrase-file F|--custodian …
//     writes the office's whole log, each entry's signature checked, for publishing.

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace lifeline::cli {

class ProofCommands {
 public:
  virtual ~ProofCommands() = default;
  /// The exit code of the `proof` command chosen, or nullopt when none was.
  virtual std::optional<int> RunIfChosen() const = 0;
};

/// Adds `proof verify` and `proof log` to `cli`; the result must outlive parsing.
std::unique_ptr<ProofCommands> AddProofCommands(CLI::App& cli);

}  // namespace lifeline::cli
