// The camp through its use cases: rules checked against GC III, the sealed registry with
// capture cards and the bureau's list, a crossed case registered without re-typing, and the
// books with statements. Who may do what.

#include "app/camp/camp.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "app/cases/office_fixture.hpp"

namespace lifeline::app {
namespace {

using namespace std::chrono;

class CampServiceTest : public testing::IntakeOfficeTest {
 protected:
  void SetUp() override {
    IntakeOfficeTest::SetUp();
    camp_service_ = std::make_unique<CampService>(*store_, *audit_, clock_, *office_);
    camp_ = camp_service_->CreateCamp(admin_, Camp()).value();
  }
  static store::CampRecord Camp() {
    store::CampRecord c;
    c.name = "Лагерь № 7 (синтетический)";
    c.tariff.kopiyky_per_franc = 3800;
    c.tariff.call_charge_per_minute = 200;
    c.phone_hours = {{10 * 60, 12 * 60}};
    c.canteen = {{"чай", 2500, 2800}, {"сигареты", 6000, 6500}};
    return c;
  }
  PrisonerDraft Draft(std::string arrived_on = "2026-11-20") {
    PrisonerDraft d;
    d.camp_id = camp_;
    d.rank_category = camp::RankCategory::kNco;
    d.arrived_on = std::move(arrived_on);
    d.fields = {"Примеров",       "Пётр Петрович",       "Пётр",
                "Образцова",      "младший сержант",     "X-000001",
                "1999-04-30",     "г. Вымышленск",       "Государство А",
                "Примерова Анна", "ул. Синтетическая, 1"};
    return d;
  }
  std::vector<std::string> AuditActions() {
    std::vector<std::string> out;
    auto records = store_->ListAuditRecords(0, 10000);
    for (const auto& r : records.value()) out.push_back(r.action + " " + r.target);
    return out;
  }
  const Actor admin_{9, "camp.admin", Role::kCampAdmin};
  std::unique_ptr<CampService> camp_service_;
  std::int64_t camp_ = 0;
};

TEST_F(CampServiceTest, CampRulesAreCheckedAgainstTheConvention) {
  auto c = Camp();
  c.name = "Лагерь № 8";
  c.tariff.kopiyky_per_franc = 4700;  // 10.00 UAH is now below a quarter franc
  auto refused = camp_service_->CreateCamp(admin_, c);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("Art. 62"), std::string::npos);
  c.tariff.kopiyky_per_franc = 3800;
  c.mail = {1, 4};
  EXPECT_EQ(camp_service_->CreateCamp(admin_, c).error().field, "letters_per_month");
  c.mail = {};
  c.phone_hours = {};
  EXPECT_EQ(camp_service_->CreateCamp(admin_, c).error().field, "hours");
  c.phone_hours = {{600, 700}};
  c.canteen = {{"чай", 3000, 2800}};
  EXPECT_NE(camp_service_->CreateCamp(admin_, c).error().message.find("Art. 28"),
            std::string::npos);
  c.canteen = {};
  EXPECT_EQ(camp_service_->CreateCamp(admin_, Camp()).error().code,
            ErrorCode::kConflict);  // same name
  EXPECT_TRUE(camp_service_->CreateCamp(admin_, c).ok());
}

TEST_F(CampServiceTest, APrisonersFieldsAreSealedAndEveryReadIsAudited) {
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft()).value();
  auto stored = store_->GetPrisoner(id).value();
  const std::string sealed(stored.sealed_fields.begin(), stored.sealed_fields.end());
  EXPECT_EQ(sealed.find("Примеров"), std::string::npos);
  EXPECT_EQ(sealed.find("X-000001"), std::string::npos);
  auto prisoner = camp_service_->GetPrisoner(admin_, id).value();
  ASSERT_TRUE(prisoner.fields);
  EXPECT_EQ(prisoner.fields->surname, "Примеров");
  EXPECT_EQ(prisoner.fields->mother_maiden_name, "Образцова");
  EXPECT_EQ(prisoner.number,
            "POW-" + std::string(6 - std::to_string(id).size(), '0') + std::to_string(id));
  auto actions = AuditActions();
  EXPECT_NE(std::find(actions.begin(), actions.end(),
                      "prisoner_registered prisoner:" + std::to_string(id)),
            actions.end());
  EXPECT_NE(
      std::find(actions.begin(), actions.end(), "prisoner_read prisoner:" + std::to_string(id)),
      actions.end());
  for (const auto& a : actions) EXPECT_EQ(a.find("Примеров"), std::string::npos);
  // Lists carry no names.
  EXPECT_FALSE(camp_service_->Prisoners(admin_, camp_).value().front().fields);
}

