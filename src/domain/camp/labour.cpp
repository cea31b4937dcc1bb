#include "domain/camp/labour.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace lifeline::camp {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int kDayMinutes = 24 * 60;

std::string HoursAndMinutes(int minutes) {
  return std::to_string(minutes / 60) + " h" +
         (minutes % 60 ? " " + std::to_string(minutes % 60) + " min" : "");
}

sys_days WeekStart(sys_days day) {
  const std::chrono::weekday wd{day};
  return day - days{(wd.c_encoding() + 6) % 7};  // Monday
}

struct Interval {
  long long from = 0;  // minutes since the epoch
  long long to = 0;
};

Interval Absolute(const WorkShift& s) {
  const long long base = static_cast<long long>(s.day.time_since_epoch().count()) * kDayMinutes;
  return {base + s.start_minute, base + s.end_minute};
}

// The longest free stretch within [from, to) left by `work` (sorted by start).
long long LongestGap(const std::vector<Interval>& work, long long from, long long to) {
  long long longest = 0;
  long long free_from = from;
  for (const Interval& i : work) {
    if (i.to <= from || i.from >= to) continue;
    longest = std::max(longest, std::max(0LL, i.from - free_from));
    free_from = std::max(free_from, i.to);
  }
  return std::max(longest, to - free_from);
}

}  // namespace

Status CheckShift(const LabourProfile& prisoner, const WorkShift& shift,
                  std::span<const WorkShift> others, const LabourRules& rules) {
  if (shift.start_minute < 0 || shift.end_minute > kDayMinutes ||
      shift.start_minute >= shift.end_minute) {
    return InvalidInput("a shift starts before it ends, within one day (00:00–24:00)", "shift");
  }
  if (IsOfficer(prisoner.rank) && !prisoner.asked_for_work) {
    return InvalidInput(
        "GC III Art. 49: an officer may ask for work but is never compelled; record his request "
        "first",
        "prisoner");
  }
  if (IsSupervisoryOnly(prisoner.rank) && !shift.supervisory && !prisoner.asked_for_work) {
    return InvalidInput(
        "GC III Art. 49: a non-commissioned officer may be required to do supervisory work only, "
        "unless he asks for other work",
        "supervisory");
  }
  if (shift.dangerous && !prisoner.volunteers_for_dangerous) {
    return InvalidInput("GC III Art. 52: unhealthy or dangerous work is for volunteers only",
                        "dangerous");
  }
  if (!prisoner.last_medical_exam ||
      shift.day - *prisoner.last_medical_exam > days{kMedicalExamValidDays} ||
      *prisoner.last_medical_exam > shift.day) {
    return InvalidInput(
        "GC III Art. 55: fitness for work needs a medical examination within the last month",
        "prisoner");
  }

  std::vector<Interval> week;
  const sys_days monday = WeekStart(shift.day);
  int day_minutes = shift.end_minute - shift.start_minute;
  const Interval mine = Absolute(shift);
  for (const WorkShift& other : others) {
    const Interval i = Absolute(other);
    if (i.from < mine.to && mine.from < i.to)
      return InvalidInput("the prisoner already works at that time", "shift");
    if (other.day == shift.day) day_minutes += other.end_minute - other.start_minute;
    if (WeekStart(other.day) == monday) week.push_back(i);
  }
  if (day_minutes > rules.max_daily_minutes) {
    return InvalidInput("GC III Art. 53: the day's work would be " + HoursAndMinutes(day_minutes) +
                            ", above the camp's " + HoursAndMinutes(rules.max_daily_minutes),
                        "shift");
  }
  week.push_back(mine);
  std::sort(week.begin(), week.end(),
            [](const Interval& a, const Interval& b) { return a.from < b.from; });

  const long long midnight =
      static_cast<long long>(shift.day.time_since_epoch().count()) * kDayMinutes;
  const bool works_at_midday = std::any_of(week.begin(), week.end(), [&](const Interval& i) {
    return i.from < midnight + kMiddayTo && i.to > midnight + kMiddayFrom;
  });
  if (works_at_midday &&
      LongestGap(week, midnight + kMiddayFrom, midnight + kMiddayTo) < kMiddayRestMinutes) {
    return InvalidInput(
        "GC III Art. 53: the day's work must leave an hour's rest at midday (between 11:00 and "
        "15:00)",
        "shift");
  }
  const long long week_from =
      static_cast<long long>(monday.time_since_epoch().count()) * kDayMinutes;
  if (LongestGap(week, week_from, week_from + 7LL * kDayMinutes) < kWeeklyRestMinutes) {
    return InvalidInput(
        "GC III Art. 53: the week (Monday to Sunday) would leave no 24 consecutive hours off",
        "shift");
  }
  return OkStatus();
}

}  // namespace lifeline::camp
