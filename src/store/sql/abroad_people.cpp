// People abroad (store/abroad_store.hpp): countries' rules, people and the dates their
// records set, their proceedings, the risk board and its lead times.

#include <algorithm>
#include <unordered_set>

#include "store/abroad_lists.hpp"
#include "store/sql/abroad_store.hpp"

namespace lifeline::store::sql {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr std::string_view kPersonColumns =
    "id, case_id, wanted, needs, updated_at, ephemeral_public, key_generation, wrapped_key, "
    "sealed_fields";
constexpr std::int64_t kStayEnds = static_cast<std::int64_t>(abroad::RiskKind::kStayEnds);

abroad::RiskKind ReadRisk(const Row& row, int column) {
  const std::int64_t value = row.Int(column);
  std::optional<abroad::RiskKind> risk;
  if (value >= 0 && value <= static_cast<std::int64_t>(abroad::RiskKind::kDocumentExpires)) {
    risk = static_cast<abroad::RiskKind>(value);
  }
  return row.Valid(risk, "a stored risk is unknown to this version");
}

PersonAbroadRecord ReadPerson(const Row& row) {
  PersonAbroadRecord p;
  p.id = row.Int(0);
  p.case_id = row.OptionalInt(1);
  p.wanted = row.Valid(abroad::ParseWantedStatus(row.Text(2)));
  p.needs = row.Valid(abroad_lists::DecodeNeeds(row.Text(3)));
  p.updated_at = row.Int(4);
  p.ephemeral_public = row.Blob32At(5);
  p.key_generation = row.Int(6);
  p.wrapped_key = row.Bytes(7);
  p.sealed_fields = row.Bytes(8);
  return p;
}

ProceedingRecord ReadProceeding(const Row& row) {
  return {row.Int(0), row.Int(1), row.Valid(abroad::ParseProceedingKind(row.Text(2))),
          row.DateAt(3), row.Int(4) != 0};
}

CountryRecord ReadCountry(const Row& row) {
  return {row.Text(0),
          row.Text(1),
          {static_cast<int>(row.Int(2)), static_cast<int>(row.Int(3))},
          row.Text(4)};
}

// The dates a person's record sets replace those it set before.
void ReplaceRecordDates(Session& s, std::int64_t person_id, const std::vector<RecordDate>& dates) {
  s.Run("DELETE FROM abroad_events WHERE person_id = $1 AND proceeding_id IS NULL",
        Params().Add(person_id));
  for (const RecordDate& d : dates) {
    s.Run("INSERT INTO abroad_events (person_id, kind, on_day, risk) VALUES ($1, $2, $3, $4)",
          Params()
              .Add(person_id)
              .Add(abroad::ToString(d.kind))
              .Add(FormatIsoDate(d.on))
              .Add(static_cast<std::int64_t>(d.kind)));
  }
}

// $1 wanted … $7 sealed_fields, in people_abroad's column order below.
Params PersonParams(const PersonAbroadRecord& p) {
  Params params;
  params.Add(abroad::ToString(p.wanted)).Add(abroad_lists::EncodeNeeds(p.needs)).Add(p.updated_at);
  params.AddBytes(p.ephemeral_public)
      .Add(p.key_generation)
      .AddBytes(p.wrapped_key)
      .AddBytes(p.sealed_fields);
  return params;
}

}  // namespace

bool PersonAbroadExists(Session& s, std::int64_t id) {
  return !s.Run("SELECT 1 FROM people_abroad WHERE id = $1", Params().Add(id)).empty();
}

Result<std::vector<CountryRecord>> SqlAbroadStore::ListCountries() {
  return Read(db_, [&](Session& s) -> Result<std::vector<CountryRecord>> {
    std::vector<CountryRecord> out;
    for (const Row& row : s.Run("SELECT code, name, days_allowed, period_days, note FROM "
                                "abroad_countries ORDER BY name")) {
      out.push_back(ReadCountry(row));
    }
    return out;
  });
}

Result<CountryRecord> SqlAbroadStore::GetCountry(const std::string& code) {
  return Read(db_, [&](Session& s) -> Result<CountryRecord> {
    auto rows = s.Run(
        "SELECT code, name, days_allowed, period_days, note FROM abroad_countries WHERE code = $1",
        Params().Add(code));
    if (rows.empty()) return NotFound("no such country");
    return ReadCountry(rows[0]);
  });
}

