#pragma once
// `lifeline ledger check`: proves the camps' books balance (docs/camp.md).

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace lifeline::cli {

class CampCommands {
 public:
  virtual ~CampCommands() = default;
  /// The exit code of the chosen subcommand, or nullopt when none was chosen.
  virtual std::optional<int> RunIfChosen() const = 0;
};

/// Adds `ledger check` to `cli`; the result must outlive parsing.
std::unique_ptr<CampCommands> AddCampCommands(CLI::App& cli);

}  // namespace lifeline::cli
