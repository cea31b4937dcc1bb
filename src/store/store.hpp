#pragma once
// Storage ports. SQLite (store/sqlite) implements them today, PostgreSQL (issue 8) next;
// domain and app code see only these interfaces.
//
// Contract for every implementation: a successful write is durable when it returns (it
// survives kill -9 and power loss); reads see every write that returned before them.
// All methods are thread-safe. Errors: kNotFound, kConflict (a unique key exists),
// kUnavailable (the database cannot be reached or is read-only), kInternal.

#include <functional>
#include <memory>
#include <span>
#include <string>

#include "domain/result.hpp"
#include "store/records.hpp"

namespace lifeline::store {

class ApplicationStore {
 public:
  virtual ~ApplicationStore() = default;

  /// Appends all of `batch` in one transaction (all or nothing) and returns their ids in
  /// order. kConflict if a receipt lookup already exists (then nothing is stored).
  virtual Result<std::vector<std::int64_t>> AppendApplications(
      std::span<const NewApplication> batch) = 0;

  virtual Result<StoredApplication> GetApplication(std::int64_t id) = 0;

  /// Newest received day first (arrival order within a day), filtered, paged.
  virtual Result<CasePage> ListCases(const CaseFilter& filter) = 0;

  /// kNotFound when no application has this lookup hash.
  virtual Result<ApplicantView> FindByReceiptLookup(const Blob32& lookup) = 0;

  virtual Result<std::int64_t> AddReply(const NewReply& reply) = 0;
  virtual Result<std::vector<StoredReply>> ListReplies(std::int64_t case_id) = 0;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  /// kConflict if the name is taken.
  virtual Result<std::int64_t> AddUser(const UserRecord& user) = 0;
  /// kNotFound if there is no such user.
  virtual Result<UserRecord> FindUserByName(const std::string& name) = 0;
};

class InstallationStore {
 public:
  virtual ~InstallationStore() = default;
  /// kConflict if the store was already initialised.
  virtual Status SaveInstallation(const Installation& installation) = 0;
  /// kNotFound if `lifeline init` has not run.
  virtual Result<Installation> LoadInstallation() = 0;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  /// The entry with the highest seq, or nullopt when the log is empty.
  virtual Result<std::optional<AuditRecord>> LastAuditRecord() = 0;
  /// Appends `record`; kConflict if its seq is taken (another writer got there first).
  virtual Status AppendAuditRecord(const AuditRecord& record) = 0;
  /// Up to `limit` entries with seq > `after_seq`, in seq order, as stored.
  virtual Result<std::vector<AuditRecord>> ListAuditRecords(std::int64_t after_seq, int limit) = 0;
};

class SnapshotStore {
 public:
  virtual ~SnapshotStore() = default;
  /// Receives the snapshot in order, with its total size in bytes.
  using SnapshotSink =
      std::function<Status(std::span<const std::uint8_t> chunk, std::uint64_t total_bytes)>;
  /// Takes a consistent snapshot of the whole store while it keeps serving, and feeds it to
  /// `sink` in chunks. Stops at the first error the sink returns.
  virtual Status ExportSnapshot(const SnapshotSink& sink) = 0;
};

/// Everything lifeline keeps, behind one handle.
class Store : public ApplicationStore,
              public UserStore,
              public InstallationStore,
              public AuditStore,
              public SnapshotStore {};

}  // namespace lifeline::store
