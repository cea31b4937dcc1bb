#include "store/sqlite/abroad_store.hpp"

#include <unordered_set>

#include "store/sqlite/abroad_rows.hpp"

namespace lifeline::store::sqlite {
namespace {

using rows::ParseDate;
using std::chrono::days;
using std::chrono::sys_days;

constexpr std::string_view kPersonColumns =
    "id, case_id, wanted, needs, updated_at, ephemeral_public, key_generation, wrapped_key, sealed_fields";

PersonAbroadRecord ReadPerson(const Statement& s) {
  PersonAbroadRecord p;
  p.id = s.Int(0);
  p.case_id = s.OptionalInt(1);
  p.wanted = rows::ParseEnum<abroad::WantedStatus>(s.Text(2), abroad::ParseWantedStatus);
  p.needs = abroad_rows::DecodeNeeds(s.Text(3));
  p.updated_at = s.Int(4);
  p.ephemeral_public = rows::ToBlob32(s.Blob(5));
  p.key_generation = s.Int(6);
  p.wrapped_key = s.Blob(7);
  p.sealed_fields = s.Blob(8);
  return p;
}

// The dates a person's record sets replace those it set before.
void ReplaceRecordDates(Connection& c, std::int64_t person_id, const std::vector<RecordDate>& dates) {
  auto drop = c.Prepare("DELETE FROM abroad_events WHERE person_id = ? AND proceeding_id IS NULL");
  drop.Bind(1, person_id);
  drop.Step();
  auto add = c.Prepare("INSERT INTO abroad_events (person_id, kind, on_day, risk) VALUES (?, ?, ?, ?)");
  for (const RecordDate& d : dates) {
    add.Reset();
    add.Bind(1, person_id).Bind(2, abroad::ToString(d.kind)).Bind(3, FormatIsoDate(d.on));
    add.Bind(4, static_cast<std::int64_t>(d.kind));
    add.Step();
  }
}

abroad::RiskKind ReadRisk(std::int64_t value) {
  if (value < 0 || value > static_cast<std::int64_t>(abroad::RiskKind::kDocumentExpires)) {
    throw SqliteError(SQLITE_CORRUPT, "a stored risk is unknown to this version");
  }
  return static_cast<abroad::RiskKind>(value);
}

int MaxLead(const abroad::LeadTimes& lead) {
  int most = 0;
  for (int d : lead.days) most = std::max(most, d);
  return most;
}

ProceedingRecord ReadProceeding(const Statement& s) {
  return {s.Int(0), s.Int(1), rows::ParseEnum<abroad::ProceedingKind>(s.Text(2), abroad::ParseProceedingKind),
          ParseDate(s.Text(3)), s.Int(4) != 0};
}

}  // namespace

Result<std::vector<CountryRecord>> SqliteAbroadStore::ListCountries() {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<CountryRecord>> {
    auto s = c.Prepare("SELECT code, name, days_allowed, period_days, note FROM abroad_countries ORDER BY name");
    std::vector<CountryRecord> out;
    while (s.Step()) {
      out.push_back({s.Text(0), s.Text(1), {static_cast<int>(s.Int(2)), static_cast<int>(s.Int(3))}, s.Text(4)});
    }
    return out;
  });
}

Result<CountryRecord> SqliteAbroadStore::GetCountry(const std::string& code) {
  return db_.WithReader([&](Connection& c) -> Result<CountryRecord> {
    auto s = c.Prepare("SELECT code, name, days_allowed, period_days, note FROM abroad_countries WHERE code = ?");
    s.Bind(1, code);
    if (!s.Step()) return NotFound("no such country");
    return CountryRecord{s.Text(0), s.Text(1), {static_cast<int>(s.Int(2)), static_cast<int>(s.Int(3))}, s.Text(4)};
  });
}

Status SqliteAbroadStore::SaveCountry(const CountryRecord& country) {
  return db_.Write([&](Connection& c) -> Status {
    auto s = c.Prepare(
        "INSERT INTO abroad_countries (code, name, days_allowed, period_days, note) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (code) DO UPDATE SET name = excluded.name, days_allowed = excluded.days_allowed, "
        "period_days = excluded.period_days, note = excluded.note");
    s.Bind(1, country.code).Bind(2, country.name).Bind(3, country.rule.days_allowed).Bind(4, country.rule.period_days);
    s.Bind(5, country.note);
    s.Step();
    return OkStatus();
  });
}

