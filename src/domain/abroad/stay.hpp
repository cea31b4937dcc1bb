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
  int period_days = 180;  // a rolling window; equal to days_allowed for "D days per entry"-like rules
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

/// The last day the person may still be in the country under `rule`, staying on from `today`
/// without leaving (the current stay is the open one). nullopt if the stays already break
/// the rule today. Errors as ValidateStays, and kInvalidInput if no stay is open.
Result<std::optional<std::chrono::sys_days>> LastLegalDay(const StayRule& rule, std::span<const Stay> stays,
                                                          std::chrono::sys_days today);

}  // namespace lifeline::abroad
