#pragma once
// The office: operators read and answer applications. Only the office role constructs this,
// because only it holds the unwrapped office private key.

#include <atomic>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/accounts/custodians.hpp"
#include "app/audit/access_alerts.hpp"
#include "app/audit/approvals.hpp"
#include "app/audit/audit_log.hpp"
#include "app/audit/row_integrity.hpp"
#include "app/cases/search_index.hpp"
#include "app/clock.hpp"
#include "app/sealed_fields.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/application.hpp"
#include "domain/contact_centre/callback.hpp"
#include "domain/contact_window.hpp"
#include "domain/custody.hpp"
#include "domain/group.hpp"
#include "domain/receipt.hpp"
#include "domain/screening.hpp"
#include "domain/statistics.hpp"
#include "domain/workflow.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// One message of a case's conversation, opened.
struct CaseMessage {
  std::chrono::year_month_day written_on;
  std::optional<std::int64_t> author_user_id;  // nullopt: the applicant wrote it
  std::string text;
};

/// One status change, its reason opened. Holds personal data: never log it.
struct CaseEvent {
  std::int64_t at = 0;  // seconds since the epoch
  std::int64_t actor_user_id = 0;
  std::string actor_name;
  CaseStatus from = CaseStatus::kNew;
  CaseStatus to = CaseStatus::kNew;
  std::string reason;
};

/// A follow-up task, its note opened. Holds personal data: never log it.
struct CaseTask {
  std::int64_t id = 0;
  TaskKind kind = TaskKind::kContact;
  std::int64_t due_at = 0;  // seconds since the epoch, UTC
  std::string note;
  std::optional<std::int64_t> done_at;
};

/// What screening says of a case, now (for roles that review it).
struct CaseScreening {
  int score = 0;
  std::vector<Signal> signals;
  bool needs_review = false;
  std::optional<store::Blob32> handle_index;  // the contact's blind index, as stored
};

/// Another case that may be the same person, and why.
struct DuplicateProposal {
  std::int64_t case_id = 0;
  std::vector<std::string> reasons;
};

/// A case with its identifying fields decrypted. Holds personal data: never log it.
struct CaseDetails {
  store::CaseSummary summary;
  std::int64_t version = 0;  // give it back with a status change (lost-update check)
  IdentifyingFields fields;
  std::int64_t received_at = 0;               // seconds since the epoch, from inside the seal
  std::vector<CaseMessage> messages;          // the conversation, oldest first
  std::vector<CaseEvent> timeline;            // oldest first
  std::vector<Transition> next;               // the moves the reader may make now
  std::vector<CaseTask> tasks;                // open first, by due time
  std::vector<ContactWindow> windows;         // the next safe windows, in UTC (empty: none given)
  bool inside_window_now = false;             // the first of `windows` is open now
  std::optional<CaseScreening> screening;     // for roles that review screening
  std::vector<DuplicateProposal> duplicates;  // likely duplicates, for roles that review screening
  std::optional<std::int64_t> merged_into;    // this case was merged into that one
  std::vector<std::int64_t> merged_from;      // cases merged into this one
  std::size_t group_members = 0;              // members of the group this case leads
};

/// A follow-up to schedule. A contact may be due only inside the applicant's safe windows;
/// without `due_at` it is due at the next one (or now, inside one).
struct TaskRequest {
  TaskKind kind = TaskKind::kContact;
  std::optional<std::int64_t> due_at;
  std::string note;
};

/// What needs doing: open tasks due within the next day (overdue first) and cases whose
/// deployment date is near. Clear fields only.
struct WorkQueue {
  std::int64_t now = 0;
  std::vector<store::QueuedTask> tasks;
  std::vector<store::CaseSummary> deploying_soon;
};

/// A screening marker as verifiers see it. A handle marker's handle is not shown: only its
/// blind index is kept.
struct MarkerView {
  std::int64_t id = 0;
  bool is_handle = false;
  std::string phrase;  // phrase markers only
  std::string note;
  std::int64_t created_at = 0;
};

/// A marker to add: a contact handle or a phrase, and why.
struct MarkerRequest {
  std::string handle;
  std::string phrase;
  std::string note;
};

