// The camp's daily routine on PostgreSQL: labour profiles and shifts, the phone line's
// waiting list, call log and rota, and the correspondence log (store/camp_store.hpp).

#include "store/postgres/rows.hpp"
#include "store/postgres/camp_store.hpp"

namespace lifeline::store::postgres {
namespace {

using rows::OrCorrupt;
using rows::ReadDate;
using std::chrono::sys_days;

}  // namespace

Status PgCampStore::SaveLabourProfile(std::int64_t prisoner_id, const camp::LabourProfile& p) {
  return pool_.With([&](PgConnection& c) -> Status {
    Params params;
    params.Add(prisoner_id).Add(std::int64_t{p.asked_for_work}).Add(std::int64_t{p.volunteers_for_dangerous});
    if (p.last_medical_exam) params.Add(FormatIsoDate(Date{*p.last_medical_exam})); else params.AddNull();
    c.Exec("INSERT INTO prisoner_labour (prisoner_id, asked_for_work, volunteers_dangerous, last_medical_exam) "
           "VALUES ($1, $2, $3, $4) ON CONFLICT (prisoner_id) DO UPDATE SET asked_for_work = excluded.asked_for_work, "
           "volunteers_dangerous = excluded.volunteers_dangerous, last_medical_exam = excluded.last_medical_exam",
           params);
    return OkStatus();
  });
}

Result<camp::LabourProfile> PgCampStore::LoadLabourProfile(std::int64_t prisoner_id) {
  return pool_.With([&](PgConnection& c) -> Result<camp::LabourProfile> {
    auto r = c.Exec("SELECT p.rank, l.asked_for_work, l.volunteers_dangerous, l.last_medical_exam FROM prisoners p "
                    "LEFT JOIN prisoner_labour l ON l.prisoner_id = p.id WHERE p.id = $1",
                    Params().Add(prisoner_id));
    if (r.rows() == 0) return NotFound("no such prisoner");
    camp::LabourProfile p;
    p.rank = OrCorrupt(camp::ParseRankCategory(r.Text(0, 0)));
    p.asked_for_work = r.OptionalInt(0, 1).value_or(0) != 0;
    p.volunteers_for_dangerous = r.OptionalInt(0, 2).value_or(0) != 0;
    if (auto exam = rows::ReadOptionalDate(r, 0, 3)) p.last_medical_exam = sys_days{*exam};
    return p;
  });
}

Result<std::int64_t> PgCampStore::InsertShift(std::int64_t prisoner_id, const camp::WorkShift& w) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c.Exec("INSERT INTO work_shifts (prisoner_id, day, start_minute, end_minute, kind, supervisory, dangerous) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                  Params().Add(prisoner_id).Add(FormatIsoDate(Date{w.day})).Add(std::int64_t{w.start_minute})
                      .Add(std::int64_t{w.end_minute}).Add(camp::ToString(w.kind)).Add(std::int64_t{w.supervisory})
                      .Add(std::int64_t{w.dangerous}))
        .Int(0, 0);
  });
}

Result<std::vector<camp::WorkShift>> PgCampStore::ListShifts(std::int64_t prisoner_id, Date from, Date to) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<camp::WorkShift>> {
    auto r = c.Exec("SELECT day, start_minute, end_minute, kind, supervisory, dangerous FROM work_shifts "
                    "WHERE prisoner_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, start_minute",
                    Params().Add(prisoner_id).Add(FormatIsoDate(from)).Add(FormatIsoDate(to)));
    std::vector<camp::WorkShift> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({sys_days{ReadDate(r, i, 0)}, static_cast<int>(r.Int(i, 1)), static_cast<int>(r.Int(i, 2)),
                     OrCorrupt(camp::ParseWorkKind(r.Text(i, 3))), r.Int(i, 4) != 0, r.Int(i, 5) != 0});
    }
    return out;
  });
}

Status PgCampStore::JoinPhoneList(std::int64_t camp_id, std::int64_t prisoner_id, Date since) {
  return pool_.With([&](PgConnection& c) -> Status {
    c.Exec("INSERT INTO phone_waiting (prisoner_id, camp_id, since) VALUES ($1, $2, $3) "
           "ON CONFLICT (prisoner_id) DO UPDATE SET camp_id = excluded.camp_id",
           Params().Add(prisoner_id).Add(camp_id).Add(FormatIsoDate(since)));
    return OkStatus();
  });
}

Result<std::vector<PhoneWaiting>> PgCampStore::ListPhoneWaiting(std::int64_t camp_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<PhoneWaiting>> {
    // Only those held in this camp now: in hospital, transferred or gone, he is not rung.
    auto r = c.Exec("SELECT w.prisoner_id, w.since, w.last_call FROM phone_waiting w JOIN prisoners p ON p.id = w.prisoner_id "
                    "WHERE w.camp_id = $1 AND p.camp_id = $1 AND p.status = 'held' ORDER BY w.prisoner_id",
                    Params().Add(camp_id));
    std::vector<PhoneWaiting> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.Int(i, 0), ReadDate(r, i, 1), rows::ReadOptionalDate(r, i, 2)});
    return out;
  });
}

