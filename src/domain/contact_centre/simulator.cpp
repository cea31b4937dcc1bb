#include "domain/contact_centre/simulator.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <random>

namespace lifeline::contact_centre {
namespace {

// The simulated day starts at a UTC midnight, so that the engine's "today" is the run.
constexpr double kStart = 20'000 * 86400.0;

constexpr double kJustBefore = 1e-6;

enum class EventKind { kArrival, kAnswer, kEnd, kAbandon, kTimer };

struct Event {
  double at = 0;
  EventKind kind = EventKind::kArrival;
  CallId call = 0;
  OperatorId operator_id = 0;
  bool operator>(const Event& other) const { return at > other.at; }
};

StatsWindow Minus(StatsWindow a, const StatsWindow& b) {
  a.offered -= b.offered;
  a.answered -= b.answered;
  a.answered_in_time -= b.answered_in_time;
  a.abandoned -= b.abandoned;
  a.abandoned_in_time -= b.abandoned_in_time;
  a.overflowed -= b.overflowed;
  a.released -= b.released;
  a.answer_wait_seconds -= b.answer_wait_seconds;
  a.busy_seconds -= b.busy_seconds;
  a.staffed_seconds -= b.staffed_seconds;
  return a;
}

Status Check(const SimulationOptions& o) {
  // No operators is no hotline: every caller would wait out the day.
  if (o.operators < 1 || o.operators > 100'000)
    return InvalidInput("operators must be between 1 and 100000", "operators");
  if (!(o.calls_per_hour > 0 && o.calls_per_hour <= 1e6))
    return InvalidInput("calls per hour must be above 0 and at most 1000000", "calls_per_hour");
  if (!(o.surge_multiplier >= 1 && o.surge_multiplier <= 1000))
    return InvalidInput("the surge multiplier must be between 1 and 1000", "surge");
  if (!(o.surge_hours >= 0 && o.surge_start_hour >= 0))
    return InvalidInput("the surge must start and last 0 hours or more", "surge_hours");
  if (!(o.handle_seconds > 0 && o.handle_seconds <= 14400))
    return InvalidInput("the handle time must be above 0 and at most 14400 seconds",
                        "handle_seconds");
  if (o.patience_seconds && !(*o.patience_seconds > 0 && *o.patience_seconds <= 3600)) {
    return InvalidInput("the mean patience must be above 0 and at most 3600 seconds",
                        "patience_seconds");
  }
  if (!(o.hours > 0 && o.hours <= 24))
    return InvalidInput("a run lasts above 0 and at most 24 hours", "hours");
  if (!(o.interval_minutes >= 1 && o.interval_minutes <= 24 * 60))
    return InvalidInput("intervals last 1 to 1440 minutes", "interval_minutes");
  return OkStatus();
}

class Run {
 public:
  explicit Run(const SimulationOptions& o)
      : o_(o),
        engine_(o.queue),
        rng_(o.seed),
        talk_(1.0 / o.handle_seconds),
        patience_(1.0 / o.patience_seconds.value_or(1.0)) {}

  SimulationReport Go() {
    for (int i = 1; i <= o_.operators; ++i) {
      (void)engine_.AddOperator(i, Skills{Language::kRu}, kStart);
      Apply(engine_.SetOperatorState(i, OperatorState::kAvailable, kStart).value(), kStart);
    }
    const double end = kStart + o_.hours * 3600;
    const double interval = o_.interval_minutes * 60;
    double next_report = kStart + interval;
    ScheduleArrival(kStart);
    StatsWindow reported;
    while (!events_.empty() && events_.top().at < end) {
      const Event e = events_.top();
      while (e.at >= next_report) Report(next_report, interval, reported), next_report += interval;
      events_.pop();
      Handle(e);
    }
    while (next_report <= end + 1e-6)
      Report(next_report, interval, reported), next_report += interval;
    report_.day = engine_.Snap(end - kJustBefore).today;
    for (const auto& i : report_.intervals)
      report_.most_waiting = std::max(report_.most_waiting, i.most_waiting);
    return std::move(report_);
  }

 private:
  double Rate(double at) const {  // calls per second at `at`
    const double hour = (at - kStart) / 3600;
    const bool surging = hour >= o_.surge_start_hour && hour < o_.surge_start_hour + o_.surge_hours;
    return o_.calls_per_hour * (surging ? o_.surge_multiplier : 1.0) / 3600;
  }

  // Poisson arrivals whose rate changes at the surge's edges: thinning against the peak.
  void ScheduleArrival(double from) {
    const double peak = o_.calls_per_hour * std::max(1.0, o_.surge_multiplier) / 3600;
    std::exponential_distribution<double> gap(peak);
    std::uniform_real_distribution<double> coin(0, 1);
    double at = from;
    do at += gap(rng_);
    while (coin(rng_) * peak > Rate(at));
    events_.push({at, EventKind::kArrival, ++last_call_, 0});
  }

  void Handle(const Event& e) {
    switch (e.kind) {
      case EventKind::kArrival: {
        ++report_.calls;
        auto actions = engine_.Offer(e.call, Language::kRu, 0, e.at);
        if (actions.ok()) Apply(*actions, e.at);
        const auto state = engine_.CallStateOf(e.call);
        if (o_.patience_seconds && (state == CallState::kQueued || state == CallState::kRinging)) {
          std::exponential_distribution<double> patience(patience_);
          events_.push({e.at + patience(rng_), EventKind::kAbandon, e.call, 0});
        }
        Watch();
        ScheduleArrival(e.at);
        break;
      }
      case EventKind::kAnswer: {
        auto actions = engine_.Answer(e.call, e.operator_id, e.at);
        if (!actions.ok()) break;  // abandoned meanwhile
        Apply(*actions, e.at);
        std::exponential_distribution<double> talk(talk_);
        events_.push({e.at + talk(rng_), EventKind::kEnd, e.call, 0});
        break;
      }
      case EventKind::kEnd:
        if (auto actions = engine_.End(e.call, e.at); actions.ok()) Apply(*actions, e.at);
        break;
      case EventKind::kAbandon: {
        const auto state = engine_.CallStateOf(e.call);
        if (state == CallState::kQueued || state == CallState::kRinging)
          Apply(engine_.Abandon(e.call, e.at).value(), e.at);
        break;
      }
      case EventKind::kTimer:
        if (timer_ && *timer_ <= e.at) timer_.reset();
        Apply(engine_.Tick(e.at), e.at);
        break;
    }
  }

  // Operators pick up at once (the formulas count no ring time): the first operator rung
  // for a call answers it (ring-all rings several at once). Timers wake the engine.
  void Apply(const Actions& actions, double at) {
    CallId last_rung = 0;
    for (const Action& a : actions) {
      if (a.kind != Action::Kind::kRing || a.call == last_rung) continue;
      last_rung = a.call;
      events_.push({at, EventKind::kAnswer, a.call, a.operator_id});
    }
    if (auto deadline = engine_.NextDeadline(); deadline && (!timer_ || *deadline < *timer_)) {
      timer_ = *deadline;
      events_.push({*deadline, EventKind::kTimer, 0, 0});
    }
  }

  void Watch() { most_waiting_ = std::max(most_waiting_, engine_.Waiting()); }

  void Report(double until, double interval, StatsWindow& reported) {
    const auto snap =
        engine_.Snap(until - kJustBefore);  // a run ending at midnight stays in its day
    report_.intervals.push_back({(until - interval - kStart) / 3600, Minus(snap.today, reported),
                                 std::max(most_waiting_, snap.waiting)});
    reported = snap.today;
    most_waiting_ = 0;
  }

  const SimulationOptions& o_;
  QueueEngine engine_;
  std::mt19937_64 rng_;
  const double talk_;
  const double patience_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  std::optional<double> timer_;
  CallId last_call_ = 0;
  int most_waiting_ = 0;
  SimulationReport report_;
};

}  // namespace

Result<SimulationReport> Simulate(const SimulationOptions& options) {
  if (auto ok = Check(options); !ok) return ok.error();
  return Run(options).Go();
}

}  // namespace lifeline::contact_centre
