// Help abroad through its use cases: sealed records and the dates they set, the risk board,
// proceedings' deadlines, stay rules that change, pathways, and referrals sealed to a
// partner's key with consent. Who may do what, and what is refused.

#include "app/abroad/abroad.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/cases/office_fixture.hpp"
#include "crypto/crypto.hpp"
#include "crypto/referral_package.hpp"

namespace lifeline::app {
namespace {

class AbroadServiceTest : public testing::IntakeOfficeTest {
 protected:
  void SetUp() override {
    IntakeOfficeTest::SetUp();  // today is 2026-11-22
    service_ = std::make_unique<AbroadService>(*store_, *audit_, clock_, *office_);
  }
  static PersonAbroadDraft Draft(std::string country = "KZ",
                                 std::string arrived_on = "2026-10-01") {
    PersonAbroadDraft d;
    d.wanted = abroad::WantedStatus::kInterstateList;
    d.needs = {abroad::Need::kLegal, abroad::Need::kHousing};
    d.fields.name = "Беглецов Иван";
    d.fields.contact = "@synthetic_abroad";
    d.fields.country = std::move(country);
    d.fields.city = "Вымышленск";
    d.fields.arrived_on = std::move(arrived_on);
    d.fields.documents = {{abroad::DocumentKind::kInternalPassport, "2027-03-01"}};
    d.fields.cases = {{"338.3", "opened in absentia"}};
    d.fields.family = {{"wife", "Беглецова Мария", "at home"}};
    return d;
  }
  std::vector<std::string> AuditActions() {
    std::vector<std::string> out;
    const auto records = store_->ListAuditRecords(0, 10000).value();
    for (const auto& r : records) out.push_back(r.action + " " + r.target);
    return out;
  }
  std::vector<std::int64_t> BoardIds(bool alerts_only = false) {
    std::vector<std::int64_t> ids;
    const auto lines = service_->Board(caseworker_, 0, 50, alerts_only).value();
    for (const auto& line : lines) ids.push_back(line.row.line.person_id);
    return ids;
  }
  const Actor caseworker_{11, "case.worker", Role::kCaseworker};
  const Actor admin_{1, "admin", Role::kAdmin};
  std::unique_ptr<AbroadService> service_;
};

TEST_F(AbroadServiceTest, ARecordIsSealedAndItsStaySetsTheLastLegalDay) {
  const std::int64_t id = service_->AddPerson(caseworker_, Draft()).value();
  auto stored = store_->Abroad().GetPerson(id).value();
  const std::string sealed(stored.sealed_fields.begin(), stored.sealed_fields.end());
  EXPECT_EQ(sealed.find("Беглецов"), std::string::npos);
  EXPECT_EQ(sealed.find("KZ"), std::string::npos);
  EXPECT_EQ(sealed.find("338.3"), std::string::npos);

  auto summary = service_->PersonSummary(caseworker_, id).value();
  EXPECT_FALSE(summary.fields);
  EXPECT_EQ(summary.number, "ABR-000001");
  // Kazakhstan, 90 days in 180, since 1 October: the 29th of December is the last day.
  EXPECT_EQ(summary.last_legal_day, "2026-12-29");
  EXPECT_FALSE(summary.overstaying);
  EXPECT_EQ(AuditActions().back(), "person_abroad_added person_abroad:1");

  auto person = service_->Person(caseworker_, id).value();
  ASSERT_TRUE(person.fields);
  EXPECT_EQ(person.fields->name, "Беглецов Иван");
  EXPECT_EQ(person.fields->cases.at(0).article, "338.3");
  EXPECT_EQ(AuditActions().back(), "person_abroad_read person_abroad:1");

  // Others than caseworkers cannot see him at all.
  for (Role role :
       {Role::kOperator, Role::kCoordinator, Role::kCampAdmin, Role::kAdmin, Role::kAuditor}) {
    const Actor other{2, "other", role};
    EXPECT_EQ(service_->Person(other, id).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(service_->Board(other, 0, 50, false).error().code, ErrorCode::kForbidden);
  }
}

TEST_F(AbroadServiceTest, RefusesWhatCannotBeTrue) {
  auto unknown = Draft("ZZ");
  EXPECT_EQ(service_->AddPerson(caseworker_, unknown).error().field, "country");
  EXPECT_EQ(service_->AddPerson(caseworker_, Draft("KZ", "2026-12-01")).error().field,
            "arrived_on");
  auto overlapping = Draft();
  overlapping.fields.earlier_stays = {
      {"AM", "2026-09-01", "2026-10-05"}};  // ends after he reached KZ
  auto refused = service_->AddPerson(caseworker_, overlapping);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "earlier_stays");
  EXPECT_NE(refused.error().message.find("overlap"), std::string::npos);
  auto article = Draft();
  article.fields.cases = {{"999", ""}};
  EXPECT_NE(service_->AddPerson(caseworker_, article).error().message.find("352.1"),
            std::string::npos);
  auto nameless = Draft();
  nameless.fields.name.clear();
  EXPECT_EQ(service_->AddPerson(caseworker_, nameless).error().field, "name");
  EXPECT_EQ(store_->Abroad().CountPeople().value(), 0);
}

TEST_F(AbroadServiceTest, EarlierStaysInTheSameCountryShortenThePermittedStay) {
  auto draft = Draft();
  draft.fields.earlier_stays = {{"KZ", "2026-07-01", "2026-08-29"}};  // 60 days inside the window
  const std::int64_t id = service_->AddPerson(caseworker_, draft).value();
  auto summary = service_->PersonSummary(caseworker_, id).value();
  // 60 days, then from 1 October: the 31st is the 91st day in its window.
  EXPECT_TRUE(summary.overstaying);
  EXPECT_EQ(summary.last_legal_day, "2026-10-30");
  EXPECT_EQ(summary.days_overstayed, 23);  // 31 October to 22 November
  EXPECT_EQ(BoardIds().at(0), id);
  EXPECT_EQ(service_->Board(caseworker_, 0, 50, false).value().at(0).row.line.days_left, -23);
}

TEST_F(AbroadServiceTest, TheLongestOverstayComesFirstAndAHearingShowsBesideIt) {
  // From 12 August: 90 days end on 9 November. From 1 August: on 29 October.
  const std::int64_t later = service_->AddPerson(caseworker_, Draft("KZ", "2026-08-12")).value();
  const std::int64_t longer = service_->AddPerson(caseworker_, Draft("KZ", "2026-08-01")).value();
  EXPECT_EQ(service_->PersonSummary(caseworker_, longer).value().last_legal_day, "2026-10-29");
  EXPECT_EQ(service_->PersonSummary(caseworker_, longer).value().days_overstayed, 24);
  EXPECT_EQ(service_->PersonSummary(caseworker_, later).value().last_legal_day, "2026-11-09");
  EXPECT_EQ(BoardIds(), (std::vector<std::int64_t>{longer, later}));

  // An extradition hearing in 11 days is not hidden by his overstay.
  const std::int64_t extradition =
      service_
          ->OpenProceeding(caseworker_, later, abroad::ProceedingKind::kExtradition, "2026-11-10")
          .value();
  ASSERT_TRUE(service_->AddProceedingEvent(caseworker_, extradition, "hearing", "2026-12-03"));
  const auto board = service_->Board(caseworker_, 0, 50, false).value();
  ASSERT_EQ(board.size(), 2u);
  EXPECT_EQ(board[1].row.line.days_left, -13);
  ASSERT_EQ(board[1].row.beside.size(), 1u);
  EXPECT_EQ(board[1].row.beside[0].kind, abroad::RiskKind::kExtraditionHearing);
  EXPECT_EQ(board[1].row.beside[0].on, std::chrono::sys_days{std::chrono::year{2026} / 12 / 3});
  EXPECT_TRUE(board[0].row.beside.empty());
}

TEST_F(AbroadServiceTest, TheBoardPutsTheSoonestDangerFirstAndRaisesAlertsByLeadTime) {
  const std::int64_t calm =
      service_->AddPerson(caseworker_, Draft("GE", "2026-11-01")).value();  // a year allowed
  const std::int64_t stay =
      service_->AddPerson(caseworker_, Draft("KZ", "2026-09-01")).value();  // ends 2026-11-29
  const std::int64_t hearing = service_->AddPerson(caseworker_, Draft("AM", "2026-11-01")).value();
  const std::int64_t extradition =
      service_
          ->OpenProceeding(caseworker_, hearing, abroad::ProceedingKind::kExtradition, "2026-11-10")
          .value();
  ASSERT_TRUE(service_->AddProceedingEvent(caseworker_, extradition, "hearing", "2026-11-29"));

  // Same day: the extradition hearing is graver than the end of a stay.
  auto board = service_->Board(caseworker_, 0, 50, false).value();
  ASSERT_GE(board.size(), 3u);
  EXPECT_EQ(board[0].row.line.person_id, hearing);
  EXPECT_EQ(board[0].number, "ABR-000003");
  EXPECT_EQ(board[0].row.line.days_left, 7);
  EXPECT_TRUE(board[0].row.line.alert);  // 7 days ≤ 30
  EXPECT_EQ(board[0].row.wanted, abroad::WantedStatus::kInterstateList);
  EXPECT_EQ(board[1].row.line.person_id, stay);
  EXPECT_TRUE(board[1].row.line.alert);  // 7 days ≤ 14
  EXPECT_EQ(BoardIds(true), (std::vector<std::int64_t>{hearing, stay}));
  EXPECT_EQ(service_->Board(caseworker_, 1, 2, false).value().at(0).row.line.person_id, calm);

  // Lead times are the caseworkers' to set: a week's notice for stays ends that alert.
  abroad::LeadTimes lead = service_->LeadTimes(caseworker_).value();
  lead.days[static_cast<int>(abroad::RiskKind::kStayEnds)] = 6;
  ASSERT_TRUE(service_->SetLeadTimes(caseworker_, lead));
  EXPECT_EQ(BoardIds(true), std::vector<std::int64_t>{hearing});
  lead.days[0] = 400;
  EXPECT_EQ(service_->SetLeadTimes(caseworker_, lead).error().field, "lead_times");

  // A closed proceeding's dates leave the board.
  ASSERT_TRUE(service_->CloseProceeding(caseworker_, extradition));
  EXPECT_EQ(BoardIds().at(0), stay);
  EXPECT_EQ(
      service_->AddProceedingEvent(caseworker_, extradition, "hearing", "2026-12-20").error().code,
      ErrorCode::kConflict);
}

TEST_F(AbroadServiceTest, DeadlinesMustBeAheadAndAfterTheFiling) {
  const std::int64_t id = service_->AddPerson(caseworker_, Draft()).value();
  const std::int64_t asylum =
      service_->OpenProceeding(caseworker_, id, abroad::ProceedingKind::kAsylum, "2026-11-01")
          .value();
  EXPECT_EQ(service_->OpenProceeding(caseworker_, id, abroad::ProceedingKind::kAsylum, "2026-12-01")
                .error()
                .field,
            "filed_on");
  EXPECT_EQ(service_->AddProceedingEvent(caseworker_, asylum, "appeal_deadline", "2026-11-20")
                .error()
                .field,
            "on");
  EXPECT_NE(service_->AddProceedingEvent(caseworker_, asylum, "decision_refused", "2026-10-20")
                .error()
                .message.find("filed"),
            std::string::npos);
  EXPECT_EQ(
      service_->AddProceedingEvent(caseworker_, asylum, "removal_date", "2026-12-20").error().field,
      "kind");
  ASSERT_TRUE(service_->AddProceedingEvent(caseworker_, asylum, "decision_refused", "2026-11-21"));
  ASSERT_TRUE(service_->AddProceedingEvent(caseworker_, asylum, "appeal_deadline", "2026-12-05"));
  auto views = service_->Proceedings(caseworker_, id).value();
  ASSERT_EQ(views.size(), 1u);
  ASSERT_EQ(views[0].events.size(), 2u);
  EXPECT_EQ(views[0].events[1].kind, "appeal_deadline");
  auto risks = service_->PersonSummary(caseworker_, id).value().risks;
  ASSERT_FALSE(risks.empty());
  EXPECT_EQ(risks[0].kind, abroad::RiskKind::kAppealDeadline);
}

// The person's page reads in one call what it shows, and it is one audited read of his
// record; a role outside help abroad learns nothing, not even whether he exists.
TEST_F(AbroadServiceTest, ThePersonsFileIsOneAuditedRead) {
  const std::int64_t id = service_->AddPerson(caseworker_, Draft()).value();
  ASSERT_TRUE(
      service_->OpenProceeding(caseworker_, id, abroad::ProceedingKind::kAsylum, "2026-11-01")
          .ok());
  ASSERT_TRUE(service_->OpenPathway(caseworker_, id, abroad::PathwayKind::kAsylum, "").ok());
  const std::string read = "person_abroad_read person_abroad:" + std::to_string(id);
  auto actions = AuditActions();
  const auto reads_before = std::count(actions.begin(), actions.end(), read);

  auto file = service_->GetPersonFile(caseworker_, id).value();
  ASSERT_TRUE(file.person.fields);
  EXPECT_EQ(file.person.fields->name, "Беглецов Иван");
  ASSERT_EQ(file.proceedings.size(), 1u);
  ASSERT_EQ(file.pathways.size(), 1u);
  EXPECT_EQ(file.pathways.front().person_id, id);
  EXPECT_TRUE(file.referrals.empty());
  EXPECT_EQ(file.countries.size(), service_->Countries(caseworker_)->size());
  EXPECT_FALSE(file.countries.empty());
  actions = AuditActions();
  EXPECT_EQ(std::count(actions.begin(), actions.end(), read), reads_before + 1);

  EXPECT_EQ(service_->GetPersonFile(operator_, id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->GetPersonFile(operator_, id + 100).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(service_->GetPersonFile(caseworker_, id + 100).error().code, ErrorCode::kNotFound);
  // The countries' and partners' pages, one call each.
  auto countries = service_->GetCountriesFile(caseworker_).value();
  EXPECT_EQ(countries.countries.size(), file.countries.size());
  EXPECT_EQ(countries.lead_times.days[0], service_->LeadTimes(caseworker_)->days[0]);
  EXPECT_EQ(service_->GetPartnersFile(caseworker_).value().signing_key,
            service_->ReferralSigningKey(caseworker_).value());
  EXPECT_EQ(service_->GetCountriesFile(operator_).error().code, ErrorCode::kForbidden);
}

TEST_F(AbroadServiceTest, ChangingACountrysRuleMovesTheLastLegalDayOfThoseThere) {
  const std::int64_t here = service_->AddPerson(caseworker_, Draft("KZ", "2026-10-01")).value();
  const std::int64_t elsewhere =
      service_->AddPerson(caseworker_, Draft("AM", "2026-10-01")).value();
  store::CountryRecord kz = store_->Abroad().GetCountry("KZ").value();
  kz.rule = {30, 60};
  ASSERT_TRUE(service_->SaveCountry(caseworker_, kz));
  EXPECT_TRUE(service_->PersonSummary(caseworker_, here).value().overstaying);
  EXPECT_EQ(service_->PersonSummary(caseworker_, elsewhere).value().last_legal_day, "2027-03-29");
  EXPECT_EQ(AuditActions().back(), "stay_rule_changed country:KZ");

  EXPECT_EQ(service_->SaveCountry(caseworker_, {"kz", "Kazakhstan", {90, 180}, ""}).error().field,
            "code");
  EXPECT_FALSE(service_->SaveCountry(caseworker_, {"XX", "Nowhere", {200, 180}, ""}));
  ASSERT_TRUE(
      service_->SaveCountry(caseworker_, {"XX", "Synthetic Republic", {30, 30}, "synthetic"}));
  EXPECT_TRUE(service_->AddPerson(caseworker_, Draft("XX", "2026-11-20")));
}

TEST_F(AbroadServiceTest, APathwayShowsWhatIsMissing) {
  const std::int64_t id = service_->AddPerson(caseworker_, Draft()).value();
  EXPECT_EQ(service_->OpenPathway(caseworker_, id, abroad::PathwayKind::kHumanitarianVisa, "")
                .error()
                .field,
            "target_country");
  EXPECT_EQ(service_->OpenPathway(caseworker_, id, abroad::PathwayKind::kHumanitarianVisa, "QQ")
                .error()
                .field,
            "target_country");
  const std::int64_t visa =
      service_->OpenPathway(caseworker_, id, abroad::PathwayKind::kHumanitarianVisa, "DE").value();
  ASSERT_TRUE(
      service_->SetPathwayStep(caseworker_, visa, "passport_valid", abroad::StepStatus::kDone));
  ASSERT_TRUE(service_->SetPathwayStep(caseworker_, visa, "support_letter",
                                       abroad::StepStatus::kInProgress));
  EXPECT_EQ(service_->SetPathwayStep(caseworker_, visa, "job_offer", abroad::StepStatus::kDone)
                .error()
                .field,
            "step");
  auto pathways = service_->Pathways(caseworker_, id).value();
  ASSERT_EQ(pathways.size(), 1u);
  EXPECT_EQ(pathways[0].target_country, "DE");
  const auto open = abroad::OpenSteps(pathways[0].kind, pathways[0].steps);
  EXPECT_EQ(open.size(), abroad::PathwaySteps(abroad::PathwayKind::kHumanitarianVisa).size() - 1);
  EXPECT_EQ(open[0], "evidence_of_risk");
}

TEST_F(AbroadServiceTest, AReferralCarriesOnlyWhatHeAgreedToAndOnlyThePartnerOpensIt) {
  const std::int64_t id = service_->AddPerson(caseworker_, Draft()).value();
  const crypto::BoxKeyPair keys = crypto::NewBoxKeyPair();
  const std::string hex = crypto::ToHex(keys.public_key.data(), keys.public_key.size());
  EXPECT_EQ(service_->AddPartner(caseworker_, "Synthetic Lawyers", "lawyers", hex).error().code,
            ErrorCode::kForbidden);
  const std::int64_t lawyers =
      service_->AddPartner(admin_, "Synthetic Lawyers", "lawyers", hex).value();
  const std::int64_t keyless =
      service_->AddPartner(admin_, "Synthetic Shelter", "shelter", "").value();
  EXPECT_EQ(service_->AddPartner(admin_, "Bad Key", "ngo", "abcd").error().field, "public_key");

  ReferralRequest request{lawyers, {"name", "cases", "needs"}, false, "in_person"};
  EXPECT_EQ(service_->Refer(caseworker_, id, request).error().field, "consent");
  request.consent = true;
  request.partner_id = keyless;
  EXPECT_NE(service_->Refer(caseworker_, id, request).error().message.find("no public key"),
            std::string::npos);
  request.partner_id = lawyers;
  request.fields = {"name", "password"};
  EXPECT_EQ(service_->Refer(caseworker_, id, request).error().field, "fields");
  request.fields = {"name", "cases", "needs"};
  // His identity leaves the organisation: a second person approves the caseworker's request.
  EXPECT_EQ(service_->Refer(caseworker_, id, request).error().code, ErrorCode::kForbidden);
  const std::int64_t asked = service_->RequestReferral(caseworker_, id).value().seq;
  EXPECT_EQ(office_->approvals().Grant(caseworker_, asked).error().code, ErrorCode::kForbidden);
  ASSERT_TRUE(office_->approvals().Grant({12, "second.worker", Role::kCaseworker}, asked).ok());
  const std::int64_t referral = service_->Refer(caseworker_, id, request).value();
  EXPECT_EQ(AuditActions().back(), "referral_made referral:1 person_abroad:1 partner:1");
  EXPECT_EQ(service_->Refer(caseworker_, id, request).error().code, ErrorCode::kForbidden);

  auto package = service_->ReferralPackage(caseworker_, referral).value();
  const std::string raw(package.package.begin(), package.package.end());
  EXPECT_EQ(raw.find("Беглецов"), std::string::npos);
  // Signed with the organisation's key, which the service shows for partners to trust.
  const crypto::Bytes signing = crypto::FromHex(service_->ReferralSigningKey(caseworker_).value());
  crypto::Key32 signer;
  std::copy(signing.begin(), signing.end(), signer.begin());
  auto opened = crypto::OpenReferral(keys.public_key, keys.secret_key, package.package,
                                     {{signer, "Synthetic Office"}});
  ASSERT_TRUE(std::holds_alternative<crypto::OpenedReferral>(opened));
  EXPECT_EQ(std::get<crypto::OpenedReferral>(opened).sender, "Synthetic Office");
  const auto doc = nlohmann::json::parse(std::get<crypto::OpenedReferral>(opened).json.view());
  EXPECT_EQ(doc.at("person"), "ABR-000001");
  EXPECT_EQ(doc.at("shared").at("name"), "Беглецов Иван");
  EXPECT_EQ(doc.at("shared").at("cases").at(0).at("article"), "338.3");
  EXPECT_EQ(doc.at("shared").at("needs"), nlohmann::json::array({"housing", "legal"}));
  EXPECT_FALSE(doc.at("shared").contains("contact"));
  EXPECT_FALSE(doc.at("shared").contains("family"));
  EXPECT_EQ(doc.at("consent").at("how"), "in_person");
  EXPECT_EQ(AuditActions().back(), "referral_package_read referral:1");
  EXPECT_EQ(service_->Referrals(caseworker_, id).value().at(0).fields,
            (std::vector<std::string>{"cases", "name", "needs"}));
}

}  // namespace
}  // namespace lifeline::app
