#include "store/postgres/abroad_store.hpp"

#include <algorithm>
#include <unordered_set>

#include "store/abroad_lists.hpp"
#include "store/postgres/rows.hpp"

namespace lifeline::store::postgres {
namespace {

using namespace rows;
using std::chrono::days;
using std::chrono::sys_days;

constexpr std::string_view kPersonColumns =
    "id, case_id, wanted, needs, updated_at, ephemeral_public, key_generation, wrapped_key, sealed_fields";
constexpr std::string_view kReferralColumns =
    "id, person_id, partner_id, fields, consent_on, consent_how, created_at, created_by";
constexpr int kStayEnds = static_cast<int>(abroad::RiskKind::kStayEnds);

abroad::RiskKind ReadRisk(std::int64_t value) {
  if (value < 0 || value > static_cast<std::int64_t>(abroad::RiskKind::kDocumentExpires)) {
    throw PgError("XX000", "a stored risk is unknown to this version");
  }
  return static_cast<abroad::RiskKind>(value);
}

PersonAbroadRecord ReadPerson(const PgResult& r, int row) {
  PersonAbroadRecord p;
  p.id = r.Int(row, 0);
  p.case_id = r.OptionalInt(row, 1);
  p.wanted = OrCorrupt(abroad::ParseWantedStatus(r.Text(row, 2)));
  p.needs = OrCorrupt(abroad_lists::DecodeNeeds(r.Text(row, 3)));
  p.updated_at = r.Int(row, 4);
  p.ephemeral_public = ReadBlob32(r, row, 5);
  p.key_generation = r.Int(row, 6);
  p.wrapped_key = r.Bytes(row, 7);
  p.sealed_fields = r.Bytes(row, 8);
  return p;
}

ProceedingRecord ReadProceeding(const PgResult& r, int row) {
  return {r.Int(row, 0), r.Int(row, 1), OrCorrupt(abroad::ParseProceedingKind(r.Text(row, 2))), ReadDate(r, row, 3),
          r.Int(row, 4) != 0};
}

PathwayRecord ReadPathway(const PgResult& r, int row) {
  return {r.Int(row, 0), r.Int(row, 1), OrCorrupt(abroad::ParsePathwayKind(r.Text(row, 2))), r.Text(row, 3),
          ReadDate(r, row, 4), OrCorrupt(abroad_lists::DecodeSteps(r.Text(row, 5)))};
}

PartnerRecord ReadPartner(const PgResult& r, int row) {
  PartnerRecord p{r.Int(row, 0), r.Text(row, 1), r.Text(row, 2), std::nullopt};
  if (!r.IsNull(row, 3)) p.public_key = ReadBlob32(r, row, 3);
  return p;
}

ReferralRecord ReadReferral(const PgResult& r, int row) {
  return {r.Int(row, 0), r.Int(row, 1), r.Int(row, 2), abroad_lists::Split(r.Text(row, 3)), ReadDate(r, row, 4),
          r.Text(row, 5), r.Int(row, 6), r.Int(row, 7), {}};
}

void ReplaceRecordDates(PgConnection& c, std::int64_t person_id, const std::vector<RecordDate>& dates) {
  c.Exec("DELETE FROM abroad_events WHERE person_id = $1 AND proceeding_id IS NULL", Params().Add(person_id));
  for (const RecordDate& d : dates) {
    c.Exec("INSERT INTO abroad_events (person_id, kind, on_day, risk) VALUES ($1, $2, $3, $4)",
           Params().Add(person_id).Add(abroad::ToString(d.kind)).Add(FormatIsoDate(d.on)).Add(std::int64_t{static_cast<int>(d.kind)}));
  }
}

Params PersonParams(const PersonAbroadRecord& p) {
  Params params;
  params.Add(abroad::ToString(p.wanted)).Add(abroad_lists::EncodeNeeds(p.needs)).Add(p.updated_at);
  params.AddBytes(p.ephemeral_public).Add(p.key_generation).AddBytes(p.wrapped_key).AddBytes(p.sealed_fields);
  return params;
}

bool PersonExists(PgConnection& c, std::int64_t id) {
  return c.Exec("SELECT 1 FROM people_abroad WHERE id = $1", Params().Add(id)).rows() > 0;
}

}  // namespace

Result<std::vector<CountryRecord>> PgAbroadStore::ListCountries() {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<CountryRecord>> {
    auto r = c.Exec("SELECT code, name, days_allowed, period_days, note FROM abroad_countries ORDER BY name");
    std::vector<CountryRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({r.Text(i, 0), r.Text(i, 1), {static_cast<int>(r.Int(i, 2)), static_cast<int>(r.Int(i, 3))}, r.Text(i, 4)});
    }
    return out;
  });
}

