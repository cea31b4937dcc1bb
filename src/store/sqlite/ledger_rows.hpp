#pragma once
// The SQL of the camp ledger (store/camp_store.hpp): postings, their legs and the balances
// kept in step with them. Each function throws SqliteError; writers expect the caller to hold
// the writer lock.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "domain/result.hpp"
#include "store/camp_store.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

/// One transaction: replay check, reversal checks, balances (none below zero for a
/// prisoner), the posting and its legs.
Result<PostOutcome> ApplyPosting(Connection& writer, std::int64_t camp_id, const camp::Posting& posting, std::int64_t at);
/// The same, inside the caller's transaction (which rolls back on an error).
Result<PostOutcome> ApplyPostingInTransaction(Connection& writer, std::int64_t camp_id, const camp::Posting& posting,
                                              std::int64_t at);
Result<StoredPosting> SelectPosting(Connection& reader, std::int64_t camp_id, std::int64_t id);
/// The stored sum of the account's legs (debits positive); 0 if never used.
std::int64_t SelectLegSum(Connection& reader, std::int64_t camp_id, const std::string& account);
/// Sum of legs before `from`, and the entries in [from, to), as legs (debits positive).
std::pair<std::int64_t, std::vector<AccountEntry>> SelectAccountLegs(Connection& reader, std::int64_t camp_id,
                                                                     const std::string& account, std::int64_t from,
                                                                     std::int64_t to);
LedgerCheckReport CheckAllBooks(Connection& reader);

}  // namespace lifeline::store::sqlite
