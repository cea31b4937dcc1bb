#pragma once
// The intake on its own store (issue 21; docs/deploy.md "An intake on its own store"):
// `lifeline intake-bundle --data|--db … --passphrase-file F --out FILE` writes what an intake
// host needs from the office, and nothing secret: the office's public key, the receipt salt
// and the public half of the office's link key. `serve --role intake --outbox DIR
// --intake-bundle FILE` reads it (ServeOutboxIntake).

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

#include "cli/serve.hpp"

namespace lifeline::cli {

class IntakeBundleCommand {
 public:
  virtual ~IntakeBundleCommand() = default;
  /// The exit code of `intake-bundle`, or nullopt when it was not chosen.
  virtual std::optional<int> RunIfChosen() const = 0;
};

/// Adds `intake-bundle` to `cli`; the result must outlive parsing.
std::unique_ptr<IntakeBundleCommand> AddIntakeBundleCommand(CLI::App& cli);

/// Serves the public intake on its own outbox (options.outbox) until SIGINT or SIGTERM: the
/// public pages and API, and the link the office collects through. Opens no office store.
int ServeOutboxIntake(const ServeOptions& options);

}  // namespace lifeline::cli
