// People abroad (app/abroad/abroad.hpp): their sealed records, the dates those set, the risk board
// and the countries' stay rules.

#include "app/abroad/abroad.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/abroad/abroad_record.hpp"
#include "app/sealed_fields.hpp"
#include "domain/abroad/penalty.hpp"
#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::size_t kMaxField = 200;
constexpr std::size_t kMaxNotes = 4000;
constexpr std::size_t kMaxListItems = 50;

std::string Target(std::int64_t id) { return "person_abroad:" + std::to_string(id); }

Status CheckText(const std::string& value, const std::string& field, std::size_t max = kMaxField) {
  if (value.size() > max || !IsValidUtf8(value) ||
      (max == kMaxField && HasControlCharacters(value))) {
    return InvalidInput(fmt::format("{} must be text of at most {} bytes", field, max), field);
  }
  return OkStatus();
}

Result<sys_days> PastDate(const std::string& text, const std::string& field, sys_days today) {
  auto day = ParseIsoDate(text);
  if (!day) return InvalidInput(field + " must be a date like 2026-11-23", field);
  if (sys_days{*day} > today) return InvalidInput(field + " cannot be in the future", field);
  return sys_days{*day};
}

Status ValidateFields(const PersonAbroadFields& f) {
  if (f.name.empty()) return InvalidInput("the name is required", "name");
  for (const auto& [field, value] :
       {std::pair{"name", &f.name}, {"contact", &f.contact}, {"city", &f.city}}) {
    if (auto ok = CheckText(*value, field); !ok) return ok;
  }
  if (auto ok = CheckText(f.notes, "notes", kMaxNotes); !ok) return ok;
  if (f.earlier_stays.size() > kMaxListItems || f.documents.size() > kMaxListItems ||
      f.cases.size() > kMaxListItems || f.family.size() > kMaxListItems) {
    return InvalidInput("a list holds at most 50 entries", "fields");
  }
  for (const auto& d : f.documents) {
    if (!d.expires.empty() && !ParseIsoDate(d.expires)) {
      return InvalidInput("a document's expiry must be a date like 2027-05-31",
                          "documents.expires");
    }
  }
  for (const auto& c : f.cases) {
    if (!abroad::FindPenalty(c.article)) {
      std::string known;
      for (const auto& p : abroad::PenaltyTable())
        known += (known.empty() ? "" : ", ") + std::string(p.code);
      return InvalidInput("the article must be one of the penalty table's: " + known,
                          "cases.article");
    }
    if (auto ok = CheckText(c.status, "cases.status"); !ok) return ok;
  }
  for (const auto& m : f.family) {
    for (const auto& [field, value] : {std::pair{"family.relation", &m.relation},
                                       {"family.name", &m.name},
                                       {"family.where", &m.where}}) {
      if (auto ok = CheckText(*value, field); !ok) return ok;
    }
  }
  return OkStatus();
}

}  // namespace

std::string PersonAbroadNumber(std::int64_t id) { return fmt::format("ABR-{:06d}", id); }

AbroadService::AbroadService(store::Store& store, AuditLog& audit, const Clock& clock,
                             OfficeService& office)
    : store_(store), abroad_(store.Abroad()), audit_(audit), clock_(clock), office_(office) {}

Status AbroadService::Audit(const Actor& actor, AuditAction action, const std::string& target) {
  return audit_.Record({actor.user_id, actor.name, action, target});
}

