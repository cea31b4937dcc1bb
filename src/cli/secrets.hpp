#pragma once
// Secrets reach lifeline through files or standard input, never argv or the environment,
// so they do not show up in `ps`, shell history or process listings.

#include <string>

namespace lifeline::cli {

/// Reads the secret in `path` ("-" for standard input), dropping one trailing newline.
/// Throws std::runtime_error with a clear message (never the secret) if it cannot.
std::string ReadSecret(const std::string& path, const std::string& what);

}  // namespace lifeline::cli
