// The camps' double-entry ledger on PostgreSQL (store/camp_store.hpp): postings, their legs
// and the balances kept in step with them, and the check that the books balance.

#include <algorithm>

#include "domain/camp/money.hpp"
#include "store/camp_transfer_sql.hpp"
#include "store/ledger_check_sql.hpp"
#include "store/postgres/row_mac_rows.hpp"
#include "store/postgres/rows.hpp"
#include "store/postgres/camp_store.hpp"

namespace lifeline::store::postgres {
namespace {

using camp::Leg;
using rows::OrCorrupt;

constexpr std::int64_t kCampLockSpace = 0x63616d70;  // "camp": the advisory locks' first key

std::vector<Leg> SelectLegs(PgConnection& c, std::int64_t posting_id) {
  // Legs have no id of their own: ctid keeps the order they were written in within a posting.
  auto r = c.Exec("SELECT account, amount FROM posting_legs WHERE posting_id = $1 ORDER BY id", Params().Add(posting_id));
  std::vector<Leg> legs;
  for (int i = 0; i < r.rows(); ++i) legs.push_back({r.Text(i, 0), r.Int(i, 1)});
  return legs;
}

std::vector<Leg> Sorted(std::vector<Leg> legs) {
  std::sort(legs.begin(), legs.end(), [](const Leg& a, const Leg& b) {
    return a.account != b.account ? a.account < b.account : a.amount < b.amount;
  });
  return legs;
}

// The same event posted again: same kind, prisoner, reversal and legs (the memo may differ).
bool SameContent(PgConnection& c, std::int64_t id, const camp::Posting& posting) {
  auto r = c.Exec("SELECT kind, prisoner_id, COALESCE(reverses, 0) FROM postings WHERE id = $1", Params().Add(id));
  if (r.rows() == 0) return false;
  return r.Text(0, 0) == camp::ToString(posting.kind) && r.Int(0, 1) == posting.prisoner_id &&
         r.Int(0, 2) == posting.reverses && Sorted(SelectLegs(c, id)) == Sorted(posting.legs);
}

std::int64_t Count(PgConnection& c, std::string_view sql) { return c.Exec(sql).Int(0, 0); }

}  // namespace

void LockCamp(PgConnection& c, std::int64_t camp_id) {
  c.Exec("SELECT pg_advisory_xact_lock($1::int, $2::int)", Params().Add(kCampLockSpace).Add(camp_id));
}

Result<PostOutcome> ApplyPosting(PgConnection& c, std::int64_t camp_id, const camp::Posting& posting, std::int64_t at) {
  LockCamp(c, camp_id);
  auto existing = c.Exec("SELECT id FROM postings WHERE camp_id = $1 AND key = $2", Params().Add(camp_id).Add(posting.key));
  if (existing.rows() > 0) {
    const std::int64_t id = existing.Int(0, 0);
    if (!SameContent(c, id, posting)) return Error{ErrorCode::kConflict, "this idempotency key was used for another posting"};
    return PostOutcome{id, true};
  }
  // Art. 65: his account is kept where he is held; the camp he left takes no more postings.
  // A transfer holds both camps' locks, so this cannot change until the posting commits.
  auto held = c.Exec(camp_transfer_sql::kPrisonerCamp, Params().Add(posting.prisoner_id));
  if (held.rows() > 0 && held.Int(0, 0) != camp_id) {
    return Error{ErrorCode::kConflict, "this prisoner is held in another camp: his account moved with him"};
  }
  if (posting.reverses != 0) {
    if (c.Exec("SELECT 1 FROM postings WHERE id = $1 AND camp_id = $2", Params().Add(posting.reverses).Add(camp_id)).rows() == 0) {
      return NotFound("no such posting to reverse in this camp");
    }
    if (c.Exec("SELECT 1 FROM postings WHERE reverses = $1", Params().Add(posting.reverses)).rows() > 0) {
      return Error{ErrorCode::kConflict, "this posting has been reversed already"};
    }
  }
  for (const Leg& leg : posting.legs) {
    const std::int64_t legs_sum =
        c.Exec("INSERT INTO balances (camp_id, account, balance) VALUES ($1, $2, $3) ON CONFLICT (camp_id, account) "
               "DO UPDATE SET balance = balances.balance + excluded.balance RETURNING balance",
               Params().Add(camp_id).Add(leg.account).Add(leg.amount))
            .Int(0, 0);
    // A prisoner holds the negated sum of his legs; it may never go below zero.
    if (camp::PrisonerOf(leg.account) && -legs_sum < 0) {
      return Error{ErrorCode::kConflict,
                   "the prisoner's account does not cover this (it holds " + camp::FormatAmount(-(legs_sum - leg.amount)) + ")"};
    }
  }
  Params params;
  params.Add(camp_id).Add(posting.key).Add(camp::ToString(posting.kind)).Add(posting.prisoner_id).Add(posting.memo);
  if (posting.reverses != 0) params.Add(posting.reverses); else params.AddNull();
  params.Add(at);
  const std::int64_t id = c.Exec("INSERT INTO postings (camp_id, key, kind, prisoner_id, memo, reverses, at) "
                                 "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                                 params)
                              .Int(0, 0);
  for (const Leg& leg : posting.legs) {
    const std::int64_t leg_id = c.Exec("INSERT INTO posting_legs (posting_id, account, amount) VALUES ($1, $2, $3) "
                                       "RETURNING id",
                                       Params().Add(id).Add(leg.account).Add(leg.amount))
                                    .Int(0, 0);
    ResealRow(c, "posting_legs", leg_id);
  }
  ResealRow(c, "postings", id);  // it counts its legs
  return PostOutcome{id, false};
}

// A refusal returns before the commit: the transaction's guard rolls the balances back.
Result<PostOutcome> PgCampStore::Post(std::int64_t camp_id, const camp::Posting& posting, std::int64_t at) {
  return pool_.With([&](PgConnection& c) -> Result<PostOutcome> {
    PgTransaction tx(c);
    auto outcome = ApplyPosting(c, camp_id, posting, at);
    if (outcome) tx.Commit();
    return outcome;
  });
}

Result<StoredPosting> PgCampStore::GetPosting(std::int64_t camp_id, std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<StoredPosting> {
    auto r = c.Exec("SELECT key, kind, prisoner_id, memo, COALESCE(reverses, 0), at FROM postings WHERE id = $1 AND camp_id = $2",
                    Params().Add(id).Add(camp_id));
    if (r.rows() == 0) return NotFound("no such posting");
    StoredPosting out;
    out.id = id;
    out.camp_id = camp_id;
    out.at = r.Int(0, 5);
    out.posting = {r.Text(0, 0), OrCorrupt(camp::ParsePostingKind(r.Text(0, 1))), r.Int(0, 2), r.Text(0, 3), r.Int(0, 4),
                   SelectLegs(c, id)};
    return out;
  });
}

Result<std::int64_t> PgCampStore::Balance(std::int64_t camp_id, const std::string& account) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    auto r = c.Exec("SELECT balance FROM balances WHERE camp_id = $1 AND account = $2", Params().Add(camp_id).Add(account));
    const std::int64_t legs = r.rows() ? r.Int(0, 0) : 0;
    return camp::PrisonerOf(account) ? -legs : legs;
  });
}

