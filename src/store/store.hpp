#pragma once
// Storage ports. Two engines keep them, SQLite (store/sqlite) and PostgreSQL
// (store/postgres), through the SQL written once in store/sql (src/README.md, "Storage");
// app code sees only these interfaces.
//
// Contract for every implementation: a successful write is durable when it returns (it
// survives kill -9 and power loss); reads see every write that returned before them.
// All methods are thread-safe. Errors: kNotFound, kConflict (a unique key exists),
// kUnavailable (the database cannot be reached or is read-only), kInternal.

#include <chrono>
#include <functional>
#include <memory>
#include <span>
#include <string>

#include "domain/result.hpp"
#include "store/abroad_store.hpp"
#include "store/camp_store.hpp"
#include "store/channel_store.hpp"
#include "store/records.hpp"
#include "store/row_mac.hpp"

namespace lifeline::store {

/// What the public intake writes and reads (app/intake/intake.hpp): applications, what an
/// applicant may see by receipt lookup, and the applicant's messages. The office's store
/// keeps it (the embedded default and the shared-store intake); an intake host's own outbox
/// keeps it alone (store/sqlite/outbox_store.hpp).
class IntakeStore {
 public:
  virtual ~IntakeStore() = default;

  /// Appends all of `batch` in one transaction (all or nothing) and returns their ids in
  /// order. kConflict if a receipt lookup already exists (then nothing is stored).
  virtual Result<std::vector<std::int64_t>> AppendApplications(
      std::span<const NewApplication> batch) = 0;

  /// kNotFound when no application has this lookup hash. A duress receipt's lookup finds
  /// its case's harmless view: status new and the case's messages (sealed to the real
  /// receipt, so they do not open with it); both kinds run the same queries.
  virtual Result<ApplicantView> FindByReceiptLookup(const Blob32& lookup) = 0;

  virtual Result<std::int64_t> AddMessage(const NewMessage& message) = 0;
  /// How many messages the applicant wrote in the case on `day` (a flood bound).
  virtual Result<std::int64_t> CountApplicantMessages(std::int64_t case_id, Date day) = 0;
};

class ApplicationStore : public IntakeStore {
 public:
  virtual Result<StoredApplication> GetApplication(std::int64_t id) = 0;

  /// The case's duress receipt, if its applicant asked for one.
  virtual Result<std::optional<DuressReceipt>> DuressReceiptOf(std::int64_t case_id) = 0;
  /// The case whose duress receipt has this lookup hash, if any.
  virtual Result<std::optional<std::int64_t>> CaseOfDuressLookup(const Blob32& lookup) = 0;

  /// The proof-of-application log (app/intake/application_proof.hpp): its newest entry,
  /// the entry of a case, the entries after `after_seq` (oldest first, at most `limit`).
  virtual Result<std::optional<ProofRecord>> LastProof() = 0;
  virtual Result<std::optional<ProofRecord>> ProofOfCase(std::int64_t case_id) = 0;
  virtual Result<std::vector<ProofRecord>> ListProofs(std::int64_t after_seq, int limit) = 0;
  /// Appends `record`, whose seq follows the newest entry's. kConflict when another process
  /// appended that seq first, or the case has an entry already (then nothing is written).
  virtual Status AppendProof(const ProofRecord& record) = 0;

  /// Newest received day first (arrival order within a day), filtered, paged.
  virtual Result<CasePage> ListCases(const CaseFilter& filter) = 0;

  /// Assigns the application to `user_id` if nobody holds it. True when it is now (or was
  /// already) that user's; false when another user holds it. kNotFound if there is none.
  virtual Result<bool> ClaimApplication(std::int64_t id, std::int64_t user_id) = 0;

  /// Deletes the application, its key and its replies so that nothing of them stays
  /// readable in the database files (including the write-ahead log and free pages).
  /// kNotFound if there is no such application.
  virtual Status DeleteApplication(std::int64_t id) = 0;

  /// Applications still "new" (never contacted, no reply) received before `cutoff`,
  /// oldest first: what a retention policy removes.
  virtual Result<std::vector<CaseSummary>> ListUncontactedBefore(Date cutoff) = 0;

  /// Moves the application from `event.from` to `event.to`, bumps its version and appends
  /// `event`, in one transaction, if its version is still `expected_version`. kConflict
  /// (nothing written) when it changed meanwhile; kNotFound.
  virtual Status ChangeStatus(std::int64_t expected_version, const NewCaseEvent& event) = 0;
  /// The case's status changes, oldest first.
  virtual Result<std::vector<StoredCaseEvent>> ListCaseEvents(std::int64_t case_id) = 0;

  /// Replaces the sealed custody circumstance, leaving the old one readable in no database
  /// file. kNotFound if there is no such application.
  virtual Status SetCustodySealed(std::int64_t id, const Blob& sealed) = 0;

