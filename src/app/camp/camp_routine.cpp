// The camp's daily routine (app/camp/camp.hpp): labour under Arts. 49–55, the phone line's fair
// rota and its calls charged to the account or the state, and the correspondence log (Art. 71).

#include <map>

#include "app/camp/camp.hpp"
#include "domain/camp/money.hpp"

namespace lifeline::app {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

std::string Target(std::int64_t prisoner_id) { return "prisoner:" + std::to_string(prisoner_id); }

Result<year_month_day> DayOf(const std::string& text, const Clock& clock, const char* field) {
  if (text.empty()) return clock.Today();
  auto day = ParseIsoDate(text);
  if (!day) return InvalidInput(std::string(field) + " must be a date like 2026-11-23", field);
  return *day;
}

}  // namespace

Status CampService::SetLabourProfile(const Actor& actor, std::int64_t prisoner_id,
                                     bool asked_for_work, bool volunteers_dangerous,
                                     const std::string& last_medical_exam) {
  auto stored = ManagedPrisoner(actor, prisoner_id);
  if (!stored) return stored.error();
  camp::LabourProfile profile{stored->rank, asked_for_work, volunteers_dangerous, std::nullopt};
  if (!last_medical_exam.empty()) {
    auto exam = ParseIsoDate(last_medical_exam);
    if (!exam || sys_days{*exam} > sys_days{clock_.Today()}) {
      return InvalidInput("last_medical_exam must be a past date like 2026-11-20",
                          "last_medical_exam");
    }
    profile.last_medical_exam = sys_days{*exam};
  }
  if (auto audited = Audit(actor, AuditAction::kLabourChanged, Target(prisoner_id)); !audited)
    return audited;
  return store_.SaveLabourProfile(prisoner_id, profile);
}

Result<std::int64_t> CampService::AssignShift(const Actor& actor, std::int64_t prisoner_id,
                                              const std::string& day, const std::string& hours,
                                              const std::string& kind, bool supervisory,
                                              bool dangerous) {
  auto stored = ManagedPrisoner(actor, prisoner_id);
  if (!stored) return stored.error();
  if (stored->status != store::PrisonerStatus::kHeld)
    return InvalidInput("only a prisoner held in the camp works", "prisoner");
  auto camp = store_.GetCamp(stored->camp_id);
  if (!camp) return camp.error();
  auto on = DayOf(day, clock_, "day");
  if (!on) return on.error();
  const std::vector<std::string> range = {hours};
  auto parsed = camp::ParseOpeningHours(range);
  if (!parsed)
    return InvalidInput("hours must be a range like 08:00-12:00, the journey included", "hours");
  auto work = camp::ParseWorkKind(kind);
  if (!work) {
    return InvalidInput(
        "GC III Art. 50: work must be camp_administration, agriculture, non_military_industry, "
        "non_military_transport, commerce_arts_crafts, domestic_service or public_utilities",
        "kind");
  }
  auto profile = store_.LoadLabourProfile(prisoner_id);
  if (!profile) return profile.error();
  const camp::WorkShift shift{sys_days{*on}, parsed->front().first, parsed->front().second,
                              *work,         supervisory,           dangerous};
  auto others = store_.ListShifts(prisoner_id, year_month_day{sys_days{*on} - days{7}},
                                  year_month_day{sys_days{*on} + days{7}});
  if (!others) return others.error();
  if (auto ok = camp::CheckShift(*profile, shift, *others, camp->labour); !ok) return ok.error();
  if (auto audited = Audit(actor, AuditAction::kLabourChanged, Target(prisoner_id)); !audited)
    return audited.error();
  return store_.InsertShift(prisoner_id, shift);
}

Result<std::vector<camp::WorkShift>> CampService::Shifts(const Actor& actor,
                                                         std::int64_t prisoner_id) {
  if (auto stored = ManagedPrisoner(actor, prisoner_id); !stored) return stored.error();
  return ShiftsAround(prisoner_id);
}

Result<std::vector<camp::WorkShift>> CampService::ShiftsAround(std::int64_t prisoner_id) {
  const sys_days today{clock_.Today()};
  return store_.ListShifts(prisoner_id, year_month_day{today - days{7}},
                           year_month_day{today + days{14}});
}

Status CampService::JoinPhoneList(const Actor& actor, std::int64_t prisoner_id) {
  auto stored = ManagedPrisoner(actor, prisoner_id);
  if (!stored) return stored.error();
  if (stored->status != store::PrisonerStatus::kHeld)
    return InvalidInput("only a prisoner held in the camp calls from it", "prisoner");
  if (auto audited = Audit(actor, AuditAction::kPhoneListJoined, Target(prisoner_id)); !audited)
    return audited;
  return store_.JoinPhoneList(stored->camp_id, prisoner_id, clock_.Today());
}

Result<CampService::DayOnTheLine> CampService::PhoneDay(const Actor& actor, std::int64_t camp_id,
                                                        const std::string& day) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  auto camp = store_.GetCamp(camp_id);
  if (!camp) return camp.error();
  auto on = DayOf(day, clock_, "day");
  if (!on) return on.error();
  auto rota = store_.FixRota(camp_id, *on, [&]() -> Result<camp::DayRota> {
    auto waiting = store_.ListPhoneWaiting(camp_id);
    if (!waiting) return waiting.error();
    camp::WaitingList list(camp->rota);
    for (const auto& w : *waiting) {
      std::optional<sys_days> last;
      if (w.last_call) last = sys_days{*w.last_call};
      list.Join(w.prisoner_id, sys_days{w.since}, last);
    }
    return list.Plan(sys_days{*on}, camp->phone_hours);
  });
  if (!rota) return rota.error();
  auto calls = store_.ListCalls(camp_id, *on);
  if (!calls) return calls.error();
  return DayOnTheLine{std::move(*rota), std::move(*calls)};
}

