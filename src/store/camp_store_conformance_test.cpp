// The camp's storage contract (store/camp_store.hpp), run against SQLite and PostgreSQL: the
// registry, movements, the ledger's atomicity, idempotency and balance rules, and the
// routine: labour, the phone line and its rota, mail.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_engines.hpp"

namespace lifeline::store {
namespace {

using namespace std::chrono;
constexpr Date kArrival{year{2026}, October, day{1}};

camp::CampTariff Tariff() {
  camp::CampTariff t;
  t.kopiyky_per_franc = 3800;
  t.call_charge_per_minute = 150;
  return t;
}

using testing::Engine;
using testing::EngineStore;

class CampStoreConformance : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (!EngineStore::Runs(GetParam())) GTEST_SKIP() << EngineStore::kNoPostgres;
    engine_ = std::make_unique<EngineStore>(GetParam(), "camp-store");
    ASSERT_TRUE(engine_->opened()) << engine_->opened().error().message;
    store_ = engine_->get();
    CampRecord c;
    c.name = "Лагерь № 1 (синтетический)";
    c.tariff = Tariff();
    c.phone_hours = {{600, 720}, {840, 1080}};
    c.mail = {2, 4};
    camp_ = store_->InsertCamp(c).value();
    prisoner_ = AddPrisoner();
  }
  void TearDown() override { engine_.reset(); }
  // Changes the books behind the store's back, as a tamperer with database access would.
  void Tamper() {
    const char* balance =
        "UPDATE balances SET balance = balance - 1 WHERE account LIKE 'prisoner:%'";
    if (GetParam() == Engine::kSqlite) {
      engine_->Close();
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open((engine_->dir() / "lifeline.db").c_str(), &db), SQLITE_OK);
      sqlite3_exec(db, balance, nullptr, nullptr, nullptr);
      sqlite3_exec(db, "UPDATE posting_legs SET amount = amount + 7 WHERE rowid = 1", nullptr,
                   nullptr, nullptr);
      sqlite3_close(db);
      engine_->Reopen();
      store_ = engine_->get();
      return;
    }
    auto done = engine_->schema().pool().With([&](postgres::PgConnection& c) -> Status {
      c.Execute(balance);
      c.Execute(
          "UPDATE posting_legs SET amount = amount + 7 WHERE ctid = (SELECT min(ctid) FROM "
          "posting_legs)");
      return OkStatus();
    });
    ASSERT_TRUE(done) << done.error().message;
  }
  // Runs `sql` behind the store's back, as someone with database access would.
  void Behind(const std::string& sql) {
    if (GetParam() == Engine::kSqlite) {
      engine_->Close();
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open((engine_->dir() / "lifeline.db").c_str(), &db), SQLITE_OK);
      ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
          << sqlite3_errmsg(db);
      sqlite3_close(db);
      engine_->Reopen();
      store_ = engine_->get();
      return;
    }
    auto done = engine_->schema().pool().With([&](postgres::PgConnection& c) -> Status {
      c.Execute(sql);
      return OkStatus();
    });
    ASSERT_TRUE(done) << done.error().message;
  }
  std::int64_t SecondCamp() {
    CampRecord c;
    c.name = "Лагерь № 2 (синтетический)";
    c.tariff = Tariff();
    c.phone_hours = {{600, 720}};
    c.mail = {2, 4};
    return store_->InsertCamp(c).value();
  }
  Result<TransferOutcome> Transfer(std::int64_t prisoner, std::int64_t to, Date on,
                                   std::int64_t at) {
    return store_->TransferPrisoner({0, prisoner, "transferred", on, to, std::nullopt}, at);
  }
  std::int64_t AddPrisoner(std::optional<std::int64_t> case_id = {}) {
    NewPrisoner p;
    p.camp_id = camp_;
    p.case_id = case_id;
    p.rank = camp::RankCategory::kNco;
    p.arrived_on = kArrival;
    p.ephemeral_public.fill(2);
    p.wrapped_key = {3, 4};
    p.sealed_fields = {5, 6, 7};
    return store_->InsertPrisoner(p).value();
  }
  Result<PostOutcome> Post(const camp::Posting& p, std::int64_t at = 1000) {
    return store_->Post(camp_, p, at);
  }
  std::int64_t Holds(std::int64_t prisoner) {
    return store_->Balance(camp_, camp::PrisonerAccount(prisoner)).value();
  }

  std::unique_ptr<EngineStore> engine_;
  CampStore* store_ = nullptr;
  std::int64_t camp_ = 0;
  std::int64_t prisoner_ = 0;
};