/// A search: the words (or a telephone number or handle), and which page of the ranking.
struct SearchQuery {
  std::string text;
  int offset = 0;
  int limit = 50;
};

/// One case in a search's results, and why it is there: its contact is the number or handle
/// searched for, and how each query word matched it (search_index.hpp).
struct SearchItem {
  store::CaseSummary summary;
  bool by_contact = false;
  std::vector<std::optional<WordMatch>> words;  // per query word, in the query's order
};

/// One page of search results, best first (search_index.hpp's ranking; cases found by
/// contact before the rest): clear summaries only; opening a case is a separate, audited read.
struct SearchPage {
  std::vector<SearchItem> items;
  std::int64_t total = 0;          // matches the searcher may see (operators: among the best 2,000)
  std::int64_t complete = 0;       // of them, matching every query word (or the contact)
  bool index_complete = true;      // false while the office is still indexing at start
  std::int64_t indexed_cases = 0;  // how many cases the index holds now
};

/// Aggregates for analysts, small cells suppressed (domain/statistics.hpp). Never holds
/// the custody circumstance: crossings count as "crossed (registered as captured)".
struct StatisticsReport {
  struct Day {
    std::chrono::year_month_day day;
    std::optional<std::int64_t> total;
    std::vector<Cell> by_channel;
    std::vector<Cell> by_situation;
  };
  std::vector<Day> days;     // oldest first
  std::vector<Cell> funnel;  // applications, verified, crossed
  std::vector<Cell> backlog_by_age;
  std::optional<std::int64_t> today;
  std::optional<double>
      trailing_mean;  // a day over the 28 days before today; nullopt under 10 in all
  bool surge = false;
};

/// A person the group's contact speaks for, to add as a case of their own. The name is
/// required; the unit defaults to the group's.
struct MemberRequest {
  std::string name;
  std::string rank;
  std::string unit;
  std::string note;
};

/// A member just added: the receipt is shown once, for the contact to pass on; lifeline keeps
/// only its hash. Holds a secret: never log it.
struct AddedMember {
  std::int64_t case_id = 0;
  Receipt receipt;
};

/// One member of a group. The name and rank are opened only for members the reader may
/// work on; others show their clear summary alone.
struct GroupMember {
  store::CaseSummary summary;
  bool opened = false;
  std::string name;
  std::string rank;
};

/// A group (unit) case: its plan, members and membership history. Holds personal data:
/// never log it.
struct GroupDetails {
  std::int64_t case_id = 0;
  std::int64_t version = 0;  // give it back with a plan (lost-update check)
  int declared_size = 1;     // how many people the contact said the group holds
  // Set when this case is now a member of that group: its own group (if it led one) shows
  // only its history, and nothing more is managed from here.
  std::optional<std::int64_t> member_of;
  std::string plan;
  std::vector<GroupMember> members;        // by case id
  std::vector<store::GroupEvent> history;  // oldest first
};

/// A safe callback accepted: when it is scheduled, inside the caller's windows.
struct CallbackScheduled {
  std::int64_t id = 0;
  std::int64_t due_at = 0;
  std::int64_t window_end = 0;
};

/// A callback handed to the telephony side to dial now. Holds personal data: never log it.
struct CallbackToDial {
  std::int64_t id = 0;
  std::string number;
  Language language = Language::kRu;
  std::int64_t window_end = 0;  // hang up the attempt by then
};

/// A requested workflow transition (domain/workflow.hpp).
struct StatusChange {
  CaseStatus to = CaseStatus::kNew;
  std::string reason;
  std::int64_t expected_version = 0;  // the version the requester saw
  // Moving to "crossed" registers the person as captured; the true circumstance is sealed
  // with the move unless it was recorded before.
  std::optional<CustodyCircumstance> circumstance;
};

class OfficeService {
 public:
  /// `store`, `audit` and `clock` must outlive the service. Thread-safe.
  OfficeService(store::Store& store, AuditLog& audit, const Clock& clock,
                crypto::OfficeOpener opener);
  ~OfficeService();
  OfficeService(const OfficeService&) = delete;
  OfficeService& operator=(const OfficeService&) = delete;

