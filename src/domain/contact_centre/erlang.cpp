#include "domain/contact_centre/erlang.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lifeline::contact_centre {
namespace {

// Where the chain's tail is cut: the terms left are below this share of what is summed.
constexpr double kTailCut = 1e-15;
// The ODE below takes at least this many steps over the service-level threshold, and more
// when the fastest rate needs it (RK4 is stable for step × rate below about 2.8).
constexpr int kMinSteps = 400;
constexpr double kMaxStepTimesRate = 0.5;

}  // namespace

double ErlangB(int lines, double load) {
  if (lines <= 0) return 1.0;
  if (load <= 0) return 0.0;
  double b = 1.0;
  for (int k = 1; k <= lines; ++k) b = load * b / (k + load * b);
  return b;
}

QueueMetrics ErlangC(int agents, double load, double handle_seconds, double answer_within_seconds) {
  QueueMetrics m;
  if (agents <= 0 || agents <= load) {
    m.stable = false;
    m.wait_probability = 1.0;
    m.occupancy = 1.0;
    return m;
  }
  const double b = ErlangB(agents, load);
  const double c = agents * b / (agents - load * (1 - b));
  m.wait_probability = c;
  m.service_level = 1 - c * std::exp(-(agents - load) * answer_within_seconds / handle_seconds);
  m.asa_seconds = c * handle_seconds / (agents - load);
  m.answered = 1.0;
  m.occupancy = load / agents;
  return m;
}

// The chain's states k = 0, 1, …: calls in the system. Births at rate λ; deaths at
// min(k, N)·μ + max(k − N, 0)·θ. With π_N = 1, Σ_{k≤N} π_k = 1/B(N, A) (Erlang B), and the
// queue's terms follow by ratios λ / (Nμ + jθ) < 1 once j is large.
//
// An arriving call that finds j others waiting moves up at rate Nμ + iθ while i are ahead of
// it, and abandons itself at rate θ. So, with r_i = Nμ + iθ:
//   P(answered | j) = Π_{i=0..j} r_i / (r_i + θ),
//   E[wait · 1{answered} | j] = P(answered | j) · Σ_{i=0..j} 1 / (r_i + θ),
// and u_j(t) = P(answered within t | j) solves u_j' = r_j (u_{j−1} − u_j) − θ u_j, u_{−1} = 1,
// u_j(0) = 0, integrated here with classic Runge–Kutta.
QueueMetrics ErlangA(int agents, double load, double handle_seconds, double answer_within_seconds,
                     double patience_seconds) {
  QueueMetrics m;
  if (agents <= 0) {
    m.wait_probability = 1.0;
    m.abandonment = 1.0;
    return m;
  }
  const double mu = 1.0 / handle_seconds;
  const double theta = 1.0 / patience_seconds;
  const double lambda = load * mu;
  const double below = 1.0 / ErlangB(agents, load) - 1.0;  // Σ_{k<N} π_k with π_N = 1

  std::vector<double> queue;  // π_{N+j}, j = 0, 1, …
  double term = 1.0;
  double queue_sum = 0.0;
  for (int j = 0;; ++j) {
    if (j > 0) term *= lambda / (agents * mu + j * theta);
    queue.push_back(term);
    queue_sum += term;
    if (term < kTailCut * (below + queue_sum) && lambda < agents * mu + j * theta) break;
  }
  const double total = below + queue_sum;

  double answered = below / total;  // found a free operator: answered at once
  double answered_wait = 0.0;       // Σ P(j) E[wait · 1{answered} | j]
  double waiting_calls = 0.0;       // E[number waiting]
  std::vector<double> rates(queue.size());
  double p_answered_j = 1.0;
  double inverse_sum = 0.0;
  for (std::size_t j = 0; j < queue.size(); ++j) {
    rates[j] = agents * mu + static_cast<double>(j) * theta;
    p_answered_j *= rates[j] / (rates[j] + theta);
    inverse_sum += 1.0 / (rates[j] + theta);
    const double p = queue[j] / total;
    answered += p * p_answered_j;
    answered_wait += p * p_answered_j * inverse_sum;
    waiting_calls += p * static_cast<double>(j);
  }

  // Answered within the threshold: those served at once, plus the waiting ones by u_j(T).
  std::vector<double> u(queue.size(), 0.0);
  const double fastest = rates.back() + theta;
  const int steps = std::max(
      kMinSteps, static_cast<int>(std::ceil(answer_within_seconds * fastest / kMaxStepTimesRate)));
  const double step = answer_within_seconds / steps;
  auto derivative = [&](const std::vector<double>& v, std::vector<double>& out) {
    for (std::size_t j = 0; j < v.size(); ++j) {
      const double ahead = j == 0 ? 1.0 : v[j - 1];
      out[j] = rates[j] * (ahead - v[j]) - theta * v[j];
    }
  };
  if (answer_within_seconds > 0) {
    std::vector<double> k1(u.size()), k2(u.size()), k3(u.size()), k4(u.size()), tmp(u.size());
    for (int s = 0; s < steps; ++s) {
      derivative(u, k1);
      for (std::size_t j = 0; j < u.size(); ++j) tmp[j] = u[j] + step / 2 * k1[j];
      derivative(tmp, k2);
      for (std::size_t j = 0; j < u.size(); ++j) tmp[j] = u[j] + step / 2 * k2[j];
      derivative(tmp, k3);
      for (std::size_t j = 0; j < u.size(); ++j) tmp[j] = u[j] + step * k3[j];
      derivative(tmp, k4);
      for (std::size_t j = 0; j < u.size(); ++j)
        u[j] += step / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
    }
  }
  double in_time = below / total;
  for (std::size_t j = 0; j < queue.size(); ++j)
    in_time += queue[j] / total * std::clamp(u[j], 0.0, 1.0);

  m.wait_probability = queue_sum / total;
  m.service_level = in_time;
  m.answered = answered;
  m.abandonment =
      std::clamp(theta * waiting_calls / lambda, 0.0, 1.0);  // Little's law on the queue
  m.asa_seconds = answered > 0 ? answered_wait / answered : 0.0;
  // Operators are busy with the calls that are answered: λ·P(answered)·AHT of N.
  m.occupancy = std::min(1.0, load * (1.0 - m.abandonment) / agents);
  return m;
}

}  // namespace lifeline::contact_centre