TEST_P(CampStoreConformance, CampsKeepTheirRules) {
  auto c = store_->GetCamp(camp_).value();
  EXPECT_EQ(c.tariff.kopiyky_per_franc, 3800);
  EXPECT_EQ(c.phone_hours, (camp::OpeningHours{{600, 720}, {840, 1080}}));
  EXPECT_EQ(c.mail.cards_per_month, 4);
  c.tariff.working_pay_per_day = 1200;
  ASSERT_TRUE(store_->UpdateCamp(c).ok());
  EXPECT_EQ(store_->GetCamp(camp_)->tariff.working_pay_per_day, 1200);
  EXPECT_EQ(store_->ListCamps()->size(), 1u);
  EXPECT_EQ(store_->GetCamp(99).error().code, ErrorCode::kNotFound);
  CampRecord same_name = c;
  EXPECT_EQ(store_->InsertCamp(same_name).error().code, ErrorCode::kConflict);
}

TEST_P(CampStoreConformance, PrisonersArriveWithAMovementAndMoveOn) {
  auto p = store_->GetPrisoner(prisoner_).value();
  EXPECT_EQ(p.rank, camp::RankCategory::kNco);
  EXPECT_EQ(p.status, PrisonerStatus::kHeld);
  EXPECT_EQ(p.sealed_fields, (Blob{5, 6, 7}));
  EXPECT_FALSE(p.capture_card_sent_on);
  auto unreported = store_->ListUnreportedMovements(camp_).value();
  ASSERT_EQ(unreported.size(), 1u);
  EXPECT_EQ(unreported[0].kind, "arrived");
  ASSERT_TRUE(
      store_
          ->AddMovement({0, prisoner_, "hospital", Date{year{2026}, October, day{5}}, {}, {}},
                        PrisonerStatus::kInHospital)
          .ok());
  EXPECT_EQ(store_->GetPrisoner(prisoner_)->status, PrisonerStatus::kInHospital);
  unreported = store_->ListUnreportedMovements(camp_).value();
  ASSERT_EQ(unreported.size(), 2u);
  ASSERT_TRUE(store_
                  ->MarkMovementsReported({unreported[0].id, unreported[1].id},
                                          Date{year{2026}, October, day{6}})
                  .ok());
  EXPECT_TRUE(store_->ListUnreportedMovements(camp_)->empty());
  ASSERT_TRUE(store_->MarkCaptureCardSent(prisoner_, Date{year{2026}, October, day{3}}).ok());
  ASSERT_TRUE(store_->MarkCaptureCardSent(prisoner_, Date{year{2026}, October, day{9}})
                  .ok());  // the first date stays
  EXPECT_EQ(store_->GetPrisoner(prisoner_)->capture_card_sent_on,
            (Date{year{2026}, October, day{3}}));
  EXPECT_EQ(store_->AddMovement({0, 999, "released", kArrival, {}, {}}, PrisonerStatus::kReleased)
                .error()
                .code,
            ErrorCode::kNotFound);
  const std::int64_t from_case = AddPrisoner(41);
  EXPECT_EQ(store_->GetPrisoner(from_case)->case_id, 41);
  NewPrisoner again;
  again.camp_id = camp_;
  again.case_id = 41;
  again.arrived_on = kArrival;
  EXPECT_EQ(store_->InsertPrisoner(again).error().code, ErrorCode::kConflict);
}