  /// The case's conversation, oldest first.
  virtual Result<std::vector<StoredMessage>> ListMessages(std::int64_t case_id) = 0;

  /// Counts for days [from, to) and the backlog as of `today` (see StatisticsCounts).
  virtual Result<StatisticsCounts> CountStatistics(Date from, Date to, Date today) = 0;

  /// Up to `limit` case ids above `after_id`, in id order (to build the search index).
  virtual Result<std::vector<std::int64_t>> ListCaseIdsAfter(std::int64_t after_id, int limit) = 0;
  /// The summaries of these cases, in the order given; missing ones are left out.
  virtual Result<std::vector<CaseSummary>> GetSummaries(std::span<const std::int64_t> ids) = 0;

  /// Screening (app/cases/office_screening.cpp). Cases not screened yet, oldest first.
  virtual Result<std::vector<std::int64_t>> ListUnscreened(int limit) = 0;
  /// Stores cases' contact-handle blind indexes and scores, in one transaction; a case
  /// deleted meanwhile is skipped.
  virtual Status SaveScreening(std::span<const ScreeningResult> results) = 0;
  /// Other cases whose handle has this blind index, by id.
  virtual Result<std::vector<std::int64_t>> CasesWithHandle(const Blob32& handle_index,
                                                            std::int64_t except_id) = 0;
  /// Other cases whose name has this blind index, by id.
  virtual Result<std::vector<std::int64_t>> CasesWithName(const Blob32& name_index,
                                                          std::int64_t except_id) = 0;
  /// Records that `source` was merged into `target` (duplicates keep both histories).
  virtual Status SetMergedInto(std::int64_t source, std::int64_t target) = 0;
  /// Cases merged into `target`, by id.
  virtual Result<std::vector<std::int64_t>> ListMergedInto(std::int64_t target) = 0;
  /// Applications received in [from, to) alike in situation, group kind and channel.
  virtual Result<std::int64_t> CountAlike(const ClearFields& like, Date from, Date to) = 0;
  /// Adds a marker and marks every case for screening again, in one transaction.
  virtual Result<std::int64_t> AddMarker(const NewMarker& marker) = 0;
  virtual Result<std::vector<StoredMarker>> ListMarkers() = 0;

  /// Group (unit) cases. Groups do not nest: a member leads no group, and a group's leader
  /// is no member. Adds a member case and its "added" event in one transaction; kNotFound
  /// without the group case, kConflict when that case is itself a member.
  virtual Result<std::int64_t> AddGroupMember(const NewGroupMember& member) = 0;
  /// Applies every move, with its "left" and "joined" events, in one transaction, bumping
  /// each moved case's version; nothing when any fails: kConflict when a case is no longer
  /// where the move expects it, or the moves would nest groups; kNotFound.
  virtual Status MoveGroupMembers(std::span<const GroupMove> moves, std::int64_t actor_user_id,
                                  std::int64_t at) = 0;
  /// The group's members now, by id.
  virtual Result<std::vector<CaseSummary>> ListGroupMembers(std::int64_t group_case_id) = 0;
  /// The group's membership history, oldest first.
  virtual Result<std::vector<GroupEvent>> ListGroupEvents(std::int64_t group_case_id) = 0;
  /// Replaces the sealed plan of a group case if its version is still `expected_version`,
  /// and bumps the version. kConflict when it changed meanwhile; kNotFound.
  virtual Status SetPlanSealed(std::int64_t case_id, std::int64_t expected_version,
                               const Blob& sealed) = 0;

  /// Safe callbacks (contact centre). `limit` rows at most.
  virtual Result<std::int64_t> AddCallback(const NewCallback& callback) = 0;
  /// Pending callbacks whose slot has come (due_at ≤ now), soonest first.
  virtual Result<std::vector<StoredCallback>> ListDueCallbacks(std::int64_t now, int limit) = 0;
  /// Callbacks in `status`, newest first.
  virtual Result<std::vector<StoredCallback>> ListCallbacks(CallbackStatus status, int limit) = 0;
  virtual Result<StoredCallback> GetCallback(std::int64_t id) = 0;
  /// Applies `update` if the callback is still in `update.from`; kConflict otherwise,
  /// kNotFound. Moving to connected or lapsed shreds the sealed number (no database file
  /// keeps it readable).
  virtual Status UpdateCallback(const CallbackUpdate& update) = 0;

