// Proceedings and their dates, pathways' checklists, partners and referrals
// (app/abroad/abroad.hpp).

#include <fmt/format.h>

#include <algorithm>

#include "app/abroad/abroad.hpp"
#include "app/abroad/abroad_json.hpp"
#include "crypto/crypto.hpp"
#include "crypto/referral_package.hpp"
#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

using nlohmann::json;
using std::chrono::sys_days;

std::string Target(std::int64_t id) { return "person_abroad:" + std::to_string(id); }

constexpr std::array kPartnerKinds = {"lawyers", "shelter", "ngo", "medical", "employer"};
constexpr std::array kConsentWays = {"in_person", "written", "message", "call"};

template <typename List>
bool Contains(const List& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The package a partner opens: only what he agreed to share, and the consent itself.
json Package(const std::string& number, const PersonAbroadFields& f,
             const store::PersonAbroadRecord& row, const std::vector<ProceedingView>& proceedings,
             const ReferralRequest& request, const std::string& today) {
  const json all = ToJson(f);
  json shared = json::object();
  for (const std::string& field : request.fields) {
    if (field == "needs") {
      json needs = json::array();
      for (abroad::Need n : row.needs) needs.push_back(abroad::ToString(n));
      shared["needs"] = needs;
    } else if (field == "wanted_status") {
      shared["wanted_status"] = abroad::ToString(row.wanted);
    } else if (field == "proceedings") {
      json list = json::array();
      for (const auto& p : proceedings) {
        json events = json::array();
        for (const auto& e : p.events)
          events.push_back({{"kind", e.kind}, {"on", FormatIsoDate(e.on)}});
        list.push_back({{"kind", abroad::ToString(p.proceeding.kind)},
                        {"filed_on", FormatIsoDate(p.proceeding.filed_on)},
                        {"closed", p.proceeding.closed},
                        {"events", events}});
      }
      shared["proceedings"] = list;
    } else {
      shared[field] = all.at(field);
    }
  }
  return {{"from", "lifeline"},
          {"person", number},
          {"consent", {{"on", today}, {"how", request.consent_how}, {"fields", request.fields}}},
          {"shared", shared}};
}

}  // namespace

const std::vector<std::string>& ReferralFieldNames() {
  static const std::vector<std::string> kNames = {"name",          "contact",    "country", "city",
                                                  "documents",     "cases",      "family",  "needs",
                                                  "wanted_status", "proceedings"};
  return kNames;
}

Result<std::int64_t> AbroadService::OpenProceeding(const Actor& actor, std::int64_t person_id,
                                                   abroad::ProceedingKind kind,
                                                   const std::string& filed_on) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  auto filed = ParseIsoDate(filed_on);
  if (!filed) return InvalidInput("filed_on must be a date like 2026-11-23", "filed_on");
  if (sys_days{*filed} > sys_days{clock_.Today()})
    return InvalidInput("filed_on cannot be in the future", "filed_on");
  auto id = abroad_.InsertProceeding({0, person_id, kind, *filed, false});
  if (!id) return id;
  if (auto audited = Audit(actor, AuditAction::kPersonAbroadChanged, Target(person_id)); !audited)
    return audited.error();
  return id;
}

Result<std::int64_t> AbroadService::AddProceedingEvent(const Actor& actor,
                                                       std::int64_t proceeding_id,
                                                       const std::string& kind,
                                                       const std::string& on) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  auto proceeding = abroad_.GetProceeding(proceeding_id);
  if (!proceeding) return proceeding.error();
  if (proceeding->closed) return Error{ErrorCode::kConflict, "this proceeding is closed"};
  auto day = ParseIsoDate(on);
  if (!day) return InvalidInput("on must be a date like 2026-12-01", "on");
  if (auto ok = abroad::ValidateNewEvent(proceeding->kind, kind, sys_days{*day},
                                         sys_days{proceeding->filed_on}, sys_days{clock_.Today()});
      !ok) {
    return ok.error();
  }
  const auto event_kind = abroad::FindEventKind(proceeding->kind, kind);
  auto id = abroad_.InsertProceedingEvent({0, proceeding_id, kind, *day}, proceeding->person_id,
                                          event_kind->risk);
  if (!id) return id;
  if (auto audited = Audit(actor, AuditAction::kPersonAbroadChanged, Target(proceeding->person_id));
      !audited) {
    return audited.error();
  }
  return id;
}

