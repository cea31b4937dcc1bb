#pragma once
// Insider alerts from each operator's own access pattern (docs/security.md, "Canaries and
// access alerts"). Pure: the office feeds it audit entries (app/audit/access_alerts.hpp).
//
// Each operator is judged against their own baseline (the weeks before), never against
// colleagues: a night-shift operator's nights are normal, a day-shift operator's are not.
// Three patterns, each with a floor so that a new operator with little history, or a quiet
// baseline, does not alarm on ordinary work:
//   - many case reads in one hour: more than max(floor, 1.5 x their busiest baseline hour);
//   - reads at hours they never work: at least `off_hours_min_reads` reads in one day at
//     hours of the day which, with the hour either side, each hold under 0.5 % of their
//     baseline activity (an hour's overtime is ordinary);
//   - searches without follow-up work: in one day, more searches not followed within
//     10 minutes by a case read or work than max(floor, 3 x their baseline daily mean).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace lifeline {

struct AccessEvent {
  enum class Kind { kCaseRead, kSearch, kCaseWork };
  std::int64_t user_id = 0;
  std::int64_t at = 0;  // seconds since the epoch, UTC
  Kind kind = Kind::kCaseRead;
};

struct AccessRules {
  int reads_per_hour_floor = 20;
  double reads_per_hour_factor = 1.5;
  int off_hours_min_reads = 3;
  double off_hour_share = 0.005;
  int idle_searches_floor = 10;
  double idle_searches_factor = 3.0;
  std::int64_t follow_up_seconds = 600;
};

struct PatternAlert {
  enum class Kind { kReadsPerHour, kOffHours, kSearchesWithoutWork };
  std::int64_t user_id = 0;
  Kind kind = Kind::kReadsPerHour;
  std::int64_t period_start = 0;  // the hour (reads) or the UTC day (the others), in seconds
  int observed = 0;               // reads in the hour, off-hour reads, idle searches
  int threshold = 0;              // what the baseline allowed
  bool operator==(const PatternAlert&) const = default;
};

/// Wire name: "reads_per_hour", "off_hours", "searches_without_work".
std::string_view ToString(PatternAlert::Kind kind);

/// The alerts for the events in [from, to) judged against each user's events in
/// `baseline` (events before `from`; any order). `judged` may run up to follow_up_seconds
/// past `to`, so that a search late in the window sees its follow-up; events outside
/// [from, to) are otherwise not judged.
std::vector<PatternAlert> FindPatternAlerts(std::span<const AccessEvent> baseline,
                                            std::span<const AccessEvent> judged, std::int64_t from,
                                            std::int64_t to, const AccessRules& rules = {});

}  // namespace lifeline