Status SqlAbroadStore::SaveCountry(const CountryRecord& country) {
  return Write(db_, [&](Session& s) -> Status {
    s.Run(
        "INSERT INTO abroad_countries (code, name, days_allowed, period_days, note) VALUES ($1, "
        "$2, $3, $4, $5) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, days_allowed = "
        "excluded.days_allowed, "
        "period_days = excluded.period_days, note = excluded.note",
        Params()
            .Add(country.code)
            .Add(country.name)
            .Add(std::int64_t{country.rule.days_allowed})
            .Add(std::int64_t{country.rule.period_days})
            .Add(country.note));
    return OkStatus();
  });
}

Result<std::int64_t> SqlAbroadStore::InsertPerson(const PersonAbroadRecord& p,
                                                  const std::vector<RecordDate>& dates) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    Params params = PersonParams(p);
    params.Add(p.case_id);
    const std::int64_t id =
        s.Run(
             "INSERT INTO people_abroad (wanted, needs, updated_at, ephemeral_public, "
             "key_generation, wrapped_key, "
             "sealed_fields, case_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
             params)[0]
            .Int(0);
    ReplaceRecordDates(s, id, dates);
    tx.Commit();
    return id;
  });
}

Status SqlAbroadStore::UpdatePerson(const PersonAbroadRecord& p,
                                    const std::vector<RecordDate>& dates) {
  return Write(db_, [&](Session& s) -> Status {
    Transaction tx(s);
    Params params = PersonParams(p);
    params.Add(p.id);
    if (s.Run("UPDATE people_abroad SET wanted = $1, needs = $2, updated_at = $3, ephemeral_public "
              "= $4, "
              "key_generation = $5, wrapped_key = $6, sealed_fields = $7 WHERE id = $8",
              params)
            .affected() == 0) {
      return NotFound("no such person");
    }
    ReplaceRecordDates(s, p.id, dates);
    tx.Commit();
    return OkStatus();
  });
}

Result<PersonAbroadRecord> SqlAbroadStore::GetPerson(std::int64_t id) {
  return Read(db_, [&](Session& s) -> Result<PersonAbroadRecord> {
    auto rows = s.Run("SELECT " + std::string(kPersonColumns) + " FROM people_abroad WHERE id = $1",
                      Params().Add(id));
    if (rows.empty()) return NotFound("no such person");
    return ReadPerson(rows[0]);
  });
}

Result<std::vector<PersonAbroadRecord>> SqlAbroadStore::ListPeople(std::int64_t after_id,
                                                                   std::size_t limit) {
  return Read(db_, [&](Session& s) -> Result<std::vector<PersonAbroadRecord>> {
    std::vector<PersonAbroadRecord> out;
    for (const Row& row : s.Run("SELECT " + std::string(kPersonColumns) +
                                    " FROM people_abroad WHERE id > $1 ORDER BY id LIMIT $2",
                                Params().Add(after_id).Add(static_cast<std::int64_t>(limit)))) {
      out.push_back(ReadPerson(row));
    }
    return out;
  });
}

Result<std::int64_t> SqlAbroadStore::CountPeople() {
  return Read(db_, [&](Session& s) -> Result<std::int64_t> {
    return s.Run("SELECT COUNT(*) FROM people_abroad")[0].Int(0);
  });
}

Result<std::int64_t> SqlAbroadStore::InsertProceeding(const ProceedingRecord& p) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    if (!PersonAbroadExists(s, p.person_id)) return NotFound("no such person");
    return s
        .Run(
            "INSERT INTO abroad_proceedings (person_id, kind, filed_on) VALUES ($1, $2, $3) "
            "RETURNING id",
            Params()
                .Add(p.person_id)
                .Add(abroad::ToString(p.kind))
                .Add(FormatIsoDate(p.filed_on)))[0]
        .Int(0);
  });
}

