// The camp's accounts (app/camp/camp.hpp): postings built from the camp's tariff and price list,
// and the prisoner's statements (GC III Arts. 65–66).

#include <algorithm>

#include "app/camp/camp.hpp"

namespace lifeline::app {
namespace {

using std::chrono::sys_days;

std::int64_t StartOf(std::chrono::year_month month) {
  return std::chrono::sys_seconds{sys_days{month / 1}}.time_since_epoch().count();
}

}  // namespace

Result<store::PostOutcome> CampService::Post(const Actor& actor, std::int64_t camp_id,
                                             const LedgerRequest& r) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  auto camp = store_.GetCamp(camp_id);
  if (!camp) return camp.error();
  auto prisoner = store_.GetPrisoner(r.prisoner_id);
  if (!prisoner) return prisoner.error();
  if (prisoner->camp_id != camp_id)
    return InvalidInput("this prisoner is not held in this camp", "prisoner");
  Result<camp::Posting> posting = InvalidInput("unknown kind of posting", "kind");
  switch (r.kind) {
    case camp::PostingKind::kWorkingPay:
      posting = camp::WorkingPay(r.key, r.prisoner_id, r.days, camp->tariff);
      break;
    case camp::PostingKind::kAdvanceOfPay:
      posting = camp::AdvanceOfPay(r.key, r.prisoner_id, prisoner->rank, camp->tariff);
      break;
    case camp::PostingKind::kCashAtCapture:
      posting = camp::CashAtCapture(r.key, r.prisoner_id, r.amount);
      break;
    case camp::PostingKind::kCanteenPurchase: {
      auto item = std::find_if(camp->canteen.begin(), camp->canteen.end(),
                               [&](const auto& i) { return i.name == r.item; });
      if (item == camp->canteen.end())
        return InvalidInput("no such item on the camp's price list", "item");
      posting = camp::CanteenPurchase(r.key, r.prisoner_id, *item, r.quantity);
      break;
    }
    case camp::PostingKind::kCallCharge:
    case camp::PostingKind::kStatePaidCall:
      // Who pays is the ledger's decision, on the balance now; the store re-checks it.
      posting = camp::CallHome(r.key, r.prisoner_id, r.minutes, prisoner->balance, camp->tariff);
      break;
    case camp::PostingKind::kRemittanceOut:
      posting = camp::RemittanceOut(r.key, r.prisoner_id, r.amount, r.memo);
      break;
    case camp::PostingKind::kRemittanceIn:
      posting = camp::RemittanceIn(r.key, r.prisoner_id, r.amount, r.memo);
      break;
    case camp::PostingKind::kTransferOut:
    case camp::PostingKind::kTransferIn:
      return InvalidInput("a transfer's postings are made by recording the transfer (a movement)",
                          "kind");
    case camp::PostingKind::kReversal: {
      auto original = store_.GetPosting(camp_id, r.reverses);
      if (!original) return original.error();
      if (original->posting.prisoner_id != r.prisoner_id) {
        return InvalidInput("that posting is another prisoner's", "reverses");
      }
      if (original->posting.kind == camp::PostingKind::kReversal) {
        return InvalidInput("a reversal is not reversed: post the event again", "reverses");
      }
      if (original->posting.kind == camp::PostingKind::kTransferOut ||
          original->posting.kind == camp::PostingKind::kTransferIn) {
        return InvalidInput("a transfer is not reversed: transfer him back", "reverses");
      }
      posting = camp::Reversal(r.key, r.reverses, original->posting);
      break;
    }
  }
  if (!posting) return posting.error();
  if (auto ok = camp::ValidatePosting(*posting); !ok) return ok.error();
  auto outcome = store_.Post(camp_id, *posting, clock_.Now().time_since_epoch().count());
  if (!outcome) return outcome;
  if (!outcome->replayed) {
    const std::string target = "posting:" + std::to_string(outcome->posting_id) +
                               " prisoner:" + std::to_string(r.prisoner_id);
    if (auto audited = Audit(actor, AuditAction::kLedgerPosted, target); !audited)
      return audited.error();
  }
  return outcome;
}

Result<AccountStatement> CampService::Statement(const store::StoredPrisoner& p,
                                                std::optional<std::int64_t> camp_id,
                                                std::int64_t from, std::int64_t to) {
  const std::int64_t books = camp_id.value_or(p.camp_id);
  if (books != p.camp_id) {
    if (auto exists = store_.GetCamp(books); !exists) return exists.error();
  }
  auto lines = store_.AccountStatement(books, camp::PrisonerAccount(p.id), from, to);
  if (!lines) return lines.error();
  AccountStatement s{PrisonerNumber(p.id),     books,       from, to, lines->first,
                     std::move(lines->second), lines->first};
  for (const auto& e : s.entries) s.closing += e.change;
  return s;
}

Result<AccountStatement> CampService::MonthlyStatement(const Actor& actor, std::int64_t prisoner_id,
                                                       std::chrono::year_month month,
                                                       std::optional<std::int64_t> camp_id) {
  auto p = ManagedPrisoner(actor, prisoner_id);
  if (!p) return p.error();
  if (!month.ok()) return InvalidInput("month must be like 2026-11", "month");
  return MonthOf(*p, camp_id, month);
}

Result<AccountStatement> CampService::MonthOf(const store::StoredPrisoner& p,
                                              std::optional<std::int64_t> camp_id,
                                              std::chrono::year_month month) {
  return Statement(p, camp_id, StartOf(month), StartOf(month + std::chrono::months{1}));
}

Result<AccountStatement> CampService::FinalStatement(const Actor& actor, std::int64_t prisoner_id,
                                                     std::optional<std::int64_t> camp_id) {
  auto p = ManagedPrisoner(actor, prisoner_id);
  if (!p) return p.error();
  return Statement(*p, camp_id, 0, clock_.Now().time_since_epoch().count() + 1);
}

}  // namespace lifeline::app
