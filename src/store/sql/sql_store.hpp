#pragma once
// The Store (store/store.hpp) as both engines keep it, through the SQL written once in
// store/sql: cases, accounts, the installation and the audit log, the camps, the contact
// centre, people abroad, conversations over channels and the row MACs' reading and sealing.
// Each engine's store derives from this and adds what only it can do (backups, the
// readiness probe, handing the row sealer to its connections); it hands this its Sessions.

#include <memory>

#include "store/sql/abroad_store.hpp"
#include "store/sql/channel_store.hpp"
#include "store/sql/row_macs.hpp"
#include "store/sql/session.hpp"
#include "store/store.hpp"

namespace lifeline::store::sql {

class SqlStore : public Store {
 public:
  // ApplicationStore: cases.cpp
  Result<std::vector<std::int64_t>> AppendApplications(
      std::span<const NewApplication> batch) override;
  Result<StoredApplication> GetApplication(std::int64_t id) override;
  Result<ApplicantView> FindByReceiptLookup(const Blob32& lookup) override;
  Result<std::optional<DuressReceipt>> DuressReceiptOf(std::int64_t case_id) override;
  Result<std::optional<std::int64_t>> CaseOfDuressLookup(const Blob32& lookup) override;
  Result<std::optional<ProofRecord>> LastProof() override;
  Result<std::optional<ProofRecord>> ProofOfCase(std::int64_t case_id) override;
  Result<std::vector<ProofRecord>> ListProofs(std::int64_t after_seq, int limit) override;
  Status AppendProof(const ProofRecord& record) override;
  Result<bool> ClaimApplication(std::int64_t id, std::int64_t user_id) override;
  Status DeleteApplication(std::int64_t id) override;
  Status ChangeStatus(std::int64_t expected_version, const NewCaseEvent& event) override;
  Result<std::vector<StoredCaseEvent>> ListCaseEvents(std::int64_t case_id) override;
  Status SetCustodySealed(std::int64_t id, const Blob& sealed) override;
  Result<std::int64_t> AddMessage(const NewMessage& message) override;
  Result<std::vector<StoredMessage>> ListMessages(std::int64_t case_id) override;
  Result<std::int64_t> CountApplicantMessages(std::int64_t case_id, Date day) override;
  Result<std::vector<WrappedRecordKey>> ListKeysOlderThan(std::int64_t generation,
                                                          int limit) override;
  Result<std::int64_t> CountKeysOlderThan(std::int64_t generation) override;
  Status ReplaceWrappedKeys(std::span<const WrappedRecordKey> keys) override;

  // ApplicationStore: case_lists.cpp
  Result<CasePage> ListCases(const CaseFilter& filter) override;
  Result<std::vector<CaseSummary>> ListUncontactedBefore(Date cutoff) override;
  Result<StatisticsCounts> CountStatistics(Date from, Date to, Date today) override;
  Result<std::vector<std::int64_t>> ListCaseIdsAfter(std::int64_t after_id, int limit) override;
  Result<std::vector<CaseSummary>> GetSummaries(std::span<const std::int64_t> ids) override;
  Result<std::vector<std::int64_t>> ListUnscreened(int limit) override;
  Status SaveScreening(std::span<const ScreeningResult> results) override;
  Result<std::vector<std::int64_t>> CasesWithHandle(const Blob32& handle_index,
                                                    std::int64_t except_id) override;
  Result<std::vector<std::int64_t>> CasesWithName(const Blob32& name_index,
                                                  std::int64_t except_id) override;
  Status SetMergedInto(std::int64_t source, std::int64_t target) override;
  Result<std::vector<std::int64_t>> ListMergedInto(std::int64_t target) override;
  Result<std::int64_t> CountAlike(const ClearFields& like, Date from, Date to) override;
  Result<std::int64_t> AddMarker(const NewMarker& marker) override;
  Result<std::vector<StoredMarker>> ListMarkers() override;

  // ApplicationStore: case_work.cpp
  Result<std::int64_t> AddGroupMember(const NewGroupMember& member) override;
  Status MoveGroupMembers(std::span<const GroupMove> moves, std::int64_t actor_user_id,
                          std::int64_t at) override;
  Result<std::vector<CaseSummary>> ListGroupMembers(std::int64_t group_case_id) override;
  Result<std::vector<GroupEvent>> ListGroupEvents(std::int64_t group_case_id) override;
  Status SetPlanSealed(std::int64_t case_id, std::int64_t expected_version,
                       const Blob& sealed) override;
  Result<std::int64_t> AddCallback(const NewCallback& callback) override;
  Result<std::vector<StoredCallback>> ListDueCallbacks(std::int64_t now, int limit) override;
  Result<std::vector<StoredCallback>> ListCallbacks(CallbackStatus status, int limit) override;
  Result<StoredCallback> GetCallback(std::int64_t id) override;
  Status UpdateCallback(const CallbackUpdate& update) override;
  Result<std::int64_t> AddTask(const NewTask& task) override;
  Result<std::vector<StoredTask>> ListTasks(std::int64_t case_id) override;
  Result<StoredTask> GetTask(std::int64_t task_id) override;
  Status CompleteTask(std::int64_t task_id, std::int64_t user_id, std::int64_t at) override;
  Result<std::vector<QueuedTask>> ListOpenTasks(std::int64_t due_before,
                                                std::optional<std::int64_t> assigned_to,
                                                int limit) override;
  Result<std::vector<CaseSummary>> ListDeployingBefore(Date cutoff,
                                                       std::optional<std::int64_t> assigned_to,
                                                       int limit) override;

