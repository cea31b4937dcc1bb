#include "domain/camp/ledger.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

#include "domain/camp/money.hpp"
#include "domain/name_table.hpp"

namespace lifeline::camp {
namespace {

constexpr std::array<std::pair<PostingKind, std::string_view>, 11> kKindNames = {{
    {PostingKind::kWorkingPay, "working_pay"},
    {PostingKind::kAdvanceOfPay, "advance_of_pay"},
    {PostingKind::kCashAtCapture, "cash_at_capture"},
    {PostingKind::kCanteenPurchase, "canteen_purchase"},
    {PostingKind::kCallCharge, "call_charge"},
    {PostingKind::kStatePaidCall, "state_paid_call"},
    {PostingKind::kRemittanceOut, "remittance_out"},
    {PostingKind::kRemittanceIn, "remittance_in"},
    {PostingKind::kReversal, "reversal"},
    {PostingKind::kTransferOut, "transfer_out"},
    {PostingKind::kTransferIn, "transfer_in"},
}};

constexpr int kMaxDays = 31;       // one posting covers at most a month's work
constexpr int kMaxQuantity = 100;  // items in one purchase
constexpr int kMaxCallMinutes = 24 * 60;

// Money from `from` (debited) to `to` (credited).
Posting Transfer(std::string key, PostingKind kind, std::int64_t prisoner, std::string memo,
                 std::string_view from, std::string_view to, std::int64_t amount) {
  return {std::move(key),  kind, prisoner,
          std::move(memo), 0,    {{std::string(from), amount}, {std::string(to), -amount}}};
}

Status CheckAmount(std::int64_t amount, const char* field) {
  if (amount <= 0 || amount > kMaxMinorUnits) {
    return InvalidInput(std::string(field) + " must be more than zero and at most 1000000000.00",
                        field);
  }
  return OkStatus();
}

std::string Uah(std::int64_t kopiyky) { return FormatAmount(kopiyky) + " UAH"; }

}  // namespace

std::string_view ToString(PostingKind kind) { return NameOf(kKindNames, kind); }

std::optional<PostingKind> ParsePostingKind(std::string_view text) {
  return ValueOf(kKindNames, text);
}

std::string PrisonerAccount(std::int64_t prisoner_id) {
  return "prisoner:" + std::to_string(prisoner_id);
}

std::optional<std::int64_t> PrisonerOf(std::string_view account) {
  constexpr std::string_view kPrefix = "prisoner:";
  if (!account.starts_with(kPrefix)) return std::nullopt;
  std::int64_t id = 0;
  const char* begin = account.data() + kPrefix.size();
  const char* end = account.data() + account.size();
  auto [ptr, error] = std::from_chars(begin, end, id);
  if (error != std::errc{} || ptr != end || id <= 0) return std::nullopt;
  return id;
}

Status ValidateTariff(const CampTariff& t) {
  if (t.kopiyky_per_franc <= 0 || t.kopiyky_per_franc > 1'000'000) {
    return InvalidInput("the exchange rate (UAH per Swiss franc) must be set, e.g. 47.00",
                        "uah_per_chf");
  }
  if (auto ok = CheckAmount(t.working_pay_per_day, "working_pay_per_day"); !ok) return ok;
  const std::int64_t minimum = ChfToUahRoundedUp(kMinimumWorkingPayRappen, t.kopiyky_per_franc);
  if (t.working_pay_per_day < minimum) {
    return InvalidInput(
        "working pay of " + Uah(t.working_pay_per_day) +
            " a day is below GC III Art. 62's minimum of a quarter Swiss franc: " + Uah(minimum) +
            " at " + FormatAmount(t.kopiyky_per_franc) + " UAH per franc",
        "working_pay_per_day");
  }
  if (t.call_charge_per_minute < 0 || t.call_charge_per_minute > kMaxMinorUnits) {
    return InvalidInput("call_charge_per_minute must be an amount of zero or more",
                        "call_charge_per_minute");
  }
  for (std::int64_t advance : t.advance_per_month) {
    if (advance < 0 || advance > kMaxMinorUnits)
      return InvalidInput("advances must be amounts of zero or more", "advances");
  }
  return OkStatus();
}

std::int64_t AdvanceFor(const CampTariff& t, AdvanceClass c) {
  const std::int64_t configured = t.advance_per_month[static_cast<std::size_t>(c)];
  return configured > 0 ? configured
                        : ChfToUahRoundedUp(TreatyAdvanceRappen(c), t.kopiyky_per_franc);
}

Status ValidateCanteenItem(const CanteenItem& item) {
  if (item.name.empty() || item.name.size() > 100)
    return InvalidInput("an item's name is 1 to 100 characters", "name");
  if (auto ok = CheckAmount(item.price, "price"); !ok) return ok;
  if (auto ok = CheckAmount(item.local_market_price, "local_market_price"); !ok) return ok;
  if (item.price > item.local_market_price) {
    return InvalidInput("GC III Art. 28: a canteen price (" + Uah(item.price) +
                            ") may not be above the local market price (" +
                            Uah(item.local_market_price) + ")",
                        "price");
  }
  return OkStatus();
}

Status ValidatePosting(const Posting& p) {
  const bool key_ok =
      !p.key.empty() && p.key.size() <= 100 &&
      std::all_of(p.key.begin(), p.key.end(), [](unsigned char c) { return c > ' ' && c < 127; });
  if (!key_ok)
    return InvalidInput("the idempotency key must be 1 to 100 printable characters without spaces",
                        "key");
  if (p.legs.size() < 2) return InvalidInput("a posting needs at least two legs", "legs");
  std::int64_t sum = 0;
  for (const Leg& leg : p.legs) {
    if (leg.amount == 0 || leg.amount > kMaxMinorUnits || leg.amount < -kMaxMinorUnits) {
      return InvalidInput("every leg moves a non-zero amount of at most 1000000000.00", "legs");
    }
    if (leg.account.empty()) return InvalidInput("every leg names an account", "legs");
    sum += leg.amount;
  }
  if (sum != 0) return InvalidInput("a posting's debits and credits must balance", "legs");
  return OkStatus();
}

std::int64_t PrisonerChange(const Posting& p, std::int64_t prisoner_id) {
  const std::string account = PrisonerAccount(prisoner_id);
  std::int64_t change = 0;
  for (const Leg& leg : p.legs) {
    if (leg.account == account) change -= leg.amount;
  }
  return change;
}

Result<Posting> WorkingPay(std::string key, std::int64_t prisoner, int days,
                           const CampTariff& tariff) {
  if (days < 1 || days > kMaxDays)
    return InvalidInput("days must be 1 to 31 full working days", "days");
  if (auto ok = ValidateTariff(tariff); !ok) return ok.error();
  const std::int64_t amount = tariff.working_pay_per_day * days;
  return Transfer(std::move(key), PostingKind::kWorkingPay, prisoner,
                  std::to_string(days) + " × " + FormatAmount(tariff.working_pay_per_day),
                  accounts::kWorkingPay, PrisonerAccount(prisoner), amount);
}

Result<Posting> AdvanceOfPay(std::string key, std::int64_t prisoner, RankCategory rank,
                             const CampTariff& tariff) {
  if (auto ok = ValidateTariff(tariff); !ok) return ok.error();
  const AdvanceClass c = AdvanceClassOf(rank);
  return Transfer(std::move(key), PostingKind::kAdvanceOfPay, prisoner,
                  "class " + std::string(ToString(c)), accounts::kAdvances,
                  PrisonerAccount(prisoner), AdvanceFor(tariff, c));
}

Result<Posting> CashAtCapture(std::string key, std::int64_t prisoner, std::int64_t amount) {
  if (auto ok = CheckAmount(amount, "amount"); !ok) return ok.error();
  return Transfer(std::move(key), PostingKind::kCashAtCapture, prisoner, "cash at capture",
                  accounts::kCashHeld, PrisonerAccount(prisoner), amount);
}

Result<Posting> CanteenPurchase(std::string key, std::int64_t prisoner, const CanteenItem& item,
                                int quantity) {
  if (auto ok = ValidateCanteenItem(item); !ok) return ok.error();
  if (quantity < 1 || quantity > kMaxQuantity)
    return InvalidInput("quantity must be 1 to 100", "quantity");
  return Transfer(std::move(key), PostingKind::kCanteenPurchase, prisoner,
                  std::to_string(quantity) + " × " + item.name, PrisonerAccount(prisoner),
                  accounts::kCanteen, item.price * quantity);
}

Result<Posting> CallHome(std::string key, std::int64_t prisoner, int minutes, std::int64_t balance,
                         const CampTariff& tariff) {
  if (minutes < 1 || minutes > kMaxCallMinutes)
    return InvalidInput("minutes must be 1 to 1440", "minutes");
  if (tariff.call_charge_per_minute <= 0)
    return InvalidInput("the camp charges nothing for calls", "call_charge_per_minute");
  const std::int64_t charge = tariff.call_charge_per_minute * minutes;
  const std::string memo = std::to_string(minutes) + " min";
  if (balance >= charge) {
    return Transfer(std::move(key), PostingKind::kCallCharge, prisoner, memo,
                    PrisonerAccount(prisoner), accounts::kTelephone, charge);
  }
  return Transfer(std::move(key), PostingKind::kStatePaidCall, prisoner,
                  memo + ", paid by the state", accounts::kStateCallSubsidy, accounts::kTelephone,
                  charge);
}

Result<Posting> RemittanceOut(std::string key, std::int64_t prisoner, std::int64_t amount,
                              std::string memo) {
  if (auto ok = CheckAmount(amount, "amount"); !ok) return ok.error();
  if (memo.size() > 200) return InvalidInput("the note is at most 200 characters", "memo");
  return Transfer(std::move(key), PostingKind::kRemittanceOut, prisoner, std::move(memo),
                  PrisonerAccount(prisoner), accounts::kRemittancesOut, amount);
}

Result<Posting> RemittanceIn(std::string key, std::int64_t prisoner, std::int64_t amount,
                             std::string memo) {
  if (auto ok = CheckAmount(amount, "amount"); !ok) return ok.error();
  if (memo.size() > 200) return InvalidInput("the note is at most 200 characters", "memo");
  return Transfer(std::move(key), PostingKind::kRemittanceIn, prisoner, std::move(memo),
                  accounts::kRemittancesIn, PrisonerAccount(prisoner), amount);
}

Posting Reversal(std::string key, std::int64_t original_id, const Posting& original) {
  Posting p{std::move(key),
            PostingKind::kReversal,
            original.prisoner_id,
            "reverses #" + std::to_string(original_id) + " (" +
                std::string(ToString(original.kind)) + ")",
            original_id,
            {}};
  for (const Leg& leg : original.legs) p.legs.push_back({leg.account, -leg.amount});
  return p;
}

Result<AccountTransfer> TransferOfAccount(std::string key, std::int64_t prisoner,
                                          std::int64_t balance, std::int64_t from_camp,
                                          std::int64_t to_camp) {
  if (auto ok = CheckAmount(balance, "balance"); !ok) return ok.error();
  if (from_camp == to_camp) return InvalidInput("a transfer names another camp", "to_camp");
  const std::string account = PrisonerAccount(prisoner);
  Posting out =
      Transfer(key, PostingKind::kTransferOut, prisoner, "to camp " + std::to_string(to_camp),
               account, accounts::kTransfersOut, balance);
  Posting in =
      Transfer(std::move(key), PostingKind::kTransferIn, prisoner,
               "from camp " + std::to_string(from_camp), accounts::kTransfersIn, account, balance);
  return AccountTransfer{std::move(out), std::move(in)};
}

}  // namespace lifeline::camp
