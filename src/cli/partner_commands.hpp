#pragma once
// What a partner organisation runs to receive referrals (docs/abroad.md): `lifeline
// partner-key new` makes its key pair, `lifeline referral open` opens a package sealed to it.

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace lifeline::cli {

class PartnerCommands {
 public:
  virtual ~PartnerCommands() = default;
  /// The exit code of the chosen subcommand, or nullopt when none was chosen.
  virtual std::optional<int> RunIfChosen() const = 0;
};

/// Adds `partner-key new` and `referral open` to `cli`; the result must outlive parsing.
std::unique_ptr<PartnerCommands> AddPartnerCommands(CLI::App& cli);

}  // namespace lifeline::cli