Result<CountryRecord> PgAbroadStore::GetCountry(const std::string& code) {
  return pool_.With([&](PgConnection& c) -> Result<CountryRecord> {
    auto r = c.Exec("SELECT code, name, days_allowed, period_days, note FROM abroad_countries WHERE code = $1",
                    Params().Add(code));
    if (r.rows() == 0) return NotFound("no such country");
    return CountryRecord{r.Text(0, 0), r.Text(0, 1), {static_cast<int>(r.Int(0, 2)), static_cast<int>(r.Int(0, 3))}, r.Text(0, 4)};
  });
}

Status PgAbroadStore::SaveCountry(const CountryRecord& country) {
  return pool_.With([&](PgConnection& c) -> Status {
    c.Exec("INSERT INTO abroad_countries (code, name, days_allowed, period_days, note) VALUES ($1, $2, $3, $4, $5) "
           "ON CONFLICT (code) DO UPDATE SET name = excluded.name, days_allowed = excluded.days_allowed, "
           "period_days = excluded.period_days, note = excluded.note",
           Params().Add(country.code).Add(country.name).Add(std::int64_t{country.rule.days_allowed})
               .Add(std::int64_t{country.rule.period_days}).Add(country.note));
    return OkStatus();
  });
}

Result<std::int64_t> PgAbroadStore::InsertPerson(const PersonAbroadRecord& p, const std::vector<RecordDate>& dates) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    Params params = PersonParams(p);
    params.Add(p.case_id);
    const std::int64_t id =
        c.Exec("INSERT INTO people_abroad (wanted, needs, updated_at, ephemeral_public, key_generation, wrapped_key, "
               "sealed_fields, case_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
               params)
            .Int(0, 0);
    ReplaceRecordDates(c, id, dates);
    tx.Commit();
    return id;
  });
}

Status PgAbroadStore::UpdatePerson(const PersonAbroadRecord& p, const std::vector<RecordDate>& dates) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    Params params = PersonParams(p);
    params.Add(p.id);
    auto r = c.Exec("UPDATE people_abroad SET wanted = $1, needs = $2, updated_at = $3, ephemeral_public = $4, "
                    "key_generation = $5, wrapped_key = $6, sealed_fields = $7 WHERE id = $8",
                    params);
    if (r.affected() == 0) return NotFound("no such person");
    ReplaceRecordDates(c, p.id, dates);
    tx.Commit();
    return OkStatus();
  });
}

Result<PersonAbroadRecord> PgAbroadStore::GetPerson(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<PersonAbroadRecord> {
    auto r = c.Exec("SELECT " + std::string(kPersonColumns) + " FROM people_abroad WHERE id = $1", Params().Add(id));
    if (r.rows() == 0) return NotFound("no such person");
    return ReadPerson(r, 0);
  });
}

Result<std::vector<PersonAbroadRecord>> PgAbroadStore::ListPeople(std::int64_t after_id, std::size_t limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<PersonAbroadRecord>> {
    auto r = c.Exec("SELECT " + std::string(kPersonColumns) + " FROM people_abroad WHERE id > $1 ORDER BY id LIMIT $2",
                    Params().Add(after_id).Add(static_cast<std::int64_t>(limit)));
    std::vector<PersonAbroadRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadPerson(r, i));
    return out;
  });
}

Result<std::int64_t> PgAbroadStore::CountPeople() {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> { return c.Exec("SELECT count(*) FROM people_abroad").Int(0, 0); });
}

Result<std::int64_t> PgAbroadStore::InsertProceeding(const ProceedingRecord& p) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    if (!PersonExists(c, p.person_id)) return NotFound("no such person");
    return c.Exec("INSERT INTO abroad_proceedings (person_id, kind, filed_on) VALUES ($1, $2, $3) RETURNING id",
                  Params().Add(p.person_id).Add(abroad::ToString(p.kind)).Add(FormatIsoDate(p.filed_on)))
        .Int(0, 0);
  });
}

