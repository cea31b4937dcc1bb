// Insider alerts from access patterns (domain/access_patterns.hpp): the thresholds at their
// edges, worked out by hand; then weeks of synthetic normal work, which must raise no alert,
// and the same weeks with one operator misbehaving in each way, which must raise exactly
// that alert. The synthetic office: operators on day, evening and night shifts, five days a
// week, starting within half an hour of their shift, reading cases as a Poisson process of
// their own rate, working most cases they read, and searching now and then (most searches
// lead to a case).

#include "domain/access_patterns.hpp"

#include <gtest/gtest.h>

#include <random>

namespace lifeline {
namespace {

using Kind = AccessEvent::Kind;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kMonday = 1'798'416'000;  // 2026-12-28 00:00 UTC, a Monday

std::vector<AccessEvent> Repeat(std::int64_t user, Kind kind, std::int64_t start, int count,
                                std::int64_t every) {
  std::vector<AccessEvent> events;
  for (int i = 0; i < count; ++i) events.push_back({user, start + i * every, kind});
  return events;
}

void Append(std::vector<AccessEvent>& to, const std::vector<AccessEvent>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

// ---- Thresholds, by hand ----------------------------------------------------------------

TEST(AccessPatterns, ReadsPerHourAlarmOnlyPastOneAndAHalfTimesTheBusiestBaselineHour) {
  // Baseline: busiest hour 16 reads (at 10:00, the hour judged) -> threshold ceil(1.5 x 16) = 24.
  std::vector<AccessEvent> baseline = Repeat(7, Kind::kCaseRead, kMonday + 10 * kHour, 16, 200);
  const std::int64_t from = kMonday + 7 * kDay;
  const std::int64_t hour = from + 10 * kHour;
  auto at_threshold = Repeat(7, Kind::kCaseRead, hour, 24, 100);
  EXPECT_TRUE(FindPatternAlerts(baseline, at_threshold, from, from + kDay).empty());
  auto past = Repeat(7, Kind::kCaseRead, hour, 25, 100);
  const auto alerts = FindPatternAlerts(baseline, past, from, from + kDay);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0], (PatternAlert{7, PatternAlert::Kind::kReadsPerHour, hour, 25, 24}));
}

TEST(AccessPatterns, AQuietBaselineStillAllowsTheFloor) {
  // Busiest baseline hour 4 reads: 1.5 x 4 = 6, below the floor of 20.
  std::vector<AccessEvent> baseline = Repeat(3, Kind::kCaseRead, kMonday + 9 * kHour, 4, 600);
  Append(baseline, Repeat(3, Kind::kCaseRead, kMonday + 10 * kHour, 4, 600));
  const std::int64_t from = kMonday + 7 * kDay;
  EXPECT_TRUE(FindPatternAlerts(baseline, Repeat(3, Kind::kCaseRead, from + 9 * kHour, 20, 150),
                                from, from + kDay)
                  .empty());
  EXPECT_EQ(FindPatternAlerts(baseline, Repeat(3, Kind::kCaseRead, from + 9 * kHour, 21, 150), from,
                              from + kDay)
                .size(),
            1u);
}

TEST(AccessPatterns, ANewOperatorIsJudgedByTheFloorsAloneAndHasNoOffHours) {
  const std::int64_t from = kMonday;
  auto night = Repeat(9, Kind::kCaseRead, from + 3 * kHour, 20, 120);  // 20 reads at 03:00
  EXPECT_TRUE(FindPatternAlerts({}, night, from, from + kDay).empty());
  auto many = Repeat(9, Kind::kCaseRead, from + 3 * kHour, 21, 120);
  ASSERT_EQ(FindPatternAlerts({}, many, from, from + kDay).size(), 1u);
  EXPECT_EQ(FindPatternAlerts({}, many, from, from + kDay)[0].kind,
            PatternAlert::Kind::kReadsPerHour);
}

TEST(AccessPatterns, OffHoursNeedThreeReadsInADayAtHoursUnderHalfAPercentOfTheBaseline) {
  // (An hour is off when it and the hours either side each hold under 0.5 %.)
  // Baseline: 400 events, all between 09:00 and 16:59 (50 per hour of the day).
  std::vector<AccessEvent> baseline;
  for (int day = 0; day < 5; ++day)
    for (int h = 9; h < 17; ++h)
      Append(baseline, Repeat(4, Kind::kCaseRead, kMonday + day * kDay + h * kHour, 10, 300));
  const std::int64_t from = kMonday + 7 * kDay;
  auto two = Repeat(4, Kind::kCaseRead, from + 2 * kHour, 2, 600);
  EXPECT_TRUE(FindPatternAlerts(baseline, two, from, from + kDay).empty());
  auto three = Repeat(4, Kind::kCaseRead, from + 2 * kHour, 3, 600);
  const auto alerts = FindPatternAlerts(baseline, three, from, from + kDay);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0], (PatternAlert{4, PatternAlert::Kind::kOffHours, from, 3, 3}));
  // Their working hours are never off, however many reads (below the hourly threshold);
  // nor an hour late (17:00) or early (08:00); 18:00 is.
  auto working = Repeat(4, Kind::kCaseRead, from + 10 * kHour, 15, 200);
  EXPECT_TRUE(FindPatternAlerts(baseline, working, from, from + kDay).empty());
  auto late = Repeat(4, Kind::kCaseRead, from + 17 * kHour, 5, 300);
  Append(late, Repeat(4, Kind::kCaseRead, from + 8 * kHour, 5, 300));
  EXPECT_TRUE(FindPatternAlerts(baseline, late, from, from + kDay).empty());
  auto later = Repeat(4, Kind::kCaseRead, from + 18 * kHour, 3, 300);
  EXPECT_EQ(FindPatternAlerts(baseline, later, from, from + kDay).size(), 1u);
}

