#pragma once
// `lifeline migrate --db CONNINFO`: brings a PostgreSQL database to this lifeline's schema
// (docs/deploy.md). Safe to run twice or from two machines at once.

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace lifeline::cli {

class DbCommands {
 public:
  virtual ~DbCommands() = default;
  /// The exit code of the chosen subcommand, or nullopt when none was chosen.
  virtual std::optional<int> RunIfChosen() const = 0;
};

/// Adds `migrate` to `cli`; the result must outlive parsing.
std::unique_ptr<DbCommands> AddDbCommands(CLI::App& cli);

}  // namespace lifeline::cli