Result<ProceedingRecord> PgAbroadStore::GetProceeding(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<ProceedingRecord> {
    auto r = c.Exec("SELECT id, person_id, kind, filed_on, closed FROM abroad_proceedings WHERE id = $1", Params().Add(id));
    if (r.rows() == 0) return NotFound("no such proceeding");
    return ReadProceeding(r, 0);
  });
}

Result<std::vector<ProceedingRecord>> PgAbroadStore::ListProceedings(std::int64_t person_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<ProceedingRecord>> {
    auto r = c.Exec("SELECT id, person_id, kind, filed_on, closed FROM abroad_proceedings WHERE person_id = $1 ORDER BY id",
                    Params().Add(person_id));
    std::vector<ProceedingRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadProceeding(r, i));
    return out;
  });
}

Result<std::int64_t> PgAbroadStore::InsertProceedingEvent(const ProceedingEvent& e, std::int64_t person_id,
                                                         std::optional<abroad::RiskKind> risk) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    // FOR SHARE: a close racing with this insert waits, so a closed proceeding gains no date.
    auto open = c.Exec("SELECT closed FROM abroad_proceedings WHERE id = $1 AND person_id = $2 FOR SHARE",
                       Params().Add(e.proceeding_id).Add(person_id));
    if (open.rows() == 0) return NotFound("no such proceeding");
    const bool watched = risk && open.Int(0, 0) == 0;
    Params params;
    params.Add(person_id).Add(e.proceeding_id).Add(e.kind).Add(FormatIsoDate(e.on));
    if (watched) params.Add(std::int64_t{static_cast<int>(*risk)}); else params.AddNull();
    const std::int64_t id = c.Exec("INSERT INTO abroad_events (person_id, proceeding_id, kind, on_day, risk) "
                                   "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                   params)
                                .Int(0, 0);
    tx.Commit();
    return id;
  });
}

Result<std::vector<ProceedingEvent>> PgAbroadStore::ListProceedingEvents(std::int64_t proceeding_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<ProceedingEvent>> {
    auto r = c.Exec("SELECT id, proceeding_id, kind, on_day FROM abroad_events WHERE proceeding_id = $1 ORDER BY on_day, id",
                    Params().Add(proceeding_id));
    std::vector<ProceedingEvent> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.Int(i, 0), r.Int(i, 1), r.Text(i, 2), ReadDate(r, i, 3)});
    return out;
  });
}

Status PgAbroadStore::CloseProceeding(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    if (c.Exec("UPDATE abroad_proceedings SET closed = 1 WHERE id = $1", Params().Add(id)).affected() == 0) {
      return NotFound("no such proceeding");
    }
    c.Exec("UPDATE abroad_events SET risk = NULL WHERE proceeding_id = $1", Params().Add(id));
    tx.Commit();
    return OkStatus();
  });
}

