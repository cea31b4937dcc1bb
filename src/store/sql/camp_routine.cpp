// The camp's daily routine (store/camp_store.hpp): labour profiles and shifts, the phone
// line's waiting list, call log and rota, and the correspondence log.

#include "store/sql/camp_sql.hpp"
#include "store/sql/sql_store.hpp"

namespace lifeline::store::sql {
namespace {

using std::chrono::sys_days;

}  // namespace

Status SqlStore::SaveLabourProfile(std::int64_t prisoner_id, const camp::LabourProfile& p) {
  return Write(*sessions_, [&](Session& s) -> Status {
    std::optional<std::string> exam;
    if (p.last_medical_exam) exam = FormatIsoDate(Date{*p.last_medical_exam});
    s.Run(
        "INSERT INTO prisoner_labour (prisoner_id, asked_for_work, volunteers_dangerous, "
        "last_medical_exam) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (prisoner_id) DO UPDATE SET asked_for_work = "
        "excluded.asked_for_work, "
        "volunteers_dangerous = excluded.volunteers_dangerous, last_medical_exam = "
        "excluded.last_medical_exam",
        Params()
            .Add(prisoner_id)
            .Add(std::int64_t{p.asked_for_work})
            .Add(std::int64_t{p.volunteers_for_dangerous})
            .Add(exam));
    return OkStatus();
  });
}

Result<camp::LabourProfile> SqlStore::LoadLabourProfile(std::int64_t prisoner_id) {
  return Read(*sessions_, [&](Session& s) -> Result<camp::LabourProfile> {
    auto rows = s.Run(
        "SELECT p.rank, l.asked_for_work, l.volunteers_dangerous, l.last_medical_exam FROM "
        "prisoners p "
        "LEFT JOIN prisoner_labour l ON l.prisoner_id = p.id WHERE p.id = $1",
        Params().Add(prisoner_id));
    if (rows.empty()) return NotFound("no such prisoner");
    const Row row = rows[0];
    camp::LabourProfile p;
    p.rank = row.Valid(camp::ParseRankCategory(row.Text(0)));
    p.asked_for_work = row.OptionalInt(1).value_or(0) != 0;
    p.volunteers_for_dangerous = row.OptionalInt(2).value_or(0) != 0;
    if (auto exam = row.OptionalDate(3)) p.last_medical_exam = sys_days{*exam};
    return p;
  });
}

Result<std::int64_t> SqlStore::InsertShift(std::int64_t prisoner_id, const camp::WorkShift& w) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    return s
        .Run(
            "INSERT INTO work_shifts (prisoner_id, day, start_minute, end_minute, kind, "
            "supervisory, dangerous) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            Params()
                .Add(prisoner_id)
                .Add(FormatIsoDate(Date{w.day}))
                .Add(std::int64_t{w.start_minute})
                .Add(std::int64_t{w.end_minute})
                .Add(camp::ToString(w.kind))
                .Add(std::int64_t{w.supervisory})
                .Add(std::int64_t{w.dangerous}))[0]
        .Int(0);
  });
}

Result<std::vector<camp::WorkShift>> SqlStore::ListShifts(std::int64_t prisoner_id, Date from,
                                                          Date to) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<camp::WorkShift>> {
    std::vector<camp::WorkShift> out;
    for (const Row& row : s.Run(
             "SELECT day, start_minute, end_minute, kind, supervisory, dangerous FROM work_shifts "
             "WHERE prisoner_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, start_minute",
             Params().Add(prisoner_id).Add(FormatIsoDate(from)).Add(FormatIsoDate(to)))) {
      out.push_back({sys_days{row.DateAt(0)}, static_cast<int>(row.Int(1)),
                     static_cast<int>(row.Int(2)), row.Valid(camp::ParseWorkKind(row.Text(3))),
                     row.Int(4) != 0, row.Int(5) != 0});
    }
    return out;
  });
}

Status SqlStore::JoinPhoneList(std::int64_t camp_id, std::int64_t prisoner_id, Date since) {
  return Write(*sessions_, [&](Session& s) -> Status {
    s.Run(
        "INSERT INTO phone_waiting (prisoner_id, camp_id, since) VALUES ($1, $2, $3) "
        "ON CONFLICT (prisoner_id) DO UPDATE SET camp_id = excluded.camp_id",
        Params().Add(prisoner_id).Add(camp_id).Add(FormatIsoDate(since)));
    return OkStatus();
  });
}

Result<std::vector<PhoneWaiting>> SqlStore::ListPhoneWaiting(std::int64_t camp_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<PhoneWaiting>> {
    // Only those held in this camp now: in hospital, transferred or gone, he is not rung.
    std::vector<PhoneWaiting> out;
    for (const Row& row : s.Run(
             "SELECT w.prisoner_id, w.since, w.last_call FROM phone_waiting w JOIN prisoners p ON "
             "p.id = w.prisoner_id "
             "WHERE w.camp_id = $1 AND p.camp_id = $1 AND p.status = 'held' ORDER BY w.prisoner_id",
             Params().Add(camp_id))) {
      out.push_back({row.Int(0), row.DateAt(1), row.OptionalDate(2)});
    }
    return out;
  });
}

