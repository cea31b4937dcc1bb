#pragma once
// The tamper-evident audit log. Every entry carries a MAC over the previous entry's MAC and
// its own fields, keyed with a key derived from the office secret: someone who can
// write the database but does not hold the office passphrase cannot edit, delete, insert or
// reorder entries without `lifeline audit verify` saying where. Entries hold no personal
// data: who (operator account), what, which record ("case:42"), when.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/audit/audit_anchor.hpp"
#include "app/clock.hpp"
#include "crypto/bytes.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/audit_action.hpp"
#include "store/store.hpp"

namespace lifeline::app {

struct AuditEvent {
  std::int64_t actor_user_id = 0;  // 0 when nobody is signed in
  std::string actor_name;
  AuditAction action = AuditAction::kCaseRead;
  std::string target;  // a record reference, never personal data
};

struct AuditPage {
  std::vector<store::AuditRecord> entries;  // newest first
  std::int64_t total = 0;                   // entries the filter matches (all: the log's size)
  std::optional<AuditCheckpoint>
      checkpoint;  // the newest this process signed, to note down elsewhere
};

/// The MAC key of the audit chain, derived from the office secret.
crypto::Key32 AuditKey(const crypto::OfficeOpener& office);

class AuditLog {
 public:
  /// `store`, `clock` and `anchor` must outlive the log. Thread-safe. With an anchor, every
  /// entry is followed by a signed checkpoint of the new head in the anchor's file, written
  /// before Record returns (audit_anchor.hpp).
  AuditLog(store::AuditStore& store, const Clock& clock, crypto::Key32 key,
           AuditAnchor* anchor = nullptr);
  ~AuditLog();

  /// Appends the event; durable when it returns OkStatus. Callers fail closed: an action
  /// whose audit entry cannot be written does not happen. Retries when another process
  /// appended first.
  Status Record(const AuditEvent& event);
  /// As Record, returning the new entry's seq.
  Result<std::int64_t> RecordNumbered(const AuditEvent& event);

  /// Up to `limit` entries `filter` matches, newest first, each checked against the entry
  /// before it with the chain's key: for decisions taken on the log's word (approvals,
  /// app/audit/approvals.hpp), which someone who can write the database must not forge.
  /// kInternal naming the first entry that is not the office's own. No permission check:
  /// for the app layer only.
  Result<std::vector<store::AuditRecord>> FindAuthentic(const store::AuditFilter& filter,
                                                        int limit);

  /// Writes a checkpoint of the log's current head (at start: a restored or new anchor file
  /// then holds the head at once). OkStatus without an anchor or an entry.
  Status Checkpoint();

  /// The newest checkpoint this process wrote, for auditors to note down elsewhere.
  std::optional<AuditCheckpoint> LatestCheckpoint() const;

  /// Page `page` (1-based, `per_page` 1..200) of the entries `filter` matches, newest first.
  /// kForbidden unless the actor may read the audit log; kInvalidInput for a bad page.
  Result<AuditPage> List(const Actor& actor, int page, int per_page,
                         const store::AuditFilter& filter = {});

  /// Every entry `filter` matches, newest first, for an auditor to take away: the export is
  /// itself audited (audit_exported, target "export:<format>") before anything is returned.
  /// kForbidden as List; kInvalidInput (field "filter") beyond kMaxExport entries.
  static constexpr std::int64_t kMaxExport = 100'000;
  Result<std::vector<store::AuditRecord>> Export(const Actor& actor,
                                                 const store::AuditFilter& filter,
                                                 std::string_view format);

 private:
  store::AuditStore& store_;
  const Clock& clock_;
  crypto::Key32 key_;
  AuditAnchor* anchor_;
  std::mutex mutex_;
  std::optional<store::AuditRecord> head_;  // GUARDED_BY(mutex_): last entry written or read
  bool head_loaded_ = false;                // GUARDED_BY(mutex_)
};

/// The MAC of `record` chained to `previous_mac` (all zeros for the first entry).
store::Blob32 AuditMac(const crypto::Key32& key, const store::Blob32& previous_mac,
                       const store::AuditRecord& record);

struct AuditProblem {
  std::int64_t seq = 0;  // where the chain breaks
  std::string what;
};

struct AuditVerification {
  std::int64_t entries = 0;
  std::vector<AuditProblem> problems;  // empty when the log is intact
  std::string head_mac_hex;            // record it elsewhere to detect a cut tail later
};

/// Walks the whole log in seq order and reports every entry whose sequence or MAC does not
/// follow from the one before. If `expected_head` (a hex MAC from an earlier run) is given,
/// also reports when that entry is no longer in the log (the tail was cut). With
/// `checkpoints` (the anchor's file, read and verified), reports every checkpoint whose
/// entry is gone or differs, and every line of the file not signed by this office.
Result<AuditVerification> VerifyAuditLog(store::AuditStore& store, const crypto::Key32& key,
                                         const std::string& expected_head = {},
                                         const CheckpointFile* checkpoints = nullptr);

}  // namespace lifeline::app
