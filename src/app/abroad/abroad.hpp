#pragma once
// Help abroad as use cases (docs/abroad.md): people who fled, their documents, cases at
// home, proceedings and deadlines, the risk board, pathways, and referrals to partner
// organisations with the person's consent. Every call checks the actor's permission; every
// read of a sealed record and every change is audited.
//
// A person's record (name, contact, country, city, stays, documents, cases at home, family)
// is sealed like a case's: a fresh record key per save, wrapped for the office key. What the
// board needs stays clear and names nobody: his number ("ABR-000042"), wanted status,
// needs, and the dates his record and proceedings set. Thread-safe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/cases/office.hpp"
#include "app/clock.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// A stay in a country; dates as YYYY-MM-DD, `left` empty while he is still there.
struct StayEntry {
  std::string country;  // ISO code, e.g. "KZ"
  std::string entered;
  std::string left;
};

struct HeldDocument {
  abroad::DocumentKind kind = abroad::DocumentKind::kInternalPassport;
  std::string expires;  // YYYY-MM-DD; empty: none stated
};

/// A criminal case at home: the article as penalty.hpp codes it ("338.3") and what is known.
struct CaseAtHome {
  std::string article;
  std::string status;  // free text, e.g. "opened in absentia"
};

struct FamilyMember {
  std::string relation;  // "wife", "son", …
  std::string name;
  std::string where;  // "with him", "at home", …
};

/// The sealed record.
struct PersonAbroadFields {
  std::string name;
  std::string contact;  // how to reach him: a number, a messenger handle
  std::string country;  // where he is now: ISO code, in the countries table
  std::string city;
  std::string arrived_on;                // YYYY-MM-DD: the current stay's start
  std::vector<StayEntry> earlier_stays;  // for rolling-window rules ("90 days in 180")
  std::vector<HeldDocument> documents;   // none at all is a fact worth recording too
  std::vector<CaseAtHome> cases;
  std::vector<FamilyMember> family;
  std::string notes;
};

struct PersonAbroadDraft {
  std::optional<std::int64_t> case_id;
  abroad::WantedStatus wanted = abroad::WantedStatus::kNoneKnown;
  std::vector<abroad::Need> needs;
  PersonAbroadFields fields;
};

struct PersonAbroad {
  store::PersonAbroadRecord stored;
  std::string number;                        // "ABR-000042": what the board and the audit log show
  std::optional<PersonAbroadFields> fields;  // opened by Person() only
  std::vector<abroad::RiskEvent> risks;      // his watched dates from today on
  std::optional<std::string>
      last_legal_day;  // in his current country (past if overstaying); nullopt: unknown
  bool overstaying = false;
  int days_overstayed = 0;        // days present after the last legal day, up to today
  std::chrono::sys_days today{};  // as the service's clock saw it: what "expired" is measured by
};

struct BoardLine {
  store::BoardRow row;
  std::string number;
};

struct ProceedingView {
  store::ProceedingRecord proceeding;
  std::vector<store::ProceedingEvent> events;
};

/// What the person agreed to share, and how he said so.
struct ReferralRequest {
  std::int64_t partner_id = 0;
  std::vector<std::string> fields;  // of ReferralFieldNames()
  bool consent = false;
  std::string consent_how;  // in_person, written, message, call
};

/// The fields a referral can carry.
const std::vector<std::string>& ReferralFieldNames();

class AbroadService {
 public:
  /// All must outlive the service. `office` lends its keys for sealing and opening.
  AbroadService(store::Store& store, AuditLog& audit, const Clock& clock, OfficeService& office);

  /// kWorkAbroad. kInvalidInput naming the field: no name, an unknown country, a date
  /// malformed or in the future, stays that overlap, an article the penalty table lacks.
  Result<std::int64_t> AddPerson(const Actor& actor, const PersonAbroadDraft& draft);
  Status UpdatePerson(const Actor& actor, std::int64_t id, const PersonAbroadDraft& draft);
  /// Opens his record (audited).
  Result<PersonAbroad> Person(const Actor& actor, std::int64_t id);
  /// Clear fields and dates only (nothing opened, nothing audited).
  Result<PersonAbroad> PersonSummary(const Actor& actor, std::int64_t id);

  /// The risk board: page `page` (from 0) of `page_size` lines.
  Result<std::vector<BoardLine>> Board(const Actor& actor, std::size_t page, std::size_t page_size,
                                       bool alerts_only);
  Result<abroad::LeadTimes> LeadTimes(const Actor& actor);
  /// kInvalidInput for a lead time outside 0–365 days.
  Status SetLeadTimes(const Actor& actor, const abroad::LeadTimes& lead);

  Result<std::vector<store::CountryRecord>> Countries(const Actor& actor);
  /// Adds a country or changes its rule, then recomputes the end of permitted stay of
  /// everyone there. kInvalidInput for a code that is not two letters or a rule out of range.
  Status SaveCountry(const Actor& actor, const store::CountryRecord& country);