Result<std::int64_t> CampService::RecordCall(const Actor& actor, std::int64_t camp_id,
                                             std::int64_t prisoner_id, const std::string& day,
                                             int start_minute, camp::CallOutcome outcome,
                                             int minutes) {
  auto stored = ManagedPrisoner(actor, prisoner_id);
  if (!stored) return stored.error();
  auto camp = store_.GetCamp(camp_id);
  if (!camp) return camp.error();
  if (stored->camp_id != camp_id)
    return InvalidInput("this prisoner is not held in this camp", "prisoner");
  auto on = DayOf(day, clock_, "day");
  if (!on) return on.error();
  auto waiting = store_.ListPhoneWaiting(camp_id);
  if (!waiting) return waiting.error();
  if (std::none_of(waiting->begin(), waiting->end(),
                   [&](const auto& w) { return w.prisoner_id == prisoner_id; })) {
    return InvalidInput("he is not on the phone line's waiting list", "prisoner");
  }
  // The slot must be one of the rota's: inside the hours, on the grid of slot lengths.
  const int length = std::min(camp->rota.slot_minutes, camp->rota.max_minutes_per_day);
  const auto& hours = camp->phone_hours;
  const bool on_grid = std::any_of(hours.begin(), hours.end(), [&](const auto& h) {
    return start_minute >= h.first && start_minute + length <= h.second &&
           (start_minute - h.first) % length == 0;
  });
  if (!on_grid) return InvalidInput("that is not one of the line's slots", "start_minute");
  if (outcome == camp::CallOutcome::kNoShow) minutes = 0;
  if (minutes < 0 || minutes > length)
    return InvalidInput("a call lasts 0 to " + std::to_string(length) + " minutes", "minutes");
  auto calls = store_.ListCalls(camp_id, *on);
  if (!calls) return calls.error();
  const Error slot_taken{ErrorCode::kConflict,
                         "that slot already holds a call: the camp has one line"};
  int today = minutes;
  for (const auto& c : *calls) {
    if (c.start_minute == start_minute && c.outcome != camp::CallOutcome::kNoShow &&
        outcome != camp::CallOutcome::kNoShow) {
      return slot_taken;
    }
    today += c.prisoner_id == prisoner_id ? c.minutes : 0;
  }
  if (today > camp->rota.max_minutes_per_day) {
    return InvalidInput("that would be more than his " +
                            std::to_string(camp->rota.max_minutes_per_day) +
                            " minutes on the line today",
                        "minutes");
  }
  std::optional<camp::Posting> charge;
  if (minutes > 0) {
    const std::string key = "call:" + FormatIsoDate(*on) + ":" + std::to_string(start_minute) +
                            ":" + std::to_string(prisoner_id);
    auto posting = camp::CallHome(key, prisoner_id, minutes, stored->balance, camp->tariff);
    if (posting) charge = std::move(*posting);  // a camp that charges nothing posts nothing
  }
  const bool used_turn =
      outcome == camp::CallOutcome::kCompleted ||
      (outcome == camp::CallOutcome::kCut && minutes >= camp->rota.cut_call_keeps_turn_below);
  if (auto audited = Audit(actor, AuditAction::kPhoneCallRecorded, Target(prisoner_id)); !audited)
    return audited.error();
  store::PhoneCallRecord call{
      0, camp_id, prisoner_id, *on, start_minute, start_minute + length, outcome, minutes, {}};
  auto id = store_.RecordCall(call, used_turn, charge, clock_.Now().time_since_epoch().count());
  if (!id && id.error().code == ErrorCode::kConflict &&
      id.error().message == "that record already exists") {
    return slot_taken;  // recorded meanwhile
  }
  return id;
}

Result<std::int64_t> CampService::LogMail(const Actor& actor, std::int64_t prisoner_id,
                                          const std::string& day, camp::MailKind kind,
                                          camp::MailDirection direction, bool held) {
  auto stored = ManagedPrisoner(actor, prisoner_id);
  if (!stored) return stored.error();
  auto on = DayOf(day, clock_, "day");
  if (!on) return on.error();
  if (sys_days{*on} > sys_days{clock_.Today()})
    return InvalidInput("day cannot be in the future", "day");
  if (auto audited = Audit(actor, AuditAction::kMailLogged, Target(prisoner_id)); !audited)
    return audited.error();
  return store_.InsertMail(prisoner_id, {sys_days{*on}, kind, direction, held});
}

Result<std::vector<CampService::MailRow>> CampService::MailMonth(const Actor& actor,
                                                                 std::int64_t camp_id,
                                                                 std::chrono::year_month month) {
  if (auto allowed = Require(actor, Permission::kManageCamp); !allowed) return allowed.error();
  if (!month.ok()) return InvalidInput("month must be like 2026-11", "month");
  const year_month_day from = month / 1;
  const year_month_day to = month / std::chrono::last;
  auto items = store_.ListMail(camp_id, from, to);
  if (!items) return items.error();
  std::map<std::int64_t, std::vector<camp::MailItem>> by_prisoner;
  for (auto& [prisoner, item] : *items) by_prisoner[prisoner].push_back(item);
  std::vector<MailRow> out;
  for (const auto& [prisoner, list] : by_prisoner)
    out.push_back({prisoner, PrisonerNumber(prisoner), camp::SummariseMonth(list, month)});
  return out;
}

}  // namespace lifeline::app