Result<std::pair<std::int64_t, std::vector<AccountEntry>>> PgCampStore::AccountStatement(std::int64_t camp_id,
                                                                                   const std::string& account,
                                                                                   std::int64_t from, std::int64_t to) {
  return pool_.With([&](PgConnection& c) -> Result<std::pair<std::int64_t, std::vector<AccountEntry>>> {
    PgTransaction tx(c, PgTransaction::Isolation::kRepeatableRead);  // the opening and the entries from one view
    const std::int64_t opening =
        c.Exec("SELECT COALESCE(SUM(l.amount), 0) FROM posting_legs l JOIN postings p ON p.id = l.posting_id "
               "WHERE l.account = $1 AND p.camp_id = $2 AND p.at < $3",
               Params().Add(account).Add(camp_id).Add(from))
            .Int(0, 0);
    std::pair<std::int64_t, std::vector<AccountEntry>> out{opening, {}};
    // A prisoner's statement also shows the calls the state paid for him, at 0.00.
    const std::int64_t prisoner = camp::PrisonerOf(account).value_or(0);
    auto r = c.Exec("SELECT p.id, p.at, p.kind, p.memo, l.amount FROM posting_legs l JOIN postings p ON p.id = l.posting_id "
                    "WHERE l.account = $1 AND p.camp_id = $2 AND p.at >= $3 AND p.at < $4 "
                    "UNION ALL SELECT p.id, p.at, p.kind, p.memo, 0 FROM postings p "
                    "WHERE p.prisoner_id = $5 AND p.kind = 'state_paid_call' AND p.camp_id = $2 AND p.at >= $3 AND p.at < $4 "
                    "ORDER BY 1",
                    Params().Add(account).Add(camp_id).Add(from).Add(to).Add(prisoner));
    for (int i = 0; i < r.rows(); ++i) {
      out.second.push_back({r.Int(i, 0), r.Int(i, 1), OrCorrupt(camp::ParsePostingKind(r.Text(i, 2))), r.Text(i, 3), r.Int(i, 4)});
    }
    tx.Commit();
    if (camp::PrisonerOf(account)) {
      out.first = -out.first;
      for (auto& e : out.second) e.change = -e.change;
    }
    return out;
  });
}

Result<LedgerCheckReport> PgCampStore::CheckLedger() {
  return pool_.With([&](PgConnection& c) -> Result<LedgerCheckReport> {
    PgTransaction tx(c, PgTransaction::Isolation::kRepeatableRead);  // one consistent view of the books
    LedgerCheckReport r;
    namespace sql = ledger_check_sql;
    r.postings = Count(c, sql::kPostings);
    r.legs = Count(c, sql::kLegs);
    r.unbalanced_postings = Count(c, sql::kUnbalancedPostings);
    r.balance_mismatches = Count(c, sql::kBalanceMismatches);
    r.negative_prisoner_balances = Count(c, sql::kNegativePrisonerBalances);
    r.double_reversals = Count(c, sql::kDoubleReversals);
    r.unmatched_transfers = Count(c, sql::kUnmatchedTransfers);
    r.stranded_balances = Count(c, sql::kStrandedBalances);
    tx.Commit();
    return r;
  });
}

}  // namespace lifeline::store::postgres