  /// kInvalidInput for a filing date malformed or in the future.
  Result<std::int64_t> OpenProceeding(const Actor& actor, std::int64_t person_id,
                                      abroad::ProceedingKind kind, const std::string& filed_on);
  /// abroad::ValidateNewEvent's refusals: an event not of this kind, before the filing,
  /// or a watched date in the past.
  Result<std::int64_t> AddProceedingEvent(const Actor& actor, std::int64_t proceeding_id,
                                          const std::string& kind, const std::string& on);
  Status CloseProceeding(const Actor& actor, std::int64_t proceeding_id);
  Result<std::vector<ProceedingView>> Proceedings(const Actor& actor, std::int64_t person_id);

  /// kInvalidInput for a visa pathway without a known target country.
  Result<std::int64_t> OpenPathway(const Actor& actor, std::int64_t person_id,
                                   abroad::PathwayKind kind, const std::string& target_country);
  /// kInvalidInput for a step code not in the pathway's checklist.
  Status SetPathwayStep(const Actor& actor, std::int64_t pathway_id, const std::string& step,
                        abroad::StepStatus status);
  Result<std::vector<store::PathwayRecord>> Pathways(const Actor& actor, std::int64_t person_id);

  /// kManagePartners. `public_key` is the partner's X25519 key as 64 hex digits (what
  /// `lifeline partner-key new` prints), or empty: then no referral can go to it yet.
  Result<std::int64_t> AddPartner(const Actor& actor, const std::string& name,
                                  const std::string& kind, const std::string& public_key);
  /// kWorkAbroad or kManagePartners. Never shows keys, only whether one is registered.
  Result<std::vector<store::PartnerRecord>> Partners(const Actor& actor);
  /// The organisation's public key that signs referral packages, as 64 hex digits: partners
  /// list it as a trusted sender (`lifeline referral open --trusted-senders`). kWorkAbroad or
  /// kManagePartners. Derived from the office secret, so it survives restarts and rotation.
  Result<std::string> ReferralSigningKey(const Actor& actor);

  /// Asks a second person (another caseworker, or an auditor) to approve one referral of
  /// this person (or returns the open request). kForbidden without kWorkAbroad; kNotFound.
  Result<ApprovalRequest> RequestReferral(const Actor& actor, std::int64_t person_id);
  /// The caller's open request to refer this person, if any.
  Result<std::optional<ApprovalRequest>> ReferralApproval(const Actor& actor,
                                                          std::int64_t person_id);

  /// Signs the fields he agreed to share with the organisation's key, seals them to the
  /// partner's key and stores the package (audited). kInvalidInput without consent, with no fields
  /// or an unknown one, or for a partner without a key; then kForbidden without a second
  /// person's approval of the caller's request (RequestReferral), which it uses up.
  Result<std::int64_t> Refer(const Actor& actor, std::int64_t person_id,
                             const ReferralRequest& request);
  Result<std::vector<store::ReferralRecord>> Referrals(const Actor& actor, std::int64_t person_id);
  /// The sealed package, for handing to the partner (audited).
  Result<store::ReferralRecord> ReferralPackage(const Actor& actor, std::int64_t referral_id);

  // The console's pages, each read in one call (abroad_pages.cpp), through the use cases
  // above, which the API calls one by one.

  /// A person's page: his record, opened and audited as Person, then his proceedings with
  /// their events, pathways and referrals, and the partners and countries its forms offer.
  struct PersonFile {
    PersonAbroad person;
    std::vector<ProceedingView> proceedings;
    std::vector<store::PathwayRecord> pathways;
    std::vector<store::PartnerRecord> partners;
    std::vector<store::ReferralRecord> referrals;
    std::vector<store::CountryRecord> countries;
    std::optional<ApprovalRequest> referral_approval;  // the viewer's open request to refer him
  };
  Result<PersonFile> GetPersonFile(const Actor& actor, std::int64_t id);
  /// The countries' page: their stay rules and the board's lead times.
  struct CountriesFile {
    std::vector<store::CountryRecord> countries;
    abroad::LeadTimes lead_times;
  };
  Result<CountriesFile> GetCountriesFile(const Actor& actor);
  /// The partners' page: the partners and the key that signs referrals to them.
  struct PartnersFile {
    std::vector<store::PartnerRecord> partners;
    std::string signing_key;
  };
  Result<PartnersFile> GetPartnersFile(const Actor& actor);

  const Clock& clock() const { return clock_; }

 private:
  Result<PersonAbroadFields> OpenFields(const store::PersonAbroadRecord& stored) const;
  /// Validates and seals `draft` into `row`, with the dates the board watches.
  Result<std::vector<store::RecordDate>> Prepare(const PersonAbroadDraft& draft,
                                                 store::PersonAbroadRecord& row);
  Result<std::vector<store::RecordDate>> RecordDates(const PersonAbroadFields& fields);
  Result<PersonAbroad> View(store::PersonAbroadRecord stored,
                            std::optional<PersonAbroadFields> fields);
  Status Audit(const Actor& actor, AuditAction action, const std::string& target);

  store::Store& store_;
  store::AbroadStore& abroad_;
  AuditLog& audit_;
  const Clock& clock_;
  OfficeService& office_;
};

/// The associated data a person abroad's record key and fields are sealed with.
inline constexpr std::string_view kPersonAbroadSealContext = "lifeline/person-abroad/v1";

/// "ABR-000042".
std::string PersonAbroadNumber(std::int64_t id);

}  // namespace lifeline::app
