// The camp's daily routine in the SQLite store: labour profiles and shifts, the phone line's
// waiting list and call log, and the correspondence log (store/camp_store.hpp).

#include <array>

#include "store/sqlite/camp_store.hpp"
#include "store/sqlite/ledger_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store {

namespace sqlite {
namespace {

using rows::ParseDate;
using std::chrono::sys_days;

std::optional<Date> OptionalDate(const Statement& s, int column) {
  if (auto text = s.OptionalText(column)) return ParseDate(*text);
  return std::nullopt;
}

}  // namespace

Status SqliteCampStore::SaveLabourProfile(std::int64_t prisoner_id, const camp::LabourProfile& p) {
  return db_.Write([&](Connection& c) -> Status {
    auto s = c.Prepare(
        "INSERT INTO prisoner_labour (prisoner_id, asked_for_work, volunteers_dangerous, last_medical_exam) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (prisoner_id) DO UPDATE SET asked_for_work = excluded.asked_for_work, "
        "volunteers_dangerous = excluded.volunteers_dangerous, last_medical_exam = excluded.last_medical_exam");
    s.Bind(1, prisoner_id).Bind(2, std::int64_t{p.asked_for_work}).Bind(3, std::int64_t{p.volunteers_for_dangerous});
    if (p.last_medical_exam) s.Bind(4, FormatIsoDate(Date{*p.last_medical_exam}));
    s.Step();
    return OkStatus();
  });
}

Result<camp::LabourProfile> SqliteCampStore::LoadLabourProfile(std::int64_t prisoner_id) {
  return db_.WithReader([&](Connection& c) -> Result<camp::LabourProfile> {
    auto s = c.Prepare(
        "SELECT p.rank, l.asked_for_work, l.volunteers_dangerous, l.last_medical_exam FROM prisoners p "
        "LEFT JOIN prisoner_labour l ON l.prisoner_id = p.id WHERE p.id = ?");
    s.Bind(1, prisoner_id);
    if (!s.Step()) return NotFound("no such prisoner");
    camp::LabourProfile p;
    p.rank = rows::ParseEnum<camp::RankCategory>(s.Text(0), camp::ParseRankCategory);
    p.asked_for_work = s.OptionalInt(1).value_or(0) != 0;
    p.volunteers_for_dangerous = s.OptionalInt(2).value_or(0) != 0;
    if (auto exam = OptionalDate(s, 3)) p.last_medical_exam = sys_days{*exam};
    return p;
  });
}

Result<std::int64_t> SqliteCampStore::InsertShift(std::int64_t prisoner_id, const camp::WorkShift& w) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto s = c.Prepare(
        "INSERT INTO work_shifts (prisoner_id, day, start_minute, end_minute, kind, supervisory, dangerous) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.Bind(1, prisoner_id).Bind(2, FormatIsoDate(Date{w.day})).Bind(3, std::int64_t{w.start_minute});
    s.Bind(4, std::int64_t{w.end_minute}).Bind(5, camp::ToString(w.kind)).Bind(6, std::int64_t{w.supervisory});
    s.Bind(7, std::int64_t{w.dangerous});
    s.Step();
    return sqlite3_last_insert_rowid(c.raw());
  });
}

Result<std::vector<camp::WorkShift>> SqliteCampStore::ListShifts(std::int64_t prisoner_id, Date from, Date to) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<camp::WorkShift>> {
    auto s = c.Prepare(
        "SELECT day, start_minute, end_minute, kind, supervisory, dangerous FROM work_shifts "
        "WHERE prisoner_id = ? AND day >= ? AND day <= ? ORDER BY day, start_minute");
    s.Bind(1, prisoner_id).Bind(2, FormatIsoDate(from)).Bind(3, FormatIsoDate(to));
    std::vector<camp::WorkShift> out;
    while (s.Step()) {
      out.push_back({sys_days{ParseDate(s.Text(0))}, static_cast<int>(s.Int(1)), static_cast<int>(s.Int(2)),
                     rows::ParseEnum<camp::WorkKind>(s.Text(3), camp::ParseWorkKind), s.Int(4) != 0, s.Int(5) != 0});
    }
    return out;
  });
}

Status SqliteCampStore::JoinPhoneList(std::int64_t camp_id, std::int64_t prisoner_id, Date since) {
  return db_.Write([&](Connection& c) -> Status {
    auto s = c.Prepare(
        "INSERT INTO phone_waiting (prisoner_id, camp_id, since) VALUES (?, ?, ?) "
        "ON CONFLICT (prisoner_id) DO UPDATE SET camp_id = excluded.camp_id");
    s.Bind(1, prisoner_id).Bind(2, camp_id).Bind(3, FormatIsoDate(since));
    s.Step();
    return OkStatus();
  });
}

Result<std::vector<PhoneWaiting>> SqliteCampStore::ListPhoneWaiting(std::int64_t camp_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<PhoneWaiting>> {
    // Only those held in this camp now: in hospital, transferred or gone, he is not rung.
    auto s = c.Prepare(
        "SELECT w.prisoner_id, w.since, w.last_call FROM phone_waiting w JOIN prisoners p ON p.id = w.prisoner_id "
        "WHERE w.camp_id = ?1 AND p.camp_id = ?1 AND p.status = 'held' ORDER BY w.prisoner_id");
    s.Bind(1, camp_id);
    std::vector<PhoneWaiting> out;
    while (s.Step()) out.push_back({s.Int(0), ParseDate(s.Text(1)), OptionalDate(s, 2)});
    return out;
  });
}