TEST_F(CampServiceTest, BadRegistrationsAreRefusedNamingTheField) {
  auto d = Draft();
  d.fields.surname = "";
  EXPECT_EQ(camp_service_->RegisterPrisoner(admin_, d).error().field, "surname");
  d = Draft();
  d.fields.birth_date = "30.04.1999";
  EXPECT_EQ(camp_service_->RegisterPrisoner(admin_, d).error().field, "birth_date");
  d = Draft("2030-01-01");
  EXPECT_EQ(camp_service_->RegisterPrisoner(admin_, d).error().field, "arrived_on");
  d = Draft();
  d.health = "fine";
  EXPECT_EQ(camp_service_->RegisterPrisoner(admin_, d).error().field, "health");
  d = Draft();
  d.camp_id = 999;
  EXPECT_EQ(camp_service_->RegisterPrisoner(admin_, d).error().code, ErrorCode::kNotFound);
}

TEST_F(CampServiceTest, Art70CaptureCardsAreOverdueAWeekAfterArrival) {
  const std::int64_t late = camp_service_->RegisterPrisoner(admin_, Draft("2026-11-10")).value();
  const std::int64_t recent = camp_service_->RegisterPrisoner(admin_, Draft("2026-11-20")).value();
  auto overdue = camp_service_->OverdueCaptureCards(admin_, camp_).value();
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].stored.id, late);
  EXPECT_EQ(overdue[0].capture_card_due, (year_month_day{year{2026}, November, day{17}}));
  ASSERT_TRUE(camp_service_->MarkCaptureCardSent(admin_, late).ok());
  EXPECT_TRUE(camp_service_->OverdueCaptureCards(admin_, camp_)->empty());
  (void)recent;
}

TEST_F(CampServiceTest, Art122MovementsReachTheBureauListOnce) {
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft()).value();
  ASSERT_TRUE(
      camp_service_->RecordMovement(admin_, id, "hospital", "2026-11-21", std::nullopt).ok());
  EXPECT_EQ(camp_service_->RecordMovement(admin_, id, "vanished", "2026-11-21", std::nullopt)
                .error()
                .field,
            "kind");
  EXPECT_EQ(camp_service_->RecordMovement(admin_, id, "released", "2026-11-01", std::nullopt)
                .error()
                .field,
            "on");
  EXPECT_EQ(
      camp_service_->RecordMovement(admin_, id, "transferred", "", std::nullopt).error().field,
      "to_camp");
  auto list = camp_service_->BureauList(admin_, camp_).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].movement.kind, "arrived");
  EXPECT_EQ(list[1].movement.kind, "hospital");
  EXPECT_EQ(list[1].fields.surname, "Примеров");
  EXPECT_EQ(store_->GetPrisoner(id)->status, store::PrisonerStatus::kInHospital);
  ASSERT_TRUE(
      camp_service_->MarkBureauNotified(admin_, camp_, {list[0].movement.id, list[1].movement.id})
          .ok());
  EXPECT_TRUE(camp_service_->BureauList(admin_, camp_)->empty());
}

