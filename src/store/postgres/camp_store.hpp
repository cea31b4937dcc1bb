#pragma once
// The camps on PostgreSQL (store/camp_store.hpp): registry, ledger and routine, the same
// schema and contract as SQLite's. Where SQLite has one writer, a camp's postings, calls and
// rota are serialised here by a per-camp advisory lock, so the balance checks and the
// idempotency keys hold under concurrent writers. Thread-safe, through the pool it is given.

#include "store/camp_store.hpp"
#include "store/postgres/pool.hpp"

namespace lifeline::store::postgres {

class PgCampStore final : public CampStore {
 public:
  /// `pool` must outlive this.
  explicit PgCampStore(Pool& pool) : pool_(pool) {}

  Result<std::int64_t> InsertCamp(const CampRecord& camp) override;
  Status UpdateCamp(const CampRecord& camp) override;
  Result<CampRecord> GetCamp(std::int64_t id) override;
  Result<std::vector<CampRecord>> ListCamps() override;
  Result<std::int64_t> InsertPrisoner(const NewPrisoner& prisoner) override;
  Result<StoredPrisoner> GetPrisoner(std::int64_t id) override;
  Result<std::vector<StoredPrisoner>> ListPrisoners(std::int64_t camp_id) override;
  Result<std::int64_t> AddMovement(const MovementRecord& movement, PrisonerStatus new_status) override;
  Result<TransferOutcome> TransferPrisoner(const MovementRecord& movement, std::int64_t at) override;
  Result<std::vector<MovementRecord>> ListUnreportedMovements(std::int64_t camp_id) override;
  Status MarkMovementsReported(const std::vector<std::int64_t>& ids, Date on) override;
  Status MarkCaptureCardSent(std::int64_t prisoner_id, Date on) override;
  Result<PostOutcome> Post(std::int64_t camp_id, const camp::Posting& posting, std::int64_t at) override;
  Result<StoredPosting> GetPosting(std::int64_t camp_id, std::int64_t id) override;
  Result<std::int64_t> Balance(std::int64_t camp_id, const std::string& account) override;
  Result<std::pair<std::int64_t, std::vector<AccountEntry>>> AccountStatement(std::int64_t camp_id, const std::string& account,
                                                                        std::int64_t from, std::int64_t to) override;
  Result<LedgerCheckReport> CheckLedger() override;
  // camp_routine_store.cpp
  Status SaveLabourProfile(std::int64_t prisoner_id, const camp::LabourProfile& profile) override;
  Result<camp::LabourProfile> LoadLabourProfile(std::int64_t prisoner_id) override;
  Result<std::int64_t> InsertShift(std::int64_t prisoner_id, const camp::WorkShift& shift) override;
  Result<std::vector<camp::WorkShift>> ListShifts(std::int64_t prisoner_id, Date from, Date to) override;
  Status JoinPhoneList(std::int64_t camp_id, std::int64_t prisoner_id, Date since) override;
  Result<std::vector<PhoneWaiting>> ListPhoneWaiting(std::int64_t camp_id) override;
  Result<std::int64_t> RecordCall(const PhoneCallRecord& call, bool used_turn, const std::optional<camp::Posting>& charge,
                                  std::int64_t at) override;
  Result<std::vector<PhoneCallRecord>> ListCalls(std::int64_t camp_id, Date day) override;
  Result<camp::DayRota> FixRota(std::int64_t camp_id, Date day,
                                const std::function<Result<camp::DayRota>()>& plan) override;
  Result<std::int64_t> InsertMail(std::int64_t prisoner_id, const camp::MailItem& item) override;
  Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> ListMail(std::int64_t camp_id, Date from, Date to) override;

 private:
  Pool& pool_;
};

/// Inside the caller's transaction: takes the camp's lock, then applies the posting as
/// CampStore::Post describes (camp_ledger.cpp).
Result<PostOutcome> ApplyPosting(PgConnection& c, std::int64_t camp_id, const camp::Posting& posting, std::int64_t at);
/// Serialises the camp's writers until the transaction ends.
void LockCamp(PgConnection& c, std::int64_t camp_id);

}  // namespace lifeline::store::postgres
