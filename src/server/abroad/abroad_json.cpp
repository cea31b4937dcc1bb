#include "server/abroad/abroad_json.hpp"

#include "app/abroad/abroad_json.hpp"

namespace lifeline::server {
namespace {

using nlohmann::json;

constexpr abroad::RiskKind kAllRisks[] = {
    abroad::RiskKind::kExtraditionHearing, abroad::RiskKind::kDeportation,
    abroad::RiskKind::kStayEnds,           abroad::RiskKind::kAppealDeadline,
    abroad::RiskKind::kCourtHearing,       abroad::RiskKind::kAsylumInterview,
    abroad::RiskKind::kDocumentExpires};

json NeedsJson(const std::vector<abroad::Need>& needs) {
  json out = json::array();
  for (abroad::Need n : needs) out.push_back(abroad::ToString(n));
  return out;
}

json RiskJson(const abroad::RiskEvent& e) {
  return {{"kind", abroad::ToString(e.kind)},
          {"on", FormatIsoDate(std::chrono::year_month_day{e.on})}};
}

}  // namespace

Result<app::PersonAbroadDraft> PersonDraftFromJson(const json& doc) {
  app::PersonAbroadDraft d;
  const json wanted = doc.value("wanted", json("none_known"));
  auto parsed =
      wanted.is_string() ? abroad::ParseWantedStatus(wanted.get<std::string>()) : std::nullopt;
  if (!parsed) {
    return InvalidInput(
        "wanted is none_known, national_list, interstate_list or international_notice_requested",
        "wanted");
  }
  d.wanted = *parsed;
  const json needs = doc.value("needs", json::array());
  if (!needs.is_array()) return InvalidInput("needs must be a list", "needs");
  for (const json& n : needs) {
    auto need = n.is_string() ? abroad::ParseNeed(n.get<std::string>()) : std::nullopt;
    if (!need) return InvalidInput("a need is housing, money, medical or legal", "needs");
    d.needs.push_back(*need);
  }
  if (const json c = doc.value("case", json()); c.is_number_integer())
    d.case_id = c.get<std::int64_t>();
  auto fields = app::PersonFieldsFromJson(doc.value("fields", json::object()));
  if (!fields) return fields.error();
  d.fields = std::move(*fields);
  return d;
}

json PersonJson(const app::PersonAbroad& p) {
  json risks = json::array();
  for (const auto& r : p.risks) risks.push_back(RiskJson(r));
  json out = {{"id", p.stored.id},
              {"number", p.number},
              {"wanted", abroad::ToString(p.stored.wanted)},
              {"needs", NeedsJson(p.stored.needs)},
              {"risks", risks},
              {"last_legal_day", p.last_legal_day ? json(*p.last_legal_day) : json()},
              {"overstaying", p.overstaying},
              {"days_overstayed", p.days_overstayed}};
  if (p.stored.case_id) out["case"] = *p.stored.case_id;
  if (p.fields) out["fields"] = app::ToJson(*p.fields);
  return out;
}

json BoardLineJson(const app::BoardLine& l) {
  json beside = json::array();
  for (const auto& r : l.row.beside) beside.push_back(RiskJson(r));
  return {{"id", l.row.line.person_id},
          {"number", l.number},
          {"next", RiskJson(l.row.line.next)},
          {"days_left", l.row.line.days_left},
          {"alert", l.row.line.alert},
          {"beside", beside},
          {"wanted", abroad::ToString(l.row.wanted)},
          {"needs", NeedsJson(l.row.needs)}};
}

json ProceedingJson(const app::ProceedingView& v) {
  json events = json::array();
  for (const auto& e : v.events)
    events.push_back({{"id", e.id}, {"kind", e.kind}, {"on", FormatIsoDate(e.on)}});
  return {{"id", v.proceeding.id},
          {"kind", abroad::ToString(v.proceeding.kind)},
          {"filed_on", FormatIsoDate(v.proceeding.filed_on)},
          {"closed", v.proceeding.closed},
          {"events", events}};
}

json PathwayJson(const abroad::PathwayRecord& p) {
  json steps = json::array();
  const auto checklist = abroad::PathwaySteps(p.kind);
  for (std::size_t i = 0; i < checklist.size(); ++i) {
    const auto status = i < p.steps.size() ? p.steps[i] : abroad::StepStatus::kMissing;
    steps.push_back({{"code", checklist[i].code},
                     {"label", checklist[i].label},
                     {"document", checklist[i].document},
                     {"status", abroad::ToString(status)}});
  }
  json open = json::array();
  for (auto code : abroad::OpenSteps(p.kind, p.steps)) open.push_back(code);
  json out = {{"id", p.id},
              {"kind", abroad::ToString(p.kind)},
              {"opened_on", FormatIsoDate(p.opened_on)},
              {"steps", steps},
              {"open", open}};
  if (!p.target_country.empty()) out["target_country"] = p.target_country;
  return out;
}

json CountryJson(const abroad::CountryRecord& c) {
  return {{"code", c.code},
          {"name", c.name},
          {"days_allowed", c.rule.days_allowed},
          {"period_days", c.rule.period_days},
          {"note", c.note}};
}

json PartnerJson(const abroad::PartnerRecord& p) {
  return {{"id", p.id}, {"name", p.name}, {"kind", p.kind}, {"has_key", p.public_key.has_value()}};
}

json ReferralJson(const abroad::ReferralRecord& r) {
  return {{"id", r.id},
          {"partner", r.partner_id},
          {"fields", r.fields},
          {"consent_on", FormatIsoDate(r.consent_on)},
          {"consent_how", r.consent_how}};
}

json LeadTimesJson(const abroad::LeadTimes& lead) {
  json out = json::object();
  for (auto kind : kAllRisks) out[std::string(abroad::ToString(kind))] = lead.For(kind);
  return out;
}

Result<abroad::LeadTimes> LeadTimesFromJson(const json& doc, abroad::LeadTimes base) {
  for (const auto& [key, value] : doc.items()) {
    auto kind = abroad::ParseRiskKind(key);
    if (!kind) {
      return InvalidInput(
          "the kinds of date are extradition_hearing, deportation, stay_ends, appeal_deadline, "
          "court_hearing, asylum_interview and document_expires",
          "lead_times");
    }
    if (!value.is_number_integer())
      return InvalidInput("a lead time is a whole number of days", "lead_times");
    base.days[static_cast<int>(*kind)] = value.get<int>();
  }
  return base;
}

}  // namespace lifeline::server