// As SQLite's: walk the dates in the board's order and stop when the page is full. A cursor
// fetches them in batches, so a page costs the dates before it, not every date.
Result<std::vector<BoardRow>> PgAbroadStore::RiskBoard(Date today, const abroad::LeadTimes& lead, std::size_t offset,
                                                       std::size_t limit, bool alerts_only) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<BoardRow>> {
    PgTransaction tx(c, PgTransaction::Isolation::kRepeatableRead);
    const sys_days from{today};
    const std::string horizon = FormatIsoDate(Date{from + days{*std::max_element(std::begin(lead.days), std::end(lead.days))}});
    const std::string today_text = FormatIsoDate(today);
    std::unordered_set<std::int64_t> seen;
    std::vector<BoardRow> out;
    std::size_t skipped = 0;
    auto take = [&](const abroad::RiskEvent& event, bool alert) {
      if (!seen.insert(event.person_id).second) return;
      if (skipped < offset) {
        ++skipped;
        return;
      }
      out.push_back({{event.person_id, event, static_cast<int>((event.on - from).count()), alert}, {}, {}});
    };
    auto walk = [&](const std::string& name, const std::string& query, const Params& params, auto&& each) {
      c.Exec("DECLARE " + name + " NO SCROLL CURSOR FOR " + query, params);
      while (out.size() < limit) {
        auto batch = c.Exec("FETCH 256 FROM " + name);
        for (int i = 0; i < batch.rows() && out.size() < limit; ++i) each(batch, i);
        if (batch.rows() < 256) break;
      }
      c.Execute("CLOSE " + name);
    };
    walk("overstays",
         "SELECT person_id, on_day FROM abroad_events WHERE risk = 2 AND on_day < $1 ORDER BY on_day, person_id",
         Params().Add(today_text), [&](const PgResult& r, int i) {
           take({r.Int(i, 0), sys_days{ReadDate(r, i, 1)}, abroad::RiskKind::kStayEnds}, true);
         });
    Params ahead;
    ahead.Add(today_text);
    if (alerts_only) ahead.Add(horizon);
    walk("ahead",
         std::string("SELECT person_id, on_day, risk FROM abroad_events WHERE risk IS NOT NULL AND on_day >= $1") +
             (alerts_only ? " AND on_day <= $2" : "") + " ORDER BY on_day, risk, person_id",
         ahead, [&](const PgResult& r, int i) {
           const abroad::RiskEvent event{r.Int(i, 0), sys_days{ReadDate(r, i, 1)}, ReadRisk(r.Int(i, 2))};
           const bool alert = (event.on - from).count() <= lead.For(event.kind);
           if (alerts_only && !alert) return;
           take(event, alert);
         });
    for (BoardRow& row : out) {
      auto later = c.Exec("SELECT on_day, risk FROM abroad_events WHERE person_id = $1 AND risk IS NOT NULL AND "
                          "on_day >= $2 AND on_day <= $3",
                          Params().Add(row.line.person_id).Add(today_text).Add(horizon));
      std::vector<abroad::RiskEvent> his;
      for (int i = 0; i < later.rows(); ++i) {
        his.push_back({row.line.person_id, sys_days{ReadDate(later, i, 0)}, ReadRisk(later.Int(i, 1))});
      }
      row.beside = abroad::RisksBeside(his, row.line.next, from, lead);
      row.line.alert = row.line.alert || !row.beside.empty();
      auto person = c.Exec("SELECT wanted, needs FROM people_abroad WHERE id = $1", Params().Add(row.line.person_id));
      if (person.rows() > 0) {
        row.wanted = OrCorrupt(abroad::ParseWantedStatus(person.Text(0, 0)));
        row.needs = OrCorrupt(abroad_lists::DecodeNeeds(person.Text(0, 1)));
      }
    }
    tx.Commit();
    return out;
  });
}

Result<std::vector<abroad::RiskEvent>> PgAbroadStore::PersonRisks(std::int64_t person_id, Date today) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<abroad::RiskEvent>> {
    auto r = c.Exec("SELECT on_day, risk FROM abroad_events WHERE person_id = $1 AND risk IS NOT NULL AND "
                    "(on_day >= $2 OR risk = $3) ORDER BY on_day, risk",
                    Params().Add(person_id).Add(FormatIsoDate(today)).Add(std::int64_t{kStayEnds}));
    std::vector<abroad::RiskEvent> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({person_id, sys_days{ReadDate(r, i, 0)}, ReadRisk(r.Int(i, 1))});
    return out;
  });
}

Result<abroad::LeadTimes> PgAbroadStore::LoadLeadTimes() {
  return pool_.With([&](PgConnection& c) -> Result<abroad::LeadTimes> {
    abroad::LeadTimes lead;
    auto r = c.Exec("SELECT risk, days FROM abroad_lead_times");
    for (int i = 0; i < r.rows(); ++i) lead.days[static_cast<int>(ReadRisk(r.Int(i, 0)))] = static_cast<int>(r.Int(i, 1));
    return lead;
  });
}

Status PgAbroadStore::SaveLeadTimes(const abroad::LeadTimes& lead) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    for (int k = 0; k < static_cast<int>(std::size(lead.days)); ++k) {
      c.Exec("INSERT INTO abroad_lead_times (risk, days) VALUES ($1, $2) ON CONFLICT (risk) DO UPDATE SET days = excluded.days",
             Params().Add(std::int64_t{k}).Add(std::int64_t{lead.days[k]}));
    }
    tx.Commit();
    return OkStatus();
  });
}

Result<std::int64_t> PgAbroadStore::InsertPathway(const PathwayRecord& p) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    if (!PersonExists(c, p.person_id)) return NotFound("no such person");
    return c.Exec("INSERT INTO abroad_pathways (person_id, kind, target_country, opened_on, steps) "
                  "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                  Params().Add(p.person_id).Add(abroad::ToString(p.kind)).Add(p.target_country).Add(FormatIsoDate(p.opened_on))
                      .Add(abroad_lists::EncodeSteps(p.steps)))
        .Int(0, 0);
  });
}