TEST_F(CampServiceTest, ACrossedCaseBecomesAPrisonerWithoutRetypingAndStaysCaptured) {
  ASSERT_TRUE(SubmitAndWait(IntakeOfficeTest::Draft()).ok());
  const std::int64_t case_id = office_->ListCases(operator_, {}).value().items.front().id;
  const Actor coordinator = operator_;  // the fixture's actor is a coordinator
  PrisonerDraft draft = Draft();
  draft.fields = {};
  EXPECT_EQ(camp_service_->RegisterFromCase(coordinator, case_id, draft).error().field,
            "case");  // not crossed yet
  std::int64_t version = 0;
  for (auto to : {CaseStatus::kContacted, CaseStatus::kVerifying, CaseStatus::kVerified,
                  CaseStatus::kInstructed, CaseStatus::kCrossingPlanned}) {
    const Actor verifier{1, "admin",
                         Role::kVerifier};  // an existing account, in the role that may verify
    auto moved = office_->ChangeStatus(to == CaseStatus::kVerified ? verifier : coordinator,
                                       case_id, {to, "", version});
    ASSERT_TRUE(moved.ok()) << ToString(to) << ": " << moved.error().message;
    version = *moved;
  }
  ASSERT_TRUE(office_
                  ->ChangeStatus(
                      coordinator, case_id,
                      {CaseStatus::kCrossed, "", version, CustodyCircumstance::kVoluntarySurrender})
                  .ok());
  EXPECT_EQ(camp_service_->RegisterFromCase(admin_, case_id, draft).error().code,
            ErrorCode::kForbidden);
  const std::int64_t id = camp_service_->RegisterFromCase(coordinator, case_id, draft).value();
  EXPECT_EQ(camp_service_->RegisterFromCase(coordinator, case_id, draft).error().code,
            ErrorCode::kConflict);
  auto prisoner = camp_service_->GetPrisoner(admin_, id).value();
  EXPECT_EQ(prisoner.stored.case_id, case_id);
  EXPECT_EQ(prisoner.fields->surname, "Вымышлов");
  EXPECT_EQ(prisoner.fields->first_names, "Пробный");
  // The sealed circumstance is not in the prisoner's record.
  auto stored = store_->GetPrisoner(id).value();
  auto opened = office_->Opener().Open(
      {stored.ephemeral_public, stored.wrapped_key, stored.sealed_fields, stored.key_generation},
      "lifeline/prisoner/v1");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(std::string(opened->view()).find("voluntary"), std::string::npos);
}

TEST_F(CampServiceTest, TheBooksFollowTheTariffAndStatementsAddUp) {
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft()).value();
  auto post = [&](LedgerRequest r) {
    r.prisoner_id = id;
    return camp_service_->Post(admin_, camp_, r);
  };
  ASSERT_TRUE(post({.key = "pay-1", .kind = camp::PostingKind::kWorkingPay, .days = 5}).ok());
  ASSERT_TRUE(post({.key = "adv-1", .kind = camp::PostingKind::kAdvanceOfPay})
                  .ok());  // NCO: class II, 12 francs
  ASSERT_TRUE(post({.key = "buy-1",
                    .kind = camp::PostingKind::kCanteenPurchase,
                    .item = "чай",
                    .quantity = 2})
                  .ok());
  EXPECT_EQ(post({.key = "buy-2",
                  .kind = camp::PostingKind::kCanteenPurchase,
                  .item = "кофе",
                  .quantity = 1})
                .error()
                .field,
            "item");
  EXPECT_TRUE(post({.key = "pay-1", .kind = camp::PostingKind::kWorkingPay, .days = 5})->replayed);
  EXPECT_EQ(store_->GetPrisoner(id)->balance, 5000 + 45600 - 5000);
  auto statement = camp_service_->MonthlyStatement(admin_, id, year{2026} / November).value();
  EXPECT_EQ(statement.opening, 0);
  EXPECT_EQ(statement.entries.size(), 3u);
  EXPECT_EQ(statement.closing, 45600);
  EXPECT_TRUE(camp_service_->MonthlyStatement(admin_, id, year{2026} / December)->entries.empty());
  auto final_statement = camp_service_->FinalStatement(admin_, id).value();
  EXPECT_EQ(final_statement.closing, 45600);
  // A call he cannot pay is the state's.
  auto spend = post({.key = "buy-3",
                     .kind = camp::PostingKind::kCanteenPurchase,
                     .item = "сигареты",
                     .quantity = 7});
  ASSERT_TRUE(spend.ok()) << spend.error().message;
  auto call = post(
      {.key = "call-1", .kind = camp::PostingKind::kCallCharge, .minutes = 20});  // 40.00 > 36.00
  ASSERT_TRUE(call.ok());
  EXPECT_EQ(store_->GetPrisoner(id)->balance, 45600 - 42000);
  EXPECT_EQ(store_->GetPosting(camp_, call->posting_id)->posting.kind,
            camp::PostingKind::kStatePaidCall);
  const Actor coordinator = operator_;
  EXPECT_EQ(camp_service_->Post(coordinator, camp_, {.key = "x", .prisoner_id = id}).error().code,
            ErrorCode::kForbidden);
}