Status AbroadService::CloseProceeding(const Actor& actor, std::int64_t proceeding_id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed;
  auto proceeding = abroad_.GetProceeding(proceeding_id);
  if (!proceeding) return proceeding.error();
  if (auto audited = Audit(actor, AuditAction::kPersonAbroadChanged, Target(proceeding->person_id));
      !audited) {
    return audited;
  }
  return abroad_.CloseProceeding(proceeding_id);
}

Result<std::vector<ProceedingView>> AbroadService::Proceedings(const Actor& actor,
                                                               std::int64_t person_id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  auto list = abroad_.ListProceedings(person_id);
  if (!list) return list.error();
  std::vector<ProceedingView> out;
  for (auto& p : *list) {
    auto events = abroad_.ListProceedingEvents(p.id);
    if (!events) return events.error();
    out.push_back({std::move(p), std::move(*events)});
  }
  return out;
}

Result<std::int64_t> AbroadService::OpenPathway(const Actor& actor, std::int64_t person_id,
                                                abroad::PathwayKind kind,
                                                const std::string& target_country) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  std::string target;
  if (abroad::NeedsTargetCountry(kind)) {
    auto country = abroad_.GetCountry(target_country);
    if (!country && country.error().code == ErrorCode::kNotFound) {
      return InvalidInput("a visa pathway needs a target country from the countries table",
                          "target_country");
    }
    if (!country) return country.error();
    target = country->code;
  }
  store::PathwayRecord row{0,
                           person_id,
                           kind,
                           target,
                           clock_.Today(),
                           std::vector<abroad::StepStatus>(abroad::PathwaySteps(kind).size(),
                                                           abroad::StepStatus::kMissing)};
  auto id = abroad_.InsertPathway(row);
  if (!id) return id;
  if (auto audited = Audit(actor, AuditAction::kPersonAbroadChanged, Target(person_id)); !audited)
    return audited.error();
  return id;
}

Status AbroadService::SetPathwayStep(const Actor& actor, std::int64_t pathway_id,
                                     const std::string& step, abroad::StepStatus status) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed;
  auto pathway = abroad_.GetPathway(pathway_id);
  if (!pathway) return pathway.error();
  const auto steps = abroad::PathwaySteps(pathway->kind);
  auto it = std::find_if(steps.begin(), steps.end(),
                         [&](const abroad::PathwayStep& s) { return s.code == step; });
  if (it == steps.end()) return InvalidInput("this pathway's checklist has no such step", "step");
  if (auto audited = Audit(actor, AuditAction::kPersonAbroadChanged, Target(pathway->person_id));
      !audited)
    return audited;
  return abroad_.SetPathwayStep(pathway_id, static_cast<std::size_t>(it - steps.begin()), status);
}

Result<std::vector<store::PathwayRecord>> AbroadService::Pathways(const Actor& actor,
                                                                  std::int64_t person_id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  return abroad_.ListPathways(person_id);
}

Result<std::int64_t> AbroadService::AddPartner(const Actor& actor, const std::string& name,
                                               const std::string& kind,
                                               const std::string& public_key) {
  if (auto allowed = Require(actor, Permission::kManagePartners); !allowed) return allowed.error();
  if (name.empty() || name.size() > 100 || !IsValidUtf8(name) || HasControlCharacters(name)) {
    return InvalidInput("a partner's name is 1 to 100 bytes of text", "name");
  }
  if (!Contains(kPartnerKinds, kind))
    return InvalidInput("kind is lawyers, shelter, ngo, medical or employer", "kind");
  store::PartnerRecord row{0, name, kind, std::nullopt};
  if (!public_key.empty()) {
    const crypto::Bytes key = crypto::FromHex(public_key);
    if (key.size() != 32) {
      return InvalidInput(
          "the public key is 64 hex digits, as `lifeline partner-key new` prints it", "public_key");
    }
    row.public_key.emplace();
    std::copy(key.begin(), key.end(), row.public_key->begin());
  }
  auto id = abroad_.InsertPartner(row);
  if (!id && id.error().code == ErrorCode::kConflict)
    return Error{ErrorCode::kConflict, "a partner with this name exists"};
  if (!id) return id;
  if (auto audited = Audit(actor, AuditAction::kPartnerAdded, "partner:" + std::to_string(*id));
      !audited) {
    return audited.error();
  }
  return id;
}

Result<std::vector<store::PartnerRecord>> AbroadService::Partners(const Actor& actor) {
  if (!Require(actor, Permission::kWorkAbroad) && !Require(actor, Permission::kManagePartners)) {
    return Error{ErrorCode::kForbidden, "your role does not allow this"};
  }
  return abroad_.ListPartners();
}

