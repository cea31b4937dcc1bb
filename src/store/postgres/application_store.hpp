#pragma once
// Cases on PostgreSQL (store/store.hpp's ApplicationStore): applications, their status
// changes, conversations, tasks, groups, screening, statistics, callbacks and the
// key-rotation rows, with the same schema and contract as SQLite's. Thread-safe, through the
// pool it is given.
//
// Where SQLite's single writer makes a check-then-write atomic, this store relies on
// compare-and-set UPDATEs (row locks re-check their WHERE), and on one transaction-scoped
// advisory lock for group moves, whose nesting check reads rows other moves change.
// Erasing (a deleted case, a replaced custody circumstance, a finished callback's number)
// rewrites the tables concerned with VACUUM FULL, so that no old row version stays in their
// files; copies in the write-ahead log and in backups age out with them (docs/deploy.md).

#include "store/postgres/pool.hpp"
#include "store/store.hpp"

namespace lifeline::store::postgres {

class PgApplicationStore final : public ApplicationStore {
 public:
  /// `pool` must outlive this.
  explicit PgApplicationStore(Pool& pool) : pool_(pool) {}

  // application_store.cpp
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

  // case_queries.cpp
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

  // case_work_store.cpp
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

 private:
  Pool& pool_;
};

}  // namespace lifeline::store::postgres
