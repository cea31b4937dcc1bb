#pragma once
// The audit log's rows: the SQL behind LastAuditRecord, AppendAuditRecord and
// ListAuditRecords. Each function throws SqliteError (a taken seq as a constraint error);
// InsertAudit expects the caller to hold the store's writer lock.

#include <cstdint>
#include <optional>
#include <vector>

#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

std::optional<AuditRecord> SelectLastAudit(Connection& reader);
std::vector<AuditRecord> SelectAuditAfter(Connection& reader, std::int64_t after_seq, int limit);
void InsertAudit(Connection& writer, const AuditRecord& record);

}  // namespace lifeline::store::sqlite