  static constexpr int kMaxPageSize = 200;

  /// The tamper checks the office applies (also to accounts: app/accounts/sessions.hpp).
  const RowIntegrity& integrity() const { return integrity_; }

  /// Newest first. Operators see unassigned cases and their own only. kInvalidInput for a
  /// page size outside 1..kMaxPageSize or a negative offset.
  Result<store::CasePage> ListCases(const Actor& actor, const store::CaseFilter& filter);

  static constexpr int kMaxExportRows = 100'000;

  /// Every case the filter matches (its offset and limit are ignored), clear fields only, for
  /// a coordinator to plan with offline. Audited ("cases:<count>") before anything is returned.
  /// kForbidden without kExportCaseList; kInvalidInput ("filter") when more than
  /// kMaxExportRows match.
  Result<store::CasePage> ExportCaseList(const Actor& actor, store::CaseFilter filter);

  /// Decrypts the case, after writing the read to the audit log (no entry, no read).
  /// Operators must have claimed it first. kNotFound, kForbidden, or kInternal if it does
  /// not open.
  Result<CaseDetails> GetCase(const Actor& actor, std::int64_t case_id);

  /// Takes an unassigned case (audited). kConflict if another operator holds it.
  Status ClaimCase(const Actor& actor, std::int64_t case_id);

  /// Deletes the case for good: its key, its sealed fields and its replies, leaving nothing
  /// readable in the database files. Audited first (no entry, no deletion). kNotFound,
  /// kForbidden.
  Status DeleteCase(const Actor& actor, std::int64_t case_id);

  /// Sends `text` to the applicant: sealed to the receipt's reply key (only the applicant
  /// opens it) and, for the office's own record, under the case key.
  Status Reply(const Actor& actor, std::int64_t case_id, std::string_view text);

  /// Moves the case along the workflow (office_workflow.cpp) and returns its new version.
  /// Audited; the reason is sealed under the case key. kForbidden when the role may not
  /// make this move (or work this case); kConflict when the workflow has no such move from
  /// the current status, or the case changed since `expected_version`; kInvalidInput for a
  /// missing or bad reason, or a crossing without the custody circumstance.
  Result<std::int64_t> ChangeStatus(const Actor& actor, std::int64_t case_id,
                                    const StatusChange& change);

  /// Schedules a follow-up (office_followups.cpp). Audited. kInvalidInput (field due_at)
  /// for a contact outside the applicant's safe windows, or a time more than a year away;
  /// kForbidden, kNotFound as for reading the case.
  Result<store::StoredTask> AddTask(const Actor& actor, std::int64_t case_id,
                                    const TaskRequest& request);
  /// Marks a task done. Audited. kConflict if it already is.
  Status CompleteTask(const Actor& actor, std::int64_t task_id);
  /// The actor's work queue: operators see their own cases' tasks; others see all.
  Result<WorkQueue> Queue(const Actor& actor);

  /// Screens up to `limit` cases not screened yet (office_screening.cpp): computes the
  /// contact handle's blind index and the score. Run by the office on a schedule; audited
  /// once per run that screened anything. Returns how many were screened.
  Result<int> ScreenPending(int limit);
  /// Searches the decrypted fields (office_search.cpp; index in memory only), and, when the
  /// query is a telephone number or handle, the contacts' blind index. Audited without the
  /// query. kInvalidInput for an empty, wildcard-only or over-long query, a page size outside
  /// 1..200 or an offset outside 0..10,000.
  Result<SearchPage> Search(const Actor& actor, const SearchQuery& query);
  /// Adds up to `limit` cases not yet in the search index; returns how many. Run by the
  /// office on a schedule from start, so that the index covers every case.
  Result<int> IndexPending(int limit);
  /// The stored cases an application not stored yet may duplicate, as ProposeDuplicates
  /// finds them (`lifeline import` flags its records with it). Not audited: the caller is
  /// the office itself, whose run is audited.
  Result<std::vector<DuplicateProposal>> LikelyDuplicates(const IdentifyingFields& fields,
                                                          ContactChannel channel);

