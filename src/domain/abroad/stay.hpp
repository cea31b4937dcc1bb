#pragma once
// How long a person may stay in a country without a visa, by its rule of "D days in any
// P-day period" (a caseworker keeps the rules per country, as data: they change). Pure.
//
// Stays are whole days, arrival and departure days both counted, as border services count.

#include <chrono>
#include <optional>
#include <span>

#include "domain/result.hpp"

namespace lifeline::abroad {

struct StayRule {
  int days_allowed = 90;
  // A rolling window: on no day may the P days ending that day hold more than D days present.
  // Equal to days_allowed ("365 in 365"), no window could ever hold more than D days, so the
  // rule is read as D days from each entry (as Georgia's year from each arrival).
  int period_days = 180;
  bool PerEntry() const { return period_days == days_allowed; }
};

struct Stay {
  std::chrono::sys_days entered{};
  std::optional<std::chrono::sys_days> left;  // nullopt: still there
};

/// kInvalidInput for a rule outside 1 ≤ days_allowed ≤ period_days ≤ 3660.
Status ValidateStayRule(const StayRule& rule);
/// kInvalidInput ("stays overlap", "a stay ends before it begins", "only the last stay may be
/// open") for stays that cannot all be true; they may come in any order.
Status ValidateStays(std::span<const Stay> stays);

/// The last day the person may be in the country on his current (open) stay under `rule`,
/// staying on without leaving: the day before the first day on which the P days ending that
/// day would hold more than D days present, counting every earlier stay in the country; for
/// a per-entry rule, the D-th day of the current stay. It does not depend on the day asked:
/// it may lie before `today` (he has overstayed since the day after) or even before the
/// current arrival (earlier stays had used the whole allowance). `today` only bounds the
/// input: kInvalidInput if the open stay begins after it, and as ValidateStays; kInvalidInput
/// if no stay is open.
Result<std::chrono::sys_days> LastLegalDay(const StayRule& rule, std::span<const Stay> stays,
                                           std::chrono::sys_days today);

/// Days present beyond the last legal day up to `today` (0 if `today` is still legal): once a
/// window holds too many days, staying on keeps it so, so every day after it is overstayed.
int DaysOverstayed(std::chrono::sys_days last_legal_day, std::chrono::sys_days today);

}  // namespace lifeline::abroad