// The dates his record sets: the last legal day of his stay (in the past if he is
// overstaying already: the board then counts the days since) and his documents' expiry.
Result<std::vector<store::RecordDate>> AbroadService::RecordDates(const PersonAbroadFields& f) {
  const sys_days today{clock_.Today()};
  auto country = abroad_.GetCountry(f.country);
  if (!country && country.error().code == ErrorCode::kNotFound) {
    return InvalidInput(
        "unknown country: a caseworker adds it and its stay rule to the countries table first",
        "country");
  }
  if (!country) return country.error();
  auto arrived = PastDate(f.arrived_on, "arrived_on", today);
  if (!arrived) return arrived.error();

  std::vector<abroad::Stay> all{{*arrived, std::nullopt}};
  std::vector<abroad::Stay> here{{*arrived, std::nullopt}};
  for (const auto& s : f.earlier_stays) {
    auto entered = PastDate(s.entered, "earlier_stays.entered", today);
    if (!entered) return entered.error();
    auto left = PastDate(s.left, "earlier_stays.left", today);
    if (!left) return left.error();
    if (auto known = abroad_.GetCountry(s.country); !known) {
      return InvalidInput("unknown country in an earlier stay", "earlier_stays.country");
    }
    all.push_back({*entered, *left});
    if (s.country == f.country) here.push_back({*entered, *left});
  }
  // Stays anywhere cannot overlap: he was in one country at a time.
  if (auto ok = abroad::ValidateStays(all); !ok)
    return Error{ok.error().code, ok.error().message, "earlier_stays"};
  auto last = abroad::LastLegalDay(country->rule, here, today);
  if (!last) return last.error();

  std::vector<store::RecordDate> dates;
  dates.push_back({abroad::RiskKind::kStayEnds, std::chrono::year_month_day{*last}});
  for (const auto& d : f.documents) {
    if (!d.expires.empty())
      dates.push_back({abroad::RiskKind::kDocumentExpires, *ParseIsoDate(d.expires)});
  }
  return dates;
}

Result<std::vector<store::RecordDate>> AbroadService::Prepare(const PersonAbroadDraft& draft,
                                                              store::PersonAbroadRecord& row) {
  if (auto ok = ValidateFields(draft.fields); !ok) return ok.error();
  auto dates = RecordDates(draft.fields);
  if (!dates) return dates;
  row.case_id = draft.case_id;
  row.wanted = draft.wanted;
  row.needs = draft.needs;
  std::sort(row.needs.begin(), row.needs.end());
  row.needs.erase(std::unique(row.needs.begin(), row.needs.end()), row.needs.end());
  row.updated_at = clock_.Now().time_since_epoch().count();
  std::string plain = EncodeStoredPerson(draft.fields);
  crypto::SealedRecord sealed =
      SealStandaloneRecord(office_.Opener().newest_public(), plain, kPersonAbroadSealContext);
  row.ephemeral_public = sealed.ephemeral_public;
  row.key_generation = sealed.key_generation;
  row.wrapped_key = std::move(sealed.wrapped_key);
  row.sealed_fields = std::move(sealed.ciphertext);
  return dates;
}

Result<std::int64_t> AbroadService::AddPerson(const Actor& actor, const PersonAbroadDraft& draft) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  store::PersonAbroadRecord row;
  auto dates = Prepare(draft, row);
  if (!dates) return dates.error();
  auto id = abroad_.InsertPerson(row, *dates);
  if (!id && id.error().code == ErrorCode::kConflict)
    return Error{ErrorCode::kConflict, "this case has a record abroad already"};
  if (!id) return id;
  const std::string target =
      Target(*id) + (draft.case_id ? " case:" + std::to_string(*draft.case_id) : "");
  if (auto audited = Audit(actor, AuditAction::kPersonAbroadAdded, target); !audited)
    return audited.error();
  return id;
}

Status AbroadService::UpdatePerson(const Actor& actor, std::int64_t id,
                                   const PersonAbroadDraft& draft) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed;
  auto existing = abroad_.GetPerson(id);
  if (!existing) return existing.error();
  store::PersonAbroadRecord row = *existing;
  PersonAbroadDraft kept = draft;
  kept.case_id = existing->case_id;  // where he came from does not change
  auto dates = Prepare(kept, row);
  if (!dates) return dates.error();
  if (auto audited = Audit(actor, AuditAction::kPersonAbroadChanged, Target(id)); !audited)
    return audited;
  return abroad_.UpdatePerson(row, *dates);
}

Result<PersonAbroadFields> AbroadService::OpenFields(const store::PersonAbroadRecord& p) const {
  crypto::SealedRecord sealed{p.ephemeral_public, p.wrapped_key, p.sealed_fields, p.key_generation};
  auto plain = office_.Opener().Open(sealed, kPersonAbroadSealContext);
  if (!plain) return Error{ErrorCode::kInternal, "this person's record does not open"};
  return DecodeStoredPerson(plain->view());
}

