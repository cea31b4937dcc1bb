#pragma once
// What the store keeps for prisoner-of-war camps (docs/camp.md): camps and their rules, the
// prisoner registry (identifying fields sealed like a case's), movements, and the
// double-entry ledger with its balances.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/camp/camp_record.hpp"
#include "domain/camp/correspondence.hpp"
#include "domain/camp/labour.hpp"
#include "domain/camp/ledger.hpp"
#include "domain/camp/prisoner_record.hpp"
#include "domain/camp/prisoner_status.hpp"
#include "domain/camp/rota.hpp"
#include "domain/name_table.hpp"
#include "domain/result.hpp"
#include "store/records.hpp"

namespace lifeline::store {

using camp::CampRecord;
using camp::NewPrisoner;
using camp::ParseCallOutcome;
using camp::ParsePrisonerStatus;
using camp::PrisonerStatus;
using camp::StoredPrisoner;
using camp::ToString;

/// Art. 122: a change the information bureau must hear of. Arrival is one too.
struct MovementRecord {
  std::int64_t id = 0;
  std::int64_t prisoner_id = 0;
  std::string
      kind;  // arrived, transferred, hospital, returned, released, repatriated, escaped, died
  Date on;
  std::optional<std::int64_t> to_camp;  // for a transfer
  std::optional<Date> reported_on;      // when it went to the bureau
};

struct StoredPosting {
  std::int64_t id = 0;
  std::int64_t camp_id = 0;
  std::int64_t at = 0;  // seconds since the epoch
  camp::Posting posting;
};

/// What a transfer did (CampStore::TransferPrisoner).
struct TransferOutcome {
  std::int64_t movement_id = 0;
  std::int64_t moved =
      0;  // kopiyky that followed him to the new camp; 0: nothing to move, no posting
};

struct PostOutcome {
  std::int64_t posting_id = 0;
  bool replayed = false;  // the key had been posted before, with the same content
};

/// One line of an account's history, for statements (Art. 65).
struct AccountEntry {
  std::int64_t posting_id = 0;
  std::int64_t at = 0;
  camp::PostingKind kind = camp::PostingKind::kWorkingPay;
  std::string memo;
  std::int64_t change =
      0;  // + money in, − money out of the account (for a prisoner: credits − debits)
};

/// What `lifeline ledger check` proves, over every camp.
struct LedgerCheckReport {
  std::int64_t postings = 0;
  std::int64_t legs = 0;
  std::int64_t unbalanced_postings = 0;  // legs not summing to zero
  std::int64_t balance_mismatches = 0;   // stored balance ≠ sum of the account's legs
  std::int64_t negative_prisoner_balances = 0;
  std::int64_t double_reversals = 0;
  std::int64_t unmatched_transfers =
      0;  // a transfer-out without its transfer-in of the same amount, or the reverse
  std::int64_t stranded_balances =
      0;  // money left on his account in a camp he is no longer held in
  bool Sound() const {
    return unbalanced_postings == 0 && balance_mismatches == 0 && negative_prisoner_balances == 0 &&
           double_reversals == 0 && unmatched_transfers == 0 && stranded_balances == 0;
  }
};

/// A prisoner on his camp's phone waiting list.
struct PhoneWaiting {
  std::int64_t prisoner_id = 0;
  Date since;
  std::optional<Date> last_call;
};

/// One slot of the camp's line, as it went.
struct PhoneCallRecord {
  std::int64_t id = 0;
  std::int64_t camp_id = 0;
  std::int64_t prisoner_id = 0;
  Date day;
  int start_minute = 0;
  int end_minute = 0;
  camp::CallOutcome outcome = camp::CallOutcome::kCompleted;
  int minutes = 0;
  std::optional<std::int64_t> posting_id;  // what it cost, and who paid
};

class CampStore {
 public:
  virtual ~CampStore() = default;
  virtual Result<std::int64_t> InsertCamp(const CampRecord& camp) = 0;
  /// kNotFound.
  virtual Status UpdateCamp(const CampRecord& camp) = 0;
  virtual Result<CampRecord> GetCamp(std::int64_t id) = 0;
  virtual Result<std::vector<CampRecord>> ListCamps() = 0;

