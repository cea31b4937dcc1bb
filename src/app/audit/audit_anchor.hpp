#pragma once
// Signed checkpoints of the audit log's head, kept outside the database.
//
// The audit chain (audit_log.hpp) shows any edit, insertion or reordering, but a log whose
// newest entries were deleted is still a valid chain: only a record of the head kept
// somewhere else shows the cut. After every entry the office appends a checkpoint to a file
// outside the database (`--audit-anchor`, by default `audit-checkpoints` in the SQLite data
// folder): one line of JSON
//
//   {"v":1,"seq":N,"head":"<hex MAC of entry N>","at":<unix seconds>,"sig":"<hex>"}
//
// signed with Ed25519 under a key derived from the office secret. `lifeline audit verify`
// checks each checkpoint against the log: an entry it names that is gone, or that differs,
// is a cut or a rewrite. Whoever edits the database cannot forge a checkpoint; keeping the
// file on other storage (append-only, `chattr +a`), and auditors noting the checkpoint the
// console shows, stop someone who can also delete files (docs/security.md, "Audit log").
//
// The file is opened O_APPEND and each line is written with one write() and made durable
// with fdatasync before the audited action goes ahead.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crypto/record_sealer.hpp"
#include "crypto/signature.hpp"
#include "domain/result.hpp"
#include "store/records.hpp"

namespace lifeline::app {

struct AuditCheckpoint {
  std::int64_t seq = 0;
  store::Blob32 head{};
  std::int64_t at = 0;  // unix seconds
  crypto::Signature signature{};
};

/// The checkpoint signing key, derived from the office secret.
crypto::SigningKey AuditCheckpointKey(const crypto::OfficeOpener& office);

/// The exact bytes a checkpoint's signature covers.
std::string CheckpointStatement(std::int64_t seq, const store::Blob32& head, std::int64_t at);

/// One checkpoint as its file line (without the newline).
std::string CheckpointLine(const AuditCheckpoint& checkpoint);

/// Appends checkpoints to one file. Thread-safe.
class AuditAnchor {
 public:
  /// Opens (creating it 0600) `path` for appending; throws std::runtime_error naming the
  /// path when it cannot.
  AuditAnchor(std::string path, crypto::SigningKey key);
  ~AuditAnchor();
  AuditAnchor(const AuditAnchor&) = delete;
  AuditAnchor& operator=(const AuditAnchor&) = delete;

  /// Signs and appends a checkpoint for entry `seq` with MAC `head`; durable when OkStatus.
  Status Append(std::int64_t seq, const store::Blob32& head, std::int64_t at);

  /// The last checkpoint this process wrote, if any.
  std::optional<AuditCheckpoint> Latest() const;
  const crypto::Key32& public_key() const { return key_.public_key; }
  const std::string& path() const { return path_; }

 private:
  const std::string path_;
  const crypto::SigningKey key_;
  int fd_ = -1;
  mutable std::mutex mutex_;
  std::optional<AuditCheckpoint> latest_;  // GUARDED_BY(mutex_)
};

/// What a checkpoint file holds: its checkpoints whose signature verifies, and the line
/// numbers (1-based) of those that do not parse or verify.
struct CheckpointFile {
  std::vector<AuditCheckpoint> checkpoints;
  std::vector<int> bad_lines;
};

/// Reads `path`; kNotFound when there is no such file.
Result<CheckpointFile> ReadCheckpoints(const std::string& path, const crypto::Key32& public_key);

}  // namespace lifeline::app
