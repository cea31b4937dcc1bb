#include "domain/access_patterns.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

namespace lifeline {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;

std::int64_t FloorTo(std::int64_t t, std::int64_t unit) {
  return (t >= 0 ? t : t - unit + 1) / unit * unit;
}
int HourOfDay(std::int64_t t) { return static_cast<int>((t - FloorTo(t, kDay)) / kHour); }

// Searches with no case read or work by the same user within `window` after them.
std::map<std::int64_t, int> IdleSearchesPerDay(const std::vector<AccessEvent>& events,
                                               std::int64_t window, std::int64_t from,
                                               std::int64_t to) {
  std::map<std::int64_t, int> per_day;
  for (std::size_t i = 0; i < events.size(); ++i) {
    const AccessEvent& e = events[i];
    if (e.kind != AccessEvent::Kind::kSearch || e.at < from || e.at >= to) continue;
    bool followed = false;
    for (std::size_t j = i + 1; j < events.size() && events[j].at <= e.at + window; ++j) {
      if (events[j].kind != AccessEvent::Kind::kSearch) {
        followed = true;
        break;
      }
    }
    if (!followed) ++per_day[FloorTo(e.at, kDay)];
  }
  return per_day;
}

struct Baseline {
  int busiest_hour = 0;                 // most reads in one hour
  std::array<double, 24> hour_share{};  // share of all events at each hour of the day
  double idle_searches_per_day = 0;     // mean over the days with any activity
  bool any = false;
};

Baseline BaselineOf(const std::vector<AccessEvent>& events, const AccessRules& rules) {
  Baseline b;
  if (events.empty()) return b;
  b.any = true;
  std::map<std::int64_t, int> reads_per_hour;
  std::set<std::int64_t> active_days;
  std::array<int, 24> per_hour{};
  for (const auto& e : events) {
    if (e.kind == AccessEvent::Kind::kCaseRead) ++reads_per_hour[FloorTo(e.at, kHour)];
    ++per_hour[static_cast<std::size_t>(HourOfDay(e.at))];
    active_days.insert(FloorTo(e.at, kDay));
  }
  for (const auto& [hour, reads] : reads_per_hour) b.busiest_hour = std::max(b.busiest_hour, reads);
  for (std::size_t h = 0; h < 24; ++h)
    b.hour_share[h] = static_cast<double>(per_hour[h]) / static_cast<double>(events.size());
  int idle = 0;
  for (const auto& [day, count] :
       IdleSearchesPerDay(events, rules.follow_up_seconds, events.front().at, events.back().at + 1))
    idle += count;
  b.idle_searches_per_day = static_cast<double>(idle) / static_cast<double>(active_days.size());
  return b;
}

// An hour the operator hardly ever works, nor the hours either side of it: staying an hour
// late or starting an hour early is ordinary.
bool IsOffHour(const Baseline& b, int hour, const AccessRules& rules) {
  for (int h : {hour + 23, hour, hour + 1}) {
    if (b.hour_share[static_cast<std::size_t>(h % 24)] >= rules.off_hour_share) return false;
  }
  return true;
}

std::map<std::int64_t, std::vector<AccessEvent>> ByUser(std::span<const AccessEvent> events) {
  std::map<std::int64_t, std::vector<AccessEvent>> by_user;
  for (const auto& e : events) by_user[e.user_id].push_back(e);
  for (auto& [user, list] : by_user) {
    std::stable_sort(list.begin(), list.end(),
                     [](const AccessEvent& a, const AccessEvent& b) { return a.at < b.at; });
  }
  return by_user;
}

}  // namespace

std::string_view ToString(PatternAlert::Kind kind) {
  switch (kind) {
    case PatternAlert::Kind::kReadsPerHour:
      return "reads_per_hour";
    case PatternAlert::Kind::kOffHours:
      return "off_hours";
    case PatternAlert::Kind::kSearchesWithoutWork:
      return "searches_without_work";
  }
  return "?";
}

std::vector<PatternAlert> FindPatternAlerts(std::span<const AccessEvent> baseline,
                                            std::span<const AccessEvent> judged, std::int64_t from,
                                            std::int64_t to, const AccessRules& rules) {
  const auto baselines = ByUser(baseline);
  std::vector<PatternAlert> alerts;
  for (const auto& [user, events] : ByUser(judged)) {
    const auto found = baselines.find(user);
    const Baseline b = found == baselines.end() ? Baseline{} : BaselineOf(found->second, rules);

    const int reads_threshold =
        std::max(rules.reads_per_hour_floor,
                 static_cast<int>(std::ceil(rules.reads_per_hour_factor * b.busiest_hour)));
    std::map<std::int64_t, int> reads_per_hour;
    std::map<std::int64_t, int> off_hour_reads_per_day;
    for (const auto& e : events) {
      if (e.at < from || e.at >= to || e.kind != AccessEvent::Kind::kCaseRead) continue;
      ++reads_per_hour[FloorTo(e.at, kHour)];
      // Without a baseline, no hour is known to be off.
      if (b.any && IsOffHour(b, HourOfDay(e.at), rules))
        ++off_hour_reads_per_day[FloorTo(e.at, kDay)];
    }
    for (const auto& [hour, reads] : reads_per_hour) {
      if (reads > reads_threshold)
        alerts.push_back({user, PatternAlert::Kind::kReadsPerHour, hour, reads, reads_threshold});
    }
    for (const auto& [day, reads] : off_hour_reads_per_day) {
      if (reads >= rules.off_hours_min_reads) {
        alerts.push_back(
            {user, PatternAlert::Kind::kOffHours, day, reads, rules.off_hours_min_reads});
      }
    }
    const int idle_threshold =
        std::max(rules.idle_searches_floor,
                 static_cast<int>(std::ceil(rules.idle_searches_factor * b.idle_searches_per_day)));
    for (const auto& [day, idle] : IdleSearchesPerDay(events, rules.follow_up_seconds, from, to)) {
      if (idle > idle_threshold) {
        alerts.push_back(
            {user, PatternAlert::Kind::kSearchesWithoutWork, day, idle, idle_threshold});
      }
    }
  }
  return alerts;
}

}  // namespace lifeline