  /// Adds him with an "arrived" movement. kConflict if the case is already a prisoner's.
  virtual Result<std::int64_t> InsertPrisoner(const NewPrisoner& prisoner) = 0;
  virtual Result<StoredPrisoner> GetPrisoner(std::int64_t id) = 0;
  /// By id, with balances.
  virtual Result<std::vector<StoredPrisoner>> ListPrisoners(std::int64_t camp_id) = 0;
  /// Records the movement and the status it brings, in one transaction; kNotFound. Never
  /// moves him to another camp: a transfer is TransferPrisoner's, which moves his account too.
  virtual Result<std::int64_t> AddMovement(const MovementRecord& movement,
                                           PrisonerStatus new_status) = 0;
  /// A transfer to `movement.to_camp` (Arts. 65, 70, 122), in one transaction: the
  /// "transferred" movement; his whole balance moved out of his present camp's ledger (a
  /// transfer-out posting, leaving that account at zero) and into the new camp's (a
  /// transfer-in posting), both keyed "transfer:<movement id>" (no posting when he holds
  /// nothing); and his record: held at the new camp, arrived there on `movement.on`, no
  /// capture card sent for it (Art. 70: a new one falls due). kNotFound for no such prisoner
  /// or camp; kConflict if he is held in that camp already.
  virtual Result<TransferOutcome> TransferPrisoner(const MovementRecord& movement,
                                                   std::int64_t at) = 0;
  /// Movements of the camp's prisoners not yet reported to the bureau, oldest first.
  virtual Result<std::vector<MovementRecord>> ListUnreportedMovements(std::int64_t camp_id) = 0;
  virtual Status MarkMovementsReported(const std::vector<std::int64_t>& ids, Date on) = 0;
  virtual Status MarkCaptureCardSent(std::int64_t prisoner_id, Date on) = 0;

  /// Applies a posting atomically: the same (camp, key) with the same content again is
  /// `replayed` (nothing changes); with other content kConflict. kConflict if it would
  /// take a prisoner's account below zero, or reverses a posting reversed before, or is for
  /// a prisoner held in another camp (his account moved with him: Art. 65); kNotFound if it
  /// reverses a posting not in this camp.
  virtual Result<PostOutcome> Post(std::int64_t camp_id, const camp::Posting& posting,
                                   std::int64_t at) = 0;
  virtual Result<StoredPosting> GetPosting(std::int64_t camp_id, std::int64_t id) = 0;
  /// What an account holds: for a prisoner, credits − debits; for the camp's accounts,
  /// debits − credits. 0 for an account never used.
  virtual Result<std::int64_t> Balance(std::int64_t camp_id, const std::string& account) = 0;
  /// The account's entries with `from` ≤ at < `to`, oldest first, and its balance before
  /// `from` (the statement's opening balance). A prisoner's also lists the calls the state
  /// paid for him, with a change of 0.
  virtual Result<std::pair<std::int64_t, std::vector<AccountEntry>>> AccountStatement(
      std::int64_t camp_id, const std::string& account, std::int64_t from, std::int64_t to) = 0;
  virtual Result<LedgerCheckReport> CheckLedger() = 0;

  /// What Arts. 49–55 need of him besides his rank; defaults until saved.
  virtual Status SaveLabourProfile(std::int64_t prisoner_id,
                                   const camp::LabourProfile& profile) = 0;
  virtual Result<camp::LabourProfile> LoadLabourProfile(std::int64_t prisoner_id) = 0;
  virtual Result<std::int64_t> InsertShift(std::int64_t prisoner_id,
                                           const camp::WorkShift& shift) = 0;
  /// His shifts on days in [from, to].
  virtual Result<std::vector<camp::WorkShift>> ListShifts(std::int64_t prisoner_id, Date from,
                                                          Date to) = 0;

  /// Puts him on the camp's waiting list (again: nothing changes, but a transferred
  /// prisoner moves to the new camp's list).
  virtual Status JoinPhoneList(std::int64_t camp_id, std::int64_t prisoner_id, Date since) = 0;
  /// Those on the list who are held in the camp now (not in hospital, moved or gone).
  virtual Result<std::vector<PhoneWaiting>> ListPhoneWaiting(std::int64_t camp_id) = 0;
  /// The call, its charge (if any) and, when it used his turn, his last call, in one
  /// transaction. kConflict if the slot already holds a call (one line: one call at a
  /// time), or as Post.
  virtual Result<std::int64_t> RecordCall(const PhoneCallRecord& call, bool used_turn,
                                          const std::optional<camp::Posting>& charge,
                                          std::int64_t at) = 0;
  virtual Result<std::vector<PhoneCallRecord>> ListCalls(std::int64_t camp_id, Date day) = 0;
  /// The day's rota as first saved; if none is saved, `plan` is called and what it returns
  /// is saved, in one transaction, so that two first views agree.
  virtual Result<camp::DayRota> FixRota(std::int64_t camp_id, Date day,
                                        const std::function<Result<camp::DayRota>()>& plan) = 0;

  virtual Result<std::int64_t> InsertMail(std::int64_t prisoner_id, const camp::MailItem& item) = 0;
  /// The camp's prisoners' mail on days in [from, to], as (prisoner, item).
  virtual Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> ListMail(
      std::int64_t camp_id, Date from, Date to) = 0;
};

}  // namespace lifeline::store
