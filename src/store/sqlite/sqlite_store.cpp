#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "store/readiness_sql.hpp"
#include "store/sql/sql_store.hpp"
#include "store/sqlite/application_rows.hpp"
#include "store/sqlite/callback_rows.hpp"
#include "store/sqlite/case_event_rows.hpp"
#include "store/sqlite/case_list_rows.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/database.hpp"
#include "store/sqlite/group_rows.hpp"
#include "store/sqlite/message_rows.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/office_key_rows.hpp"
#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"
#include "store/sqlite/screening_rows.hpp"
#include "store/sqlite/session.hpp"
#include "store/sqlite/snapshot.hpp"
#include "store/sqlite/statistics_rows.hpp"
#include "store/sqlite/task_rows.hpp"

namespace lifeline::store {
namespace {

using sqlite::Connection;
using sqlite::SqliteError;
using sqlite::Statement;
using sqlite::Transaction;
using namespace sqlite::rows;

class SqliteStore final : private sqlite::Database, public sql::SqlStore {
 public:
  explicit SqliteStore(std::string path)
      : Database(std::move(path)),
        SqlStore(std::make_unique<sqlite::SqliteSessions>(static_cast<Database&>(*this))) {}

  Result<std::vector<std::int64_t>> AppendApplications(
      std::span<const NewApplication> batch) override {
    return Write([&]() -> Result<std::vector<std::int64_t>> {
      Transaction tx(writer_);
      std::vector<std::int64_t> ids;
      ids.reserve(batch.size());
      for (const auto& a : batch)
        ids.push_back(sqlite::InsertApplication(writer_, a, sqlite::Origin::kApplicant));
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

  Result<CasePage> ListCases(const CaseFilter& filter) override {
    return WithReader(
        [&](Connection& c) -> Result<CasePage> { return sqlite::SelectCasePage(c, filter); });
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

  Status ProbeWrite(std::chrono::milliseconds timeout) override {
    return TryWrite(timeout, [](Connection& c) -> Status {
      return c.Execute(readiness_sql::kProbe), OkStatus();
    });
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

  Result<std::vector<std::int64_t>> CasesWithHandle(const Blob32& handle_index,
                                                    std::int64_t except_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      return sqlite::SelectCasesWithHandle(c, handle_index, except_id);
    });
  }

  Result<std::vector<std::int64_t>> CasesWithName(const Blob32& name_index,
                                                  std::int64_t except_id) override {
    return WithReader([&](Connection& c) -> Result<std::vector<std::int64_t>> {
      return sqlite::SelectCasesWithName(c, name_index, except_id);
    });
  }

  Result<std::int64_t> AddGroupMember(const NewGroupMember& member) override {
    return Write([&] { return sqlite::InsertGroupMember(writer_, member); });
  }
  Status MoveGroupMembers(std::span<const GroupMove> moves, std::int64_t actor_user_id,
                          std::int64_t at) override {
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
  Status SetPlanSealed(std::int64_t case_id, std::int64_t expected_version,
                       const Blob& sealed) override {
    return Write(
        [&] { return sqlite::UpdatePlanSealed(writer_, case_id, expected_version, sealed); });
  }

  Result<std::int64_t> AddCallback(const NewCallback& callback) override {
    return Write(
        [&]() -> Result<std::int64_t> { return sqlite::InsertCallback(writer_, callback); });
  }
  Result<std::vector<StoredCallback>> ListDueCallbacks(std::int64_t now, int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredCallback>> {
      return sqlite::SelectDueCallbacks(c, now, limit);
    });
  }
  Result<std::vector<StoredCallback>> ListCallbacks(CallbackStatus status, int limit) override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredCallback>> {
      return sqlite::SelectCallbacks(c, status, limit);
    });
  }
  Result<StoredCallback> GetCallback(std::int64_t id) override {
    return WithReader([&](Connection& c) { return sqlite::SelectCallback(c, id); });
  }
  Status UpdateCallback(const CallbackUpdate& update) override {
    auto applied = Write([&] { return sqlite::ApplyCallbackUpdate(writer_, update); });
    if (!applied) return applied.error();
    if (!*applied) return Error{ErrorCode::kConflict, "the callback changed meanwhile"};
    if (update.to != CallbackStatus::kConnected && update.to != CallbackStatus::kLapsed)
      return OkStatus();
    std::lock_guard lock(writer_mutex_);
    return ScrubWriteAheadLogLocked(
        "the callback ended, but the database log could not be cleared yet");
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
    return WithReader([&](Connection& c) -> Result<std::int64_t> {
      return sqlite::SelectCountAlike(c, like, from, to);
    });
  }

  Result<std::int64_t> AddMarker(const NewMarker& marker) override {
    std::lock_guard lock(writer_mutex_);
    return Guard([&]() -> Result<std::int64_t> { return sqlite::InsertMarker(writer_, marker); });
  }

  Result<std::vector<StoredMarker>> ListMarkers() override {
    return WithReader([&](Connection& c) -> Result<std::vector<StoredMarker>> {
      return sqlite::SelectMarkers(c);
    });
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

  Result<std::vector<CaseSummary>> ListDeployingBefore(Date cutoff,
                                                       std::optional<std::int64_t> assigned_to,
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

  Status ExportSnapshot(const SnapshotSink& sink) override {
    return WithReader([&](Connection& c) -> Status { return sqlite::ExportSnapshotOf(c, sink); });
  }

 private:
  // secure_delete zeroes deleted content in the database pages, but earlier images of those
  // pages stay in the write-ahead log until it is checkpointed and truncated
  // (sqlite::ScrubWriteAheadLog).
  Status ScrubWriteAheadLogLocked(std::string_view retry_message) {
    return Guard([&] { return sqlite::ScrubWriteAheadLog(writer_, retry_message); });
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