Result<std::int64_t> SqliteAbroadStore::InsertPerson(const PersonAbroadRecord& p, const std::vector<RecordDate>& dates) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    Transaction tx(c);
    auto s = c.Prepare(
        "INSERT INTO people_abroad (case_id, wanted, needs, updated_at, ephemeral_public, key_generation, wrapped_key, "
        "sealed_fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (p.case_id) s.Bind(1, *p.case_id);
    s.Bind(2, abroad::ToString(p.wanted)).Bind(3, abroad_rows::EncodeNeeds(p.needs)).Bind(4, p.updated_at);
    s.Bind(5, p.ephemeral_public).Bind(6, p.key_generation).Bind(7, p.wrapped_key).Bind(8, p.sealed_fields);
    s.Step();
    const std::int64_t id = c.LastInsertId();
    ReplaceRecordDates(c, id, dates);
    tx.Commit();
    return id;
  });
}

Status SqliteAbroadStore::UpdatePerson(const PersonAbroadRecord& p, const std::vector<RecordDate>& dates) {
  return db_.Write([&](Connection& c) -> Status {
    Transaction tx(c);
    auto s = c.Prepare(
        "UPDATE people_abroad SET wanted = ?, needs = ?, updated_at = ?, ephemeral_public = ?, key_generation = ?, "
        "wrapped_key = ?, sealed_fields = ? WHERE id = ?");
    s.Bind(1, abroad::ToString(p.wanted)).Bind(2, abroad_rows::EncodeNeeds(p.needs)).Bind(3, p.updated_at);
    s.Bind(4, p.ephemeral_public).Bind(5, p.key_generation).Bind(6, p.wrapped_key).Bind(7, p.sealed_fields).Bind(8, p.id);
    s.Step();
    if (sqlite3_changes(c.raw()) == 0) return NotFound("no such person");
    ReplaceRecordDates(c, p.id, dates);
    tx.Commit();
    return OkStatus();
  });
}

Result<PersonAbroadRecord> SqliteAbroadStore::GetPerson(std::int64_t id) {
  return db_.WithReader([&](Connection& c) -> Result<PersonAbroadRecord> {
    auto s = c.Prepare("SELECT " + std::string(kPersonColumns) + " FROM people_abroad WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return NotFound("no such person");
    return ReadPerson(s);
  });
}

Result<std::vector<PersonAbroadRecord>> SqliteAbroadStore::ListPeople(std::int64_t after_id, std::size_t limit) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<PersonAbroadRecord>> {
    auto s = c.Prepare("SELECT " + std::string(kPersonColumns) + " FROM people_abroad WHERE id > ? ORDER BY id LIMIT ?");
    s.Bind(1, after_id).Bind(2, static_cast<std::int64_t>(limit));
    std::vector<PersonAbroadRecord> out;
    while (s.Step()) out.push_back(ReadPerson(s));
    return out;
  });
}

Result<std::int64_t> SqliteAbroadStore::CountPeople() {
  return db_.WithReader([&](Connection& c) -> Result<std::int64_t> {
    auto s = c.Prepare("SELECT count(*) FROM people_abroad");
    s.Step();
    return s.Int(0);
  });
}

Result<std::int64_t> SqliteAbroadStore::InsertProceeding(const ProceedingRecord& p) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto known = c.Prepare("SELECT 1 FROM people_abroad WHERE id = ?");
    known.Bind(1, p.person_id);
    if (!known.Step()) return NotFound("no such person");
    known.Reset();
    auto s = c.Prepare("INSERT INTO abroad_proceedings (person_id, kind, filed_on) VALUES (?, ?, ?)");
    s.Bind(1, p.person_id).Bind(2, abroad::ToString(p.kind)).Bind(3, FormatIsoDate(p.filed_on));
    s.Step();
    return c.LastInsertId();
  });
}