  virtual Result<std::int64_t> AddTask(const NewTask& task) = 0;
  /// The case's tasks, open ones first by due time, then done ones.
  virtual Result<std::vector<StoredTask>> ListTasks(std::int64_t case_id) = 0;
  virtual Result<StoredTask> GetTask(std::int64_t task_id) = 0;
  /// Marks the task done. kConflict if it already is; kNotFound.
  virtual Status CompleteTask(std::int64_t task_id, std::int64_t user_id, std::int64_t at) = 0;
  /// Open tasks due before `due_before`, soonest first, at most `limit`; with
  /// `assigned_to`, only on cases assigned to that user.
  virtual Result<std::vector<QueuedTask>> ListOpenTasks(std::int64_t due_before,
                                                        std::optional<std::int64_t> assigned_to,
                                                        int limit) = 0;
  /// Cases not yet crossed or ended whose deployment date is before `cutoff`, soonest
  /// first, at most `limit`; with `assigned_to`, only unassigned ones and that user's.
  virtual Result<std::vector<CaseSummary>> ListDeployingBefore(
      Date cutoff, std::optional<std::int64_t> assigned_to, int limit) = 0;

  /// Up to `limit` keys (applications' first, then messages') wrapped under a generation
  /// older than `generation`.
  virtual Result<std::vector<WrappedRecordKey>> ListKeysOlderThan(std::int64_t generation,
                                                                  int limit) = 0;
  virtual Result<std::int64_t> CountKeysOlderThan(std::int64_t generation) = 0;
  /// Replaces the wrapped keys (and their generation) of these applications and messages in
  /// one transaction; one deleted meanwhile is skipped.
  virtual Status ReplaceWrappedKeys(std::span<const WrappedRecordKey> keys) = 0;
};

class UserStore {
 public:
  virtual ~UserStore() = default;
  /// kConflict if the name is taken.
  virtual Result<std::int64_t> AddUser(const UserRecord& user) = 0;
  /// kNotFound if there is no such user.
  virtual Result<UserRecord> FindUserByName(const std::string& name) = 0;
  virtual Result<UserRecord> FindUserById(std::int64_t id) = 0;
  /// Every account, by name.
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  /// Disables or re-enables an account (row MAC renewed); kNotFound if there is none.
  virtual Status SetUserDisabled(std::int64_t user_id, bool disabled) = 0;
  /// The language the account reads the console in: ru, uk or en (the column refuses any
  /// other: kInvalidInput or kInternal by engine, so check first). kNotFound if there is none.
  virtual Status SetConsoleLanguage(std::int64_t user_id, Language language) = 0;
  /// Replaces the password column (row MAC renewed); kNotFound if there is no such account.
  virtual Status SetPasswordHash(std::int64_t user_id, const std::string& password_hash) = 0;
  /// An administrator's reset, in one transaction: the password column replaced, the second
  /// factor (active or pending) and the recovery codes removed. kNotFound if there is none.
  virtual Status ResetCredentials(std::int64_t user_id, const std::string& password_hash) = 0;

  /// Second factor. Secrets arrive sealed; the store never sees them in clear.
  virtual Status SetPendingTotp(std::int64_t user_id, const Blob& sealed) = 0;
  /// Makes the pending secret active (as `sealed`), records `step` as used and replaces the
  /// recovery codes with `recovery_hashes`, in one transaction.
  virtual Status ActivateTotp(std::int64_t user_id, const Blob& sealed, std::int64_t step,
                              const std::vector<Blob32>& recovery_hashes) = 0;
  virtual Status ClearTotp(std::int64_t user_id) = 0;
  /// Atomically records `step` as used if it is later than the last one; false for a replay.
  virtual Result<bool> AdvanceTotpStep(std::int64_t user_id, std::int64_t step) = 0;
  /// Atomically marks an unused recovery code as used; false if unknown or already used.
  virtual Result<bool> UseRecoveryCode(std::int64_t user_id, const Blob32& code_hash) = 0;

  /// Installation-wide settings (e.g. "require_totp"); empty string when unset.
  virtual Result<std::string> GetSetting(const std::string& key) = 0;
  virtual Status PutSetting(const std::string& key, const std::string& value) = 0;
};

class InstallationStore {
 public:
  virtual ~InstallationStore() = default;
  /// kConflict if the store was already initialised.
  virtual Status SaveInstallation(const Installation& installation) = 0;
  /// kNotFound if `lifeline init` has not run.
  virtual Result<Installation> LoadInstallation() = 0;

