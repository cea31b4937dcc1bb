#pragma once
// Follow-up tasks and the queues built from them: the SQL behind AddTask, ListTasks,
// GetTask, CompleteTask, ListOpenTasks and ListDeployingBefore. Each function throws
// SqliteError; writers expect the caller to hold the store's writer lock.

#include <optional>
#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

std::int64_t InsertTask(Connection& writer, const NewTask& task);
std::vector<StoredTask> SelectTasks(Connection& reader, std::int64_t case_id);
Result<StoredTask> SelectTask(Connection& reader, std::int64_t task_id);
Status UpdateTaskDone(Connection& writer, std::int64_t task_id, std::int64_t user_id,
                      std::int64_t at);
std::vector<QueuedTask> SelectOpenTasks(Connection& reader, std::int64_t due_before,
                                        std::optional<std::int64_t> assigned_to, int limit);
std::vector<CaseSummary> SelectDeployingBefore(Connection& reader, Date cutoff,
                                               std::optional<std::int64_t> assigned_to, int limit);

}  // namespace lifeline::store::sqlite