Result<ProceedingRecord> SqlAbroadStore::GetProceeding(std::int64_t id) {
  return Read(db_, [&](Session& s) -> Result<ProceedingRecord> {
    auto rows =
        s.Run("SELECT id, person_id, kind, filed_on, closed FROM abroad_proceedings WHERE id = $1",
              Params().Add(id));
    if (rows.empty()) return NotFound("no such proceeding");
    return ReadProceeding(rows[0]);
  });
}

Result<std::vector<ProceedingRecord>> SqlAbroadStore::ListProceedings(std::int64_t person_id) {
  return Read(db_, [&](Session& s) -> Result<std::vector<ProceedingRecord>> {
    std::vector<ProceedingRecord> out;
    for (const Row& row :
         s.Run("SELECT id, person_id, kind, filed_on, closed FROM abroad_proceedings "
               "WHERE person_id = $1 ORDER BY id",
               Params().Add(person_id))) {
      out.push_back(ReadProceeding(row));
    }
    return out;
  });
}

Result<std::int64_t> SqlAbroadStore::InsertProceedingEvent(const ProceedingEvent& e,
                                                           std::int64_t person_id,
                                                           std::optional<abroad::RiskKind> risk) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    // Its row locked: a close racing with this insert waits, so a closed proceeding gains
    // no watched date.
    auto open = s.Run("SELECT closed FROM abroad_proceedings WHERE id = $1 AND person_id = $2" +
                          std::string(s.LockRowsClause(RowLock::kShare)),
                      Params().Add(e.proceeding_id).Add(person_id));
    if (open.empty()) return NotFound("no such proceeding");
    const bool watched = risk && open[0].Int(0) == 0;
    Params params;
    params.Add(person_id).Add(e.proceeding_id).Add(e.kind).Add(FormatIsoDate(e.on));
    if (watched) {
      params.Add(static_cast<std::int64_t>(*risk));
    } else {
      params.AddNull();
    }
    const std::int64_t id =
        s.Run(
             "INSERT INTO abroad_events (person_id, proceeding_id, kind, on_day, risk) "
             "VALUES ($1, $2, $3, $4, $5) RETURNING id",
             params)[0]
            .Int(0);
    tx.Commit();
    return id;
  });
}

Result<std::vector<ProceedingEvent>> SqlAbroadStore::ListProceedingEvents(
    std::int64_t proceeding_id) {
  return Read(db_, [&](Session& s) -> Result<std::vector<ProceedingEvent>> {
    std::vector<ProceedingEvent> out;
    for (const Row& row :
         s.Run("SELECT id, proceeding_id, kind, on_day FROM abroad_events WHERE proceeding_id = $1 "
               "ORDER BY on_day, id",
               Params().Add(proceeding_id))) {
      out.push_back({row.Int(0), row.Int(1), row.Text(2), row.DateAt(3)});
    }
    return out;
  });
}

Status SqlAbroadStore::CloseProceeding(std::int64_t id) {
  return Write(db_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run("UPDATE abroad_proceedings SET closed = 1 WHERE id = $1", Params().Add(id))
            .affected() == 0) {
      return NotFound("no such proceeding");
    }
    s.Run("UPDATE abroad_events SET risk = NULL WHERE proceeding_id = $1", Params().Add(id));
    tx.Commit();
    return OkStatus();
  });
}