Result<PersonAbroad> AbroadService::View(store::PersonAbroadRecord stored,
                                         std::optional<PersonAbroadFields> fields) {
  PersonAbroad p;
  p.number = PersonAbroadNumber(stored.id);
  const auto today = clock_.Today();
  p.today = sys_days{today};
  auto risks = abroad_.PersonRisks(stored.id, today);
  if (!risks) return risks.error();
  p.risks = std::move(*risks);
  auto stay_end = std::find_if(p.risks.begin(), p.risks.end(), [](const abroad::RiskEvent& e) {
    return e.kind == abroad::RiskKind::kStayEnds;
  });
  if (stay_end != p.risks.end()) {
    p.last_legal_day = FormatIsoDate(std::chrono::year_month_day{stay_end->on});
    p.overstaying = stay_end->on < sys_days{today};
    p.days_overstayed = abroad::DaysOverstayed(stay_end->on, sys_days{today});
  }
  p.stored = std::move(stored);
  p.fields = std::move(fields);
  return p;
}

Result<PersonAbroad> AbroadService::Person(const Actor& actor, std::int64_t id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  auto stored = abroad_.GetPerson(id);
  if (!stored) return stored.error();
  if (auto audited = Audit(actor, AuditAction::kPersonAbroadRead, Target(id)); !audited)
    return audited.error();
  auto fields = OpenFields(*stored);
  if (!fields) return fields.error();
  return View(std::move(*stored), std::move(*fields));
}

Result<PersonAbroad> AbroadService::PersonSummary(const Actor& actor, std::int64_t id) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  auto stored = abroad_.GetPerson(id);
  if (!stored) return stored.error();
  return View(std::move(*stored), std::nullopt);
}

Result<std::vector<BoardLine>> AbroadService::Board(const Actor& actor, std::size_t page,
                                                    std::size_t page_size, bool alerts_only) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  auto lead = abroad_.LoadLeadTimes();
  if (!lead) return lead.error();
  auto rows = abroad_.RiskBoard(clock_.Today(), *lead, page * page_size, page_size, alerts_only);
  if (!rows) return rows.error();
  std::vector<BoardLine> out;
  out.reserve(rows->size());
  for (auto& row : *rows) out.push_back({std::move(row), PersonAbroadNumber(row.line.person_id)});
  return out;
}

Result<abroad::LeadTimes> AbroadService::LeadTimes(const Actor& actor) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  return abroad_.LoadLeadTimes();
}

Status AbroadService::SetLeadTimes(const Actor& actor, const abroad::LeadTimes& lead) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed;
  for (int d : lead.days) {
    if (d < 0 || d > 365) return InvalidInput("a lead time is 0 to 365 days", "lead_times");
  }
  if (auto audited = Audit(actor, AuditAction::kStayRuleChanged, "lead_times"); !audited)
    return audited;
  return abroad_.SaveLeadTimes(lead);
}

Result<std::vector<store::CountryRecord>> AbroadService::Countries(const Actor& actor) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed.error();
  return abroad_.ListCountries();
}

// A changed rule moves the last legal day of everyone in that country, so each record is
// opened (in memory, never logged) and its dates saved again. Rules change rarely.
Status AbroadService::SaveCountry(const Actor& actor, const store::CountryRecord& country) {
  if (auto allowed = Require(actor, Permission::kWorkAbroad); !allowed) return allowed;
  const bool code_ok =
      country.code.size() == 2 && std::all_of(country.code.begin(), country.code.end(),
                                              [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!code_ok)
    return InvalidInput("a country's code is its two capital letters (ISO 3166-1), e.g. KZ",
                        "code");
  if (country.name.empty()) return InvalidInput("a country needs a name", "name");
  if (auto ok = CheckText(country.name, "name"); !ok) return ok;
  if (auto ok = CheckText(country.note, "note"); !ok) return ok;
  if (auto ok = abroad::ValidateStayRule(country.rule); !ok) return ok;
  if (auto audited = Audit(actor, AuditAction::kStayRuleChanged, "country:" + country.code);
      !audited)
    return audited;
  if (auto saved = abroad_.SaveCountry(country); !saved) return saved;

  std::int64_t after = 0;
  for (;;) {
    auto batch = abroad_.ListPeople(after, 500);
    if (!batch) return batch.error();
    if (batch->empty()) return OkStatus();
    for (auto& person : *batch) {
      after = person.id;
      auto fields = OpenFields(person);
      if (!fields) return fields.error();
      if (fields->country != country.code) continue;
      auto dates = RecordDates(*fields);
      if (!dates) return dates.error();
      if (auto saved = abroad_.UpdatePerson(person, *dates); !saved) return saved;
    }
  }
}

}  // namespace lifeline::app
