#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <thread>
#include <stdexcept>
#include <vector>

#include "store/sqlite/application_rows.hpp"
#include "store/sqlite/audit_rows.hpp"
#include "store/sql/abroad_store.hpp"
#include "store/sql/channel_store.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/database.hpp"
#include "store/sqlite/group_rows.hpp"
#include "store/sqlite/callback_rows.hpp"
#include "store/sqlite/case_event_rows.hpp"
#include "store/sqlite/case_list_rows.hpp"
#include "store/sqlite/message_rows.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/office_key_rows.hpp"
#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/screening_rows.hpp"
#include "store/sqlite/snapshot.hpp"
#include "store/sqlite/statistics_rows.hpp"
#include "store/sqlite/task_rows.hpp"
#include "store/sqlite/user_rows.hpp"
#include "store/readiness_sql.hpp"
#include "store/sql/camp_store.hpp"
#include "store/sqlite/session.hpp"

namespace lifeline::store {
namespace {

using sqlite::Connection;
using sqlite::SqliteError;
using sqlite::Statement;
using sqlite::Transaction;
using namespace sqlite::rows;

class SqliteStore final : public Store, private sqlite::Database {
 public:
  explicit SqliteStore(std::string path)
      : Database(std::move(path)), sessions_(*this), camp_(sessions_), abroad_(sessions_), channels_(sessions_) {}

  AbroadStore& Abroad() override { return abroad_; }
  ChannelStore& Channels() override { return channels_; }

  Result<std::vector<std::int64_t>> AppendApplications(
      std::span<const NewApplication> batch) override {
    return Write([&]() -> Result<std::vector<std::int64_t>> {
      Transaction tx(writer_);
      std::vector<std::int64_t> ids;
      ids.reserve(batch.size());
      for (const auto& a : batch) ids.push_back(sqlite::InsertApplication(writer_, a, sqlite::Origin::kApplicant));
      tx.Commit();
      return ids;
    });
  }

  Result<StoredApplication> GetApplication(std::int64_t id) override {
    return WithReader([&](Connection& c) { return sqlite::SelectApplication(c, id); });
  }

  void SetRowSealer(std::shared_ptr<const RowSealer> sealer) override {
    std::lock_guard lock(writer_mutex_);
    writer_.set_row_sealer(std::move(sealer));
  }
  Result<SealedRow> ReadSealedRow(std::string_view table, std::int64_t id) override {
    return sql::Read(sessions_, [&](sql::Session& s) { return sql::ReadSealedRow(s, table, id); });
  }
  Result<std::vector<SealedRow>> ReadSealedRows(std::string_view table, std::int64_t after_id, int limit) override {
    return sql::Read(sessions_, [&](sql::Session& s) { return sql::ReadSealedRows(s, table, after_id, limit); });
  }
  Result<std::int64_t> SealRowsWithoutMac() override {
    return sql::Write(sessions_, [&](sql::Session& s) { return sql::SealRowsWithoutMac(s); });
  }

  Result<CasePage> ListCases(const CaseFilter& filter) override {
    return WithReader([&](Connection& c) -> Result<CasePage> { return sqlite::SelectCasePage(c, filter); });
  }

  Result<ApplicantView> FindByReceiptLookup(const Blob32& lookup) override {
    return WithReader([&](Connection& c) { return sqlite::SelectApplicantView(c, lookup); });
  }

  Result<bool> ClaimApplication(std::int64_t id, std::int64_t user_id) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Result<bool> { return sqlite::ClaimApplication(writer_, id, user_id); });
  }

  Status DeleteApplication(std::int64_t id) override {
    std::lock_guard lock(writer_mutex_);
    auto deleted = Guard([&]() -> Status {
      Transaction tx(writer_);
      if (auto rows = sqlite::DeleteCaseRows(writer_, id); !rows) return rows;
      tx.Commit();
      return OkStatus();
    });
    if (!deleted) return deleted;
    return ScrubWriteAheadLogLocked(
        "the case was deleted, but the database log could not be cleared yet; run the deletion "
        "again shortly");
  }

  Result<std::vector<CaseSummary>> ListUncontactedBefore(Date cutoff) override {
    return WithReader([&](Connection& c) -> Result<std::vector<CaseSummary>> {
      return sqlite::SelectUncontactedBefore(c, cutoff);
    });
  }

