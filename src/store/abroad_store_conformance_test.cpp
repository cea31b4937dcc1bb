// The abroad storage contract (store/abroad_store.hpp), run against SQLite and PostgreSQL:
// the risk board walks dates in order and agrees with the pure ranking (abroad::RankRisks)
// on random data, pages without repeating anyone, puts overstays first, and drops a closed
// proceeding's dates; record dates are replaced, not added to.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include "store/postgres/session.hpp"
#include "store/sql/abroad_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_engines.hpp"

namespace lifeline::store {
namespace {

using namespace std::chrono;
constexpr Date kToday{year{2026}, November, day{22}};

using testing::Engine;
using testing::PostgresSchema;

class AbroadStoreConformance : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("lifeline-abroad-store-" + testing::UniqueSuffix());
      std::filesystem::remove_all(dir_);
      sqlite_ = OpenSqliteStore(dir_.string(), true);
      abroad_ = &sqlite_->Abroad();
      return;
    }
    if (!PostgresSchema::Available())
      GTEST_SKIP() << "no PostgreSQL for this run (ctest's *_postgres entries have one)";
    schema_ = std::make_unique<PostgresSchema>();
    ASSERT_TRUE(schema_->migrated()) << schema_->migrated().error().message;
    sessions_ = std::make_unique<postgres::PgSessions>(schema_->pool());
    postgres_ = std::make_unique<sql::SqlAbroadStore>(*sessions_);
    abroad_ = postgres_.get();
  }
  void TearDown() override {
    sqlite_.reset();
    postgres_.reset();
    sessions_.reset();
    schema_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  AbroadStore& abroad() { return *abroad_; }
  std::int64_t AddPerson(std::vector<RecordDate> dates) {
    PersonAbroadRecord p;
    p.wrapped_key = {1, 2, 3};
    p.sealed_fields = {4, 5, 6};
    p.needs = {abroad::Need::kLegal};
    return abroad().InsertPerson(p, dates).value();
  }
  static Date In(int days_from_today) { return Date{sys_days{kToday} + days{days_from_today}}; }

  std::filesystem::path dir_;
  std::unique_ptr<Store> sqlite_;
  std::unique_ptr<PostgresSchema> schema_;
  std::unique_ptr<postgres::PgSessions> sessions_;
  std::unique_ptr<sql::SqlAbroadStore> postgres_;
  AbroadStore* abroad_ = nullptr;
};

TEST_P(AbroadStoreConformance, TheBoardAgreesWithThePureRankingAndPagesWithoutRepeats) {
  std::mt19937 random(7);
  std::vector<abroad::RiskEvent> all;
  const abroad::LeadTimes lead;
  for (int person = 0; person < 300; ++person) {
    std::vector<RecordDate> dates;
    const int count = static_cast<int>(random() % 4);
    for (int i = 0; i < count; ++i) {
      const auto kind =
          random() % 2 ? abroad::RiskKind::kDocumentExpires : abroad::RiskKind::kStayEnds;
      dates.push_back(
          {kind, In(static_cast<int>(random() % 200))});  // from today on: nobody overstays
    }
    const std::int64_t id = AddPerson(dates);
    for (const auto& d : dates) all.push_back({id, sys_days{d.on}, d.kind});
    if (random() % 3 == 0) {
      const std::int64_t p =
          abroad()
              .InsertProceeding({0, id, abroad::ProceedingKind::kExtradition, In(-30), false})
              .value();
      const Date on = In(static_cast<int>(random() % 200));
      abroad()
          .InsertProceedingEvent({0, p, "hearing", on}, id, abroad::RiskKind::kExtraditionHearing)
          .value();
      all.push_back({id, sys_days{on}, abroad::RiskKind::kExtraditionHearing});
      abroad().InsertProceedingEvent({0, p, "detained", In(-10)}, id, std::nullopt).value();
    }
  }
  const auto expected = abroad::RankRisks(all, sys_days{kToday}, lead, 1000);
  std::vector<abroad::RiskLine> got;
  for (std::size_t page = 0;; ++page) {
    auto rows = abroad().RiskBoard(kToday, lead, page * 40, 40, false).value();
    for (const auto& r : rows) got.push_back(r.line);
    if (rows.size() < 40) break;
  }
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].person_id, expected[i].person_id) << i;
    EXPECT_EQ(got[i].next.on, expected[i].next.on) << i;
    EXPECT_EQ(got[i].next.kind, expected[i].next.kind) << i;
    EXPECT_EQ(got[i].days_left, expected[i].days_left) << i;
    // The store raises a line's alert for any date in its lead time, so at least as often.
    if (expected[i].alert) {
      EXPECT_TRUE(got[i].alert) << i;
    }
  }
}

