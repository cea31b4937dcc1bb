#pragma once
// What the store keeps. Identifying fields appear only as ciphertext; clear fields are the
// non-identifying ones needed for queues and statistics (docs/security.md).

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/application.hpp"
#include "domain/audit_record.hpp"
#include "domain/case_list.hpp"
#include "domain/case_status.hpp"
#include "domain/contact_centre/callback_record.hpp"
#include "domain/contact_centre/callback_status.hpp"
#include "domain/group.hpp"
#include "domain/record_values.hpp"
#include "domain/role.hpp"
#include "domain/task.hpp"
#include "domain/task_kind.hpp"

namespace lifeline::store {

using contact_centre::CallbackStatus;
using contact_centre::ParseCallbackStatus;
using contact_centre::ToString;
using lifeline::CaseFilter;
using lifeline::CasePage;
using lifeline::CaseSummary;

using lifeline::Blob;
using lifeline::Blob32;
using lifeline::Date;
// Records that are the domain's values, kept under the store's names.
using contact_centre::NewCallback;
using contact_centre::StoredCallback;
using lifeline::AuditFilter;
using lifeline::AuditMatches;
using lifeline::AuditRecord;
using lifeline::NewTask;
using lifeline::QueuedTask;
using lifeline::StoredTask;

/// An application sealed at intake, ready to append.
/// A second receipt an applicant asked for, to enter under duress: its lookup hash and reply
/// key, as the real receipt's (docs/security.md, "Duress receipts").
struct DuressReceipt {
  Blob32 lookup{};
  Blob32 reply_public{};
};

/// One entry of the proof-of-application log (app/intake/application_proof.hpp): a signed
/// statement that an application was received, chained to the entry before it.
struct ProofRecord {
  std::int64_t seq = 0;                 // from 1, no gaps
  std::optional<std::int64_t> case_id;  // none once the case was deleted
  Date logged_on;                       // the day the entry was written
  Date received_on;                     // the day the office received the application
  Blob32 commitment{};                  // to the receipt, under `salt`
  Blob salt;                            // empty once the case was deleted
  Blob32 previous{};                    // the entry before's hash; zeros for the first
  Blob signature;                       // the office's Ed25519 signature, 64 bytes
};

struct NewApplication {
  std::optional<DuressReceipt> duress;  // kept in its own table (duress_receipts)
  ClearFields clear;
  Date received_on;       // the day only: an exact time would help match network logs
  Blob32 receipt_lookup;  // unique; the only trace of the receipt
  Blob32 reply_public;    // replies to the applicant are sealed to this key
  Blob32 ephemeral_public;
  std::int64_t key_generation = 1;  // the office key generation that opens wrapped_key
  Blob wrapped_key;                 // deleting it shreds the record
  Blob sealed_fields;
};

struct StoredApplication {
  std::int64_t id = 0;
  std::int64_t version = 0;  // grows with every status change: detects concurrent edits
  ClearFields clear;
  Date received_on;
  CaseStatus status = CaseStatus::kNew;
  std::optional<std::int64_t> assigned_user_id;
  Blob32 receipt_lookup{};
  Blob32 reply_public{};
  Blob32 ephemeral_public{};
  std::int64_t key_generation = 1;  // the office key generation that opens wrapped_key
  Blob wrapped_key;
  Blob sealed_fields;
  Blob custody_sealed;                        // empty until a custody circumstance is recorded
  std::optional<std::int64_t> merged_into;    // set when this case was merged as a duplicate
  std::optional<std::int64_t> group_case_id;  // a member of that group (unit) case
  Blob plan_sealed;  // a group case's plan, under its record key; empty until written
};

/// One status change of a case: its timeline.
struct NewCaseEvent {
  std::int64_t case_id = 0;
  std::int64_t at = 0;  // seconds since the epoch
  std::int64_t actor_user_id = 0;
  CaseStatus from = CaseStatus::kNew;
  CaseStatus to = CaseStatus::kNew;
  Blob reason_sealed;  // under the record key; empty when no reason was given
};

struct StoredCaseEvent : NewCaseEvent {
  std::int64_t id = 0;
};

/// A person a group's contact speaks for, added by the office as a case of their own (their
/// own status, receipt and record key) linked to the group case. Members are not counted as
/// inquiries and do not count towards bursts of alike applications.
struct NewGroupMember {
  NewApplication application;
  std::int64_t group_case_id = 0;
  std::optional<std::int64_t> assigned_user_id;  // the group's operator, if any
  std::int64_t actor_user_id = 0;
  std::int64_t at = 0;  // seconds since the epoch
};

/// One change of a group's membership: its history, which splits and merges extend and
/// never rewrite.
struct GroupEvent {
  std::int64_t id = 0;
  std::int64_t group_case_id = 0;
  std::int64_t member_case_id = 0;
  GroupEventKind kind = GroupEventKind::kAdded;
  std::optional<std::int64_t> other_group_id;  // joined from / left for that group
  std::int64_t at = 0;
  std::int64_t actor_user_id = 0;
};

/// A callback's next state, applied only if it is still in `from`.
struct CallbackUpdate {
  std::int64_t id = 0;
  CallbackStatus from = CallbackStatus::kPending;
  CallbackStatus to = CallbackStatus::kPending;
  int attempts = 0;
  std::int64_t due_at = 0;
  std::int64_t window_end = 0;
};

/// One line of the contact centre's queue log (app/contact_centre/contact_centre.hpp). No caller
/// data: the call is the telephony side's opaque id, the operator an extension.
struct QueueLogRecord {
  double at = 0;  // seconds since the epoch
  std::string call;
  std::string operator_name;
  std::string event;
};

/// A contact-centre operator as a manager added them: a telephony extension, not a person's
/// name. Kept so that a restart finds the same operators (logged out).
struct OperatorRecord {
  std::string name;       // e.g. ext-101
  std::string uri;        // where the telephony side rings them; may be empty
  std::string languages;  // codes joined by commas, e.g. "ru,uk"
};

/// Raw counts for the statistics (app: suppressed before anyone sees them). Clear fields
/// and status changes only: nothing sealed, never the custody circumstance.
struct StatisticsCounts {
  struct DayCount {
    Date day;
    std::string key;  // a channel or a situation (wire name)
    std::int64_t count = 0;
  };
  std::vector<DayCount> by_channel;    // received per day and channel
  std::vector<DayCount> by_situation;  // received per day and situation
  std::int64_t applications = 0;       // all cases now held
  std::int64_t verified = 0;           // cases that were ever verified
  std::int64_t crossed = 0;            // cases that ever crossed (registered as captured)
  std::vector<std::int64_t> open_by_age;  // open cases by age: <7, 7–29, 30–89, 90–179, 180+ days
};

/// What a screening pass stores for one case.
struct ScreeningResult {
  std::int64_t id = 0;
  std::optional<Blob32> handle_index;  // nullopt: no contact handle
  std::optional<Blob32> name_index;    // the name's blind index across spellings; nullopt: no name
  int score = 0;
};

/// A screening marker kept by verifiers: a contact handle (as its blind index) or a phrase
/// (sealed), with the verifier's note (sealed).
struct NewMarker {
  std::optional<Blob32> handle_index;
  Blob phrase_sealed;  // empty for a handle marker
  Blob note_sealed;
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
};

struct StoredMarker : NewMarker {
  std::int64_t id = 0;
};

/// How a message the applicant wrote is sealed for the office: like an application, its
/// key is wrapped under an office key generation (the intake role cannot open it).
struct OfficeWrapping {
  std::int64_t key_generation = 1;
  Blob32 ephemeral_public{};
  Blob wrapped_key;
};

/// One message of a case's conversation, either way.
struct NewMessage {
  std::int64_t case_id = 0;
  std::optional<std::int64_t> author_user_id;  // nullopt: the applicant wrote it
  Date created_on;
  Blob sealed_for_applicant;  // opens with the receipt's reply key
  // Staff messages: under the case's record key. The applicant's: under `wrapping`.
  Blob sealed_for_office;
  std::optional<OfficeWrapping> wrapping;  // the applicant's messages only
};

struct StoredMessage : NewMessage {
  std::int64_t id = 0;
};

/// What the applicant may see with a receipt.
struct ApplicantView {
  std::int64_t case_id = 0;
  CaseStatus status = CaseStatus::kNew;
  Date received_on;
  std::vector<StoredMessage> messages;  // oldest first
  // An intake outbox's view of a collected case: its stage ("received", "in_progress",
  // "closed") sealed to the receipt's reply key, so that only the receipt's holder learns it
  // (`status` is then meaningless). Empty everywhere else.
  Blob sealed_stage;
  // An outbox's view of a case with a proof of application: the proof's text (or, in a duress
  // receipt's view, nothing), padded and sealed to the receipt's reply key. Empty else.
  Blob sealed_proof;
};

struct UserRecord {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::kOperator;
  std::string password_hash;
  bool disabled = false;
  Blob totp_sealed;                 // the active second-factor secret, sealed; empty if none
  Blob totp_pending_sealed;         // a secret being enrolled, sealed; empty if none
  std::int64_t totp_last_step = 0;  // the last time step accepted: older codes are replays
  Language console_language = Language::kRu;  // ru, uk or en: the words the console shows it
};

/// One generation of the office key pair, as stored.
struct StoredOfficeKey {
  std::int64_t generation = 0;  // 1, 2, 3, …
  Blob32 public_key{};
  Blob private_sealed;  // wrapped under the passphrase key; empty once retired
};

/// Created by `lifeline init`; the office keys change only by rotation.
struct Installation {
  Blob passphrase_salt;  // Argon2id parameters of the office passphrase
  std::uint64_t passphrase_opslimit = 0;
  std::uint64_t passphrase_memlimit = 0;
  // The wrapped office secret. Empty only in a data folder initialised before it existed:
  // there the subkeys derive from generation 1's private key, until a rotation stores it.
  Blob office_secret_sealed;
  std::vector<StoredOfficeKey> office_keys;  // oldest first; never empty
  Blob receipt_salt;
  // The custodians' sealed shares of the wrapping key, as app/accounts/custodians.cpp
  // writes them; empty when the office passphrase opens the office.
  std::string custodians;
};

/// The setting that holds Installation::custodians.
inline constexpr std::string_view kCustodiansSetting = "office_custodians";

/// The office keys wrapped anew, in one transaction (custodians dealt): every live
/// generation's private key and the office secret under a new wrapping key, and the
/// custodians' sealed shares of that key.
struct OfficeRewrap {
  std::vector<StoredOfficeKey> keys;  // generation and private_sealed; public_key unused
  Blob office_secret_sealed;
  std::string custodians;
};

/// A key as wrapped for the office: what key rotation reads and replaces. Either an
/// application's record key or the key of a message the applicant wrote.
struct WrappedRecordKey {
  enum class Kind { kApplication, kMessage, kPrisoner, kPersonAbroad };
  Kind kind = Kind::kApplication;
  std::int64_t id = 0;  // the application's, the message's, the prisoner's or the person abroad's
  std::int64_t case_id = 0;
  Blob32 receipt_lookup{};  // applications: the associated data the key is sealed with
  std::int64_t key_generation = 0;
  Blob32 ephemeral_public{};
  Blob wrapped_key;
};

}  // namespace lifeline::store