namespace {

// The organisation's referral-signing key: derived from the office secret like the other
// office subkeys, so it is never stored and every instance signs with the same key.
crypto::ReferralSigner Signer(OfficeService& office) {
  return crypto::ReferralSignerFromSeed(
      office.Opener().DeriveSubkey("lifeline/referral-signing/v1"));
}

}  // namespace

Result<std::string> AbroadService::ReferralSigningKey(const Actor& actor) {
  if (!Require(actor, Permission::kWorkAbroad) && !Require(actor, Permission::kManagePartners)) {
    return Error{ErrorCode::kForbidden, "your role does not allow this"};
  }
  const crypto::ReferralSigner signer = Signer(office_);
  return crypto::ToHex(signer.public_key.data(), signer.public_key.size());
}

Result<ApprovalRequest> AbroadService::RequestReferral(const Actor& actor, std::int64_t person_id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  auto stored = abroad_.GetPerson(person_id);
  if (!stored) return stored.error();
  return office_.approvals().Request(actor, ReferralSubject(person_id));
}

Result<std::optional<ApprovalRequest>> AbroadService::ReferralApproval(const Actor& actor,
                                                                       std::int64_t person_id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  return office_.approvals().LatestOf(actor, ReferralSubject(person_id));
}

Result<std::int64_t> AbroadService::Refer(const Actor& actor, std::int64_t person_id,
                                          const ReferralRequest& request) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  if (!request.consent) {
    return InvalidInput(
        "a referral needs the person's consent to share exactly these fields with this partner",
        "consent");
  }
  if (!Contains(kConsentWays, request.consent_how)) {
    return InvalidInput("consent_how is in_person, written, message or call", "consent_how");
  }
  if (request.fields.empty())
    return InvalidInput("choose at least one field he agreed to share", "fields");
  for (const auto& field : request.fields) {
    if (!Contains(ReferralFieldNames(), field))
      return InvalidInput("no such field to share: see the form's list", "fields");
  }
  auto partner = abroad_.GetPartner(request.partner_id);
  if (!partner && partner.error().code == ErrorCode::kNotFound)
    return InvalidInput("no such partner", "partner_id");
  if (!partner) return partner.error();
  if (!partner->public_key) {
    return InvalidInput(
        "this partner has no public key registered, so nothing can be sent to it securely",
        "partner_id");
  }
  auto stored = abroad_.GetPerson(person_id);
  if (!stored) return stored.error();
  // His identity leaves the organisation: a second person approves each referral
  // (app/audit/approvals.hpp), after the form is known to be right.
  if (auto approved = office_.approvals().Use(actor, ReferralSubject(person_id)); !approved)
    return approved.error();
  auto fields = OpenFields(*stored);
  if (!fields) return fields.error();
  auto proceedings = Proceedings(actor, person_id);
  if (!proceedings) return proceedings.error();

  std::vector<std::string> chosen = request.fields;
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  ReferralRequest normalised = request;
  normalised.fields = chosen;
  const std::string today = FormatIsoDate(clock_.Today());
  std::string plain =
      Package(PersonAbroadNumber(person_id), *fields, *stored, *proceedings, normalised, today)
          .dump();
  store::ReferralRecord row{
      0,
      person_id,
      request.partner_id,
      chosen,
      clock_.Today(),
      request.consent_how,
      clock_.Now().time_since_epoch().count(),
      actor.user_id,
      crypto::SignAndSealReferral(Signer(office_), *partner->public_key, plain)};
  std::fill(plain.begin(), plain.end(), '\0');
  auto id = abroad_.InsertReferral(row);
  if (!id) return id;
  const std::string target =
      fmt::format("referral:{} {} partner:{}", *id, Target(person_id), request.partner_id);
  if (auto audited = Audit(actor, AuditAction::kReferralMade, target); !audited)
    return audited.error();
  return id;
}

Result<std::vector<store::ReferralRecord>> AbroadService::Referrals(const Actor& actor,
                                                                    std::int64_t person_id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  return abroad_.ListReferrals(person_id);
}

Result<store::ReferralRecord> AbroadService::ReferralPackage(const Actor& actor,
                                                             std::int64_t referral_id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  auto referral = abroad_.GetReferral(referral_id);
  if (!referral) return referral;
  if (auto audited = Audit(actor, AuditAction::kReferralPackageRead,
                           "referral:" + std::to_string(referral_id));
      !audited) {
    return audited.error();
  }
  return referral;
}

}  // namespace lifeline::app