// The prisoner's page reads in one call what it shows: him (his fields opened and the read
// audited once), his camp, the month's statement and his shifts; a role that may not manage
// camps learns nothing, not even whether the month it asked for is well formed.
TEST_F(CampServiceTest, ThePrisonersFileIsOneAuditedRead) {
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft()).value();
  ASSERT_TRUE(camp_service_
                  ->Post(admin_, camp_,
                         {.key = "pay-1",
                          .kind = camp::PostingKind::kWorkingPay,
                          .prisoner_id = id,
                          .days = 5})
                  .ok());
  ASSERT_TRUE(camp_service_->SetLabourProfile(admin_, id, true, false, "2026-11-20").ok());
  ASSERT_TRUE(  // tomorrow: the test clock stands at 2026-11-22
      camp_service_
          ->AssignShift(admin_, id, "2026-11-23", "08:00-12:00", "agriculture", false, false)
          .ok());
  const std::string read = "prisoner_read prisoner:" + std::to_string(id);
  auto actions = AuditActions();
  const auto reads_before = std::count(actions.begin(), actions.end(), read);

  auto file = camp_service_->GetPrisonerFile(admin_, id, year{2026} / November).value();
  ASSERT_TRUE(file.prisoner.fields);
  EXPECT_EQ(file.prisoner.fields->surname, "Примеров");
  EXPECT_EQ(file.camp.id, camp_);
  EXPECT_EQ(file.camp.name, Camp().name);
  EXPECT_EQ(file.statement.entries.size(), 1u);
  EXPECT_EQ(file.statement.closing, 5000);
  ASSERT_EQ(file.shifts.size(), 1u);
  actions = AuditActions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), read), reads_before + 1);
  // Another month: the same prisoner, that month's books (none yet).
  EXPECT_TRUE(
      camp_service_->GetPrisonerFile(admin_, id, year{2026} / October)->statement.entries.empty());

  EXPECT_EQ(camp_service_->GetPrisonerFile(operator_, id, year{2026} / 13).error().code,
            ErrorCode::kForbidden);
  EXPECT_EQ(camp_service_->GetPrisonerFile(admin_, id, year{2026} / 13).error().field, "month");
  EXPECT_EQ(camp_service_->GetPrisonerFile(admin_, id + 100, year{2026} / November).error().code,
            ErrorCode::kNotFound);
}