Result<std::int64_t> SqlStore::RecordCall(const PhoneCallRecord& call, bool used_turn,
                                          const std::optional<camp::Posting>& charge,
                                          std::int64_t at) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    s.LockCampBooks(call.camp_id);
    std::optional<std::int64_t> posting_id;
    if (charge) {
      auto posted = ApplyPosting(s, call.camp_id, *charge, at);
      if (!posted) return posted.error();
      posting_id = posted->posting_id;
    }
    const std::int64_t id = s.Run(
                                 "INSERT INTO phone_calls (camp_id, prisoner_id, day, "
                                 "start_minute, end_minute, outcome, minutes, "
                                 "posting_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                                 Params()
                                     .Add(call.camp_id)
                                     .Add(call.prisoner_id)
                                     .Add(FormatIsoDate(call.day))
                                     .Add(std::int64_t{call.start_minute})
                                     .Add(std::int64_t{call.end_minute})
                                     .Add(ToString(call.outcome))
                                     .Add(std::int64_t{call.minutes})
                                     .Add(posting_id))[0]
                                .Int(0);
    if (used_turn) {
      s.Run("UPDATE phone_waiting SET last_call = $1 WHERE prisoner_id = $2",
            Params().Add(FormatIsoDate(call.day)).Add(call.prisoner_id));
    }
    tx.Commit();
    return id;
  });
}

Result<std::vector<PhoneCallRecord>> SqlStore::ListCalls(std::int64_t camp_id, Date day) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<PhoneCallRecord>> {
    std::vector<PhoneCallRecord> out;
    for (const Row& row : s.Run("SELECT id, prisoner_id, start_minute, end_minute, outcome, "
                                "minutes, posting_id FROM phone_calls "
                                "WHERE camp_id = $1 AND day = $2 ORDER BY start_minute",
                                Params().Add(camp_id).Add(FormatIsoDate(day)))) {
      out.push_back({row.Int(0), camp_id, row.Int(1), day, static_cast<int>(row.Int(2)),
                     static_cast<int>(row.Int(3)), row.Valid(ParseCallOutcome(row.Text(4))),
                     static_cast<int>(row.Int(5)), row.OptionalInt(6)});
    }
    return out;
  });
}

// Under the camp's books' lock, so that two first views agree: the second finds the
// first's rota.
Result<camp::DayRota> SqlStore::FixRota(std::int64_t camp_id, Date day,
                                        const std::function<Result<camp::DayRota>()>& plan) {
  return Write(*sessions_, [&](Session& s) -> Result<camp::DayRota> {
    Transaction tx(s);
    s.LockCampBooks(camp_id);
    camp::DayRota rota{sys_days{day}, {}, {}};
    auto saved = s.Run(
        "SELECT start_minute, end_minute, prisoner_id FROM phone_rota WHERE camp_id = $1 AND day = "
        "$2 "
        "ORDER BY position",
        Params().Add(camp_id).Add(FormatIsoDate(day)));
    for (const Row& row : saved) {
      if (auto start = row.OptionalInt(0)) {
        rota.slots.push_back({static_cast<int>(*start), static_cast<int>(row.Int(1)), row.Int(2)});
      } else {
        rota.standby.push_back(row.Int(2));
      }
    }
    if (!saved.empty()) return rota;
    auto planned = plan();
    if (!planned) return planned.error();
    constexpr std::string_view kInsert =
        "INSERT INTO phone_rota (camp_id, day, position, start_minute, end_minute, prisoner_id) "
        "VALUES ($1, $2, $3, $4, $5, $6)";
    std::int64_t position = 0;
    for (const auto& slot : planned->slots) {
      s.Run(kInsert, Params()
                         .Add(camp_id)
                         .Add(FormatIsoDate(day))
                         .Add(++position)
                         .Add(std::int64_t{slot.start_minute})
                         .Add(std::int64_t{slot.end_minute})
                         .Add(slot.prisoner_id));
    }
    for (std::int64_t prisoner : planned->standby) {
      s.Run(kInsert, Params()
                         .Add(camp_id)
                         .Add(FormatIsoDate(day))
                         .Add(++position)
                         .AddNull()
                         .AddNull()
                         .Add(prisoner));
    }
    tx.Commit();
    return planned;
  });
}

Result<std::int64_t> SqlStore::InsertMail(std::int64_t prisoner_id, const camp::MailItem& m) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    return s
        .Run(
            "INSERT INTO mail (prisoner_id, day, kind, direction, held) VALUES ($1, $2, $3, $4, "
            "$5) RETURNING id",
            Params()
                .Add(prisoner_id)
                .Add(FormatIsoDate(Date{m.day}))
                .Add(camp::ToString(m.kind))
                .Add(camp::ToString(m.direction))
                .Add(std::int64_t{m.held}))[0]
        .Int(0);
  });
}

Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> SqlStore::ListMail(
    std::int64_t camp_id, Date from, Date to) {
  return Read(
      *sessions_, [&](Session& s) -> Result<std::vector<std::pair<std::int64_t, camp::MailItem>>> {
        std::vector<std::pair<std::int64_t, camp::MailItem>> out;
        for (const Row& row :
             s.Run("SELECT m.prisoner_id, m.day, m.kind, m.direction, m.held FROM mail m "
                   "JOIN prisoners p ON p.id = m.prisoner_id "
                   "WHERE p.camp_id = $1 AND m.day >= $2 AND m.day <= $3 ORDER BY m.prisoner_id, "
                   "m.day, m.id",
                   Params().Add(camp_id).Add(FormatIsoDate(from)).Add(FormatIsoDate(to)))) {
          out.push_back({row.Int(0),
                         {sys_days{row.DateAt(1)}, row.Valid(camp::ParseMailKind(row.Text(2))),
                          row.Valid(camp::ParseMailDirection(row.Text(3))), row.Int(4) != 0}});
        }
        return out;
      });
}

}  // namespace lifeline::store::sql
