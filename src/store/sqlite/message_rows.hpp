#pragma once
// A case's conversation: the SQL behind AddMessage, ListMessages and CountApplicantMessages.
// Each function throws SqliteError; InsertMessage expects the caller to hold the store's
// writer lock.

#include <vector>

#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

std::int64_t InsertMessage(Connection& writer, const NewMessage& message);
std::vector<StoredMessage> SelectMessages(Connection& reader, std::int64_t case_id);
std::int64_t CountApplicantMessages(Connection& reader, std::int64_t case_id, Date day);

}  // namespace lifeline::store::sqlite
