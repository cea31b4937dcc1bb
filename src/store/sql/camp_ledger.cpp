// The camps' double-entry ledger (store/camp_store.hpp): postings, their legs and the
// balances kept in step with them, and the check that the books balance.

#include <algorithm>

#include "domain/camp/money.hpp"
#include "store/sql/camp_sql.hpp"
#include "store/sql/row_macs.hpp"
#include "store/sql/sql_store.hpp"

namespace lifeline::store::sql {
namespace {

using camp::Leg;

std::vector<Leg> SelectLegs(Session& s, std::int64_t posting_id) {
  std::vector<Leg> legs;
  for (const Row& row :
       s.Run("SELECT account, amount FROM posting_legs WHERE posting_id = $1 ORDER BY id",
             Params().Add(posting_id))) {
    legs.push_back({row.Text(0), row.Int(1)});
  }
  return legs;
}

std::vector<Leg> Sorted(std::vector<Leg> legs) {
  std::sort(legs.begin(), legs.end(), [](const Leg& a, const Leg& b) {
    return a.account != b.account ? a.account < b.account : a.amount < b.amount;
  });
  return legs;
}

// The same event posted again: same kind, prisoner, reversal and legs (the memo may differ).
bool SameContent(Session& s, std::int64_t id, const camp::Posting& posting) {
  auto rows = s.Run("SELECT kind, prisoner_id, COALESCE(reverses, 0) FROM postings WHERE id = $1",
                    Params().Add(id));
  if (rows.empty()) return false;
  const Row row = rows[0];
  return row.Text(0) == camp::ToString(posting.kind) && row.Int(1) == posting.prisoner_id &&
         row.Int(2) == posting.reverses && Sorted(SelectLegs(s, id)) == Sorted(posting.legs);
}

std::int64_t Count(Session& s, std::string_view sql) { return s.Run(sql)[0].Int(0); }

}  // namespace

std::int64_t LegSum(Session& s, std::int64_t camp_id, const std::string& account) {
  auto rows = s.Run("SELECT balance FROM balances WHERE camp_id = $1 AND account = $2",
                    Params().Add(camp_id).Add(account));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<PostOutcome> ApplyPosting(Session& s, std::int64_t camp_id, const camp::Posting& posting,
                                 std::int64_t at) {
  s.LockCampBooks(camp_id);
  auto existing = s.Run("SELECT id FROM postings WHERE camp_id = $1 AND key = $2",
                        Params().Add(camp_id).Add(posting.key));
  if (!existing.empty()) {
    const std::int64_t id = existing[0].Int(0);
    if (!SameContent(s, id, posting))
      return Error{ErrorCode::kConflict, "this idempotency key was used for another posting"};
    return PostOutcome{id, true};
  }
  // Art. 65: his account is kept where he is held; the camp he left takes no more postings.
  // A transfer holds both camps' books, so this cannot change until the posting commits.
  auto held = s.Run(camp_sql::kPrisonerCamp, Params().Add(posting.prisoner_id));
  if (!held.empty() && held[0].Int(0) != camp_id) {
    return Error{ErrorCode::kConflict,
                 "this prisoner is held in another camp: his account moved with him"};
  }
  if (posting.reverses != 0) {
    if (s.Run("SELECT 1 FROM postings WHERE id = $1 AND camp_id = $2",
              Params().Add(posting.reverses).Add(camp_id))
            .empty()) {
      return NotFound("no such posting to reverse in this camp");
    }
    if (!s.Run("SELECT 1 FROM postings WHERE reverses = $1", Params().Add(posting.reverses))
             .empty()) {
      return Error{ErrorCode::kConflict, "this posting has been reversed already"};
    }
  }
  for (const Leg& leg : posting.legs) {
    const std::int64_t legs_sum =
        s.Run(
             "INSERT INTO balances (camp_id, account, balance) VALUES ($1, $2, $3) ON CONFLICT "
             "(camp_id, account) "
             "DO UPDATE SET balance = balances.balance + excluded.balance RETURNING balance",
             Params().Add(camp_id).Add(leg.account).Add(leg.amount))[0]
            .Int(0);
    // A prisoner holds the negated sum of his legs; it may never go below zero.
    if (camp::PrisonerOf(leg.account) && -legs_sum < 0) {
      return Error{ErrorCode::kConflict, "the prisoner's account does not cover this (it holds " +
                                             camp::FormatAmount(-(legs_sum - leg.amount)) + ")"};
    }
  }
  Params params;
  params.Add(camp_id)
      .Add(posting.key)
      .Add(camp::ToString(posting.kind))
      .Add(posting.prisoner_id)
      .Add(posting.memo);
  if (posting.reverses != 0) {
    params.Add(posting.reverses);
  } else {
    params.AddNull();
  }
  params.Add(at);
  const std::int64_t id =
      s.Run(
           "INSERT INTO postings (camp_id, key, kind, prisoner_id, memo, reverses, at) "
           "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
           params)[0]
          .Int(0);
  for (const Leg& leg : posting.legs) {
    const std::int64_t leg_id =
        s.Run(
             "INSERT INTO posting_legs (posting_id, account, amount) VALUES ($1, $2, $3) "
             "RETURNING id",
             Params().Add(id).Add(leg.account).Add(leg.amount))[0]
            .Int(0);
    ResealRow(s, "posting_legs", leg_id);
  }
  ResealRow(s, "postings", id);  // it counts its legs
  return PostOutcome{id, false};
}

// A refusal returns before the commit: the transaction's guard rolls the balances back.
Result<PostOutcome> SqlStore::Post(std::int64_t camp_id, const camp::Posting& posting,
                                   std::int64_t at) {
  return Write(*sessions_, [&](Session& s) -> Result<PostOutcome> {
    Transaction tx(s);
    auto outcome = ApplyPosting(s, camp_id, posting, at);
    if (outcome) tx.Commit();
    return outcome;
  });
}

Result<StoredPosting> SqlStore::GetPosting(std::int64_t camp_id, std::int64_t id) {
  return Read(*sessions_, [&](Session& s) -> Result<StoredPosting> {
    auto rows = s.Run(
        "SELECT key, kind, prisoner_id, memo, COALESCE(reverses, 0), at FROM postings WHERE id = "
        "$1 AND camp_id = $2",
        Params().Add(id).Add(camp_id));
    if (rows.empty()) return NotFound("no such posting");
    const Row row = rows[0];
    StoredPosting out;
    out.id = id;
    out.camp_id = camp_id;
    out.at = row.Int(5);
    out.posting = {row.Text(0), row.Valid(camp::ParsePostingKind(row.Text(1))),
                   row.Int(2),  row.Text(3),
                   row.Int(4),  SelectLegs(s, id)};
    return out;
  });
}

Result<std::int64_t> SqlStore::Balance(std::int64_t camp_id, const std::string& account) {
  return Read(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    const std::int64_t legs = LegSum(s, camp_id, account);
    return camp::PrisonerOf(account) ? -legs : legs;
  });
}

Result<std::pair<std::int64_t, std::vector<AccountEntry>>> SqlStore::AccountStatement(
    std::int64_t camp_id, const std::string& account, std::int64_t from, std::int64_t to) {
  return Read(
      *sessions_, [&](Session& s) -> Result<std::pair<std::int64_t, std::vector<AccountEntry>>> {
        Transaction tx(s, Access::kConsistentRead);  // the opening and the entries from one view
        const std::int64_t opening =
            s.Run(
                 "SELECT COALESCE(SUM(l.amount), 0) FROM posting_legs l JOIN "
                 "postings p ON p.id = l.posting_id "
                 "WHERE l.account = $1 AND p.camp_id = $2 AND p.at < $3",
                 Params().Add(account).Add(camp_id).Add(from))[0]
                .Int(0);
        std::pair<std::int64_t, std::vector<AccountEntry>> out{opening, {}};
        // A prisoner's statement also shows the calls the state paid for him, at 0.00.
        const std::int64_t prisoner = camp::PrisonerOf(account).value_or(0);
        auto rows = s.Run(
            "SELECT p.id, p.at, p.kind, p.memo, l.amount FROM posting_legs l JOIN postings p ON "
            "p.id = "
            "l.posting_id "
            "WHERE l.account = $1 AND p.camp_id = $2 AND p.at >= $3 AND p.at < $4 "
            "UNION ALL SELECT p.id, p.at, p.kind, p.memo, 0 FROM postings p "
            "WHERE p.prisoner_id = $5 AND p.kind = 'state_paid_call' AND p.camp_id = $2 AND p.at "
            ">= $3 "
            "AND p.at < $4 "
            "ORDER BY 1",
            Params().Add(account).Add(camp_id).Add(from).Add(to).Add(prisoner));
        for (const Row& row : rows) {
          out.second.push_back({row.Int(0), row.Int(1),
                                row.Valid(camp::ParsePostingKind(row.Text(2))), row.Text(3),
                                row.Int(4)});
        }
        tx.Commit();
        if (camp::PrisonerOf(account)) {
          out.first = -out.first;
          for (auto& e : out.second) e.change = -e.change;
        }
        return out;
      });
}

Result<LedgerCheckReport> SqlStore::CheckLedger() {
  return Read(*sessions_, [&](Session& s) -> Result<LedgerCheckReport> {
    Transaction tx(s, Access::kConsistentRead);  // one consistent view of the books
    LedgerCheckReport r;
    namespace check = camp_sql::ledger_check;
    r.postings = Count(s, check::kPostings);
    r.legs = Count(s, check::kLegs);
    r.unbalanced_postings = Count(s, check::kUnbalancedPostings);
    r.balance_mismatches = Count(s, check::kBalanceMismatches);
    r.negative_prisoner_balances = Count(s, check::kNegativePrisonerBalances);
    r.double_reversals = Count(s, check::kDoubleReversals);
    r.unmatched_transfers = Count(s, check::kUnmatchedTransfers);
    r.stranded_balances = Count(s, check::kStrandedBalances);
    tx.Commit();
    return r;
  });
}

}  // namespace lifeline::store::sql
