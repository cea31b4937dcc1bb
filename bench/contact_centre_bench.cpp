// The queue engine and the simulator (docs/PERFORMANCE.md, "Contact centre"). Run:
//   build/bench/contact_centre_bench
// Each measurement has a baseline in the same run: the least any implementation must do.

#include <benchmark/benchmark.h>

#include <map>
#include <queue>
#include <random>

#include "domain/contact_centre/queue_engine.hpp"
#include "domain/contact_centre/simulator.hpp"

namespace lifeline::contact_centre {
namespace {

constexpr int kOperators = 1000;
constexpr int kWaiting = 10'000;

// A busy hotline: 1,000 operators on calls and 10,000 calls waiting. Each iteration is one
// routing decision and the events around it: a new call joins the queue, an operator ends
// a call, and the engine hands that operator the best waiting call, which is answered.
void BM_RoutingDecision(benchmark::State& state) {
  QueueOptions options;
  options.wrap_up_seconds = 0;
  options.lines = 1'000'000;
  options.max_waiting = 1'000'000;
  options.strategy = static_cast<Strategy>(state.range(0));
  QueueEngine engine(options);
  double now = 0;
  CallId next_call = 1;
  std::vector<CallId> talking(kOperators + 1);
  for (OperatorId op = 1; op <= kOperators; ++op) {
    (void)engine.AddOperator(op, Skills{Language::kRu, Language::kUk}, now);
    (void)engine.SetOperatorState(op, OperatorState::kAvailable, now);
  }
  auto answer = [&](const Actions& actions) {
    for (const Action& a : actions) {
      if (a.kind == Action::Kind::kRing && engine.Answer(a.call, a.operator_id, now).ok())
        talking[a.operator_id] = a.call;
    }
  };
  for (int i = 0; i < kOperators + kWaiting; ++i) {
    answer(engine.Offer(next_call, i % 5 ? Language::kRu : Language::kUk, i % 7 == 0, now).value());
    ++next_call;
  }
  OperatorId ending = 1;
  for (auto _ : state) {
    now += 0.001;
    answer(engine
               .Offer(next_call, next_call % 5 ? Language::kRu : Language::kUk, next_call % 7 == 0,
                      now)
               .value());
    ++next_call;
    answer(engine.End(talking[ending], now).value());
    ending = ending % kOperators + 1;
  }
  state.counters["waiting"] = engine.Waiting();
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RoutingDecision)
    ->Arg(static_cast<int>(Strategy::kLongestIdle))
    ->Arg(static_cast<int>(Strategy::kFewestCalls));

// Baseline: a priority queue of 10,000 waiting calls, one in and one out per iteration.
void BM_Baseline_OrderedQueue(benchmark::State& state) {
  std::map<std::pair<int, std::uint64_t>, CallId> waiting;
  std::uint64_t sequence = 0;
  for (int i = 0; i < kWaiting; ++i) {
    ++sequence;
    waiting.emplace(std::pair{-(i % 7 == 0), sequence}, i);
  }
  for (auto _ : state) {
    ++sequence;
    waiting.emplace(std::pair{-(sequence % 7 == 0), sequence}, static_cast<CallId>(sequence));
    waiting.erase(waiting.begin());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Baseline_OrderedQueue);

SimulationOptions MillionCallDay() {
  SimulationOptions o;
  o.operators = 1000;
  o.calls_per_hour = 7246;  // with 20× for six hours: about 1,000,000 calls in the day
  o.surge_multiplier = 20;
  o.surge_start_hour = 9;
  o.surge_hours = 6;
  o.patience_seconds = 120;
  o.queue.lines = 5000;
  o.queue.max_waiting = 100'000;
  return o;
}

void BM_SimulateMillionCalls(benchmark::State& state) {
  std::int64_t calls = 0;
  for (auto _ : state) {
    auto report = Simulate(MillionCallDay());
    calls = report->calls;
    benchmark::DoNotOptimize(report);
  }
  state.counters["calls"] = static_cast<double>(calls);
  state.SetItemsProcessed(state.iterations() * calls);
}
BENCHMARK(BM_SimulateMillionCalls)->Unit(benchmark::kMillisecond);

// Baseline: the same random draws and event-heap traffic (arrival, answer, end, patience per
// call) with no engine.
void BM_Baseline_EventsOnly(benchmark::State& state) {
  for (auto _ : state) {
    std::mt19937_64 rng(1);
    std::exponential_distribution<double> gap(7246 * 20 / 3600.0), talk(1 / 240.0),
        patience(1 / 120.0);
    std::priority_queue<double, std::vector<double>, std::greater<>> events;
    double at = 0;
    for (int call = 0; call < 1'000'000; ++call) {
      at += gap(rng);
      events.push(at);
      events.push(at + talk(rng));
      events.push(at + patience(rng));
      while (events.size() > 3000) events.pop();
    }
    benchmark::DoNotOptimize(events);
  }
  state.SetItemsProcessed(state.iterations() * 1'000'000);
}
BENCHMARK(BM_Baseline_EventsOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace lifeline::contact_centre

BENCHMARK_MAIN();  // pure domain code: no libsodium to initialise