  /// The last `days` days' aggregates (office_statistics.cpp). Audited, with `purpose` as
  /// the entry's target ("export:csv" for a download; empty for a page or an API read).
  /// kInvalidInput for `days` outside 1..366.
  Result<StatisticsReport> Statistics(const Actor& actor, int days, std::string_view purpose = "");

  /// Merges `source` into `target` as a duplicate (office_duplicates.cpp): `source` moves to
  /// "duplicate" with the reason, both keep their histories and conversations, and each
  /// case names the other. Returns the source's new version. kInvalidInput for a case
  /// merged into itself; kConflict when the target is itself merged, or as ChangeStatus.
  Result<std::int64_t> MergeCase(const Actor& actor, std::int64_t source, std::int64_t target,
                                 std::int64_t expected_version);

  /// Adds a marker (verifiers). Audited. kInvalidInput unless exactly one of handle and
  /// phrase is given, with a note.
  Result<std::int64_t> AddMarker(const Actor& actor, const MarkerRequest& request);
  Result<std::vector<MarkerView>> ListMarkers(const Actor& actor);

  /// Group (unit) cases (office_groups.cpp); domain/group.hpp has the rules. Each is
  /// audited, needs kManageGroups and the right to work the group's case; kConflict for a
  /// group that changed meanwhile or would nest.
  /// Adds a member: a case of its own with its own receipt, assigned like the group.
  Result<AddedMember> AddGroupMember(const Actor& actor, std::int64_t group_case_id,
                                     const MemberRequest& request);
  /// The group a case leads, or led before it joined another (then with `member_of`).
  Result<GroupDetails> GetGroup(const Actor& actor, std::int64_t group_case_id);
  /// Replaces the group's sealed plan; returns the case's new version.
  Result<std::int64_t> SetGroupPlan(const Actor& actor, std::int64_t group_case_id,
                                    std::string_view plan, std::int64_t expected_version);
  /// The `leaving` members form a new group led by `new_leader`, one of them.
  Status SplitGroup(const Actor& actor, std::int64_t group_case_id,
                    std::span<const std::int64_t> leaving, std::int64_t new_leader);
  /// Every member of `source`, and its contact, become members of `target`.
  Status MergeGroups(const Actor& actor, std::int64_t source, std::int64_t target);

  /// Safe callbacks (office_callbacks.cpp), for the telephony client. The number and windows
  /// are sealed under the office's callback key; the call is only ever scheduled inside a
  /// window. kInvalidInput naming the field for a bad request.
  Result<CallbackScheduled> RequestCallback(const contact_centre::CallbackDraft& draft);
  /// Up to `limit` callbacks whose slot is now, marked as dialing; a due one whose window has
  /// passed meanwhile is moved to its next window instead.
  Result<std::vector<CallbackToDial>> TakeDueCallbacks(int limit);
  /// The outcome of dialing: connected ends it (the number is shredded); otherwise it is tried
  /// again later inside a window, and lapses (shredded) after CallbackLimits::kMaxAttempts.
  /// kConflict unless it was dialing; kNotFound.
  Status ReportCallback(std::int64_t id, bool connected);
  /// A coordinator takes a callback request for a caller (kManageContactCentre), audited
  /// without the number; otherwise as RequestCallback.
  Result<CallbackScheduled> RequestCallbackFor(const Actor& actor,
                                               const contact_centre::CallbackDraft& draft);
  /// Ends a pending callback and shreds its number at once, e.g. when the caller's phone may
  /// be in other hands (kManageContactCentre), audited. kConflict unless pending; kNotFound.
  Status CancelCallback(const Actor& actor, std::int64_t id);
  /// A crossed case's identifying fields for the camp registry (kRegisterPrisoner), audited
  /// as a read of the case. kInvalidInput unless the case is crossed.
  Result<IdentifyingFields> FieldsForRegistry(const Actor& actor, std::int64_t case_id);
  /// The office keys, for the camp registry, which seals and opens its records the same way.
  const crypto::OfficeOpener& Opener() const { return opener_; }