TEST_P(AbroadStoreConformance, OverstaysComeFirstAndAlertsCountEveryDate) {
  const std::int64_t calm =
      AddPerson({{abroad::RiskKind::kAsylumInterview, In(10)},       // lead 7: no alert itself
                 {abroad::RiskKind::kExtraditionHearing, In(20)}});  // lead 30: alert
  const std::int64_t overstaying = AddPerson({{abroad::RiskKind::kStayEnds, In(-3)}});
  const std::int64_t later = AddPerson({{abroad::RiskKind::kDocumentExpires, In(100)}});
  auto rows = abroad().RiskBoard(kToday, {}, 0, 10, false).value();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line.person_id, overstaying);
  EXPECT_EQ(rows[0].line.days_left, -3);
  EXPECT_TRUE(rows[0].line.alert);
  EXPECT_EQ(rows[1].line.person_id, calm);
  EXPECT_EQ(rows[1].line.next.kind, abroad::RiskKind::kAsylumInterview);
  EXPECT_TRUE(rows[1].line.alert);
  EXPECT_EQ(rows[2].line.person_id, later);
  EXPECT_FALSE(rows[2].line.alert);
  EXPECT_EQ(rows[2].needs, std::vector<abroad::Need>{abroad::Need::kLegal});

  // His other dates inside their lead time stand beside his line; none beyond it.
  ASSERT_EQ(rows[1].beside.size(), 1u);
  EXPECT_EQ(rows[1].beside[0].kind, abroad::RiskKind::kExtraditionHearing);
  EXPECT_EQ(rows[1].beside[0].on, sys_days{In(20)});
  EXPECT_TRUE(rows[0].beside.empty());
  EXPECT_TRUE(rows[2].beside.empty());

  auto alerts = abroad().RiskBoard(kToday, {}, 0, 10, true).value();
  ASSERT_EQ(alerts.size(), 2u);
  EXPECT_EQ(alerts[1].line.person_id, calm);
  EXPECT_EQ(alerts[1].line.next.kind,
            abroad::RiskKind::kExtraditionHearing);  // his first date inside its lead

  // A record's dates are replaced when it is saved again: he left, and renewed the document.
  PersonAbroadRecord again = abroad().GetPerson(overstaying).value();
  ASSERT_TRUE(abroad().UpdatePerson(again, {{abroad::RiskKind::kDocumentExpires, In(300)}}));
  EXPECT_EQ(abroad().RiskBoard(kToday, {}, 0, 10, false).value().back().line.person_id,
            overstaying);
  EXPECT_EQ(abroad().PersonRisks(overstaying, kToday).value().size(), 1u);
}

TEST_P(AbroadStoreConformance, AnOverstayShowsTheHearingComingUpBesideIt) {
  const std::int64_t longer = AddPerson({{abroad::RiskKind::kStayEnds, In(-36)}});
  const std::int64_t hunted =
      AddPerson({{abroad::RiskKind::kStayEnds, In(-13)},
                 {abroad::RiskKind::kExtraditionHearing, In(11)},
                 {abroad::RiskKind::kDocumentExpires, In(200)}});  // beyond its 60 days
  for (bool alerts_only : {false, true}) {
    auto rows = abroad().RiskBoard(kToday, {}, 0, 10, alerts_only).value();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].line.person_id, longer);  // the longest overstay first
    EXPECT_EQ(rows[0].line.days_left, -36);
    EXPECT_EQ(rows[1].line.person_id, hunted);
    ASSERT_EQ(rows[1].beside.size(), 1u);
    EXPECT_EQ(rows[1].beside[0].kind, abroad::RiskKind::kExtraditionHearing);
    EXPECT_EQ(rows[1].beside[0].on, sys_days{In(11)});
  }
}

