#pragma once
// What the store keeps for people abroad (docs/abroad.md): each person's sealed record and
// the clear fields the risk board needs, the dated events that put someone in danger,
// proceedings, pathways' checklists, the countries' stay rules, partner organisations and
// referrals (whose packages are sealed to the partner's key before they reach the store).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/abroad/pathway.hpp"
#include "domain/abroad/person.hpp"
#include "domain/abroad/proceeding.hpp"
#include "domain/abroad/records.hpp"
#include "domain/abroad/risk.hpp"
#include "domain/abroad/stay.hpp"
#include "domain/result.hpp"
#include "store/records.hpp"

namespace lifeline::store {

using abroad::CountryRecord;
using abroad::PartnerRecord;
using abroad::PathwayRecord;
using abroad::PersonAbroadRecord;
using abroad::ReferralRecord;

/// A date the board watches that comes from the person's record rather than a proceeding:
/// the end of permitted stay, a document's expiry.
struct RecordDate {
  abroad::RiskKind kind = abroad::RiskKind::kStayEnds;
  Date on;
};

struct ProceedingRecord {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  abroad::ProceedingKind kind = abroad::ProceedingKind::kAsylum;
  Date filed_on;
  bool closed = false;  // a closed proceeding's dates leave the board
};

struct ProceedingEvent {
  std::int64_t id = 0;
  std::int64_t proceeding_id = 0;
  std::string kind;  // one of abroad::EventKinds(the proceeding's kind)
  Date on;
};

/// One line of the board before the app adds what it knows: the person's soonest date.
struct BoardRow {
  abroad::RiskLine line;
  abroad::WantedStatus wanted = abroad::WantedStatus::kNoneKnown;
  std::vector<abroad::Need> needs;
  std::vector<abroad::RiskEvent>
      beside;  // his other dates within their lead time (abroad::RisksBeside)
};

class AbroadStore {
 public:
  virtual ~AbroadStore() = default;

  virtual Result<std::vector<CountryRecord>> ListCountries() = 0;
  /// kNotFound.
  virtual Result<CountryRecord> GetCountry(const std::string& code) = 0;
  /// Adds the country or replaces its rule.
  virtual Status SaveCountry(const CountryRecord& country) = 0;

  /// Stores the person with the dates his record sets, in one transaction.
  virtual Result<std::int64_t> InsertPerson(const PersonAbroadRecord& person,
                                            const std::vector<RecordDate>& dates) = 0;
  /// Replaces his record and its dates, in one transaction. kNotFound.
  virtual Status UpdatePerson(const PersonAbroadRecord& person,
                              const std::vector<RecordDate>& dates) = 0;
  virtual Result<PersonAbroadRecord> GetPerson(std::int64_t id) = 0;
  /// Ids from `after_id` on, at most `limit` (for recomputing dates after a rule changes).
  virtual Result<std::vector<PersonAbroadRecord>> ListPeople(std::int64_t after_id,
                                                             std::size_t limit) = 0;
  virtual Result<std::int64_t> CountPeople() = 0;

  /// kNotFound if the person is unknown.
  virtual Result<std::int64_t> InsertProceeding(const ProceedingRecord& proceeding) = 0;
  virtual Result<ProceedingRecord> GetProceeding(std::int64_t id) = 0;
  virtual Result<std::vector<ProceedingRecord>> ListProceedings(std::int64_t person_id) = 0;
  /// `risk` is what the board watches of it (nullopt: nothing). kNotFound.
  virtual Result<std::int64_t> InsertProceedingEvent(const ProceedingEvent& event,
                                                     std::int64_t person_id,
                                                     std::optional<abroad::RiskKind> risk) = 0;
  virtual Result<std::vector<ProceedingEvent>> ListProceedingEvents(std::int64_t proceeding_id) = 0;
  /// Closes it and takes its dates off the board. kNotFound.
  virtual Status CloseProceeding(std::int64_t id) = 0;

  /// The board: first those whose permitted stay ended before `today` (overstaying, oldest
  /// first, days_left negative), then one line per person with a watched date from `today`
  /// on, soonest first (graver kind first on the same day, then person id); lines `offset`
  /// to offset+limit. A line's alert is raised by any of his dates inside its kind's lead
  /// time, and those other than the line's own are listed `beside` it. With `alerts_only`,
  /// only people with such a date, each at the first of them.
  virtual Result<std::vector<BoardRow>> RiskBoard(Date today, const abroad::LeadTimes& lead,
                                                  std::size_t offset, std::size_t limit,
                                                  bool alerts_only) = 0;
  /// The person's watched dates from `today` on, and the end of his permitted stay even if
  /// past (he is overstaying), soonest first.
  virtual Result<std::vector<abroad::RiskEvent>> PersonRisks(std::int64_t person_id,
                                                             Date today) = 0;
  virtual Result<abroad::LeadTimes> LoadLeadTimes() = 0;
  virtual Status SaveLeadTimes(const abroad::LeadTimes& lead) = 0;

  virtual Result<std::int64_t> InsertPathway(const PathwayRecord& pathway) = 0;
  virtual Result<PathwayRecord> GetPathway(std::int64_t id) = 0;
  virtual Result<std::vector<PathwayRecord>> ListPathways(std::int64_t person_id) = 0;
  /// kNotFound for an unknown pathway or a step index outside its checklist.
  virtual Status SetPathwayStep(std::int64_t pathway_id, std::size_t step,
                                abroad::StepStatus status) = 0;

  /// kConflict if the name is taken.
  virtual Result<std::int64_t> InsertPartner(const PartnerRecord& partner) = 0;
  virtual Result<PartnerRecord> GetPartner(std::int64_t id) = 0;
  virtual Result<std::vector<PartnerRecord>> ListPartners() = 0;

  virtual Result<std::int64_t> InsertReferral(const ReferralRecord& referral) = 0;
  virtual Result<ReferralRecord> GetReferral(std::int64_t id) = 0;
  /// Without their packages.
  virtual Result<std::vector<ReferralRecord>> ListReferrals(std::int64_t person_id) = 0;
};

}  // namespace lifeline::store
