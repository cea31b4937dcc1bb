#pragma once
// Queueing formulas for the contact centre (docs/contact-centre.md has the derivations).
// Pure and numerically stable for tens of thousands of servers: no factorials, no powers;
// every sum runs as a recursion of ratios below one.
//
// Units: `load` is the offered load in Erlangs (calls per second × mean handle seconds);
// times are in seconds.

#include <optional>

namespace lifeline::contact_centre {

/// Erlang B: the probability that a call finds all `lines` busy and is blocked (M/M/N/N).
/// B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)).
double ErlangB(int lines, double load);

/// What a queue with `agents` operators, Poisson arrivals and exponential handle times
/// gives (M/M/N, Erlang C; or M/M/N+M, Erlang A, when callers abandon after an exponential
/// patience).
struct QueueMetrics {
  double wait_probability = 0;  // an arriving call waits at all
  double service_level = 0;     // offered calls answered within the threshold
  double asa_seconds = 0;       // average speed of answer, over answered calls
  double answered = 0;          // offered calls answered (1 − abandonment, computed apart)
  double abandonment = 0;       // offered calls that abandon (0 without patience)
  double occupancy = 0;         // the share of operators' time spent on calls
  bool stable = true;  // false: Erlang C with agents ≤ load (the queue grows without end)
};

/// Erlang C (no abandonment). For agents ≤ load the queue is unstable: every call waits and
/// nothing is answered in time (stable = false).
QueueMetrics ErlangC(int agents, double load, double handle_seconds, double answer_within_seconds);

/// Erlang A: as Erlang C, but each waiting caller hangs up after an exponential patience
/// with mean `patience_seconds`, so the queue is stable at any load. Computed from the
/// birth–death chain of the number of calls in the system.
QueueMetrics ErlangA(int agents, double load, double handle_seconds, double answer_within_seconds,
                     double patience_seconds);

}  // namespace lifeline::contact_centre
