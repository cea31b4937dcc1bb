#pragma once
// The queries `lifeline ledger check` runs (LedgerCheckReport), written once in SQL both
// engines understand, so that SQLite's and PostgreSQL's checks cannot drift apart.

#include <string_view>

namespace lifeline::store::ledger_check_sql {

inline constexpr std::string_view kPostings = "SELECT COUNT(*) FROM postings";
inline constexpr std::string_view kLegs = "SELECT COUNT(*) FROM posting_legs";
inline constexpr std::string_view kUnbalancedPostings =
    "SELECT COUNT(*) FROM postings p WHERE (SELECT COUNT(*) FROM posting_legs WHERE posting_id = p.id) < 2 "
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

}  // namespace lifeline::store::ledger_check_sql
