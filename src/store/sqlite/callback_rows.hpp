#pragma once
// The callbacks' rows: the SQL behind AddCallback, ListDueCallbacks, ListCallbacks,
// GetCallback and UpdateCallback. Each function throws SqliteError; writers expect the
// caller to hold the store's writer lock.

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

}  // namespace lifeline::store::sqlite