TEST_P(AbroadStoreConformance, AClosedProceedingLeavesTheBoardButKeepsItsHistory) {
  const std::int64_t id = AddPerson({});
  const std::int64_t p =
      abroad()
          .InsertProceeding({0, id, abroad::ProceedingKind::kDeportation, In(-5), false})
          .value();
  abroad()
      .InsertProceedingEvent({0, p, "removal_date", In(4)}, id, abroad::RiskKind::kDeportation)
      .value();
  EXPECT_EQ(abroad().RiskBoard(kToday, {}, 0, 10, false).value().size(), 1u);
  ASSERT_TRUE(abroad().CloseProceeding(p));
  EXPECT_TRUE(abroad().RiskBoard(kToday, {}, 0, 10, false).value().empty());
  EXPECT_EQ(abroad().ListProceedingEvents(p).value().size(), 1u);
  EXPECT_TRUE(abroad().GetProceeding(p).value().closed);
  EXPECT_EQ(abroad()
                .InsertProceeding({0, 999, abroad::ProceedingKind::kAsylum, In(0), false})
                .error()
                .code,
            ErrorCode::kNotFound);
}

TEST_P(AbroadStoreConformance, CountriesPathwaysPartnersAndReferralsRoundTrip) {
  EXPECT_EQ(abroad().GetCountry("KZ").value().rule.days_allowed, 90);
  ASSERT_TRUE(abroad().SaveCountry({"KZ", "Kazakhstan", {60, 180}, "changed"}));
  EXPECT_EQ(abroad().GetCountry("KZ").value().rule.days_allowed, 60);
  EXPECT_EQ(abroad().GetCountry("ZZ").error().code, ErrorCode::kNotFound);

  const std::int64_t id = AddPerson({});
  PathwayRecord pathway{
      0,
      id,
      abroad::PathwayKind::kWorkVisa,
      "DE",
      kToday,
      std::vector<abroad::StepStatus>(abroad::PathwaySteps(abroad::PathwayKind::kWorkVisa).size())};
  const std::int64_t pw = abroad().InsertPathway(pathway).value();
  ASSERT_TRUE(abroad().SetPathwayStep(pw, 2, abroad::StepStatus::kDone));
  EXPECT_EQ(abroad().SetPathwayStep(pw, 99, abroad::StepStatus::kDone).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(abroad().GetPathway(pw).value().steps[2], abroad::StepStatus::kDone);

  Blob32 key{};
  key[0] = 7;
  const std::int64_t partner =
      abroad().InsertPartner({0, "Synthetic Lawyers", "lawyers", key}).value();
  EXPECT_EQ(abroad().InsertPartner({0, "Synthetic Lawyers", "ngo", std::nullopt}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(abroad().GetPartner(partner).value().public_key, key);
  ReferralRecord r{0, id, partner, {"cases", "name"}, kToday, "written", 1, 11, {9, 9, 9}};
  const std::int64_t referral = abroad().InsertReferral(r).value();
  EXPECT_EQ(abroad().GetReferral(referral).value().package, (Blob{9, 9, 9}));
  const auto listed = abroad().ListReferrals(id).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].fields, (std::vector<std::string>{"cases", "name"}));
  EXPECT_TRUE(listed[0].package.empty());  // lists never carry packages
}

INSTANTIATE_TEST_SUITE_P(Engines, AbroadStoreConformance,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineName);

}  // namespace
}  // namespace lifeline::store
