#pragma once
// The staffing planner: how many operators (Erlang C, or Erlang A when callers' patience is
// known) and lines (Erlang B) a forecast needs to meet a service level. Pure.

#include <optional>

#include "domain/contact_centre/erlang.hpp"
#include "domain/result.hpp"

namespace lifeline::contact_centre {

/// A forecast for one interval, e.g. the peak hour of a surge.
struct Forecast {
  double calls_per_hour = 0;
  double handle_seconds = 0;               // average handle time: talk, hold and wrap-up
  double answer_within_seconds = 0;        // the service level's threshold T
  double target = 0;                       // share of offered calls answered within T, in (0, 1)
  std::optional<double> patience_seconds;  // mean time a caller waits before hanging up
  double shrinkage = 0;    // share of paid time not on the phones (breaks, training), in [0, 1)
  double blocking = 0.01;  // share of calls allowed to find every line busy, in (0, 1)
};

struct ForecastLimits {
  static constexpr double kMaxCallsPerHour = 1'000'000;
  static constexpr double kMaxHandleSeconds = 4 * 3600;
  static constexpr double kMaxSeconds = 3600;  // threshold and patience
  static constexpr int kMaxOperators = 100'000;
};

struct StaffingPlan {
  double offered_load = 0;   // Erlangs
  int operators = 0;         // on the phones at once
  int rostered = 0;          // operators to schedule, shrinkage included
  int lines = 0;             // trunks so that at most `blocking` of calls find all busy
  QueueMetrics metrics;      // what `operators` give
  double line_blocking = 0;  // what `lines` give
};

/// kInvalidInput, naming the field, for a forecast with missing, zero, negative or absurd
/// values, and for a target no number of operators up to kMaxOperators reaches.
Result<StaffingPlan> PlanStaffing(const Forecast& forecast);

}  // namespace lifeline::contact_centre