TEST_P(CampStoreConformance, PostingsMoveBalancesAndReplayingAKeyPostsNothing) {
  auto pay = camp::WorkingPay("pay-oct-1", prisoner_, 5, Tariff()).value();
  auto first = Post(pay).value();
  EXPECT_FALSE(first.replayed);
  EXPECT_EQ(Holds(prisoner_), 5000);
  auto again = Post(pay).value();
  EXPECT_TRUE(again.replayed);
  EXPECT_EQ(again.posting_id, first.posting_id);
  EXPECT_EQ(Holds(prisoner_), 5000);
  // The same key for something else is refused.
  auto other = camp::WorkingPay("pay-oct-1", prisoner_, 6, Tariff()).value();
  EXPECT_EQ(Post(other).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->Balance(camp_, std::string(camp::accounts::kWorkingPay)).value(), 5000);
  EXPECT_EQ(store_->GetPrisoner(prisoner_)->balance, 5000);
  auto stored = store_->GetPosting(camp_, first.posting_id).value();
  EXPECT_EQ(stored.posting.legs, pay.legs);
  EXPECT_EQ(stored.posting.kind, camp::PostingKind::kWorkingPay);
}

TEST_P(CampStoreConformance, NoPostingTakesAPrisonerBelowZeroAndARefusalChangesNothing) {
  ASSERT_TRUE(Post(camp::CashAtCapture("cash", prisoner_, 3000).value()).ok());
  const camp::CanteenItem tea{"чай", 2000, 2500};
  ASSERT_TRUE(Post(camp::CanteenPurchase("buy-1", prisoner_, tea, 1).value()).ok());
  auto refused = Post(camp::CanteenPurchase("buy-2", prisoner_, tea, 1).value());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("does not cover"), std::string::npos);
  EXPECT_EQ(Holds(prisoner_), 1000);
  EXPECT_EQ(store_->Balance(camp_, std::string(camp::accounts::kCanteen)).value(), -2000);
  // The refused key was not used up.
  ASSERT_TRUE(Post(camp::CashAtCapture("more", prisoner_, 5000).value()).ok());
  EXPECT_TRUE(Post(camp::CanteenPurchase("buy-2", prisoner_, tea, 1).value()).ok());
  EXPECT_TRUE(store_->CheckLedger()->Sound());
}

TEST_P(CampStoreConformance, AReversalHappensOnceAndNeverOverdrawsTheAccount) {
  const auto pay = camp::WorkingPay("pay", prisoner_, 3, Tariff()).value();
  const std::int64_t id = Post(pay)->posting_id;
  EXPECT_EQ(Post(camp::Reversal("fix", 999, pay)).error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(Post(camp::Reversal("fix", id, pay)).ok());
  EXPECT_EQ(Holds(prisoner_), 0);
  EXPECT_EQ(Post(camp::Reversal("fix-again", id, pay)).error().code, ErrorCode::kConflict);
  // Pay spent cannot be reversed into a debt.
  const auto pay2 = camp::WorkingPay("pay2", prisoner_, 3, Tariff()).value();
  const std::int64_t id2 = Post(pay2)->posting_id;
  ASSERT_TRUE(Post(camp::CanteenPurchase("buy", prisoner_, {"хлеб", 2000, 2000}, 1).value()).ok());
  EXPECT_EQ(Post(camp::Reversal("fix2", id2, pay2)).error().code, ErrorCode::kConflict);
  EXPECT_EQ(Holds(prisoner_), 1000);
}

TEST_P(CampStoreConformance, StatementsOpenWithTheEarlierBalanceAndListTheMonth) {
  ASSERT_TRUE(Post(camp::CashAtCapture("cash", prisoner_, 3000).value(), 100).ok());
  ASSERT_TRUE(Post(camp::WorkingPay("pay", prisoner_, 2, Tariff()).value(), 200).ok());
  ASSERT_TRUE(Post(camp::CallHome("call", prisoner_, 10, 5000, Tariff()).value(), 300).ok());
  ASSERT_TRUE(Post(camp::WorkingPay("later", prisoner_, 1, Tariff()).value(), 400).ok());
  auto [opening, entries] =
      store_->AccountStatement(camp_, camp::PrisonerAccount(prisoner_), 150, 400).value();
  EXPECT_EQ(opening, 3000);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].change, 2000);
  EXPECT_EQ(entries[1].change, -1500);
  EXPECT_EQ(entries[1].kind, camp::PostingKind::kCallCharge);
}

