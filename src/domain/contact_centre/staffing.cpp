#include "domain/contact_centre/staffing.hpp"

#include <fmt/format.h>

#include <cmath>

namespace lifeline::contact_centre {
namespace {

Status CheckForecast(const Forecast& f) {
  auto bad = [](bool wrong, const char* field, std::string message) -> Status {
    if (wrong) return InvalidInput(std::move(message), field);
    return OkStatus();
  };
  const auto finite = [](double v) { return std::isfinite(v); };
  for (const Status& s : {
           bad(!finite(f.calls_per_hour) || f.calls_per_hour <= 0 ||
                   f.calls_per_hour > ForecastLimits::kMaxCallsPerHour,
               "calls_per_hour",
               fmt::format("calls per hour must be above 0 and at most {:.0f}",
                           ForecastLimits::kMaxCallsPerHour)),
           bad(!finite(f.handle_seconds) || f.handle_seconds <= 0 ||
                   f.handle_seconds > ForecastLimits::kMaxHandleSeconds,
               "handle_seconds",
               "the average handle time must be above 0 and at most 4 hours (14400 s)"),
           bad(!finite(f.answer_within_seconds) || f.answer_within_seconds < 0 ||
                   f.answer_within_seconds > ForecastLimits::kMaxSeconds,
               "answer_within", "the service level's threshold must be between 0 and 3600 seconds"),
           bad(!finite(f.target) || f.target <= 0 || f.target >= 1, "target",
               "the target must be a fraction above 0 and below 1, e.g. 0.8 for 80%"),
           bad(f.patience_seconds && (!finite(*f.patience_seconds) || *f.patience_seconds <= 0 ||
                                      *f.patience_seconds > ForecastLimits::kMaxSeconds),
               "patience_seconds", "the mean patience must be above 0 and at most 3600 seconds"),
           bad(!finite(f.shrinkage) || f.shrinkage < 0 || f.shrinkage >= 1, "shrinkage",
               "shrinkage must be a fraction from 0 up to (not including) 1, e.g. 0.3"),
           bad(!finite(f.blocking) || f.blocking <= 0 || f.blocking >= 1, "blocking",
               "the blocking target must be a fraction above 0 and below 1, e.g. 0.01"),
       }) {
    if (!s) return s;
  }
  return OkStatus();
}

QueueMetrics Metrics(const Forecast& f, int operators, double load) {
  return f.patience_seconds ? ErlangA(operators, load, f.handle_seconds, f.answer_within_seconds,
                                      *f.patience_seconds)
                            : ErlangC(operators, load, f.handle_seconds, f.answer_within_seconds);
}

// The fewest operators whose service level meets the target. The service level grows with
// the number of operators, so a doubling search then a bisection finds it in O(log N)
// evaluations.
std::optional<int> FewestOperators(const Forecast& f, double load) {
  if (load >= ForecastLimits::kMaxOperators) return std::nullopt;
  auto meets = [&](int n) { return Metrics(f, n, load).service_level >= f.target; };
  int high = std::max(1, static_cast<int>(std::ceil(load)));
  while (!meets(high)) {
    if (high >= ForecastLimits::kMaxOperators) return std::nullopt;
    high = std::min(ForecastLimits::kMaxOperators, high * 2);
  }
  int low = 0;  // never meets: nobody answers
  while (high - low > 1) {
    const int mid = low + (high - low) / 2;
    (meets(mid) ? high : low) = mid;
  }
  return high;
}

}  // namespace

Result<StaffingPlan> PlanStaffing(const Forecast& forecast) {
  if (auto ok = CheckForecast(forecast); !ok) return ok.error();
  StaffingPlan plan;
  plan.offered_load = forecast.calls_per_hour * forecast.handle_seconds / 3600.0;
  auto operators = FewestOperators(forecast, plan.offered_load);
  if (!operators) {
    return InvalidInput(
        fmt::format("this forecast ({:.0f} Erlangs of load) would need more than {} operators "
                    "on the phones to reach the target; check the figures",
                    plan.offered_load, ForecastLimits::kMaxOperators),
        "calls_per_hour");
  }
  plan.operators = *operators;
  plan.metrics = Metrics(forecast, plan.operators, plan.offered_load);
  plan.rostered = static_cast<int>(std::ceil(plan.operators / (1.0 - forecast.shrinkage) - 1e-9));
  // A line is held while a call talks and while it waits (abandoned calls wait too, but
  // less): carried load ≈ λ · (AHT + ASA), blocked with Erlang B.
  const double line_load =
      forecast.calls_per_hour / 3600.0 * (forecast.handle_seconds + plan.metrics.asa_seconds);
  int lines = std::max(1, static_cast<int>(std::floor(line_load)));
  double b = ErlangB(lines, line_load);
  while (b > forecast.blocking) {
    ++lines;
    b = line_load * b / (lines + line_load * b);  // the recursion's next step
  }
  plan.lines = lines;
  plan.line_blocking = b;
  return plan;
}

}  // namespace lifeline::contact_centre