Result<PathwayRecord> PgAbroadStore::GetPathway(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<PathwayRecord> {
    auto r = c.Exec("SELECT id, person_id, kind, target_country, opened_on, steps FROM abroad_pathways WHERE id = $1",
                    Params().Add(id));
    if (r.rows() == 0) return NotFound("no such pathway");
    return ReadPathway(r, 0);
  });
}

Result<std::vector<PathwayRecord>> PgAbroadStore::ListPathways(std::int64_t person_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<PathwayRecord>> {
    auto r = c.Exec("SELECT id, person_id, kind, target_country, opened_on, steps FROM abroad_pathways "
                    "WHERE person_id = $1 ORDER BY id",
                    Params().Add(person_id));
    std::vector<PathwayRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadPathway(r, i));
    return out;
  });
}

// The row is locked while its list is read and written, so two ticks at once both stay.
Status PgAbroadStore::SetPathwayStep(std::int64_t pathway_id, std::size_t step, abroad::StepStatus status) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    auto r = c.Exec("SELECT steps FROM abroad_pathways WHERE id = $1 FOR UPDATE", Params().Add(pathway_id));
    if (r.rows() == 0) return NotFound("no such pathway");
    auto steps = OrCorrupt(abroad_lists::DecodeSteps(r.Text(0, 0)));
    if (step >= steps.size()) return NotFound("no such step");
    steps[step] = status;
    c.Exec("UPDATE abroad_pathways SET steps = $1 WHERE id = $2", Params().Add(abroad_lists::EncodeSteps(steps)).Add(pathway_id));
    tx.Commit();
    return OkStatus();
  });
}

Result<std::int64_t> PgAbroadStore::InsertPartner(const PartnerRecord& p) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    Params params;
    params.Add(p.name).Add(p.kind);
    if (p.public_key) params.AddBytes(*p.public_key); else params.AddNull();
    return c.Exec("INSERT INTO abroad_partners (name, kind, public_key) VALUES ($1, $2, $3) RETURNING id", params).Int(0, 0);
  });
}

Result<PartnerRecord> PgAbroadStore::GetPartner(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<PartnerRecord> {
    auto r = c.Exec("SELECT id, name, kind, public_key FROM abroad_partners WHERE id = $1", Params().Add(id));
    if (r.rows() == 0) return NotFound("no such partner");
    return ReadPartner(r, 0);
  });
}

Result<std::vector<PartnerRecord>> PgAbroadStore::ListPartners() {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<PartnerRecord>> {
    auto r = c.Exec("SELECT id, name, kind, public_key FROM abroad_partners ORDER BY name");
    std::vector<PartnerRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadPartner(r, i));
    return out;
  });
}

Result<std::int64_t> PgAbroadStore::InsertReferral(const ReferralRecord& r) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c.Exec("INSERT INTO abroad_referrals (person_id, partner_id, fields, consent_on, consent_how, created_at, "
                  "created_by, package) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                  Params().Add(r.person_id).Add(r.partner_id).Add(abroad_lists::Join(r.fields)).Add(FormatIsoDate(r.consent_on))
                      .Add(r.consent_how).Add(r.created_at).Add(r.created_by).AddBytes(r.package))
        .Int(0, 0);
  });
}

Result<ReferralRecord> PgAbroadStore::GetReferral(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<ReferralRecord> {
    auto r = c.Exec("SELECT " + std::string(kReferralColumns) + ", package FROM abroad_referrals WHERE id = $1", Params().Add(id));
    if (r.rows() == 0) return NotFound("no such referral");
    ReferralRecord referral = ReadReferral(r, 0);
    referral.package = r.Bytes(0, 8);
    return referral;
  });
}

Result<std::vector<ReferralRecord>> PgAbroadStore::ListReferrals(std::int64_t person_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<ReferralRecord>> {
    auto r = c.Exec("SELECT " + std::string(kReferralColumns) + " FROM abroad_referrals WHERE person_id = $1 ORDER BY id",
                    Params().Add(person_id));
    std::vector<ReferralRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(ReadReferral(r, i));
    return out;
  });
}

}  // namespace lifeline::store::postgres
