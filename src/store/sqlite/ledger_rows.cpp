#include "store/sqlite/ledger_rows.hpp"

#include <algorithm>

#include "domain/camp/money.hpp"
#include "store/camp_transfer_sql.hpp"
#include "store/ledger_check_sql.hpp"
#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {
namespace {

using camp::Leg;

std::vector<Leg> SelectLegs(Connection& c, std::int64_t posting_id) {
  auto s = c.Prepare("SELECT account, amount FROM posting_legs WHERE posting_id = ? ORDER BY id");
  s.Bind(1, posting_id);
  std::vector<Leg> legs;
  while (s.Step()) legs.push_back({s.Text(0), s.Int(1)});
  return legs;
}

std::vector<Leg> Sorted(std::vector<Leg> legs) {
  std::sort(legs.begin(), legs.end(), [](const Leg& a, const Leg& b) {
    return a.account != b.account ? a.account < b.account : a.amount < b.amount;
  });
  return legs;
}

// The same event posted again: same kind, prisoner, reversal and legs (the memo may differ).
bool SameContent(Connection& c, std::int64_t id, const camp::Posting& posting) {
  auto s = c.Prepare("SELECT kind, prisoner_id, COALESCE(reverses, 0) FROM postings WHERE id = ?");
  s.Bind(1, id);
  if (!s.Step()) return false;
  return s.Text(0) == camp::ToString(posting.kind) && s.Int(1) == posting.prisoner_id && s.Int(2) == posting.reverses &&
         Sorted(SelectLegs(c, id)) == Sorted(posting.legs);
}

// A read transaction that ends however the reading ends.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& c) : c_(c) { c_.Execute("BEGIN"); }
  ~ReadTransaction() {
    try { c_.Execute("COMMIT"); } catch (const SqliteError&) {}
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Connection& c_;
};

std::int64_t Count(Connection& c, std::string_view sql) {
  auto s = c.Prepare(sql);
  s.Step();
  return s.Int(0);
}

}  // namespace

Result<PostOutcome> ApplyPosting(Connection& writer, std::int64_t camp_id, const camp::Posting& posting, std::int64_t at) {
  Transaction tx(writer);
  auto outcome = ApplyPostingInTransaction(writer, camp_id, posting, at);
  if (outcome) tx.Commit();
  return outcome;
}