// Walks the dates in the board's order and stops when the page is full, so a page costs
// the dates before it, not every date.
Result<std::vector<BoardRow>> SqlAbroadStore::RiskBoard(Date today, const abroad::LeadTimes& lead,
                                                        std::size_t offset, std::size_t limit,
                                                        bool alerts_only) {
  return Read(db_, [&](Session& s) -> Result<std::vector<BoardRow>> {
    Transaction tx(s, Access::kConsistentRead);
    const sys_days from{today};
    const std::string horizon = FormatIsoDate(
        Date{from + days{*std::max_element(std::begin(lead.days), std::end(lead.days))}});
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
      out.push_back({{event.person_id, event, static_cast<int>((event.on - from).count()), alert},
                     abroad::WantedStatus::kNoneKnown,
                     {},
                     {}});
    };
    // Those overstaying come first: the end of their permitted stay is behind them.
    if (limit > 0) {
      s.Walk("SELECT person_id, on_day FROM abroad_events" + s.IndexHint("abroad_overstays") +
                 " WHERE risk = 2 AND on_day < $1 ORDER BY on_day, person_id",
             Params().Add(today_text), [&](const Row& row) {
               take({row.Int(0), sys_days{row.DateAt(1)}, abroad::RiskKind::kStayEnds}, true);
               return out.size() < limit;
             });
    }
    if (out.size() < limit) {
      Params ahead;
      ahead.Add(today_text);
      if (alerts_only) ahead.Add(horizon);
      s.Walk("SELECT person_id, on_day, risk FROM abroad_events" + s.IndexHint("abroad_board") +
                 " WHERE risk IS NOT NULL AND on_day >= $1" +
                 (alerts_only ? " AND on_day <= $2" : "") + " ORDER BY on_day, risk, person_id",
             ahead, [&](const Row& row) {
               const abroad::RiskEvent event{row.Int(0), sys_days{row.DateAt(1)}, ReadRisk(row, 2)};
               const bool alert = (event.on - from).count() <= lead.For(event.kind);
               // His next date inside its lead time may come later.
               if (!alerts_only || alert) take(event, alert);
               return out.size() < limit;
             });
    }
    // A line's alert is raised by any of his dates inside its lead time, not only the first,
    // and those dates are shown beside it.
    for (BoardRow& line : out) {
      std::vector<abroad::RiskEvent> his;
      for (const Row& row :
           s.Run("SELECT on_day, risk FROM abroad_events WHERE person_id = $1 AND risk IS NOT NULL "
                 "AND on_day >= $2 AND on_day <= $3",
                 Params().Add(line.line.person_id).Add(today_text).Add(horizon))) {
        his.push_back({line.line.person_id, sys_days{row.DateAt(0)}, ReadRisk(row, 1)});
      }
      line.beside = abroad::RisksBeside(his, line.line.next, from, lead);
      line.line.alert = line.line.alert || !line.beside.empty();
      auto person = s.Run("SELECT wanted, needs FROM people_abroad WHERE id = $1",
                          Params().Add(line.line.person_id));
      if (!person.empty()) {
        line.wanted = person[0].Valid(abroad::ParseWantedStatus(person[0].Text(0)));
        line.needs = person[0].Valid(abroad_lists::DecodeNeeds(person[0].Text(1)));
      }
    }
    tx.Commit();
    return out;
  });
}

Result<std::vector<abroad::RiskEvent>> SqlAbroadStore::PersonRisks(std::int64_t person_id,
                                                                   Date today) {
  return Read(db_, [&](Session& s) -> Result<std::vector<abroad::RiskEvent>> {
    std::vector<abroad::RiskEvent> out;
    for (const Row& row : s.Run(
             "SELECT on_day, risk FROM abroad_events WHERE person_id = $1 AND risk IS NOT NULL AND "
             "(on_day >= $2 OR risk = $3) ORDER BY on_day, risk",
             Params().Add(person_id).Add(FormatIsoDate(today)).Add(kStayEnds))) {
      out.push_back({person_id, sys_days{row.DateAt(0)}, ReadRisk(row, 1)});
    }
    return out;
  });
}

Result<abroad::LeadTimes> SqlAbroadStore::LoadLeadTimes() {
  return Read(db_, [&](Session& s) -> Result<abroad::LeadTimes> {
    abroad::LeadTimes lead;
    for (const Row& row : s.Run("SELECT risk, days FROM abroad_lead_times")) {
      lead.days[static_cast<int>(ReadRisk(row, 0))] = static_cast<int>(row.Int(1));
    }
    return lead;
  });
}

Status SqlAbroadStore::SaveLeadTimes(const abroad::LeadTimes& lead) {
  return Write(db_, [&](Session& s) -> Status {
    Transaction tx(s);
    for (int k = 0; k < static_cast<int>(std::size(lead.days)); ++k) {
      s.Run(
          "INSERT INTO abroad_lead_times (risk, days) VALUES ($1, $2) "
          "ON CONFLICT (risk) DO UPDATE SET days = excluded.days",
          Params().Add(std::int64_t{k}).Add(std::int64_t{lead.days[k]}));
    }
    tx.Commit();
    return OkStatus();
  });
}

}  // namespace lifeline::store::sql
