#pragma once
// `lifeline import --data|--db … --passphrase-file F [--dry-run] [--skip-bad-lines] FILE`:
// moves applications from a CSV or JSON Lines file into the store, each sealed as the
// intake seals one (docs/import.md).

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace lifeline::cli {

class ImportCommand {
 public:
  virtual ~ImportCommand() = default;
  /// The exit code of `import`, or nullopt when it was not chosen.
  virtual std::optional<int> RunIfChosen() const = 0;
};

/// Adds `import` to `cli`; the result must outlive parsing.
std::unique_ptr<ImportCommand> AddImportCommand(CLI::App& cli);

}  // namespace lifeline::cli
