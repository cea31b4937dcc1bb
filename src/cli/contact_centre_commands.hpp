#pragma once
// `lifeline staffing` (the planner) and `lifeline simulate` (a day of the queue): contact-
// centre arithmetic that needs no data folder.

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace lifeline::cli {

class ContactCentreCommands {
 public:
  virtual ~ContactCentreCommands() = default;
  /// The exit code of the chosen subcommand, or nullopt when neither was chosen.
  virtual std::optional<int> RunIfChosen() const = 0;
};

/// Adds both subcommands to `cli`; the result must outlive parsing.
std::unique_ptr<ContactCentreCommands> AddContactCentreCommands(CLI::App& cli);

}  // namespace lifeline::cli