TEST_P(CampStoreConformance, TheLedgerCheckFindsTamperedBooks) {
  ASSERT_TRUE(Post(camp::CashAtCapture("cash", prisoner_, 3000).value()).ok());
  auto report = store_->CheckLedger().value();
  EXPECT_TRUE(report.Sound());
  EXPECT_EQ(report.postings, 1);
  EXPECT_EQ(report.legs, 2);
  Tamper();
  report = store_->CheckLedger().value();
  EXPECT_FALSE(report.Sound());
  EXPECT_EQ(report.unbalanced_postings, 1);
  EXPECT_EQ(report.balance_mismatches, 2);
}

TEST_P(CampStoreConformance, ConcurrentPurchasesNeverOverdraw) {
  ASSERT_TRUE(Post(camp::CashAtCapture("cash", prisoner_, 10000).value()).ok());
  std::vector<std::thread> threads;
  std::atomic<int> accepted{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        auto buy = camp::CanteenPurchase("buy-" + std::to_string(t) + "-" + std::to_string(i),
                                         prisoner_, {"хлеб", 700, 700}, 1);
        if (Post(*buy).ok()) ++accepted;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(accepted.load(), 14);  // 100.00 buys 14 loaves at 7.00
  EXPECT_EQ(Holds(prisoner_), 200);
  EXPECT_TRUE(store_->CheckLedger()->Sound());
}

TEST_P(CampStoreConformance, Art65TheAccountFollowsHimAndArt70ANewCaptureCardFallsDue) {
  const std::int64_t second = SecondCamp();
  const std::string account = camp::PrisonerAccount(prisoner_);
  ASSERT_TRUE(Post(camp::CashAtCapture("cash", prisoner_, 3000).value(), 100).ok());
  ASSERT_TRUE(store_->MarkCaptureCardSent(prisoner_, Date{year{2026}, October, day{3}}).ok());
  const Date moved_on{year{2026}, October, day{20}};
  auto moved = Transfer(prisoner_, second, moved_on, 500).value();
  EXPECT_EQ(moved.moved, 3000);
  // His record: at the new camp since the transfer, with no capture card sent for it.
  auto p = store_->GetPrisoner(prisoner_).value();
  EXPECT_EQ(p.camp_id, second);
  EXPECT_EQ(p.status, PrisonerStatus::kHeld);
  EXPECT_EQ(p.arrived_on, moved_on);
  EXPECT_FALSE(p.capture_card_sent_on);
  EXPECT_EQ(p.balance, 3000);
  ASSERT_EQ(store_->ListPrisoners(second)->size(), 1u);
  EXPECT_TRUE(store_->ListPrisoners(camp_)->empty());
  // His balance: out of the old camp's books (zero there), into the new camp's; both show it.
  EXPECT_EQ(store_->Balance(camp_, account).value(), 0);
  EXPECT_EQ(store_->Balance(second, account).value(), 3000);
  auto [old_opening, old_entries] = store_->AccountStatement(camp_, account, 0, 1000).value();
  ASSERT_EQ(old_entries.size(), 2u);
  EXPECT_EQ(old_entries[1].kind, camp::PostingKind::kTransferOut);
  EXPECT_EQ(old_entries[1].change, -3000);
  auto [new_opening, new_entries] = store_->AccountStatement(second, account, 0, 1000).value();
  EXPECT_EQ(new_opening, 0);
  ASSERT_EQ(new_entries.size(), 1u);
  EXPECT_EQ(new_entries[0].kind, camp::PostingKind::kTransferIn);
  EXPECT_EQ(new_entries[0].change, 3000);
  // The camp he left takes no more postings for him; his new camp does.
  auto refused = Post(camp::WorkingPay("pay-old-camp", prisoner_, 1, Tariff()).value());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->Balance(camp_, account).value(), 0);
  ASSERT_TRUE(
      store_->Post(second, camp::WorkingPay("pay-new-camp", prisoner_, 1, Tariff()).value(), 600)
          .ok());
  // The transfer's key: its half posted again is a replay and moves nothing.
  const std::string key = "transfer:" + std::to_string(moved.movement_id);
  auto in_again = camp::TransferOfAccount(key, prisoner_, 3000, camp_, second).value().in;
  EXPECT_TRUE(store_->Post(second, in_again, 700)->replayed);
  EXPECT_EQ(store_->Balance(second, account).value(), 4000);
  // Transferred to where he is: refused, nothing written.
  EXPECT_EQ(Transfer(prisoner_, second, moved_on, 800).error().code, ErrorCode::kConflict);
  EXPECT_EQ(Transfer(prisoner_, 999, moved_on, 800).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Transfer(999, camp_, moved_on, 800).error().code, ErrorCode::kNotFound);
  // Nothing to move: no posting, and he moves all the same.
  const std::int64_t penniless = AddPrisoner();
  EXPECT_EQ(Transfer(penniless, second, moved_on, 900)->moved, 0);
  EXPECT_EQ(store_->GetPrisoner(penniless)->camp_id, second);
  auto report = store_->CheckLedger().value();
  EXPECT_TRUE(report.Sound());
  EXPECT_EQ(report.postings, 4);  // cash, the transfer's two halves, pay at the new camp
  // And back again: a second transfer has a key of its own.
  EXPECT_EQ(Transfer(prisoner_, camp_, Date{year{2026}, October, day{25}}, 1000)->moved, 4000);
  EXPECT_EQ(store_->Balance(camp_, account).value(), 4000);
  EXPECT_EQ(store_->Balance(second, account).value(), 0);
  EXPECT_TRUE(store_->CheckLedger()->Sound());
}

