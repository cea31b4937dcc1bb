// Internal statistics: daily inquiries by channel and situation, the funnel, the backlog by
// age and surge detection, from clear fields and status changes only, every cell under 10
// suppressed before it leaves the office.

#include <map>

#include "app/cases/office.hpp"

namespace lifeline::app {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int kTrailingDays = 28;
constexpr const char* kAgeBuckets[] = {"under 7 days", "7 to 29 days", "30 to 89 days",
                                       "90 to 179 days", "180 days or more"};

}  // namespace

Result<StatisticsReport> OfficeService::Statistics(const Actor& actor, int span_days,
                                                   std::string_view purpose) {
  if (auto allowed = Require(actor, Permission::kViewStatistics); !allowed) return allowed.error();
  if (span_days < 1 || span_days > 366)
    return InvalidInput("days must be between 1 and 366", "days");
  const sys_days today{clock_.Today()};
  const year_month_day from{today - days{std::max(span_days, kTrailingDays + 1) - 1}};
  auto counts =
      store_.CountStatistics(from, year_month_day{today + days{1}}, year_month_day{today});
  if (!counts) return counts.error();
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kStatisticsRead, std::string(purpose)});
      !audited) {
    return audited.error();
  }

  std::map<sys_days, std::vector<std::pair<std::string, std::int64_t>>> channels, situations;
  std::map<sys_days, std::int64_t> totals;
  for (const auto& c : counts->by_channel) {
    channels[sys_days{c.day}].emplace_back(c.key, c.count);
    totals[sys_days{c.day}] += c.count;
  }
  for (const auto& c : counts->by_situation)
    situations[sys_days{c.day}].emplace_back(c.key, c.count);

  StatisticsReport report;
  for (sys_days d = today - days{span_days - 1}; d <= today; d += days{1}) {
    const std::int64_t total = totals.count(d) ? totals[d] : 0;
    report.days.push_back({year_month_day{d}, SuppressSmallCells({{"total", total}}).front().count,
                           SuppressSmallCells(channels[d]), SuppressSmallCells(situations[d])});
  }
  report.funnel = SuppressSmallCells({{"applications", counts->applications},
                                      {"verified", counts->verified},
                                      {"crossed (registered as captured)", counts->crossed}});
  std::vector<std::pair<std::string, std::int64_t>> ages;
  for (std::size_t i = 0; i < counts->open_by_age.size(); ++i)
    ages.emplace_back(kAgeBuckets[i], counts->open_by_age[i]);
  report.backlog_by_age = SuppressSmallCells(ages);

  std::vector<std::int64_t> trailing;
  for (int i = 1; i <= kTrailingDays; ++i)
    trailing.push_back(totals.count(today - days{i}) ? totals[today - days{i}] : 0);
  const std::int64_t today_total = totals.count(today) ? totals[today] : 0;
  report.today = SuppressSmallCells({{"today", today_total}}).front().count;
  std::int64_t sum = 0;
  for (auto t : trailing) sum += t;
  if (sum >= kSmallCell) report.trailing_mean = static_cast<double>(sum) / kTrailingDays;
  report.surge = IsSurge(today_total, trailing);
  return report;
}

}  // namespace lifeline::app