// The camp's pages are one call each, the camp first: a camp that does not exist is
// refused before anything is listed or audited, and a role without the camps learns nothing.
TEST_F(CampServiceTest, ACampsPagesReadTheCampFirst) {
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft()).value();
  auto roster = camp_service_->PrisonersAt(admin_, camp_).value();
  EXPECT_EQ(roster.camp.id, camp_);
  ASSERT_EQ(roster.content.size(), 1u);
  EXPECT_EQ(roster.content.front().stored.id, id);
  EXPECT_FALSE(roster.content.front().fields);  // a list opens nothing
  EXPECT_EQ(camp_service_->PhoneDayAt(admin_, camp_, "").value().camp.id, camp_);
  EXPECT_EQ(camp_service_->MailMonthAt(admin_, camp_, year{2026} / November).value().camp.id,
            camp_);

  const auto audited = AuditActions().size();
  EXPECT_EQ(camp_service_->BureauListAt(admin_, camp_ + 100).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(camp_service_->PrisonersAt(admin_, camp_ + 100).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(AuditActions().size(), audited);
  EXPECT_EQ(camp_service_->PrisonersAt(operator_, camp_).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(camp_service_->CaptureCardOf(operator_, id).error().code, ErrorCode::kForbidden);

  auto card = camp_service_->CaptureCardOf(admin_, id).value();
  EXPECT_EQ(card.camp.id, camp_);
  ASSERT_TRUE(card.content.fields);
  EXPECT_EQ(card.content.fields->surname, "Примеров");
  const auto actions = AuditActions();
  EXPECT_EQ(actions.back(), "prisoner_read prisoner:" + std::to_string(id));
}

TEST_F(CampServiceTest, ShiftsAreRefusedNamingTheArticleTheyBreak) {
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft()).value();  // an NCO
  auto refused = camp_service_->AssignShift(admin_, id, "2026-11-23", "08:00-12:00", "agriculture",
                                            true, false);
  EXPECT_NE(refused.error().message.find("Art. 55"),
            std::string::npos);  // no medical examination yet
  ASSERT_TRUE(camp_service_->SetLabourProfile(admin_, id, false, false, "2026-11-20").ok());
  refused = camp_service_->AssignShift(admin_, id, "2026-11-23", "08:00-12:00", "agriculture",
                                       false, false);
  EXPECT_NE(refused.error().message.find("Art. 49"), std::string::npos);
  EXPECT_TRUE(camp_service_
                  ->AssignShift(admin_, id, "2026-11-23", "08:00-12:00", "agriculture", true, false)
                  .ok());
  refused = camp_service_->AssignShift(admin_, id, "2026-11-23", "12:30-17:00", "agriculture", true,
                                       false);
  EXPECT_NE(refused.error().message.find("Art. 53"), std::string::npos);
  EXPECT_EQ(
      camp_service_->AssignShift(admin_, id, "2026-11-23", "13:00-15:00", "munitions", true, false)
          .error()
          .field,
      "kind");
  EXPECT_EQ(camp_service_->Shifts(admin_, id)->size(), 1u);
}

TEST_F(CampServiceTest, TheRotaIsFixedForTheDayAndCallsAreChargedOrPaidByTheState) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 10; ++i) {
    ids.push_back(camp_service_->RegisterPrisoner(admin_, Draft()).value());
    ASSERT_TRUE(camp_service_->JoinPhoneList(admin_, ids.back()).ok());
  }
  auto day = camp_service_->PhoneDay(admin_, camp_, "2026-11-22").value();
  ASSERT_EQ(day.rota.slots.size(), 8u);  // 10:00–12:00 in slots of 15 minutes
  EXPECT_EQ(day.rota.standby.size(), 2u);
  const std::int64_t first = day.rota.slots[0].prisoner_id;
  // He has 5.00 on his account: a 10-minute call at 2.00 a minute is the state's.
  ASSERT_TRUE(store_->Post(camp_, camp::CashAtCapture("cash", first, 500).value(), 1).ok());
  ASSERT_TRUE(
      camp_service_
          ->RecordCall(admin_, camp_, first, "2026-11-22", 600, camp::CallOutcome::kCompleted, 10)
          .ok());
  EXPECT_EQ(store_->GetPrisoner(first)->balance, 500);
  // One line: the slot holds one call.
  EXPECT_EQ(camp_service_
                ->RecordCall(admin_, camp_, day.rota.slots[1].prisoner_id, "2026-11-22", 600,
                             camp::CallOutcome::kCompleted, 5)
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(
      camp_service_
          ->RecordCall(admin_, camp_, first, "2026-11-22", 607, camp::CallOutcome::kCompleted, 5)
          .error()
          .field,
      "start_minute");
  EXPECT_EQ(
      camp_service_
          ->RecordCall(admin_, camp_, first, "2026-11-22", 615, camp::CallOutcome::kCompleted, 6)
          .error()
          .field,
      "minutes");  // 16 minutes today
  // The rota stays as planned, with the call beside it.
  auto again = camp_service_->PhoneDay(admin_, camp_, "2026-11-22").value();
  EXPECT_EQ(again.rota.slots[0].prisoner_id, first);
  ASSERT_EQ(again.calls.size(), 1u);
  ASSERT_TRUE(again.calls[0].posting_id);
  EXPECT_EQ(store_->GetPosting(camp_, *again.calls[0].posting_id)->posting.kind,
            camp::PostingKind::kStatePaidCall);
  // In hospital, he is not on the line's list; next day, he who called goes last.
  ASSERT_TRUE(
      camp_service_->RecordMovement(admin_, ids[9], "hospital", "2026-11-22", std::nullopt).ok());
  auto next = camp_service_->PhoneDay(admin_, camp_, "2026-11-23").value();
  std::vector<std::int64_t> order;
  for (const auto& slot : next.rota.slots) order.push_back(slot.prisoner_id);
  for (auto id : next.rota.standby) order.push_back(id);
  EXPECT_EQ(order.back(), first);
  EXPECT_EQ(std::count(order.begin(), order.end(), ids[9]), 0);
}