Result<ProceedingRecord> SqliteAbroadStore::GetProceeding(std::int64_t id) {
  return db_.WithReader([&](Connection& c) -> Result<ProceedingRecord> {
    auto s = c.Prepare("SELECT id, person_id, kind, filed_on, closed FROM abroad_proceedings WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return NotFound("no such proceeding");
    return ReadProceeding(s);
  });
}

Result<std::vector<ProceedingRecord>> SqliteAbroadStore::ListProceedings(std::int64_t person_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<ProceedingRecord>> {
    auto s = c.Prepare("SELECT id, person_id, kind, filed_on, closed FROM abroad_proceedings WHERE person_id = ? ORDER BY id");
    s.Bind(1, person_id);
    std::vector<ProceedingRecord> out;
    while (s.Step()) out.push_back(ReadProceeding(s));
    return out;
  });
}

Result<std::int64_t> SqliteAbroadStore::InsertProceedingEvent(const ProceedingEvent& e, std::int64_t person_id,
                                                             std::optional<abroad::RiskKind> risk) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto open = c.Prepare("SELECT closed FROM abroad_proceedings WHERE id = ? AND person_id = ?");
    open.Bind(1, e.proceeding_id).Bind(2, person_id);
    if (!open.Step()) return NotFound("no such proceeding");
    const bool closed = open.Int(0) != 0;
    open.Reset();
    auto s = c.Prepare("INSERT INTO abroad_events (person_id, proceeding_id, kind, on_day, risk) VALUES (?, ?, ?, ?, ?)");
    s.Bind(1, person_id).Bind(2, e.proceeding_id).Bind(3, e.kind).Bind(4, FormatIsoDate(e.on));
    if (risk && !closed) s.Bind(5, static_cast<std::int64_t>(*risk));
    s.Step();
    return c.LastInsertId();
  });
}

Result<std::vector<ProceedingEvent>> SqliteAbroadStore::ListProceedingEvents(std::int64_t proceeding_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<ProceedingEvent>> {
    auto s = c.Prepare("SELECT id, proceeding_id, kind, on_day FROM abroad_events WHERE proceeding_id = ? ORDER BY on_day, id");
    s.Bind(1, proceeding_id);
    std::vector<ProceedingEvent> out;
    while (s.Step()) out.push_back({s.Int(0), s.Int(1), s.Text(2), ParseDate(s.Text(3))});
    return out;
  });
}

Status SqliteAbroadStore::CloseProceeding(std::int64_t id) {
  return db_.Write([&](Connection& c) -> Status {
    Transaction tx(c);
    auto s = c.Prepare("UPDATE abroad_proceedings SET closed = 1 WHERE id = ?");
    s.Bind(1, id);
    s.Step();
    if (sqlite3_changes(c.raw()) == 0) return NotFound("no such proceeding");
    auto off = c.Prepare("UPDATE abroad_events SET risk = NULL WHERE proceeding_id = ?");
    off.Bind(1, id);
    off.Step();
    tx.Commit();
    return OkStatus();
  });
}