  /// Adds a generation; kConflict unless it is exactly one past the newest.
  virtual Status AddOfficeKey(const StoredOfficeKey& key) = 0;
  /// Stores the wrapped office secret if none is stored yet; kConflict otherwise.
  virtual Status SaveOfficeSecret(const Blob& sealed) = 0;
  /// Destroys the wrapped private keys of all generations older than `generation`, leaving
  /// nothing of them readable in the database files. kConflict, changing nothing, while
  /// any application's key is still wrapped under one of them.
  virtual Status RetireOfficeKeysBefore(std::int64_t generation) = 0;
  /// Replaces the wrapping of the office keys and the custodians in one transaction, and
  /// erases the old wrapping from the database files (it would still open under the old
  /// passphrase or shares). kConflict, changing nothing, unless `rewrap.keys` names exactly
  /// the generations that still have a private key, or when no office secret is stored.
  virtual Status RewrapOffice(const OfficeRewrap& rewrap) = 0;
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
  /// The entries `filter` matches, newest first: `limit` of them after skipping `offset`,
  /// and how many match in all.
  virtual Result<AuditMatches> FindAuditRecords(const AuditFilter& filter, std::int64_t offset,
                                                int limit) = 0;
  /// For each account that ever did `action` (e.g. "sign_in"), the time of its latest entry.
  virtual Result<std::vector<std::pair<std::int64_t, std::int64_t>>> LatestAuditByActor(
      std::string_view action) = 0;
};

/// The contact centre's lasting state: its queue log and what managers set up (operators,
/// lines). Calls in progress and operators' states are not kept: they belong to the phones.
class ContactCentreStore {
 public:
  virtual ~ContactCentreStore() = default;
  /// Appends the lines in one transaction and drops those older than `keep_after`.
  virtual Status AppendQueueLog(std::span<const QueueLogRecord> lines, double keep_after) = 0;
  /// The latest `limit` lines, oldest first.
  virtual Result<std::vector<QueueLogRecord>> ListQueueLog(int limit) = 0;
  /// kConflict if an operator has this name.
  virtual Status InsertOperator(const OperatorRecord& op) = 0;
  /// In the order they were added.
  virtual Result<std::vector<OperatorRecord>> ListOperators() = 0;
  virtual Status SaveLines(int lines) = 0;
  /// nullopt until a manager has set them.
  virtual Result<std::optional<int>> LoadLines() = 0;
  /// Links the operator `name` to the account `user_id` (the one who may set that
  /// operator's state); 0 removes the link. Kept in contact_centre_settings as
  /// "account:<name>", so no schema change was needed.
  virtual Status SaveOperatorAccount(const std::string& name, std::int64_t user_id) = 0;
  /// Every link: (operator name, user id).
  virtual Result<std::vector<std::pair<std::string, std::int64_t>>> ListOperatorAccounts() = 0;
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

/// Tamper-evident rows (store/row_mac.hpp, docs/security.md "Tamper-evident rows").
class RowMacStore {
 public:
  virtual ~RowMacStore() = default;
  /// From now on every write reseals the MAC'd rows it touches, inside its transaction,
  /// with `sealer`. Without one (the intake role) rows are written without a MAC. Call
  /// before serving.
  virtual void SetRowSealer(std::shared_ptr<const RowSealer> sealer) = 0;
  /// The row of `table` (a name of kRowMacTables) with this id; kNotFound.
  virtual Result<SealedRow> ReadSealedRow(std::string_view table, std::int64_t id) = 0;
  /// Up to `limit` rows of `table` with ids above `after_id`, in id order.
  virtual Result<std::vector<SealedRow>> ReadSealedRows(std::string_view table,
                                                        std::int64_t after_id, int limit) = 0;
  /// Seals, in one transaction, every row of every MAC'd table that has no MAC: the upgrade
  /// step (those rows are trusted as they are). The number sealed; kInternal without a sealer.
  virtual Result<std::int64_t> SealRowsWithoutMac() = 0;
};

/// Readiness (docs/api.md, /readyz): whether a write can commit now.
class ReadinessStore {
 public:
  virtual ~ReadinessStore() = default;
  /// Commits the one-row readiness write (store/readiness_sql.hpp), durably like every write.
  /// kUnavailable when it cannot: the disk is full, the store refuses writes after a failed
  /// fsync, the server is gone or read-only, or (PostgreSQL) the commit did not come back
  /// within `timeout` (a synchronous standby that does not answer); then the statement is
  /// cancelled and its connection closed. SQLite bounds only its wait for the writer by
  /// `timeout`: a write stuck in the kernel is the caller's to time (app/readiness.hpp).
  virtual Status ProbeWrite(std::chrono::milliseconds timeout) = 0;
};

/// Everything lifeline keeps, behind one handle.
class Store : public ApplicationStore,
              public UserStore,
              public InstallationStore,
              public AuditStore,
              public ContactCentreStore,
              public CampStore,
              public SnapshotStore,
              public RowMacStore,
              public ReadinessStore {
 public:
  /// People abroad (store/abroad_store.hpp), kept apart so that each part stays small.
  virtual AbroadStore& Abroad() = 0;
  /// Conversations over SMS and messengers (store/channel_store.hpp).
  virtual ChannelStore& Channels() = 0;
};

}  // namespace lifeline::store
