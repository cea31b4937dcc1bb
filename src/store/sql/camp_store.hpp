#pragma once
// The camps (store/camp_store.hpp), written once for both engines over the session port:
// the registry of camps, prisoners and movements (camp_registry.cpp), the double-entry
// ledger (camp_ledger.cpp) and the daily routine of labour, phone and mail
// (camp_routine.cpp). A camp's postings, calls and rota are serialised by its books' lock
// (Session::LockCampBooks), so the balance checks and idempotency keys hold under
// concurrent writers on PostgreSQL as under SQLite's single writer. Thread-safe, through
// the Sessions it is given.

#include "store/camp_store.hpp"
#include "store/sql/session.hpp"

namespace lifeline::store::sql {

class SqlCampStore final : public CampStore {
 public:
  /// `sessions` must outlive this.
  explicit SqlCampStore(Sessions& sessions) : db_(sessions) {}

  // camp_registry.cpp
  Result<std::int64_t> InsertCamp(const CampRecord& camp) override;
  Status UpdateCamp(const CampRecord& camp) override;
  Result<CampRecord> GetCamp(std::int64_t id) override;
  Result<std::vector<CampRecord>> ListCamps() override;
  Result<std::int64_t> InsertPrisoner(const NewPrisoner& prisoner) override;
  Result<StoredPrisoner> GetPrisoner(std::int64_t id) override;
  Result<std::vector<StoredPrisoner>> ListPrisoners(std::int64_t camp_id) override;
  Result<std::int64_t> AddMovement(const MovementRecord& movement,
                                   PrisonerStatus new_status) override;
  Result<TransferOutcome> TransferPrisoner(const MovementRecord& movement,
                                           std::int64_t at) override;
  Result<std::vector<MovementRecord>> ListUnreportedMovements(std::int64_t camp_id) override;
  Status MarkMovementsReported(const std::vector<std::int64_t>& ids, Date on) override;
  Status MarkCaptureCardSent(std::int64_t prisoner_id, Date on) override;
  // camp_ledger.cpp
  Result<PostOutcome> Post(std::int64_t camp_id, const camp::Posting& posting,
                           std::int64_t at) override;
  Result<StoredPosting> GetPosting(std::int64_t camp_id, std::int64_t id) override;
  Result<std::int64_t> Balance(std::int64_t camp_id, const std::string& account) override;
  Result<std::pair<std::int64_t, std::vector<AccountEntry>>> AccountStatement(
      std::int64_t camp_id, const std::string& account, std::int64_t from,
      std::int64_t to) override;
  Result<LedgerCheckReport> CheckLedger() override;
  // camp_routine.cpp
  Status SaveLabourProfile(std::int64_t prisoner_id, const camp::LabourProfile& profile) override;
  Result<camp::LabourProfile> LoadLabourProfile(std::int64_t prisoner_id) override;
  Result<std::int64_t> InsertShift(std::int64_t prisoner_id, const camp::WorkShift& shift) override;
  Result<std::vector<camp::WorkShift>> ListShifts(std::int64_t prisoner_id, Date from,
                                                  Date to) override;
  Status JoinPhoneList(std::int64_t camp_id, std::int64_t prisoner_id, Date since) override;
  Result<std::vector<PhoneWaiting>> ListPhoneWaiting(std::int64_t camp_id) override;
  Result<std::int64_t> RecordCall(const PhoneCallRecord& call, bool used_turn,
                                  const std::optional<camp::Posting>& charge,
                                  std::int64_t at) override;
  Result<std::vector<PhoneCallRecord>> ListCalls(std::int64_t camp_id, Date day) override;
  Result<camp::DayRota> FixRota(std::int64_t camp_id, Date day,
                                const std::function<Result<camp::DayRota>()>& plan) override;
  Result<std::int64_t> InsertMail(std::int64_t prisoner_id, const camp::MailItem& item) override;
  Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> ListMail(std::int64_t camp_id,
                                                                        Date from,
                                                                        Date to) override;

 private:
  Sessions& db_;
};

/// Inside the caller's write transaction: takes the camp's books' lock, then applies the
/// posting as CampStore::Post describes — the same key again (same content) returns the
/// first posting; a reversal of what is not in this camp, or reversed already, a prisoner
/// held elsewhere, or a prisoner's balance below zero is refused, and the caller's
/// transaction must then roll back (the balances may have moved).
Result<PostOutcome> ApplyPosting(Session& s, std::int64_t camp_id, const camp::Posting& posting,
                                 std::int64_t at);
/// The stored sum of the account's legs in the camp (debits positive); 0 if never used.
std::int64_t LegSum(Session& s, std::int64_t camp_id, const std::string& account);

}  // namespace lifeline::store::sql
