#include "domain/camp/ledger.hpp"

#include <gtest/gtest.h>

#include <numeric>

namespace lifeline::camp {
namespace {

CampTariff Tariff() {
  CampTariff t;
  t.kopiyky_per_franc = 3800;  // 38.00 UAH per franc: a quarter franc is 9.50 UAH
  t.working_pay_per_day = 1000;
  t.call_charge_per_minute = 150;
  return t;
}

std::int64_t Sum(const Posting& p) {
  return std::accumulate(p.legs.begin(), p.legs.end(), std::int64_t{0},
                         [](std::int64_t s, const Leg& l) { return s + l.amount; });
}

TEST(CampLedger, Art62RefusesWorkingPayBelowAQuarterFrancAndSaysTheMinimum) {
  CampTariff t = Tariff();
  EXPECT_TRUE(ValidateTariff(t).ok());  // 10.00 ≥ 9.50
  t.kopiyky_per_franc = 4700;           // a quarter franc is now 11.75 UAH
  auto refused = ValidateTariff(t);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "working_pay_per_day");
  EXPECT_NE(refused.error().message.find("Art. 62"), std::string::npos);
  EXPECT_NE(refused.error().message.find("11.75 UAH"), std::string::npos);
  t.working_pay_per_day = 1175;  // exactly the minimum
  EXPECT_TRUE(ValidateTariff(t).ok());
  t.kopiyky_per_franc = 0;
  EXPECT_EQ(ValidateTariff(t).error().field, "uah_per_chf");
}

TEST(CampLedger, EveryPostingBalancesAndMovesMoneyTheRightWay) {
  const CampTariff t = Tariff();
  const CanteenItem tea{"чай", 2500, 2800};
  std::vector<Posting> postings = {
      WorkingPay("pay-1", 7, 5, t).value(),
      AdvanceOfPay("adv-1", 7, RankCategory::kNco, t).value(),
      CashAtCapture("cash-1", 7, 12345).value(),
      CanteenPurchase("buy-1", 7, tea, 2).value(),
      CallHome("call-1", 7, 10, 100000, t).value(),
      RemittanceOut("out-1", 7, 3000, "домой").value(),
      RemittanceIn("in-1", 7, 4000, "от семьи").value(),
  };
  const std::vector<std::int64_t> change = {5000, 12 * 3800, 12345, -5000, -1500, -3000, 4000};
  for (std::size_t i = 0; i < postings.size(); ++i) {
    EXPECT_TRUE(ValidatePosting(postings[i]).ok()) << postings[i].key;
    EXPECT_EQ(Sum(postings[i]), 0) << postings[i].key;
    EXPECT_EQ(PrisonerChange(postings[i], 7), change[i]) << postings[i].key;
    EXPECT_EQ(PrisonerChange(postings[i], 8), 0) << postings[i].key;
  }
  EXPECT_EQ(postings[1].memo, "class II");
}

TEST(CampLedger, ACallTheAccountCannotCoverIsPaidByTheStateInFull) {
  const CampTariff t = Tariff();
  auto covered = CallHome("c1", 7, 10, 1500, t).value();
  EXPECT_EQ(covered.kind, PostingKind::kCallCharge);
  EXPECT_EQ(PrisonerChange(covered, 7), -1500);
  auto state = CallHome("c2", 7, 10, 1499, t).value();
  EXPECT_EQ(state.kind, PostingKind::kStatePaidCall);
  EXPECT_EQ(PrisonerChange(state, 7), 0);
  EXPECT_EQ(state.prisoner_id, 7);
  EXPECT_EQ(state.legs[0], (Leg{std::string(accounts::kStateCallSubsidy), 1500}));
}

TEST(CampLedger, Art28RefusesACanteenPriceAboveTheLocalMarket) {
  auto refused = ValidateCanteenItem({"сигареты", 9000, 8500});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Art. 28"), std::string::npos);
  EXPECT_TRUE(ValidateCanteenItem({"сигареты", 8500, 8500}).ok());
  EXPECT_FALSE(CanteenPurchase("k", 7, {"сигареты", 9000, 8500}, 1).ok());
  EXPECT_EQ(CanteenPurchase("k", 7, {"чай", 100, 100}, 0).error().field, "quantity");
}

TEST(CampLedger, AReversalNegatesTheOriginalAndCitesIt) {
  const Posting pay = WorkingPay("pay-1", 7, 3, Tariff()).value();
  const Posting fix = Reversal("fix-1", 41, pay);
  EXPECT_EQ(fix.kind, PostingKind::kReversal);
  EXPECT_EQ(fix.reverses, 41);
  EXPECT_EQ(PrisonerChange(fix, 7), -PrisonerChange(pay, 7));
  EXPECT_EQ(Sum(fix), 0);
  EXPECT_NE(fix.memo.find("#41"), std::string::npos);
}

TEST(CampLedger, MalformedPostingsAndInputsAreRefused) {
  Posting p = CashAtCapture("k", 7, 100).value();
  p.legs[1].amount = -99;
  EXPECT_EQ(ValidatePosting(p).error().field, "legs");  // unbalanced
  p = CashAtCapture("has space", 7, 100).value();
  EXPECT_EQ(ValidatePosting(p).error().field, "key");
  p = CashAtCapture("k", 7, 100).value();
  p.legs.pop_back();
  EXPECT_EQ(ValidatePosting(p).error().field, "legs");
  EXPECT_EQ(CashAtCapture("k", 7, 0).error().field, "amount");
  EXPECT_EQ(CashAtCapture("k", 7, -5).error().field, "amount");
  EXPECT_EQ(WorkingPay("k", 7, 0, Tariff()).error().field, "days");
  EXPECT_EQ(WorkingPay("k", 7, 32, Tariff()).error().field, "days");
  EXPECT_EQ(CallHome("k", 7, 0, 0, Tariff()).error().field, "minutes");
}

TEST(CampLedger, AccountsNameTheirPrisoner) {
  EXPECT_EQ(PrisonerAccount(42), "prisoner:42");
  EXPECT_EQ(PrisonerOf("prisoner:42"), 42);
  EXPECT_EQ(PrisonerOf(accounts::kCanteen), std::nullopt);
  EXPECT_EQ(PrisonerOf("prisoner:x"), std::nullopt);
  EXPECT_EQ(PrisonerOf("prisoner:-1"), std::nullopt);
  for (auto kind :
       {PostingKind::kWorkingPay, PostingKind::kStatePaidCall, PostingKind::kReversal}) {
    EXPECT_EQ(ParsePostingKind(ToString(kind)), kind);
  }
}

TEST(CampLedger, Art65ATransferMovesTheWholeBalanceOutOfOneLedgerAndIntoTheOther) {
  auto moved = TransferOfAccount("transfer:7", 42, 12345, 1, 2).value();
  EXPECT_EQ(moved.out.kind, PostingKind::kTransferOut);
  EXPECT_EQ(moved.in.kind, PostingKind::kTransferIn);
  EXPECT_EQ(moved.out.key, moved.in.key);  // the check matches the halves by key
  for (const Posting* p : {&moved.out, &moved.in}) {
    EXPECT_TRUE(ValidatePosting(*p).ok());
    EXPECT_EQ(Sum(*p), 0);
    EXPECT_EQ(p->prisoner_id, 42);
  }
  EXPECT_EQ(PrisonerChange(moved.out, 42), -12345);  // the old camp's account ends at zero
  EXPECT_EQ(PrisonerChange(moved.in, 42), 12345);    // the new camp's opens with it
  EXPECT_EQ(ParsePostingKind("transfer_in"), PostingKind::kTransferIn);
  EXPECT_EQ(TransferOfAccount("t", 42, 0, 1, 2).error().field, "balance");  // nothing to move
  EXPECT_EQ(TransferOfAccount("t", 42, 100, 1, 1).error().field, "to_camp");
}

}  // namespace
}  // namespace lifeline::camp
