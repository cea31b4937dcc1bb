#pragma once
// The contact centre's rows: the SQL behind AddCallback, ListDueCallbacks, ListCallbacks,
// GetCallback, UpdateCallback, AppendQueueLog, ListQueueLog and the operators and lines
// managers set up. Each function throws SqliteError; writers expect the caller to hold the
// store's writer lock.

#include <optional>
#include <span>
#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

std::int64_t InsertCallback(Connection& writer, const NewCallback& callback);
std::vector<StoredCallback> SelectDueCallbacks(Connection& reader, std::int64_t now, int limit);
std::vector<StoredCallback> SelectCallbacks(Connection& reader, CallbackStatus status, int limit);
Result<StoredCallback> SelectCallback(Connection& reader, std::int64_t id);
/// True when applied; false when the callback was not in `update.from`.
Result<bool> ApplyCallbackUpdate(Connection& writer, const CallbackUpdate& update);

/// The queue log (kept here with the contact centre's other rows).
void InsertQueueLog(Connection& writer, std::span<const QueueLogRecord> lines, double keep_after);
std::vector<QueueLogRecord> SelectQueueLog(Connection& reader, int limit);

/// Throws SqliteError (a constraint error: the name is taken).
void InsertOperator(Connection& writer, const OperatorRecord& op);
std::vector<OperatorRecord> SelectOperators(Connection& reader);
void SaveLines(Connection& writer, int lines);
std::optional<int> SelectLines(Connection& reader);
void SaveOperatorAccount(Connection& writer, const std::string& name, std::int64_t user_id);
std::vector<std::pair<std::string, std::int64_t>> SelectOperatorAccounts(Connection& reader);

}  // namespace lifeline::store::sqlite