TEST_F(CampServiceTest, Art71ShortfallsShowInTheMonthsMail) {
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft()).value();
  ASSERT_TRUE(camp_service_
                  ->LogMail(admin_, id, "2026-11-02", camp::MailKind::kLetter,
                            camp::MailDirection::kSent, false)
                  .ok());
  ASSERT_TRUE(camp_service_
                  ->LogMail(admin_, id, "2026-11-09", camp::MailKind::kLetter,
                            camp::MailDirection::kSent, true)
                  .ok());
  EXPECT_EQ(camp_service_
                ->LogMail(admin_, id, "2026-12-01", camp::MailKind::kCard,
                          camp::MailDirection::kSent, false)
                .error()
                .field,
            "day");
  auto month = camp_service_->MailMonth(admin_, camp_, year{2026} / November).value();
  ASSERT_EQ(month.size(), 1u);
  EXPECT_TRUE(month[0].month.shortfall);
  EXPECT_EQ(month[0].month.letters_held, 1);
}

TEST_F(CampServiceTest, ATransferTakesHisAccountAlongAndMakesANewCaptureCardDueAtTheNewCamp) {
  auto other = Camp();
  other.name = "Лагерь № 9 (синтетический)";
  const std::int64_t second = camp_service_->CreateCamp(admin_, other).value();
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft("2026-11-01")).value();
  ASSERT_TRUE(camp_service_->MarkCaptureCardSent(admin_, id).ok());
  ASSERT_TRUE(camp_service_
                  ->Post(admin_, camp_,
                         {.key = "pay-1",
                          .kind = camp::PostingKind::kWorkingPay,
                          .prisoner_id = id,
                          .days = 5})
                  .ok());
  ASSERT_TRUE(camp_service_->RecordMovement(admin_, id, "transferred", "2026-11-14", second).ok());
  // Art. 70: a card within a week of arriving at the new camp; on the 22nd it is overdue there.
  auto p = camp_service_->PrisonerSummary(admin_, id).value();
  EXPECT_EQ(p.stored.camp_id, second);
  EXPECT_FALSE(p.stored.capture_card_sent_on);
  EXPECT_EQ(p.capture_card_due, (year_month_day{year{2026}, November, day{21}}));
  auto overdue = camp_service_->OverdueCaptureCards(admin_, second).value();
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].stored.id, id);
  EXPECT_TRUE(camp_service_->OverdueCaptureCards(admin_, camp_)->empty());
  // Art. 65: his 50.00 went with him; each camp's statement shows its half of the move.
  EXPECT_EQ(p.stored.balance, 5000);
  auto here = camp_service_->FinalStatement(admin_, id).value();
  EXPECT_EQ(here.camp_id, second);
  ASSERT_EQ(here.entries.size(), 1u);
  EXPECT_EQ(here.entries[0].kind, camp::PostingKind::kTransferIn);
  EXPECT_EQ(here.closing, 5000);
  auto before = camp_service_->MonthlyStatement(admin_, id, year{2026} / November, camp_).value();
  ASSERT_EQ(before.entries.size(), 2u);
  EXPECT_EQ(before.entries[1].kind, camp::PostingKind::kTransferOut);
  EXPECT_EQ(before.closing, 0);
  EXPECT_EQ(camp_service_->FinalStatement(admin_, id, 999).error().code, ErrorCode::kNotFound);
  // The old camp's books take nothing more for him; a transfer's postings are not typed in.
  EXPECT_FALSE(camp_service_
                   ->Post(admin_, camp_,
                          {.key = "pay-2",
                           .kind = camp::PostingKind::kWorkingPay,
                           .prisoner_id = id,
                           .days = 1})
                   .ok());
  EXPECT_EQ(camp_service_
                ->Post(admin_, second,
                       {.key = "t", .kind = camp::PostingKind::kTransferIn, .prisoner_id = id})
                .error()
                .field,
            "kind");
  EXPECT_EQ(camp_service_
                ->Post(admin_, second,
                       {.key = "r",
                        .kind = camp::PostingKind::kReversal,
                        .prisoner_id = id,
                        .reverses = here.entries[0].posting_id})
                .error()
                .field,
            "reverses");
  EXPECT_TRUE(store_->CheckLedger()->Sound());
}