// Walks the watched dates in the board's order (the abroad_board index) and stops as soon
// as the page is full: a page costs the events before it, not every event.
Result<std::vector<BoardRow>> SqliteAbroadStore::RiskBoard(Date today, const abroad::LeadTimes& lead, std::size_t offset,
                                                           std::size_t limit, bool alerts_only) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<BoardRow>> {
    const sys_days from{today};
    const Date horizon{from + days{MaxLead(lead)}};
    std::unordered_set<std::int64_t> seen;
    std::vector<BoardRow> out;
    std::size_t skipped = 0;
    auto take = [&](const abroad::RiskEvent& event, bool alert) {
      if (!seen.insert(event.person_id).second) return;
      if (skipped < offset) {
        ++skipped;
        return;
      }
      const int left = static_cast<int>((event.on - from).count());
      out.push_back({{event.person_id, event, left, alert}, abroad::WantedStatus::kNoneKnown, {}});
    };
    // Those overstaying come first: the end of their permitted stay is behind them.
    auto overstays = c.Prepare(
        "SELECT person_id, on_day FROM abroad_events INDEXED BY abroad_overstays WHERE risk = 2 AND on_day < ? "
        "ORDER BY on_day, person_id");
    overstays.Bind(1, FormatIsoDate(today));
    while (out.size() < limit && overstays.Step()) {
      take({overstays.Int(0), sys_days{ParseDate(overstays.Text(1))}, abroad::RiskKind::kStayEnds}, true);
    }
    overstays.Reset();
    auto walk = c.Prepare(alerts_only ? "SELECT person_id, on_day, risk FROM abroad_events INDEXED BY abroad_board "
                                        "WHERE risk IS NOT NULL AND on_day >= ? AND on_day <= ? ORDER BY on_day, risk, person_id"
                                      : "SELECT person_id, on_day, risk FROM abroad_events INDEXED BY abroad_board "
                                        "WHERE risk IS NOT NULL AND on_day >= ? ORDER BY on_day, risk, person_id");
    walk.Bind(1, FormatIsoDate(today));
    if (alerts_only) walk.Bind(2, FormatIsoDate(horizon));
    while (out.size() < limit && walk.Step()) {
      const abroad::RiskEvent event{walk.Int(0), sys_days{ParseDate(walk.Text(1))}, ReadRisk(walk.Int(2))};
      const bool alert = (event.on - from).count() <= lead.For(event.kind);
      if (alerts_only && !alert) continue;  // his next date inside its lead time may come later
      take(event, alert);
    }
    walk.Reset();
    // A line's alert is raised by any of his dates inside its lead time, not only the first,
    // and those dates are shown beside it.
    auto later = c.Prepare(
        "SELECT on_day, risk FROM abroad_events WHERE person_id = ? AND risk IS NOT NULL AND on_day >= ? AND on_day <= ?");
    auto person = c.Prepare("SELECT wanted, needs FROM people_abroad WHERE id = ?");
    for (BoardRow& row : out) {
      std::vector<abroad::RiskEvent> his;
      later.Reset();
      later.Bind(1, row.line.person_id).Bind(2, FormatIsoDate(today)).Bind(3, FormatIsoDate(horizon));
      while (later.Step()) his.push_back({row.line.person_id, sys_days{ParseDate(later.Text(0))}, ReadRisk(later.Int(1))});
      row.beside = abroad::RisksBeside(his, row.line.next, from, lead);
      row.line.alert = row.line.alert || !row.beside.empty();
      person.Reset();
      person.Bind(1, row.line.person_id);
      if (person.Step()) {
        row.wanted = rows::ParseEnum<abroad::WantedStatus>(person.Text(0), abroad::ParseWantedStatus);
        row.needs = abroad_rows::DecodeNeeds(person.Text(1));
      }
    }
    later.Reset();
    person.Reset();
    return out;
  });
}

Result<std::vector<abroad::RiskEvent>> SqliteAbroadStore::PersonRisks(std::int64_t person_id, Date today) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<abroad::RiskEvent>> {
    auto s = c.Prepare(
        "SELECT on_day, risk FROM abroad_events WHERE person_id = ? AND risk IS NOT NULL AND (on_day >= ? OR risk = 2) "
        "ORDER BY on_day, risk");
    s.Bind(1, person_id).Bind(2, FormatIsoDate(today));
    std::vector<abroad::RiskEvent> out;
    while (s.Step()) out.push_back({person_id, sys_days{ParseDate(s.Text(0))}, ReadRisk(s.Int(1))});
    return out;
  });
}

Result<abroad::LeadTimes> SqliteAbroadStore::LoadLeadTimes() {
  return db_.WithReader([&](Connection& c) -> Result<abroad::LeadTimes> {
    abroad::LeadTimes lead;
    auto s = c.Prepare("SELECT risk, days FROM abroad_lead_times");
    while (s.Step()) lead.days[static_cast<int>(ReadRisk(s.Int(0)))] = static_cast<int>(s.Int(1));
    return lead;
  });
}

Status SqliteAbroadStore::SaveLeadTimes(const abroad::LeadTimes& lead) {
  return db_.Write([&](Connection& c) -> Status {
    Transaction tx(c);
    auto s = c.Prepare("INSERT OR REPLACE INTO abroad_lead_times (risk, days) VALUES (?, ?)");
    for (int k = 0; k < static_cast<int>(std::size(lead.days)); ++k) {
      s.Reset();
      s.Bind(1, k).Bind(2, lead.days[k]);
      s.Step();
    }
    s.Reset();
    tx.Commit();
    return OkStatus();
  });
}

}  // namespace lifeline::store::sqlite