Result<std::int64_t> PgCampStore::RecordCall(const PhoneCallRecord& call, bool used_turn,
                                             const std::optional<camp::Posting>& charge, std::int64_t at) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    LockCamp(c, call.camp_id);
    std::optional<std::int64_t> posting_id;
    if (charge) {
      auto posted = ApplyPosting(c, call.camp_id, *charge, at);
      if (!posted) return posted.error();
      posting_id = posted->posting_id;
    }
    const std::int64_t id =
        c.Exec("INSERT INTO phone_calls (camp_id, prisoner_id, day, start_minute, end_minute, outcome, minutes, posting_id) "
               "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
               Params().Add(call.camp_id).Add(call.prisoner_id).Add(FormatIsoDate(call.day)).Add(std::int64_t{call.start_minute})
                   .Add(std::int64_t{call.end_minute}).Add(ToString(call.outcome)).Add(std::int64_t{call.minutes}).Add(posting_id))
            .Int(0, 0);
    if (used_turn) {
      c.Exec("UPDATE phone_waiting SET last_call = $1 WHERE prisoner_id = $2",
             Params().Add(FormatIsoDate(call.day)).Add(call.prisoner_id));
    }
    tx.Commit();
    return id;
  });
}

Result<std::vector<PhoneCallRecord>> PgCampStore::ListCalls(std::int64_t camp_id, Date day) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<PhoneCallRecord>> {
    auto r = c.Exec("SELECT id, prisoner_id, start_minute, end_minute, outcome, minutes, posting_id FROM phone_calls "
                    "WHERE camp_id = $1 AND day = $2 ORDER BY start_minute",
                    Params().Add(camp_id).Add(FormatIsoDate(day)));
    std::vector<PhoneCallRecord> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({r.Int(i, 0), camp_id, r.Int(i, 1), day, static_cast<int>(r.Int(i, 2)), static_cast<int>(r.Int(i, 3)),
                     OrCorrupt(ParseCallOutcome(r.Text(i, 4))), static_cast<int>(r.Int(i, 5)), r.OptionalInt(i, 6)});
    }
    return out;
  });
}

// Under the camp's lock, so that two first views agree: the second finds the first's rota.
Result<camp::DayRota> PgCampStore::FixRota(std::int64_t camp_id, Date day,
                                           const std::function<Result<camp::DayRota>()>& plan) {
  return pool_.With([&](PgConnection& c) -> Result<camp::DayRota> {
    PgTransaction tx(c);
    LockCamp(c, camp_id);
    camp::DayRota rota{sys_days{day}, {}, {}};
    auto saved = c.Exec("SELECT start_minute, end_minute, prisoner_id FROM phone_rota WHERE camp_id = $1 AND day = $2 "
                        "ORDER BY position",
                        Params().Add(camp_id).Add(FormatIsoDate(day)));
    for (int i = 0; i < saved.rows(); ++i) {
      if (auto start = saved.OptionalInt(i, 0)) {
        rota.slots.push_back({static_cast<int>(*start), static_cast<int>(saved.Int(i, 1)), saved.Int(i, 2)});
      } else {
        rota.standby.push_back(saved.Int(i, 2));
      }
    }
    if (saved.rows() > 0) return rota;
    auto planned = plan();
    if (!planned) return planned.error();
    std::int64_t position = 0;
    for (const auto& slot : planned->slots) {
      c.Exec("INSERT INTO phone_rota (camp_id, day, position, start_minute, end_minute, prisoner_id) VALUES ($1, $2, $3, $4, $5, $6)",
             Params().Add(camp_id).Add(FormatIsoDate(day)).Add(++position).Add(std::int64_t{slot.start_minute})
                 .Add(std::int64_t{slot.end_minute}).Add(slot.prisoner_id));
    }
    for (std::int64_t prisoner : planned->standby) {
      c.Exec("INSERT INTO phone_rota (camp_id, day, position, start_minute, end_minute, prisoner_id) "
             "VALUES ($1, $2, $3, NULL, NULL, $4)",
             Params().Add(camp_id).Add(FormatIsoDate(day)).Add(++position).Add(prisoner));
    }
    tx.Commit();
    return planned;
  });
}

Result<std::int64_t> PgCampStore::InsertMail(std::int64_t prisoner_id, const camp::MailItem& m) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c.Exec("INSERT INTO mail (prisoner_id, day, kind, direction, held) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                  Params().Add(prisoner_id).Add(FormatIsoDate(Date{m.day})).Add(camp::ToString(m.kind))
                      .Add(camp::ToString(m.direction)).Add(std::int64_t{m.held}))
        .Int(0, 0);
  });
}

Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> PgCampStore::ListMail(std::int64_t camp_id, Date from, Date to) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> {
    auto r = c.Exec("SELECT m.prisoner_id, m.day, m.kind, m.direction, m.held FROM mail m JOIN prisoners p ON p.id = m.prisoner_id "
                    "WHERE p.camp_id = $1 AND m.day >= $2 AND m.day <= $3 ORDER BY m.prisoner_id, m.day, m.id",
                    Params().Add(camp_id).Add(FormatIsoDate(from)).Add(FormatIsoDate(to)));
    std::vector<std::pair<std::int64_t, camp::MailItem>> out;
    for (int i = 0; i < r.rows(); ++i) {
      out.push_back({r.Int(i, 0),
                     {sys_days{ReadDate(r, i, 1)}, OrCorrupt(camp::ParseMailKind(r.Text(i, 2))),
                      OrCorrupt(camp::ParseMailDirection(r.Text(i, 3))), r.Int(i, 4) != 0}});
    }
    return out;
  });
}

}  // namespace lifeline::store::postgres