TEST_F(CampServiceTest, TheDateOfCaptureIsSealedWithHisFieldsAndDefaultsToHisArrival) {
  const std::int64_t id = camp_service_->RegisterPrisoner(admin_, Draft("2026-11-10")).value();
  EXPECT_EQ(camp_service_->GetPrisoner(admin_, id)->fields->captured_on, "2026-11-10");
  auto d = Draft("2026-11-10");
  d.fields.captured_on = "2026-11-08";
  const std::int64_t given = camp_service_->RegisterPrisoner(admin_, d).value();
  ASSERT_TRUE(camp_service_
                  ->RecordMovement(admin_, given, "transferred", "2026-11-12",
                                   camp_service_
                                       ->CreateCamp(admin_,
                                                    [] {
                                                      auto c = Camp();
                                                      c.name = "Лагерь № 10 (синтетический)";
                                                      return c;
                                                    }())
                                       .value())
                  .ok());
  EXPECT_EQ(camp_service_->GetPrisoner(admin_, given)->fields->captured_on,
            "2026-11-08");  // a transfer keeps it
  d.fields.captured_on = "2026-11-11";
  EXPECT_EQ(camp_service_->RegisterPrisoner(admin_, d).error().field,
            "captured_on");  // after he arrived
  d.fields.captured_on = "8.11.2026";
  EXPECT_EQ(camp_service_->RegisterPrisoner(admin_, d).error().field, "captured_on");
}

}  // namespace
}  // namespace lifeline::app