  Status ChangeStatus(std::int64_t expected_version, const NewCaseEvent& event) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::UpdateStatus(writer_, expected_version, event); });
  }

  Result<std::vector<StoredCaseEvent>> ListCaseEvents(std::int64_t case_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredCaseEvent>> {
      return sqlite::SelectCaseEvents(c, case_id);
    });
  }

  Status SetCustodySealed(std::int64_t id, const Blob& sealed) override {
    std::lock_guard lock(writer_mutex_);
    auto updated = Guard([&]() -> Status {
      Transaction tx(writer_);
      auto s = writer_.Prepare("UPDATE applications SET custody_sealed = ? WHERE id = ?");
      s.Bind(1, sealed).Bind(2, id);
      s.Step();
      if (sqlite3_changes(writer_.raw()) == 0) return NotFound("no such case");
      sqlite::ResealRow(writer_, "applications", id);
      tx.Commit();
      return OkStatus();
    });
    if (!updated) return updated;
    return ScrubWriteAheadLogLocked(
        "the circumstance was recorded, but the database log could not be cleared yet; record it "
        "again shortly");
  }

  Result<std::int64_t> AddMessage(const NewMessage& message) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Result<std::int64_t> { return sqlite::InsertMessage(writer_, message); });
  }

  Result<std::vector<StoredMessage>> ListMessages(std::int64_t case_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredMessage>> {
      return sqlite::SelectMessages(c, case_id);
    });
  }

  Result<std::int64_t> CountApplicantMessages(std::int64_t case_id, Date day) override {
    return WithReader([&](Connection& c) -> Result<std::int64_t> {
      return sqlite::CountApplicantMessages(c, case_id, day);
    });
  }

  Result<std::int64_t> AddUser(const UserRecord& user) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::InsertUser(writer_, user); });
  }

  Result<UserRecord> FindUserByName(const std::string& name) override {
    return WithReader([&](Connection& c) { return sqlite::SelectUserByName(c, name); });
  }

  Result<UserRecord> FindUserById(std::int64_t id) override {
    return WithReader([&](Connection& c) { return sqlite::SelectUserById(c, id); });
  }

  Status SetPendingTotp(std::int64_t user_id, const Blob& sealed) override {
    return WriteOne("UPDATE users SET totp_pending_sealed = ? WHERE id = ?",
                    [&](Statement& s) { s.Bind(1, sealed).Bind(2, user_id); });
  }

  Status ActivateTotp(std::int64_t user_id, const Blob& sealed, std::int64_t step,
                      const std::vector<Blob32>& recovery_hashes) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::UpdateTotpActive(writer_, user_id, sealed, step, recovery_hashes); });
  }

  Status ClearTotp(std::int64_t user_id) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::UpdateTotpCleared(writer_, user_id); });
  }

  Result<bool> AdvanceTotpStep(std::int64_t user_id, std::int64_t step) override {
    return ChangedAny("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                      [&](Statement& s) { s.Bind(1, step).Bind(2, user_id).Bind(3, step); });
  }

  Result<bool> UseRecoveryCode(std::int64_t user_id, const Blob32& code_hash) override {
    return ChangedAny(
        "UPDATE recovery_codes SET used = 1 WHERE user_id = ? AND code_hash = ? AND used = 0",
        [&](Statement& s) { s.Bind(1, user_id).Bind(2, code_hash); });
  }

  Result<std::string> GetSetting(const std::string& key) override {
    return WithReader([&](Connection& c) -> Result<std::string> {
      auto s = c.Prepare("SELECT value FROM settings WHERE key = ?");
      s.Bind(1, key);
      return s.Step() ? s.Text(0) : std::string();
    });
  }

  Status PutSetting(const std::string& key, const std::string& value) override {
    return WriteOne("INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [&](Statement& s) { s.Bind(1, key).Bind(2, value); });
  }

  Status ProbeWrite(std::chrono::milliseconds timeout) override {
    return TryWrite(timeout, [](Connection& c) -> Status { return c.Execute(readiness_sql::kProbe), OkStatus(); });
  }

  Status SaveInstallation(const Installation& i) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::InsertInstallation(writer_, i); });
  }

  Result<Installation> LoadInstallation() override {
    return WithReader([&](Connection& c) { return sqlite::SelectInstallation(c); });
  }

  Status AddOfficeKey(const StoredOfficeKey& key) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::InsertOfficeKey(writer_, key); });
  }

  Status SaveOfficeSecret(const Blob& sealed) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::UpdateOfficeSecret(writer_, sealed); });
  }

  Status RetireOfficeKeysBefore(std::int64_t generation) override {
    std::lock_guard lock(writer_mutex_);
    auto cleared = Guard([&] { return sqlite::ClearOfficeKeysBefore(writer_, generation); });
    if (!cleared) return cleared;
    return ScrubWriteAheadLogLocked(
        "the old office key was retired, but the database log could not be cleared yet; run "
        "the retirement again shortly");
  }

  Result<StatisticsCounts> CountStatistics(Date from, Date to, Date today) override {
    return WithReader([&](Connection& c) -> Result<StatisticsCounts> {
      return sqlite::SelectStatistics(c, from, to, today);
    });
  }

  Result<std::vector<std::int64_t>> ListCaseIdsAfter(std::int64_t after_id, int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      return sqlite::SelectCaseIdsAfter(c, after_id, limit);
    });
  }

  Result<std::vector<CaseSummary>> GetSummaries(std::span<const std::int64_t> ids) override {
    return WithReader([&](Connection& c) -> Result<std::vector<CaseSummary>> {
      return sqlite::SelectSummaries(c, ids);
    });
  }

  Result<std::vector<std::int64_t>> ListUnscreened(int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      return sqlite::SelectUnscreened(c, limit);
    });
  }

  Status SaveScreening(std::span<const ScreeningResult> results) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Status {
      sqlite::UpdateScreening(writer_, results);
      return OkStatus();
    });
  }

  Result<std::vector<std::int64_t>> CasesWithHandle(const Blob32& handle_index, std::int64_t except_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      return sqlite::SelectCasesWithHandle(c, handle_index, except_id);
    });
  }

  Result<std::vector<std::int64_t>> CasesWithName(const Blob32& name_index, std::int64_t except_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      return sqlite::SelectCasesWithName(c, name_index, except_id);
    });
  }

  Result<std::int64_t> AddGroupMember(const NewGroupMember& member) override {
    return Write([&] { return sqlite::InsertGroupMember(writer_, member); });
  }
  Status MoveGroupMembers(std::span<const GroupMove> moves, std::int64_t actor_user_id, std::int64_t at) override {
    return Write([&] { return sqlite::UpdateGroupMembers(writer_, moves, actor_user_id, at); });
  }
  Result<std::vector<CaseSummary>> ListGroupMembers(std::int64_t group_case_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<CaseSummary>> {
      return sqlite::SelectGroupMembers(c, group_case_id);
    });
  }
  Result<std::vector<GroupEvent>> ListGroupEvents(std::int64_t group_case_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<GroupEvent>> {
      return sqlite::SelectGroupEvents(c, group_case_id);
    });
  }
  Status SetPlanSealed(std::int64_t case_id, std::int64_t expected_version, const Blob& sealed) override {
    return Write([&] { return sqlite::UpdatePlanSealed(writer_, case_id, expected_version, sealed); });
  }

  Result<std::int64_t> AddCallback(const NewCallback& callback) override {
    return Write([&]() -> Result<std::int64_t> { return sqlite::InsertCallback(writer_, callback); });
  }
  Result<std::vector<StoredCallback>> ListDueCallbacks(std::int64_t now, int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredCallback>> { return sqlite::SelectDueCallbacks(c, now, limit); });
  }
  Result<std::vector<StoredCallback>> ListCallbacks(CallbackStatus status, int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredCallback>> { return sqlite::SelectCallbacks(c, status, limit); });
  }
  Result<StoredCallback> GetCallback(std::int64_t id) override {
    return WithReader([&](Connection& c) { return sqlite::SelectCallback(c, id); });
  }
  Status UpdateCallback(const CallbackUpdate& update) override {
    auto applied = Write([&] { return sqlite::ApplyCallbackUpdate(writer_, update); });
    if (!applied) return applied.error();
    if (!*applied) return Error{ErrorCode::kConflict, "the callback changed meanwhile"};
    if (update.to != CallbackStatus::kConnected && update.to != CallbackStatus::kLapsed) return OkStatus();
    std::lock_guard lock(writer_mutex_);
    return ScrubWriteAheadLogLocked("the callback ended, but the database log could not be cleared yet");
  }

  Status AppendQueueLog(std::span<const QueueLogRecord> lines, double keep_after) override {
    return Write([&] { sqlite::InsertQueueLog(writer_, lines, keep_after); return OkStatus(); });
  }
  Result<std::vector<QueueLogRecord>> ListQueueLog(int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<QueueLogRecord>> { return sqlite::SelectQueueLog(c, limit); });
  }
  Status InsertOperator(const OperatorRecord& op) override {
    return Write([&] { sqlite::InsertOperator(writer_, op); return OkStatus(); });
  }
  Result<std::vector<OperatorRecord>> ListOperators() override {
    return WithReader([&](Connection& c) -> Result<std::vector<OperatorRecord>> { return sqlite::SelectOperators(c); });
  }
  Status SaveLines(int lines) override {
    return Write([&] { sqlite::SaveLines(writer_, lines); return OkStatus(); });
  }
  Result<std::optional<int>> LoadLines() override {
    return WithReader([&](Connection& c) -> Result<std::optional<int>> { return sqlite::SelectLines(c); });
  }
  Status SaveOperatorAccount(const std::string& name, std::int64_t user_id) override {
    return Write([&] { sqlite::SaveOperatorAccount(writer_, name, user_id); return OkStatus(); });
  }
  Result<std::vector<std::pair<std::string, std::int64_t>>> ListOperatorAccounts() override {
    return WithReader([&](Connection& c) -> Result<std::vector<std::pair<std::string, std::int64_t>>> {
      return sqlite::SelectOperatorAccounts(c);
    });
  }

  Status SetMergedInto(std::int64_t source, std::int64_t target) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::UpdateMergedInto(writer_, source, target); });
  }

  Result<std::vector<std::int64_t>> ListMergedInto(std::int64_t target) override {
    return WithReader([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      return sqlite::SelectMergedInto(c, target);
    });
  }

  Result<std::int64_t> CountAlike(const ClearFields& like, Date from, Date to) override {
    return WithReader([&](Connection& c) -> Result<std::int64_t> { return sqlite::SelectCountAlike(c, like, from, to); });
  }

  Result<std::int64_t> AddMarker(const NewMarker& marker) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Result<std::int64_t> { return sqlite::InsertMarker(writer_, marker); });
  }

  Result<std::vector<StoredMarker>> ListMarkers() override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredMarker>> { return sqlite::SelectMarkers(c); });
  }

  Result<std::int64_t> AddTask(const NewTask& task) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Result<std::int64_t> { return sqlite::InsertTask(writer_, task); });
  }

  Result<std::vector<StoredTask>> ListTasks(std::int64_t case_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredTask>> {
      return sqlite::SelectTasks(c, case_id);
    });
  }

  Result<StoredTask> GetTask(std::int64_t task_id) override {
    return WithReader([&](Connection& c) { return sqlite::SelectTask(c, task_id); });
  }

  Status CompleteTask(std::int64_t task_id, std::int64_t user_id, std::int64_t at) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&] { return sqlite::UpdateTaskDone(writer_, task_id, user_id, at); });
  }

  Result<std::vector<QueuedTask>> ListOpenTasks(std::int64_t due_before,
                                                std::optional<std::int64_t> assigned_to,
                                                int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<QueuedTask>> {
      return sqlite::SelectOpenTasks(c, due_before, assigned_to, limit);
    });
  }

  Result<std::vector<CaseSummary>> ListDeployingBefore(Date cutoff, std::optional<std::int64_t> assigned_to,
                                                       int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<CaseSummary>> {
      return sqlite::SelectDeployingBefore(c, cutoff, assigned_to, limit);
    });
  }

  Result<std::vector<WrappedRecordKey>> ListKeysOlderThan(std::int64_t generation,
                                                          int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<WrappedRecordKey>> {
      return sqlite::SelectKeysOlderThan(c, generation, limit);
    });
  }

  Result<std::int64_t> CountKeysOlderThan(std::int64_t generation) override {
    return WithReader([&](Connection& c) -> Result<std::int64_t> {
      return sqlite::CountKeysOlderThan(c, generation);
    });
  }

  Status ReplaceWrappedKeys(std::span<const WrappedRecordKey> keys) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Status {
      sqlite::UpdateWrappedKeys(writer_, keys);
      return OkStatus();
    });
  }

  Result<std::optional<AuditRecord>> LastAuditRecord() override {
    return WithReader([&](Connection& c) -> Result<std::optional<AuditRecord>> { return sqlite::SelectLastAudit(c); });
  }

  Status AppendAuditRecord(const AuditRecord& r) override {
    return Write([&]() -> Status { return sqlite::InsertAudit(writer_, r), OkStatus(); });
  }

  Result<std::vector<AuditRecord>> ListAuditRecords(std::int64_t after_seq, int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<AuditRecord>> {
      return sqlite::SelectAuditAfter(c, after_seq, limit);
    });
  }

  Status ExportSnapshot(const SnapshotSink& sink) override {
    return WithReader([&](Connection& c) -> Status { return sqlite::ExportSnapshotOf(c, sink); });
  }

  // The camps' books and registry (camp_store.cpp).
  Result<std::int64_t> InsertCamp(const CampRecord& c) override { return camp_.InsertCamp(c); }
  Status UpdateCamp(const CampRecord& c) override { return camp_.UpdateCamp(c); }
  Result<CampRecord> GetCamp(std::int64_t id) override { return camp_.GetCamp(id); }
  Result<std::vector<CampRecord>> ListCamps() override { return camp_.ListCamps(); }
  Result<std::int64_t> InsertPrisoner(const NewPrisoner& p) override { return camp_.InsertPrisoner(p); }
  Result<StoredPrisoner> GetPrisoner(std::int64_t id) override { return camp_.GetPrisoner(id); }
  Result<std::vector<StoredPrisoner>> ListPrisoners(std::int64_t camp) override { return camp_.ListPrisoners(camp); }
  Result<std::int64_t> AddMovement(const MovementRecord& m, PrisonerStatus s) override { return camp_.AddMovement(m, s); }
  Result<TransferOutcome> TransferPrisoner(const MovementRecord& m, std::int64_t at) override {
    return camp_.TransferPrisoner(m, at);
  }
  Result<std::vector<MovementRecord>> ListUnreportedMovements(std::int64_t camp) override {
    return camp_.ListUnreportedMovements(camp);
  }
  Status MarkMovementsReported(const std::vector<std::int64_t>& ids, Date on) override {
    return camp_.MarkMovementsReported(ids, on);
  }
  Status MarkCaptureCardSent(std::int64_t id, Date on) override { return camp_.MarkCaptureCardSent(id, on); }
  Result<PostOutcome> Post(std::int64_t camp, const camp::Posting& p, std::int64_t at) override {
    return camp_.Post(camp, p, at);
  }
  Result<StoredPosting> GetPosting(std::int64_t camp, std::int64_t id) override { return camp_.GetPosting(camp, id); }
  Result<std::int64_t> Balance(std::int64_t camp, const std::string& a) override { return camp_.Balance(camp, a); }
  Result<std::pair<std::int64_t, std::vector<AccountEntry>>> AccountStatement(std::int64_t camp, const std::string& a,
                                                                               std::int64_t from, std::int64_t to) override {
    return camp_.AccountStatement(camp, a, from, to);
  }
  Result<LedgerCheckReport> CheckLedger() override { return camp_.CheckLedger(); }
  Status SaveLabourProfile(std::int64_t id, const camp::LabourProfile& p) override { return camp_.SaveLabourProfile(id, p); }
  Result<camp::LabourProfile> LoadLabourProfile(std::int64_t id) override { return camp_.LoadLabourProfile(id); }
  Result<std::int64_t> InsertShift(std::int64_t id, const camp::WorkShift& s) override { return camp_.InsertShift(id, s); }
  Result<std::vector<camp::WorkShift>> ListShifts(std::int64_t id, Date from, Date to) override {
    return camp_.ListShifts(id, from, to);
  }
  Status JoinPhoneList(std::int64_t camp, std::int64_t id, Date since) override { return camp_.JoinPhoneList(camp, id, since); }
  Result<std::vector<PhoneWaiting>> ListPhoneWaiting(std::int64_t camp) override { return camp_.ListPhoneWaiting(camp); }
  Result<std::int64_t> RecordCall(const PhoneCallRecord& c, bool used_turn, const std::optional<camp::Posting>& charge,
                                  std::int64_t at) override {
    return camp_.RecordCall(c, used_turn, charge, at);
  }
  Result<std::vector<PhoneCallRecord>> ListCalls(std::int64_t camp, Date day) override { return camp_.ListCalls(camp, day); }
  Result<camp::DayRota> FixRota(std::int64_t camp, Date day, const std::function<Result<camp::DayRota>()>& plan) override {
    return camp_.FixRota(camp, day, plan);
  }
  Result<std::int64_t> InsertMail(std::int64_t id, const camp::MailItem& m) override { return camp_.InsertMail(id, m); }
  Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> ListMail(std::int64_t camp, Date from, Date to) override {
    return camp_.ListMail(camp, from, to);
  }

 private:
  // secure_delete zeroes deleted content in the database pages, but earlier images of those
  // pages stay in the write-ahead log until it is checkpointed and truncated. Readers that
  // still use old pages can hold the checkpoint back, so it is retried briefly.
  // Checkpoints and truncates the write-ahead log so that rows just deleted or cleared
  // survive in no file (secure_delete has zeroed them in the database itself).
  Status ScrubWriteAheadLogLocked(std::string_view retry_message) {
    return Guard([&]() -> Status {
      for (int attempt = 0; attempt < 50; ++attempt) {
        const int rc = sqlite3_wal_checkpoint_v2(writer_.raw(), nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                                 nullptr, nullptr);
        if (rc == SQLITE_OK) return OkStatus();  // TRUNCATE succeeded: the log is empty
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      return Error{ErrorCode::kUnavailable, std::string(retry_message)};
    });
  }

  // One statement on the writer connection, in its own implicit transaction.
  template <typename BindFn>
  Status WriteOne(std::string_view sql, BindFn bind) {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Status {
      auto s = writer_.Prepare(sql);
      bind(s);
      s.Step();
      return OkStatus();
    });
  }

  // Like WriteOne; true when the statement changed at least one row.
  template <typename BindFn>
  Result<bool> ChangedAny(std::string_view sql, BindFn bind) {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Result<bool> {
      auto s = writer_.Prepare(sql);
      bind(s);
      s.Step();
      return sqlite3_changes(writer_.raw()) > 0;
    });
  }

  // Runs `body` on the writer connection, holding the writer lock.
  template <typename F>
  auto Write(F&& body) -> decltype(body()) {
    std::lock_guard lock(writer_mutex_);
    return Guard(std::forward<F>(body));
  }

  template <typename F>
  auto WithReader(F&& body) -> decltype(body(std::declval<Connection&>())) {
    return Database::WithReader(std::forward<F>(body));
  }

  sqlite::SqliteSessions sessions_;
  sql::SqlCampStore camp_;
  sql::SqlAbroadStore abroad_;
  sql::SqlChannelStore channels_;
};

}  // namespace

std::unique_ptr<Store> OpenSqliteStore(const std::string& data_dir, bool create) {
  namespace fs = std::filesystem;
  const fs::path dir(data_dir);
  const std::string path = (dir / "lifeline.db").string();
  if (!create && !fs::exists(path)) {
    throw std::runtime_error("no lifeline database in " + data_dir + " (run lifeline init first)");
  }
  if (create) {
    fs::create_directories(dir);
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
  }
  try {
    Connection c(path, create);
    if (auto migrated = sqlite::Migrate(c); !migrated) {
      throw std::runtime_error(migrated.error().message);
    }
  } catch (const SqliteError& e) {
    throw std::runtime_error(std::string("cannot open the database: ") + e.what());
  }
  return std::make_unique<SqliteStore>(path);
}

}  // namespace lifeline::store
