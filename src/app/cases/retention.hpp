#pragma once
// The retention policy: applications never contacted (still "new", no reply) for longer
// than the configured number of days are deleted for good (OfficeService::DeleteCase), by
// `lifeline purge` or on a schedule by `lifeline serve --retention-days N`.

#include <chrono>
#include <vector>

#include "app/cases/office.hpp"
#include "app/clock.hpp"
#include "app/periodic.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// The actor the audit log names for deletions made by the policy.
Actor RetentionActor();

/// What the policy would delete today, oldest first. kInvalidInput for `days` below 30 (a
/// shorter period would delete applications still waiting for their first call).
Result<std::vector<store::CaseSummary>> RetentionCandidates(store::ApplicationStore& store,
                                                            const Clock& clock, int days);

/// Deletes every candidate; returns how many were deleted. Stops at the first failure.
Result<int> ApplyRetention(store::ApplicationStore& store, OfficeService& office,
                           const Clock& clock, int days);

/// Applies the policy at start and then every `interval`, on its own thread, until
/// destroyed. Failures are retried at the next run; no case data is ever printed.
class RetentionSchedule {
 public:
  RetentionSchedule(store::ApplicationStore& store, OfficeService& office, const Clock& clock,
                    int days, std::chrono::seconds interval = std::chrono::hours(6));

 private:
  PeriodicTask task_;
};

}  // namespace lifeline::app