TEST(AccessPatterns, SearchesCountAsIdleOnlyWithoutAReadOrWorkWithinTenMinutes) {
  const std::int64_t from = kMonday;
  // 11 searches an hour apart, each followed by a read 601 s later (too late): 11 idle > 10.
  std::vector<AccessEvent> late;
  for (int i = 0; i < 11; ++i) {
    late.push_back({5, from + i * kHour, Kind::kSearch});
    late.push_back({5, from + i * kHour + 601, Kind::kCaseRead});
  }
  const auto alerts = FindPatternAlerts({}, late, from, from + kDay);
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0], (PatternAlert{5, PatternAlert::Kind::kSearchesWithoutWork, from, 11, 10}));
  // The same searches followed at 600 s, or by work, are not idle.
  std::vector<AccessEvent> followed;
  for (int i = 0; i < 11; ++i) {
    followed.push_back({5, from + i * kHour, Kind::kSearch});
    followed.push_back({5, from + i * kHour + 600, i % 2 ? Kind::kCaseRead : Kind::kCaseWork});
  }
  EXPECT_TRUE(FindPatternAlerts({}, followed, from, from + kDay).empty());
  // Another operator's read is not this one's follow-up.
  std::vector<AccessEvent> others;
  for (int i = 0; i < 11; ++i) {
    others.push_back({5, from + i * kHour, Kind::kSearch});
    others.push_back({6, from + i * kHour + 60, Kind::kCaseRead});
  }
  EXPECT_EQ(FindPatternAlerts({}, others, from, from + kDay).size(), 1u);
}

// ---- A synthetic office --------------------------------------------------------------------

struct Operator {
  std::int64_t id;
  int shift_start_hour;  // 8, 14 or 22
  double reads_per_hour;
};

// `weeks` of normal work from kMonday, each operator five days a week.
std::vector<AccessEvent> NormalWork(const std::vector<Operator>& operators, int weeks,
                                    std::mt19937_64& random) {
  std::vector<AccessEvent> events;
  std::uniform_int_distribution<std::int64_t> jitter(-1800, 1800);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (const auto& op : operators) {
    std::exponential_distribution<double> next_read(op.reads_per_hour / 3600.0);
    std::exponential_distribution<double> next_search(1.5 / 3600.0);
    for (int day = 0; day < 7 * weeks; ++day) {
      if (day % 7 >= 5) continue;  // two days off a week
      const std::int64_t start =
          kMonday + day * kDay + op.shift_start_hour * kHour + jitter(random);
      const std::int64_t end = start + 8 * kHour + jitter(random);
      for (double t = static_cast<double>(start) + next_read(random); t < static_cast<double>(end);
           t += next_read(random)) {
        const auto at = static_cast<std::int64_t>(t);
        events.push_back({op.id, at, Kind::kCaseRead});
        if (unit(random) < 0.6)
          events.push_back(
              {op.id, at + 120 + static_cast<std::int64_t>(360 * unit(random)), Kind::kCaseWork});
      }
      for (double t = static_cast<double>(start) + next_search(random);
           t < static_cast<double>(end); t += next_search(random)) {
        const auto at = static_cast<std::int64_t>(t);
        events.push_back({op.id, at, Kind::kSearch});
        if (unit(random) < 0.85)
          events.push_back(
              {op.id, at + 60 + static_cast<std::int64_t>(240 * unit(random)), Kind::kCaseRead});
      }
    }
  }
  return events;
}