  /// Callbacks in `status`, newest first, without their numbers (kManageContactCentre).
  Result<std::vector<store::StoredCallback>> ListCallbacks(const Actor& actor,
                                                           store::CallbackStatus status);

  /// Seals how the person came into custody under the case key (office_custody.cpp).
  /// Audited without the value. kForbidden without kRecordCustody; kNotFound.
  Status RecordCustody(const Actor& actor, std::int64_t case_id, CustodyCircumstance circumstance);

  /// The sealed circumstance, audited. kForbidden without kReadCustody, or without a second
  /// person's approval of the actor's request (RequestCustodyRead; app/audit/approvals.hpp),
  /// which one read uses up; kNotFound for no case or none recorded; kInternal if it does
  /// not open.
  Result<CustodyCircumstance> ReadCustody(const Actor& actor, std::int64_t case_id);
  /// Whether a circumstance is recorded (not what). kForbidden without kReadCustody or
  /// kRecordCustody; kNotFound for no case.
  Result<bool> CustodyRecorded(const Actor& actor, std::int64_t case_id);
  /// Asks a second person to approve reading the circumstance (or returns the open request).
  /// kForbidden without kReadCustody; kNotFound for no case or none recorded. Audited.
  Result<ApprovalRequest> RequestCustodyRead(const Actor& actor, std::int64_t case_id);
  /// The two-person rule's requests and approvals (the console's approvals page).
  Approvals& approvals() { return approvals_; }

  /// Marks or unmarks a canary case (app/audit/access_alerts.hpp), audited. kForbidden
  /// without kManageCanaries; kNotFound for no case.
  Status SetCanary(const Actor& actor, std::int64_t case_id, bool canary);
  /// The canary cases. kForbidden without kManageCanaries or kReadAuditLog.
  Result<std::set<std::int64_t>> Canaries(const Actor& actor);
  /// An applicant's status was checked with the receipt whose lookup hash this is (the
  /// intake tells of every check alike): when it is a case's duress receipt, records
  /// duress_signalled "case:<id>" for the coordinators. Nothing is written otherwise.
  Status NoteStatusCheck(const store::Blob32& lookup);
  /// NoteStatusCheck for each (a batch of app/intake/status_check_notes.hpp); how many
  /// could not be noted.
  std::size_t NoteStatusChecks(std::span<const store::Blob32> lookups);
  /// The access alerts of the last 30 days, newest first (app/audit/access_alerts.hpp).
  /// kForbidden without kReadAuditLog.
  Result<std::vector<store::AuditRecord>> AccessAlerts(const Actor& actor);
  /// The duress signals of the last 30 days, newest first: "case:<id>". kForbidden without
  /// kSeeDuressSignals.
  Result<std::vector<store::AuditRecord>> DuressSignals(const Actor& actor);
  /// The custodians of the office key, or nullopt (a passphrase opens it). kForbidden
  /// without kManageSettings or kReadAuditLog.
  Result<std::optional<CustodianSet>> Custodians(const Actor& actor);

  /// OkStatus if `actor` may work on case `case_id` now (CheckAssignment below): kNotFound,
  /// kForbidden. For services beside the office that act on a case (channel conversations).
  Status MayWorkOn(const Actor& actor, std::int64_t case_id);