  AbroadStore& Abroad() override { return abroad_; }
  ChannelStore& Channels() override { return channels_; }

  // RowMacStore, except SetRowSealer (each engine hands the sealer to its connections).
  Result<SealedRow> ReadSealedRow(std::string_view table, std::int64_t id) override {
    return Read(*sessions_, [&](Session& s) { return sql::ReadSealedRow(s, table, id); });
  }
  Result<std::vector<SealedRow>> ReadSealedRows(std::string_view table, std::int64_t after_id,
                                                int limit) override {
    return Read(*sessions_,
                [&](Session& s) { return sql::ReadSealedRows(s, table, after_id, limit); });
  }
  Result<std::int64_t> SealRowsWithoutMac() override {
    return Write(*sessions_, [&](Session& s) { return sql::SealRowsWithoutMac(s); });
  }

  // UserStore, InstallationStore and AuditStore: core_store.cpp
  Result<std::int64_t> AddUser(const UserRecord& user) override;
  Result<UserRecord> FindUserByName(const std::string& name) override;
  Result<UserRecord> FindUserById(std::int64_t id) override;
  Result<std::vector<UserRecord>> ListUsers() override;
  Status SetUserDisabled(std::int64_t user_id, bool disabled) override;
  Status SetConsoleLanguage(std::int64_t user_id, Language language) override;
  Status SetPasswordHash(std::int64_t user_id, const std::string& password_hash) override;
  Status ResetCredentials(std::int64_t user_id, const std::string& password_hash) override;
  Status SetPendingTotp(std::int64_t user_id, const Blob& sealed) override;
  Status ActivateTotp(std::int64_t user_id, const Blob& sealed, std::int64_t step,
                      const std::vector<Blob32>& recovery_hashes) override;
  Status ClearTotp(std::int64_t user_id) override;
  Result<bool> AdvanceTotpStep(std::int64_t user_id, std::int64_t step) override;
  Result<bool> UseRecoveryCode(std::int64_t user_id, const Blob32& code_hash) override;
  Result<std::string> GetSetting(const std::string& key) override;
  Status PutSetting(const std::string& key, const std::string& value) override;

  Status SaveInstallation(const Installation& installation) override;
  Result<Installation> LoadInstallation() override;
  Status AddOfficeKey(const StoredOfficeKey& key) override;
  Status SaveOfficeSecret(const Blob& sealed) override;
  Status RetireOfficeKeysBefore(std::int64_t generation) override;
  Status RewrapOffice(const OfficeRewrap& rewrap) override;

  Result<std::optional<AuditRecord>> LastAuditRecord() override;
  Status AppendAuditRecord(const AuditRecord& record) override;
  Result<std::vector<AuditRecord>> ListAuditRecords(std::int64_t after_seq, int limit) override;
  Result<AuditMatches> FindAuditRecords(const AuditFilter& filter, std::int64_t offset,
                                        int limit) override;
  Result<std::vector<std::pair<std::int64_t, std::int64_t>>> LatestAuditByActor(
      std::string_view action) override;

  // ContactCentreStore: contact_centre_store.cpp
  Status AppendQueueLog(std::span<const QueueLogRecord> lines, double keep_after) override;
  Result<std::vector<QueueLogRecord>> ListQueueLog(int limit) override;
  Status InsertOperator(const OperatorRecord& op) override;
  Result<std::vector<OperatorRecord>> ListOperators() override;
  Status SaveLines(int lines) override;
  Result<std::optional<int>> LoadLines() override;
  Status SaveOperatorAccount(const std::string& name, std::int64_t user_id) override;
  Result<std::vector<std::pair<std::string, std::int64_t>>> ListOperatorAccounts() override;

  // CampStore: camp_registry.cpp, camp_ledger.cpp, camp_routine.cpp. A camp's postings,
  // calls and rota are serialised by its books' lock (Session::LockCampBooks), so the
  // balance checks and idempotency keys hold under concurrent writers on PostgreSQL as
  // under SQLite's single writer.
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
  Result<PostOutcome> Post(std::int64_t camp_id, const camp::Posting& posting,
                           std::int64_t at) override;
  Result<StoredPosting> GetPosting(std::int64_t camp_id, std::int64_t id) override;
  Result<std::int64_t> Balance(std::int64_t camp_id, const std::string& account) override;
  Result<std::pair<std::int64_t, std::vector<AccountEntry>>> AccountStatement(
      std::int64_t camp_id, const std::string& account, std::int64_t from,
      std::int64_t to) override;
  Result<LedgerCheckReport> CheckLedger() override;
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

 protected:
  explicit SqlStore(std::unique_ptr<Sessions> sessions)
      : sessions_(std::move(sessions)), abroad_(*sessions_), channels_(*sessions_) {}
  Sessions& sessions() { return *sessions_; }

 private:
  Status UpdateUserColumn(std::int64_t user_id, std::string_view assignment, const Params& params);

  std::unique_ptr<Sessions> sessions_;
  SqlAbroadStore abroad_;
  SqlChannelStore channels_;
};

}  // namespace lifeline::store::sql
