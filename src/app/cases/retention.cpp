#include "app/cases/retention.hpp"

#include <cstdio>

namespace lifeline::app {

constexpr int kMinimumRetentionDays = 30;

Actor RetentionActor() { return {0, "retention-policy", Role::kAdmin}; }

Result<std::vector<store::CaseSummary>> RetentionCandidates(store::ApplicationStore& store,
                                                            const Clock& clock, int days) {
  if (days < kMinimumRetentionDays) {
    return InvalidInput("the retention period must be at least 30 days", "days");
  }
  const auto cutoff = std::chrono::sys_days{clock.Today()} - std::chrono::days{days};
  return store.ListUncontactedBefore(std::chrono::year_month_day{cutoff});
}

Result<int> ApplyRetention(store::ApplicationStore& store, OfficeService& office,
                           const Clock& clock, int days) {
  auto candidates = RetentionCandidates(store, clock, days);
  if (!candidates) return candidates.error();
  int deleted = 0;
  for (const auto& c : *candidates) {
    if (auto s = office.DeleteCase(RetentionActor(), c.id); !s) return s.error();
    ++deleted;
  }
  return deleted;
}

RetentionSchedule::RetentionSchedule(store::ApplicationStore& store, OfficeService& office,
                                     const Clock& clock, int days, std::chrono::seconds interval)
    : task_(interval, [&store, &office, &clock, days] {
        auto deleted = ApplyRetention(store, office, clock, days);
        std::fprintf(stderr,
                     deleted.ok() ? "retention: %d uncontacted applications deleted\n"
                                  : "retention: the run failed; it will be retried\n",
                     deleted.ok() ? *deleted : 0);
      }) {}

}  // namespace lifeline::app
