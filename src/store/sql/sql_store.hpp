#pragma once
// The Store (store/store.hpp) as both engines keep it, through the SQL written once in
// store/sql: cases, accounts, the installation and the audit log, the camps, the contact
// centre, people abroad, conversations over channels and the row MACs' reading and sealing.
// Each engine's store derives from this and adds what only it can do (backups, the
// readiness probe, handing the row sealer to its connections); it hands this its Sessions.

#include <memory>

#include "store/sql/abroad_store.hpp"
#include "store/sql/camp_store.hpp"
#include "store/sql/channel_store.hpp"
#include "store/sql/contact_centre_store.hpp"
#include "store/sql/core_store.hpp"
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

  // UserStore
  Result<std::int64_t> AddUser(const UserRecord& user) override { return core_.AddUser(user); }
  Result<UserRecord> FindUserByName(const std::string& name) override {
    return core_.FindUserByName(name);
  }
  Result<UserRecord> FindUserById(std::int64_t id) override { return core_.FindUserById(id); }
  Status SetPendingTotp(std::int64_t user_id, const Blob& sealed) override {
    return core_.SetPendingTotp(user_id, sealed);
  }
  Status ActivateTotp(std::int64_t user_id, const Blob& sealed, std::int64_t step,
                      const std::vector<Blob32>& recovery_hashes) override {
    return core_.ActivateTotp(user_id, sealed, step, recovery_hashes);
  }
  Status ClearTotp(std::int64_t user_id) override { return core_.ClearTotp(user_id); }
  Result<bool> AdvanceTotpStep(std::int64_t user_id, std::int64_t step) override {
    return core_.AdvanceTotpStep(user_id, step);
  }
  Result<bool> UseRecoveryCode(std::int64_t user_id, const Blob32& code_hash) override {
    return core_.UseRecoveryCode(user_id, code_hash);
  }
  Result<std::string> GetSetting(const std::string& key) override { return core_.GetSetting(key); }
  Status PutSetting(const std::string& key, const std::string& value) override {
    return core_.PutSetting(key, value);
  }

  // InstallationStore
  Status SaveInstallation(const Installation& installation) override {
    return core_.SaveInstallation(installation);
  }
  Result<Installation> LoadInstallation() override { return core_.LoadInstallation(); }
  Status AddOfficeKey(const StoredOfficeKey& key) override { return core_.AddOfficeKey(key); }
  Status SaveOfficeSecret(const Blob& sealed) override { return core_.SaveOfficeSecret(sealed); }
  Status RetireOfficeKeysBefore(std::int64_t generation) override {
    return core_.RetireOfficeKeysBefore(generation);
  }

  // AuditStore
  Result<std::optional<AuditRecord>> LastAuditRecord() override { return core_.LastAuditRecord(); }
  Status AppendAuditRecord(const AuditRecord& record) override {
    return core_.AppendAuditRecord(record);
  }
  Result<std::vector<AuditRecord>> ListAuditRecords(std::int64_t after_seq, int limit) override {
    return core_.ListAuditRecords(after_seq, limit);
  }

  // ContactCentreStore
  Status AppendQueueLog(std::span<const QueueLogRecord> lines, double keep_after) override {
    return centre_.AppendQueueLog(lines, keep_after);
  }
  Result<std::vector<QueueLogRecord>> ListQueueLog(int limit) override {
    return centre_.ListQueueLog(limit);
  }
  Status InsertOperator(const OperatorRecord& op) override { return centre_.InsertOperator(op); }
  Result<std::vector<OperatorRecord>> ListOperators() override { return centre_.ListOperators(); }
  Status SaveLines(int lines) override { return centre_.SaveLines(lines); }
  Result<std::optional<int>> LoadLines() override { return centre_.LoadLines(); }
  Status SaveOperatorAccount(const std::string& name, std::int64_t user_id) override {
    return centre_.SaveOperatorAccount(name, user_id);
  }
  Result<std::vector<std::pair<std::string, std::int64_t>>> ListOperatorAccounts() override {
    return centre_.ListOperatorAccounts();
  }

  // CampStore
  Result<std::int64_t> InsertCamp(const CampRecord& c) override { return camps_.InsertCamp(c); }
  Status UpdateCamp(const CampRecord& c) override { return camps_.UpdateCamp(c); }
  Result<CampRecord> GetCamp(std::int64_t id) override { return camps_.GetCamp(id); }
  Result<std::vector<CampRecord>> ListCamps() override { return camps_.ListCamps(); }
  Result<std::int64_t> InsertPrisoner(const NewPrisoner& p) override {
    return camps_.InsertPrisoner(p);
  }
  Result<StoredPrisoner> GetPrisoner(std::int64_t id) override { return camps_.GetPrisoner(id); }
  Result<std::vector<StoredPrisoner>> ListPrisoners(std::int64_t camp) override {
    return camps_.ListPrisoners(camp);
  }
  Result<std::int64_t> AddMovement(const MovementRecord& m, PrisonerStatus s) override {
    return camps_.AddMovement(m, s);
  }
  Result<TransferOutcome> TransferPrisoner(const MovementRecord& m, std::int64_t at) override {
    return camps_.TransferPrisoner(m, at);
  }
  Result<std::vector<MovementRecord>> ListUnreportedMovements(std::int64_t camp) override {
    return camps_.ListUnreportedMovements(camp);
  }
  Status MarkMovementsReported(const std::vector<std::int64_t>& ids, Date on) override {
    return camps_.MarkMovementsReported(ids, on);
  }
  Status MarkCaptureCardSent(std::int64_t id, Date on) override {
    return camps_.MarkCaptureCardSent(id, on);
  }
  Result<PostOutcome> Post(std::int64_t camp, const camp::Posting& p, std::int64_t at) override {
    return camps_.Post(camp, p, at);
  }
  Result<StoredPosting> GetPosting(std::int64_t camp, std::int64_t id) override {
    return camps_.GetPosting(camp, id);
  }
  Result<std::int64_t> Balance(std::int64_t camp, const std::string& a) override {
    return camps_.Balance(camp, a);
  }
  Result<std::pair<std::int64_t, std::vector<AccountEntry>>> AccountStatement(
      std::int64_t camp, const std::string& a, std::int64_t from, std::int64_t to) override {
    return camps_.AccountStatement(camp, a, from, to);
  }
  Result<LedgerCheckReport> CheckLedger() override { return camps_.CheckLedger(); }
  Status SaveLabourProfile(std::int64_t id, const camp::LabourProfile& p) override {
    return camps_.SaveLabourProfile(id, p);
  }
  Result<camp::LabourProfile> LoadLabourProfile(std::int64_t id) override {
    return camps_.LoadLabourProfile(id);
  }
  Result<std::int64_t> InsertShift(std::int64_t id, const camp::WorkShift& s) override {
    return camps_.InsertShift(id, s);
  }
  Result<std::vector<camp::WorkShift>> ListShifts(std::int64_t id, Date from, Date to) override {
    return camps_.ListShifts(id, from, to);
  }
  Status JoinPhoneList(std::int64_t camp, std::int64_t id, Date since) override {
    return camps_.JoinPhoneList(camp, id, since);
  }
  Result<std::vector<PhoneWaiting>> ListPhoneWaiting(std::int64_t camp) override {
    return camps_.ListPhoneWaiting(camp);
  }
  Result<std::int64_t> RecordCall(const PhoneCallRecord& c, bool used_turn,
                                  const std::optional<camp::Posting>& charge,
                                  std::int64_t at) override {
    return camps_.RecordCall(c, used_turn, charge, at);
  }
  Result<std::vector<PhoneCallRecord>> ListCalls(std::int64_t camp, Date day) override {
    return camps_.ListCalls(camp, day);
  }
  Result<camp::DayRota> FixRota(std::int64_t camp, Date day,
                                const std::function<Result<camp::DayRota>()>& plan) override {
    return camps_.FixRota(camp, day, plan);
  }
  Result<std::int64_t> InsertMail(std::int64_t id, const camp::MailItem& m) override {
    return camps_.InsertMail(id, m);
  }
  Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> ListMail(std::int64_t camp,
                                                                        Date from,
                                                                        Date to) override {
    return camps_.ListMail(camp, from, to);
  }

 protected:
  explicit SqlStore(std::unique_ptr<Sessions> sessions)
      : sessions_(std::move(sessions)),
        core_(*sessions_),
        camps_(*sessions_),
        abroad_(*sessions_),
        channels_(*sessions_),
        centre_(*sessions_) {}
  Sessions& sessions() { return *sessions_; }

 private:
  std::unique_ptr<Sessions> sessions_;
  SqlCoreStore core_;
  SqlCampStore camps_;
  SqlAbroadStore abroad_;
  SqlChannelStore channels_;
  SqlContactCentreStore centre_;
};

}  // namespace lifeline::store::sql
