#pragma once
// People abroad (store/abroad_store.hpp), written once for both engines over the session
// port: countries, people, their proceedings, the risk board and lead times
// (abroad_people.cpp); pathways, partners and referrals (abroad_help.cpp). Thread-safe,
// through the Sessions it is given.

#include "store/abroad_store.hpp"
#include "store/sql/session.hpp"

namespace lifeline::store::sql {

class SqlAbroadStore final : public AbroadStore {
 public:
  /// `sessions` must outlive this.
  explicit SqlAbroadStore(Sessions& sessions) : db_(sessions) {}

  // abroad_people.cpp
  Result<std::vector<CountryRecord>> ListCountries() override;
  Result<CountryRecord> GetCountry(const std::string& code) override;
  Status SaveCountry(const CountryRecord& country) override;
  Result<std::int64_t> InsertPerson(const PersonAbroadRecord& person,
                                    const std::vector<RecordDate>& dates) override;
  Status UpdatePerson(const PersonAbroadRecord& person,
                      const std::vector<RecordDate>& dates) override;
  Result<PersonAbroadRecord> GetPerson(std::int64_t id) override;
  Result<std::vector<PersonAbroadRecord>> ListPeople(std::int64_t after_id,
                                                     std::size_t limit) override;
  Result<std::int64_t> CountPeople() override;
  Result<std::int64_t> InsertProceeding(const ProceedingRecord& proceeding) override;
  Result<ProceedingRecord> GetProceeding(std::int64_t id) override;
  Result<std::vector<ProceedingRecord>> ListProceedings(std::int64_t person_id) override;
  Result<std::int64_t> InsertProceedingEvent(const ProceedingEvent& event, std::int64_t person_id,
                                             std::optional<abroad::RiskKind> risk) override;
  Result<std::vector<ProceedingEvent>> ListProceedingEvents(std::int64_t proceeding_id) override;
  Status CloseProceeding(std::int64_t id) override;
  Result<std::vector<BoardRow>> RiskBoard(Date today, const abroad::LeadTimes& lead,
                                          std::size_t offset, std::size_t limit,
                                          bool alerts_only) override;
  Result<std::vector<abroad::RiskEvent>> PersonRisks(std::int64_t person_id, Date today) override;
  Result<abroad::LeadTimes> LoadLeadTimes() override;
  Status SaveLeadTimes(const abroad::LeadTimes& lead) override;
  // abroad_help.cpp
  Result<std::int64_t> InsertPathway(const PathwayRecord& pathway) override;
  Result<PathwayRecord> GetPathway(std::int64_t id) override;
  Result<std::vector<PathwayRecord>> ListPathways(std::int64_t person_id) override;
  Status SetPathwayStep(std::int64_t pathway_id, std::size_t step,
                        abroad::StepStatus status) override;
  Result<std::int64_t> InsertPartner(const PartnerRecord& partner) override;
  Result<PartnerRecord> GetPartner(std::int64_t id) override;
  Result<std::vector<PartnerRecord>> ListPartners() override;
  Result<std::int64_t> InsertReferral(const ReferralRecord& referral) override;
  Result<ReferralRecord> GetReferral(std::int64_t id) override;
  Result<std::vector<ReferralRecord>> ListReferrals(std::int64_t person_id) override;

 private:
  Sessions& db_;
};

/// Whether the person exists (abroad_people.cpp).
bool PersonAbroadExists(Session& s, std::int64_t id);

}  // namespace lifeline::store::sql