TEST_P(CampStoreConformance, TheLedgerCheckFindsATransferThatDidNotArriveWholeOrLeftMoneyBehind) {
  const std::int64_t second = SecondCamp();
  ASSERT_TRUE(Post(camp::CashAtCapture("cash", prisoner_, 3000).value()).ok());
  ASSERT_TRUE(Transfer(prisoner_, second, kArrival, 500).ok());
  ASSERT_TRUE(store_->CheckLedger()->Sound());
  // The transfer-in no longer answers its transfer-out: both halves are unmatched.
  Behind("UPDATE postings SET key = 'forged' WHERE kind = 'transfer_in'");
  auto report = store_->CheckLedger().value();
  EXPECT_FALSE(report.Sound());
  EXPECT_EQ(report.unmatched_transfers, 2);
  EXPECT_EQ(report.balance_mismatches, 0);
  Behind(
      "UPDATE postings SET key = (SELECT key FROM postings WHERE kind = 'transfer_out') WHERE kind "
      "= 'transfer_in'");
  EXPECT_TRUE(store_->CheckLedger()->Sound());
  // The amount that arrived differs from what left (legs and balance changed in step).
  Behind(
      "UPDATE posting_legs SET amount = amount + 100 WHERE amount = -3000 AND posting_id IN "
      "(SELECT id FROM postings WHERE kind = 'transfer_in')");
  Behind(
      "UPDATE posting_legs SET amount = amount - 100 WHERE amount = 3000 AND posting_id IN "
      "(SELECT id FROM postings WHERE kind = 'transfer_in')");
  Behind("UPDATE balances SET balance = balance + 100 WHERE account = 'prisoner:" +
         std::to_string(prisoner_) +
         "'"
         " AND camp_id = " +
         std::to_string(second));
  Behind("UPDATE balances SET balance = balance - 100 WHERE account = 'camp:transfers_in'");
  report = store_->CheckLedger().value();
  EXPECT_EQ(report.unmatched_transfers, 2);
  EXPECT_EQ(report.unbalanced_postings, 0);
  EXPECT_EQ(report.balance_mismatches, 0);
  // A move made behind the ledger's back (as before issue 15) strands his money.
  const std::int64_t other = AddPrisoner();
  ASSERT_TRUE(Post(camp::CashAtCapture("cash-2", other, 500).value()).ok());
  Behind("UPDATE prisoners SET camp_id = " + std::to_string(second) +
         " WHERE id = " + std::to_string(other));
  EXPECT_EQ(store_->CheckLedger()->stranded_balances, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, CampStoreConformance,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineName);

TEST_P(CampStoreConformance, LabourProfilesAndShiftsAreKeptByDay) {
  EXPECT_FALSE(store_->LoadLabourProfile(prisoner_)->asked_for_work);  // defaults until saved
  camp::LabourProfile profile;
  profile.rank = camp::RankCategory::kNco;
  profile.asked_for_work = true;
  profile.last_medical_exam = sys_days{Date{year{2026}, October, day{2}}};
  ASSERT_TRUE(store_->SaveLabourProfile(prisoner_, profile).ok());
  profile.volunteers_for_dangerous = true;
  ASSERT_TRUE(store_->SaveLabourProfile(prisoner_, profile).ok());  // saved again: replaced
  auto loaded = store_->LoadLabourProfile(prisoner_).value();
  EXPECT_TRUE(loaded.asked_for_work);
  EXPECT_TRUE(loaded.volunteers_for_dangerous);
  EXPECT_EQ(loaded.last_medical_exam, profile.last_medical_exam);

  const sys_days monday{Date{year{2026}, October, day{5}}};
  for (int d = 0; d < 3; ++d) {
    ASSERT_TRUE(store_
                    ->InsertShift(prisoner_,
                                  {monday + days{d}, 480, 720, camp::WorkKind::kCampAdministration})
                    .ok());
  }
  auto shifts =
      store_->ListShifts(prisoner_, Date{monday + days{1}}, Date{monday + days{2}}).value();
  ASSERT_EQ(shifts.size(), 2u);  // both ends of [from, to] count
  EXPECT_EQ(shifts[0].day, monday + days{1});
  EXPECT_EQ(shifts[1].end_minute, 720);
}

TEST_P(CampStoreConformance, TheLineTakesOneCallPerSlotAndTheRotaIsFixedOnce) {
  const Date today{year{2026}, October, day{10}};
  ASSERT_TRUE(store_->JoinPhoneList(camp_, prisoner_, kArrival).ok());
  ASSERT_TRUE(store_->JoinPhoneList(camp_, prisoner_, today).ok());  // again: nothing changes
  auto waiting = store_->ListPhoneWaiting(camp_).value();
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].since, kArrival);
  EXPECT_FALSE(waiting[0].last_call);

  int plans = 0;
  auto plan = [&]() -> Result<camp::DayRota> {
    ++plans;
    return camp::DayRota{sys_days{today}, {{600, 610, prisoner_}}, {}};
  };
  auto first = store_->FixRota(camp_, today, plan).value();
  auto second = store_->FixRota(camp_, today, plan).value();
  EXPECT_EQ(plans, 1);  // the second view reads what the first fixed
  ASSERT_EQ(second.slots.size(), 1u);
  EXPECT_EQ(second.slots[0].prisoner_id, prisoner_);
  EXPECT_EQ(first.slots[0].start_minute, second.slots[0].start_minute);

  PhoneCallRecord call{0, camp_, prisoner_, today, 600, 610, camp::CallOutcome::kCompleted, 10, {}};
  ASSERT_TRUE(store_->RecordCall(call, true, std::nullopt, 2000).ok());
  auto other = AddPrisoner();
  PhoneCallRecord same_slot{0,  camp_, other, today, 600, 610, camp::CallOutcome::kCompleted,
                            10, {}};
  EXPECT_EQ(store_->RecordCall(same_slot, true, std::nullopt, 2001).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(store_->ListCalls(camp_, today)->size(), 1u);
  EXPECT_EQ(store_->ListPhoneWaiting(camp_)->front().last_call, today);  // his turn was used
}

TEST_P(CampStoreConformance, MailIsListedByCampAndDay) {
  const sys_days first{Date{year{2026}, October, day{3}}};
  ASSERT_TRUE(store_
                  ->InsertMail(prisoner_,
                               {first, camp::MailKind::kLetter, camp::MailDirection::kSent, false})
                  .ok());
  ASSERT_TRUE(store_
                  ->InsertMail(prisoner_, {first + days{20}, camp::MailKind::kCard,
                                           camp::MailDirection::kReceived, true})
                  .ok());
  auto october = store_->ListMail(camp_, Date{first}, Date{first + days{10}}).value();
  ASSERT_EQ(october.size(), 1u);
  EXPECT_EQ(october[0].first, prisoner_);
  EXPECT_EQ(october[0].second.kind, camp::MailKind::kLetter);
  auto all = store_->ListMail(camp_, Date{first}, Date{first + days{20}}).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[1].second.held);
}

}  // namespace
}  // namespace lifeline::store