Result<PostOutcome> ApplyPostingInTransaction(Connection& writer, std::int64_t camp_id, const camp::Posting& posting,
                                              std::int64_t at) {
  {
    auto existing = writer.Prepare("SELECT id FROM postings WHERE camp_id = ? AND key = ?");
    existing.Bind(1, camp_id).Bind(2, posting.key);
    if (existing.Step()) {
      const std::int64_t id = existing.Int(0);
      if (!SameContent(writer, id, posting)) {
        return Error{ErrorCode::kConflict, "this idempotency key was used for another posting"};
      }
      return PostOutcome{id, true};
    }
  }
  {
    // Art. 65: his account is kept where he is held; the camp he left takes no more postings.
    auto held = writer.Prepare(camp_transfer_sql::kPrisonerCamp);
    held.Bind(1, posting.prisoner_id);
    if (held.Step() && held.Int(0) != camp_id) {
      return Error{ErrorCode::kConflict, "this prisoner is held in another camp: his account moved with him"};
    }
  }
  if (posting.reverses != 0) {
    auto original = writer.Prepare("SELECT 1 FROM postings WHERE id = ? AND camp_id = ?");
    original.Bind(1, posting.reverses).Bind(2, camp_id);
    if (!original.Step()) return NotFound("no such posting to reverse in this camp");
    auto reversed = writer.Prepare("SELECT 1 FROM postings WHERE reverses = ?");
    reversed.Bind(1, posting.reverses);
    if (reversed.Step()) return Error{ErrorCode::kConflict, "this posting has been reversed already"};
  }
  auto balance = writer.Prepare(
      "INSERT INTO balances (camp_id, account, balance) VALUES (?, ?, ?) "
      "ON CONFLICT (camp_id, account) DO UPDATE SET balance = balance + excluded.balance RETURNING balance");
  for (const Leg& leg : posting.legs) {
    balance.Reset();
    balance.Bind(1, camp_id).Bind(2, leg.account).Bind(3, leg.amount);
    balance.Step();
    const std::int64_t legs_sum = balance.Int(0);
    balance.Reset();  // RETURNING leaves the statement running, which would block the commit
    // A prisoner holds the negated sum of his legs; it may never go below zero.
    if (camp::PrisonerOf(leg.account) && -legs_sum < 0) {
      return Error{ErrorCode::kConflict, "the prisoner's account does not cover this (it holds " +
                                             camp::FormatAmount(-(legs_sum - leg.amount)) + ")"};
    }
  }
  auto insert = writer.Prepare(
      "INSERT INTO postings (camp_id, key, kind, prisoner_id, memo, reverses, at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.Bind(1, camp_id).Bind(2, posting.key).Bind(3, camp::ToString(posting.kind)).Bind(4, posting.prisoner_id);
  insert.Bind(5, posting.memo).Bind(7, at);
  if (posting.reverses != 0) insert.Bind(6, posting.reverses);
  insert.Step();
  const std::int64_t id = sqlite3_last_insert_rowid(writer.raw());
  auto leg_insert = writer.Prepare("INSERT INTO posting_legs (posting_id, account, amount) VALUES (?, ?, ?)");
  for (const Leg& leg : posting.legs) {
    leg_insert.Reset();
    leg_insert.Bind(1, id).Bind(2, leg.account).Bind(3, leg.amount);
    leg_insert.Step();
    ResealRow(writer, "posting_legs", writer.LastInsertId());
  }
  ResealRow(writer, "postings", id);  // it counts its legs
  return PostOutcome{id, false};
}

Result<StoredPosting> SelectPosting(Connection& reader, std::int64_t camp_id, std::int64_t id) {
  auto s = reader.Prepare(
      "SELECT key, kind, prisoner_id, memo, COALESCE(reverses, 0), at FROM postings WHERE id = ? AND camp_id = ?");
  s.Bind(1, id).Bind(2, camp_id);
  if (!s.Step()) return NotFound("no such posting");
  StoredPosting out;
  out.id = id;
  out.camp_id = camp_id;
  out.at = s.Int(5);
  out.posting = {s.Text(0), rows::ParseEnum<camp::PostingKind>(s.Text(1), camp::ParsePostingKind), s.Int(2), s.Text(3),
                 s.Int(4), SelectLegs(reader, id)};
  return out;
}

std::int64_t SelectLegSum(Connection& reader, std::int64_t camp_id, const std::string& account) {
  auto s = reader.Prepare("SELECT balance FROM balances WHERE camp_id = ? AND account = ?");
  s.Bind(1, camp_id).Bind(2, account);
  return s.Step() ? s.Int(0) : 0;
}

std::pair<std::int64_t, std::vector<AccountEntry>> SelectAccountLegs(Connection& reader, std::int64_t camp_id,
                                                                     const std::string& account, std::int64_t from,
                                                                     std::int64_t to) {
  auto opening = reader.Prepare(
      "SELECT COALESCE(SUM(l.amount), 0) FROM posting_legs l JOIN postings p ON p.id = l.posting_id "
      "WHERE l.account = ? AND p.camp_id = ? AND p.at < ?");
  opening.Bind(1, account).Bind(2, camp_id).Bind(3, from);
  opening.Step();
  std::pair<std::int64_t, std::vector<AccountEntry>> out{opening.Int(0), {}};
  // A prisoner's statement also shows the calls the state paid for him, at 0.00.
  const std::int64_t prisoner = camp::PrisonerOf(account).value_or(0);
  auto s = reader.Prepare(
      "SELECT p.id, p.at, p.kind, p.memo, l.amount FROM posting_legs l JOIN postings p ON p.id = l.posting_id "
      "WHERE l.account = ?1 AND p.camp_id = ?2 AND p.at >= ?3 AND p.at < ?4 "
      "UNION ALL SELECT p.id, p.at, p.kind, p.memo, 0 FROM postings p "
      "WHERE p.prisoner_id = ?5 AND p.kind = 'state_paid_call' AND p.camp_id = ?2 AND p.at >= ?3 AND p.at < ?4 "
      "ORDER BY 1");
  s.Bind(1, account).Bind(2, camp_id).Bind(3, from).Bind(4, to).Bind(5, prisoner);
  while (s.Step()) {
    out.second.push_back(
        {s.Int(0), s.Int(1), rows::ParseEnum<camp::PostingKind>(s.Text(2), camp::ParsePostingKind), s.Text(3), s.Int(4)});
  }
  return out;
}

LedgerCheckReport CheckAllBooks(Connection& c) {
  LedgerCheckReport r;
  ReadTransaction view(c);  // one consistent view of the books
  namespace sql = ledger_check_sql;
  r.postings = Count(c, sql::kPostings);
  r.legs = Count(c, sql::kLegs);
  r.unbalanced_postings = Count(c, sql::kUnbalancedPostings);
  r.balance_mismatches = Count(c, sql::kBalanceMismatches);
  r.negative_prisoner_balances = Count(c, sql::kNegativePrisonerBalances);
  r.double_reversals = Count(c, sql::kDoubleReversals);
  r.unmatched_transfers = Count(c, sql::kUnmatchedTransfers);
  r.stranded_balances = Count(c, sql::kStrandedBalances);
  return r;
}

}  // namespace lifeline::store::sqlite
