#pragma once
// The camp's double-entry books (GC III Arts. 28, 59–66): one ledger per camp, an account per
// prisoner, integer minor units (kopiyky). Pure: this file builds and checks postings; the
// store applies them atomically, with the idempotency key and the balance check in one
// transaction (store/store.hpp, CampStore).
//
// Every posting's legs sum to zero (positive = debit, negative = credit). A prisoner's
// account is what the camp owes him: his balance is the negated sum of its legs, and no
// posting may take it below zero. Nothing is ever edited: a correction is a reversal, which
// negates the legs of the posting it reverses (once).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/camp/gc3.hpp"
#include "domain/result.hpp"

namespace lifeline::camp {

enum class PostingKind {
  kWorkingPay,       // Art. 62: days worked × the daily rate
  kAdvanceOfPay,     // Art. 60: the month's advance by rank class
  kCashAtCapture,    // Art. 59: cash taken at capture, credited with a receipt
  kCanteenPurchase,  // Art. 28: items from the price list
  kCallCharge,       // a call home paid from the account
  kStatePaidCall,    // a call home the state pays: the account does not cover it
  kRemittanceOut,    // Art. 63: a payment home at his request
  kRemittanceIn,     // Art. 63: money received for him
  kReversal,         // a correction: the negated legs of an earlier posting
  kTransferOut,      // Art. 65: his balance leaves the camp he is transferred from…
  kTransferIn,       // …and opens his account at the new camp (same key, same amount)
};
std::string_view ToString(PostingKind kind);  // "working_pay", …
std::optional<PostingKind> ParsePostingKind(std::string_view text);

/// The camp's own accounts, where a prisoner's money comes from or goes to.
namespace accounts {
inline constexpr std::string_view kWorkingPay = "camp:working_pay";
inline constexpr std::string_view kAdvances = "camp:advances";
inline constexpr std::string_view kCashHeld = "camp:cash_held";
inline constexpr std::string_view kCanteen = "camp:canteen";
inline constexpr std::string_view kTelephone = "camp:telephone";
inline constexpr std::string_view kStateCallSubsidy = "state:call_subsidy";
inline constexpr std::string_view kRemittancesOut = "camp:remittances_out";
inline constexpr std::string_view kRemittancesIn = "camp:remittances_in";
inline constexpr std::string_view kTransfersOut =
    "camp:transfers_out";  // owed to the camps he went to
inline constexpr std::string_view kTransfersIn =
    "camp:transfers_in";  // owed by the camps he came from
}  // namespace accounts

/// "prisoner:42".
std::string PrisonerAccount(std::int64_t prisoner_id);
/// The prisoner's id for a "prisoner:N" account; nullopt for the camp's accounts.
std::optional<std::int64_t> PrisonerOf(std::string_view account);

struct Leg {
  std::string account;
  std::int64_t amount = 0;  // minor units; + debit, − credit
  bool operator==(const Leg&) const = default;
};

struct Posting {
  std::string key;  // idempotency key: the same key never posts twice
  PostingKind kind = PostingKind::kWorkingPay;
  std::int64_t prisoner_id =
      0;                      // whose event (also for a state-paid call, which has no leg of his)
  std::string memo;           // what a statement shows, e.g. "5 days worked at 10.00"
  std::int64_t reverses = 0;  // for a reversal: the posting it corrects
  std::vector<Leg> legs;
};

/// A camp's prices and rates (Art. 28, 60, 62), all in kopiyky.
struct CanteenItem {
  std::string name;
  std::int64_t price = 0;
  std::int64_t local_market_price = 0;  // Art. 28: the price may not be above it
};

struct CampTariff {
  std::int64_t kopiyky_per_franc = 0;       // the configured exchange rate, UAH per CHF
  std::int64_t working_pay_per_day = 1000;  // 10.00 UAH
  std::int64_t call_charge_per_minute = 0;
  std::array<std::int64_t, 5>
      advance_per_month{};  // by AdvanceClass; 0: the treaty's francs converted
};

/// Art. 62 (and sanity): kInvalidInput naming the field, e.g. "working pay of 10.00 UAH a
/// day is below GC III Art. 62's minimum of a quarter Swiss franc: 11.75 UAH at 47.00 UAH
/// per franc". The exchange rate is required.
Status ValidateTariff(const CampTariff& tariff);
/// The month's advance for a class: the camp's amount, or Art. 60's francs converted.
std::int64_t AdvanceFor(const CampTariff& tariff, AdvanceClass c);
/// Art. 28: kInvalidInput if the price is above the local market price, or either is not
/// a positive amount, or the name is not 1–100 characters.
Status ValidateCanteenItem(const CanteenItem& item);

/// Checks a posting's shape: key 1–100 printable characters without spaces, at least two
/// legs, each non-zero and within kMaxMinorUnits, the legs summing to zero.
Status ValidatePosting(const Posting& posting);

/// How the posting changes what `prisoner_id` holds (credits minus debits on his account).
std::int64_t PrisonerChange(const Posting& posting, std::int64_t prisoner_id);

// Postings for a prisoner's events. Each checks its inputs (kInvalidInput naming the field)
// but not his balance: the store does, atomically.
Result<Posting> WorkingPay(std::string key, std::int64_t prisoner, int days,
                           const CampTariff& tariff);
Result<Posting> AdvanceOfPay(std::string key, std::int64_t prisoner, RankCategory rank,
                             const CampTariff& tariff);
Result<Posting> CashAtCapture(std::string key, std::int64_t prisoner, std::int64_t amount);
Result<Posting> CanteenPurchase(std::string key, std::int64_t prisoner, const CanteenItem& item,
                                int quantity);
/// A call of `minutes`: charged to the account when `balance` covers it, else paid by the
/// state in full (as the camp does: an empty account never stops a call home).
Result<Posting> CallHome(std::string key, std::int64_t prisoner, int minutes, std::int64_t balance,
                         const CampTariff& tariff);
Result<Posting> RemittanceOut(std::string key, std::int64_t prisoner, std::int64_t amount,
                              std::string memo);
Result<Posting> RemittanceIn(std::string key, std::int64_t prisoner, std::int64_t amount,
                             std::string memo);
/// The correction of `original` (posting id `original_id`): its legs negated.
Posting Reversal(std::string key, std::int64_t original_id, const Posting& original);

/// Art. 65, "the account follows him": his whole balance leaves the old camp's ledger and
/// opens his account in the new camp's. Both postings carry `key`, so that the two ledgers'
/// halves can be matched (`lifeline ledger check`) and neither is ever posted twice.
struct AccountTransfer {
  Posting out;  // in `from_camp`'s ledger: debits his account, credits camp:transfers_out
  Posting in;   // in `to_camp`'s ledger: debits camp:transfers_in, credits his account
};
/// kInvalidInput unless `balance` is a positive amount (a transfer with nothing to move
/// posts nothing) and the camps differ.
Result<AccountTransfer> TransferOfAccount(std::string key, std::int64_t prisoner,
                                          std::int64_t balance, std::int64_t from_camp,
                                          std::int64_t to_camp);

}  // namespace lifeline::camp