 private:
  /// Search without the canary check.
  Result<SearchPage> FindCases(const Actor& actor, const SearchQuery& query);
  /// OkStatus if `actor` may work on `stored` now: any case with kWorkAnyCase, else only a
  /// case assigned to them.
  Status CheckAssignment(const Actor& actor, const store::StoredApplication& stored) const;
  Result<crypto::RecordKey> OpenRecordKey(const store::StoredApplication& stored) const;
  /// For a paused case, the status it was paused in (it resumes only there).
  std::optional<CaseStatus> PausedFrom(const store::StoredApplication& stored);
  /// The case's identifying fields, opened under `key`.
  Result<OpenedFields> OpenFields(const store::StoredApplication& stored,
                                  const crypto::Key32& key) const;
  /// The case's identifying fields, opening its record key for the purpose (and wiping it).
  Result<OpenedFields> OpenFields(const store::StoredApplication& stored) const;
  /// The blind index of a case's contact handle, or nullopt without one.
  std::optional<store::Blob32> HandleIndex(const IdentifyingFields& fields,
                                           ContactChannel channel) const;
  /// The blind indexes a contact may be stored under: a telephone number's international
  /// form first (what HandleIndex stores now), then its national forms; a handle's one.
  std::vector<store::Blob32> HandleIndexes(std::string_view handle) const;
  /// The cases whose contact is `handle` written any of those ways, but `except_id`.
  Result<std::vector<std::int64_t>> CasesWithContact(std::string_view handle,
                                                     std::int64_t except_id);
  Result<std::vector<std::int64_t>> CasesWithIndexes(const std::vector<store::Blob32>& indexes,
                                                     std::int64_t except_id);
  /// The blind index of a name across scripts and spellings, or nullopt without a name.
  std::optional<store::Blob32> NameIndex(const IdentifyingFields& fields) const;
  /// Cases that may be the same person: the same contact (any way it is written), the same
  /// name key, or a name the search index finds alike and CompareNames confirms.
  Result<std::vector<DuplicateProposal>> ProposeDuplicates(const store::StoredApplication& stored,
                                                           const IdentifyingFields& fields);
  /// The same for `fields` of case `self` (0: none yet), leaving out what it is merged into.
  Result<std::vector<DuplicateProposal>> FindDuplicates(const IdentifyingFields& fields,
                                                        ContactChannel channel, std::int64_t self,
                                                        std::optional<std::int64_t> merged_into);
  /// What screening reads once per pass: the markers, opened, and day counts already made.
  struct ScreeningCache;
  /// What screening says of a case now.
  Result<CaseScreening> Screen(const store::StoredApplication& stored,
                               const IdentifyingFields& fields, ScreeningCache& cache);
  Result<CaseScreening> Screen(const store::StoredApplication& stored,
                               const IdentifyingFields& fields);
  /// The group case `id` if `actor` may manage it: kNotFound, kForbidden, or kInvalidInput
  /// for a case that is a member of another group (unless `reading`).
  /// The stored case once its row passed its tamper check: kIntegrity (audited) when it
  /// failed, kNotFound. Every use of a case goes through here.
  Result<store::StoredApplication> CheckedApplication(std::int64_t id) const;
  /// kIntegrity (audited) for the first of these rows of `table` that fails its check.
  template <typename Rows>
  Status CheckRows(std::string_view table, const Rows& rows) const {
    for (const auto& row : rows) {
      if (auto checked = integrity_.Check(table, row.id); !checked) return checked;
    }
    return OkStatus();
  }
  Result<store::StoredApplication> ManagedGroup(const Actor& actor, std::int64_t id,
                                                bool reading = false);
  /// The case's tasks with their notes opened under `key`.
  Result<std::vector<CaseTask>> Tasks(std::int64_t case_id, const crypto::Key32& key);
  /// A message's text: a staff reply under the record key, the applicant's under its
  /// office wrapping.
  Result<crypto::SecretBytes> OpenMessage(const store::StoredMessage& message,
                                          const crypto::Key32& record_key) const;
  /// The timeline of a case with its reasons opened under `key`.
  Result<std::vector<CaseEvent>> Timeline(std::int64_t case_id, const crypto::Key32& key);

  store::Store& store_;
  AuditLog& audit_;
  const Clock& clock_;
  const crypto::OfficeOpener opener_;
  crypto::Key32 handle_index_key_;  // blind index of contact handles (never leaves the office)
  crypto::Key32 marker_key_;        // seals markers' phrases and notes
  crypto::Key32 name_index_key_;    // blind index of names for duplicates
  crypto::Key32 callback_key_;      // seals callbacks' numbers and windows (survives key rotation)
  RowIntegrity integrity_;          // checks each case, event and message row before use
  Approvals approvals_;
  CanaryCases canaries_;
  SearchIndex search_;
  std::atomic<std::int64_t> indexed_up_to_{0};  // every case with a lower or equal id is in search_
  std::atomic<bool> index_complete_{false};
};

}  // namespace lifeline::app