Result<std::int64_t> SqliteCampStore::RecordCall(const PhoneCallRecord& call, bool used_turn,
                                                 const std::optional<camp::Posting>& charge, std::int64_t at) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    Transaction tx(c);
    std::optional<std::int64_t> posting_id;
    if (charge) {
      auto posted = ApplyPostingInTransaction(c, call.camp_id, *charge, at);
      if (!posted) return posted.error();
      posting_id = posted->posting_id;
    }
    auto s = c.Prepare(
        "INSERT INTO phone_calls (camp_id, prisoner_id, day, start_minute, end_minute, outcome, minutes, posting_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.Bind(1, call.camp_id).Bind(2, call.prisoner_id).Bind(3, FormatIsoDate(call.day)).Bind(4, std::int64_t{call.start_minute});
    s.Bind(5, std::int64_t{call.end_minute}).Bind(6, ToString(call.outcome)).Bind(7, std::int64_t{call.minutes});
    if (posting_id) s.Bind(8, *posting_id);
    s.Step();
    const std::int64_t id = sqlite3_last_insert_rowid(c.raw());
    if (used_turn) {
      auto turn = c.Prepare("UPDATE phone_waiting SET last_call = ? WHERE prisoner_id = ?");
      turn.Bind(1, FormatIsoDate(call.day)).Bind(2, call.prisoner_id);
      turn.Step();
    }
    tx.Commit();
    return id;
  });
}

Result<std::vector<PhoneCallRecord>> SqliteCampStore::ListCalls(std::int64_t camp_id, Date day) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<PhoneCallRecord>> {
    auto s = c.Prepare(
        "SELECT id, prisoner_id, start_minute, end_minute, outcome, minutes, posting_id FROM phone_calls "
        "WHERE camp_id = ? AND day = ? ORDER BY start_minute");
    s.Bind(1, camp_id).Bind(2, FormatIsoDate(day));
    std::vector<PhoneCallRecord> out;
    while (s.Step()) {
      out.push_back({s.Int(0), camp_id, s.Int(1), day, static_cast<int>(s.Int(2)), static_cast<int>(s.Int(3)),
                     rows::ParseEnum<camp::CallOutcome>(s.Text(4), ParseCallOutcome), static_cast<int>(s.Int(5)),
                     s.OptionalInt(6)});
    }
    return out;
  });
}

Result<camp::DayRota> SqliteCampStore::FixRota(std::int64_t camp_id, Date day,
                                               const std::function<Result<camp::DayRota>()>& plan) {
  return db_.Write([&](Connection& c) -> Result<camp::DayRota> {
    Transaction tx(c);
    camp::DayRota rota{sys_days{day}, {}, {}};
    auto saved = c.Prepare(
        "SELECT start_minute, end_minute, prisoner_id FROM phone_rota WHERE camp_id = ? AND day = ? ORDER BY position");
    saved.Bind(1, camp_id).Bind(2, FormatIsoDate(day));
    bool any = false;
    while (saved.Step()) {
      any = true;
      if (auto start = saved.OptionalInt(0)) {
        rota.slots.push_back({static_cast<int>(*start), static_cast<int>(saved.Int(1)), saved.Int(2)});
      } else {
        rota.standby.push_back(saved.Int(2));
      }
    }
    if (any) return rota;
    auto planned = plan();
    if (!planned) return planned.error();
    auto insert = c.Prepare(
        "INSERT INTO phone_rota (camp_id, day, position, start_minute, end_minute, prisoner_id) VALUES (?, ?, ?, ?, ?, ?)");
    std::int64_t position = 0;
    for (const auto& slot : planned->slots) {
      insert.Reset();
      insert.Bind(1, camp_id).Bind(2, FormatIsoDate(day)).Bind(3, ++position).Bind(4, std::int64_t{slot.start_minute});
      insert.Bind(5, std::int64_t{slot.end_minute}).Bind(6, slot.prisoner_id);
      insert.Step();
    }
    for (std::int64_t prisoner : planned->standby) {
      insert.Reset();
      insert.Bind(1, camp_id).Bind(2, FormatIsoDate(day)).Bind(3, ++position).BindNull(4).BindNull(5).Bind(6, prisoner);
      insert.Step();
    }
    tx.Commit();
    return planned;
  });
}

Result<std::int64_t> SqliteCampStore::InsertMail(std::int64_t prisoner_id, const camp::MailItem& m) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto s = c.Prepare("INSERT INTO mail (prisoner_id, day, kind, direction, held) VALUES (?, ?, ?, ?, ?)");
    s.Bind(1, prisoner_id).Bind(2, FormatIsoDate(Date{m.day})).Bind(3, camp::ToString(m.kind));
    s.Bind(4, camp::ToString(m.direction)).Bind(5, std::int64_t{m.held});
    s.Step();
    return sqlite3_last_insert_rowid(c.raw());
  });
}

Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> SqliteCampStore::ListMail(std::int64_t camp_id, Date from,
                                                                                      Date to) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> {
    auto s = c.Prepare(
        "SELECT m.prisoner_id, m.day, m.kind, m.direction, m.held FROM mail m JOIN prisoners p ON p.id = m.prisoner_id "
        "WHERE p.camp_id = ? AND m.day >= ? AND m.day <= ? ORDER BY m.prisoner_id, m.day, m.id");
    s.Bind(1, camp_id).Bind(2, FormatIsoDate(from)).Bind(3, FormatIsoDate(to));
    std::vector<std::pair<std::int64_t, camp::MailItem>> out;
    while (s.Step()) {
      out.push_back({s.Int(0),
                     {sys_days{ParseDate(s.Text(1))}, rows::ParseEnum<camp::MailKind>(s.Text(2), camp::ParseMailKind),
                      rows::ParseEnum<camp::MailDirection>(s.Text(3), camp::ParseMailDirection), s.Int(4) != 0}});
    }
    return out;
  });
}

}  // namespace sqlite
}  // namespace lifeline::store
