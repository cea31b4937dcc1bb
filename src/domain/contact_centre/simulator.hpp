#pragma once
// `lifeline simulate`: a discrete-event simulation of a day at the hotline, driving the real
// QueueEngine (not a copy) with Poisson arrivals, exponential handle times and, optionally,
// exponential patience. Reports the wallboard's figures per interval. Same seed, same day.
// Pure: no clock, no I/O.

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/contact_centre/queue_engine.hpp"
#include "domain/result.hpp"

namespace lifeline::contact_centre {

struct SimulationOptions {
  QueueOptions queue;
  int operators = 10;
  double calls_per_hour = 100;  // outside the surge
  double surge_multiplier = 1;  // e.g. 20 after a mobilization is announced
  double surge_start_hour = 9;
  double surge_hours = 0;
  double handle_seconds = 240;             // mean talk time (exponential); wrap-up comes on top
  std::optional<double> patience_seconds;  // mean (exponential); none: nobody hangs up
  double hours = 24;
  double interval_minutes = 60;
  std::uint64_t seed = 1;
};

struct SimulationInterval {
  double start_hour = 0;
  StatsWindow figures;
  int most_waiting = 0;  // the longest queue seen at an interval's end, or in it at an arrival
};

struct SimulationReport {
  std::vector<SimulationInterval> intervals;
  StatsWindow day;
  int most_waiting = 0;  // the day's: the most of any interval
  std::int64_t calls = 0;
};

/// kInvalidInput, naming the field, for options out of range (at most 24 hours, so that the
/// day's figures cover the run).
Result<SimulationReport> Simulate(const SimulationOptions& options);

}  // namespace lifeline::contact_centre
