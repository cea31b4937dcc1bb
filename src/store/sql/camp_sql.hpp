#pragma once
// What the camps' parts share (camp_registry.cpp, camp_ledger.cpp, camp_routine.cpp): the
// ledger's posting, and the SQL of a prisoner's
// transfer between camps (CampStore::TransferPrisoner), the rule that his postings go to the
// camp that holds him, and the queries `lifeline ledger check` runs (LedgerCheckReport).

#include <cstdint>
#include <string>
#include <string_view>

#include "store/camp_store.hpp"
#include "store/sql/session.hpp"

namespace lifeline::store::sql {

/// Inside the caller's write transaction: takes the camp's books' lock, then applies the
/// posting as CampStore::Post describes — the same key again (same content) returns the
/// first posting; a reversal of what is not in this camp, or reversed already, a prisoner
/// held elsewhere, or a prisoner's balance below zero is refused, and the caller's
/// transaction must then roll back (the balances may have moved). camp_ledger.cpp.
Result<PostOutcome> ApplyPosting(Session& s, std::int64_t camp_id, const camp::Posting& posting,
                                 std::int64_t at);
/// The stored sum of the account's legs in the camp (debits positive); 0 if never used.
std::int64_t LegSum(Session& s, std::int64_t camp_id, const std::string& account);

}  // namespace lifeline::store::sql

namespace lifeline::store::sql::camp_sql {

/// $1 prisoner → the camp that holds him (and keeps his account); no row if none.
inline constexpr std::string_view kPrisonerCamp = "SELECT camp_id FROM prisoners WHERE id = $1";

/// $1 the new camp, $2 the day he arrives there (YYYY-MM-DD), $3 prisoner. Art. 70: the
/// week for his capture card runs again from that day, and no card is sent for it yet.
inline constexpr std::string_view kMoveToCamp =
    "UPDATE prisoners SET camp_id = $1, status = 'held', arrived_on = $2, capture_card_sent_on = "
    "NULL WHERE id = $3";

/// $1 camp → whether it exists.
inline constexpr std::string_view kCampExists = "SELECT 1 FROM camps WHERE id = $1";

/// The idempotency key both halves of a transfer carry: one transfer, one movement.
inline std::string TransferKey(std::int64_t movement_id) {
  return "transfer:" + std::to_string(movement_id);
}

// The ledger check: each a count, zero when the books are sound.
namespace ledger_check {

inline constexpr std::string_view kPostings = "SELECT COUNT(*) FROM postings";
inline constexpr std::string_view kLegs = "SELECT COUNT(*) FROM posting_legs";
inline constexpr std::string_view kUnbalancedPostings =
    "SELECT COUNT(*) FROM postings p WHERE (SELECT COUNT(*) FROM posting_legs WHERE posting_id = "
    "p.id) < 2 "
    "OR (SELECT SUM(amount) FROM posting_legs WHERE posting_id = p.id) != 0";
inline constexpr std::string_view kBalanceMismatches =
    "WITH computed AS (SELECT p.camp_id, l.account, SUM(l.amount) AS total FROM posting_legs l "
    "JOIN postings p ON p.id = l.posting_id GROUP BY p.camp_id, l.account) "
    "SELECT (SELECT COUNT(*) FROM balances b LEFT JOIN computed c ON c.camp_id = b.camp_id "
    "AND c.account = b.account WHERE COALESCE(c.total, 0) != b.balance) + "
    "(SELECT COUNT(*) FROM computed c LEFT JOIN balances b ON c.camp_id = b.camp_id "
    "AND c.account = b.account WHERE b.account IS NULL AND c.total != 0)";
inline constexpr std::string_view kNegativePrisonerBalances =
    "SELECT COUNT(*) FROM balances WHERE account LIKE 'prisoner:%' AND balance > 0";
inline constexpr std::string_view kDoubleReversals =
    "SELECT COUNT(*) FROM (SELECT reverses FROM postings WHERE reverses IS NOT NULL "
    "GROUP BY reverses HAVING COUNT(*) > 1) AS twice";
// Art. 65: each transfer-out (his account debited in the camp he left) has a transfer-in
// with the same key, for the same prisoner, in another camp, crediting him the same amount;
// and the reverse. A half that lost its partner or whose amount was changed counts once.
inline constexpr std::string_view kUnmatchedTransfers =
    "WITH moved AS (SELECT p.camp_id, p.key, p.kind, p.prisoner_id, (SELECT "
    "COALESCE(SUM(l.amount), 0) "
    "FROM posting_legs l WHERE l.posting_id = p.id AND l.account = 'prisoner:' || p.prisoner_id) "
    "AS amount "
    "FROM postings p WHERE p.kind IN ('transfer_out', 'transfer_in')) "
    "SELECT COUNT(*) FROM moved m WHERE (m.kind = 'transfer_out' AND m.amount <= 0) "
    "OR (m.kind = 'transfer_in' AND m.amount >= 0) OR NOT EXISTS (SELECT 1 FROM moved o WHERE "
    "o.key = m.key "
    "AND o.prisoner_id = m.prisoner_id AND o.camp_id != m.camp_id AND o.kind != m.kind AND "
    "o.amount = -m.amount)";
// Art. 65: the account follows him; money left in a camp that no longer holds him did not.
inline constexpr std::string_view kStrandedBalances =
    "SELECT COUNT(*) FROM balances b JOIN prisoners p ON b.account = 'prisoner:' || p.id "
    "WHERE b.camp_id != p.camp_id AND b.balance != 0";

}  // namespace ledger_check
}  // namespace lifeline::store::sql::camp_sql