std::vector<Operator> Office(std::mt19937_64& random) {
  std::vector<Operator> operators;
  std::uniform_real_distribution<double> rate(3.0, 9.0);
  const int shifts[] = {8, 14, 22};
  for (int i = 0; i < 12; ++i) operators.push_back({100 + i, shifts[i % 3], rate(random)});
  return operators;
}

struct Split {
  std::vector<AccessEvent> baseline, judged;
  std::int64_t from = 0, to = 0;
};

// Four weeks of baseline, then the fifth week judged.
Split FourWeeksThenOne(const std::vector<AccessEvent>& events) {
  Split s;
  s.from = kMonday + 28 * kDay;
  s.to = s.from + 7 * kDay;
  for (const auto& e : events) (e.at < s.from ? s.baseline : s.judged).push_back(e);
  return s;
}

// Twenty synthetic offices (240 operators) each work five weeks; the fifth is judged against
// the four before it. Measured: the operator-hours judged and the alerts raised (none).
TEST(AccessPatterns, AWeekOfNormalWorkRaisesNoAlarm) {
  std::int64_t judged_hours = 0, judged_reads = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 random(seed);
    const auto office = Office(random);
    const Split s = FourWeeksThenOne(NormalWork(office, 5, random));
    const auto alerts = FindPatternAlerts(s.baseline, s.judged, s.from, s.to);
    for (const auto& a : alerts) {
      ADD_FAILURE() << "seed " << seed << ": user " << a.user_id << " " << ToString(a.kind)
                    << " at " << a.period_start << ": " << a.observed << " > " << a.threshold;
    }
    judged_hours += static_cast<std::int64_t>(office.size()) * 5 * 8;
    for (const auto& e : s.judged) judged_reads += e.kind == Kind::kCaseRead;
  }
  RecordProperty("operator_hours_judged", std::to_string(judged_hours));
  RecordProperty("reads_judged", std::to_string(judged_reads));
  EXPECT_GT(judged_reads, 50'000);
}

// The same weeks, with one operator misbehaving in one way each time: each is caught, as
// that operator and that pattern only.
TEST(AccessPatterns, EachMisuseOnTopOfNormalWorkIsCaught) {
  int caught = 0, tries = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    std::mt19937_64 random(seed);
    const auto office = Office(random);
    const std::vector<AccessEvent> normal = NormalWork(office, 5, random);
    const std::int64_t wednesday = kMonday + 30 * kDay;
    const Operator& day_shift = office[0];  // 08:00 shift
    struct Misuse {
      PatternAlert::Kind expected;
      std::vector<AccessEvent> events;
    };
    const Misuse misuses[] = {
        // Copies out cases: 60 reads in an hour of a normal working day.
        {PatternAlert::Kind::kReadsPerHour,
         Repeat(day_shift.id, Kind::kCaseRead, wednesday + 11 * kHour, 60, 55)},
        // Reads at 02:00, hours this day-shift operator never works.
        {PatternAlert::Kind::kOffHours,
         Repeat(day_shift.id, Kind::kCaseRead, wednesday + 2 * kHour, 5, 400)},
        // Fishing: 25 searches one evening after the shift, none leading to a case.
        {PatternAlert::Kind::kSearchesWithoutWork,
         Repeat(day_shift.id, Kind::kSearch, wednesday + 17 * kHour + 1800, 25, 660)},
    };
    for (const auto& misuse : misuses) {
      std::vector<AccessEvent> events = normal;
      Append(events, misuse.events);
      const Split s = FourWeeksThenOne(events);
      const auto alerts = FindPatternAlerts(s.baseline, s.judged, s.from, s.to);
      ++tries;
      ASSERT_EQ(alerts.size(), 1u) << "seed " << seed << " " << ToString(misuse.expected);
      EXPECT_EQ(alerts[0].user_id, day_shift.id);
      EXPECT_EQ(alerts[0].kind, misuse.expected);
      caught += alerts[0].kind == misuse.expected;
    }
  }
  EXPECT_EQ(caught, tries);
}

}  // namespace
}  // namespace lifeline
