#include "domain/contact_centre/queue_engine.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lifeline::contact_centre {
namespace {

constexpr std::size_t kRememberedFinishedCalls = 200'000;  // for idempotent late events

std::size_t Index(Language l) { return static_cast<std::size_t>(l); }

const Error kUnknownCall{ErrorCode::kNotFound, "no such call"};
const Error kUnknownOperator{ErrorCode::kNotFound, "no such operator"};

bool Busy(OperatorState s) {
  return s == OperatorState::kRinging || s == OperatorState::kOnCall || s == OperatorState::kWrapUp;
}

}  // namespace

bool Staffed(OperatorState s) {
  return s == OperatorState::kAvailable || s == OperatorState::kRinging ||
         s == OperatorState::kOnCall || s == OperatorState::kWrapUp;
}

std::string_view ToString(OperatorState state) {
  switch (state) {
    case OperatorState::kLoggedOut:
      return "logged_out";
    case OperatorState::kAvailable:
      return "available";
    case OperatorState::kRinging:
      return "ringing";
    case OperatorState::kOnCall:
      return "on_call";
    case OperatorState::kWrapUp:
      return "wrap_up";
    case OperatorState::kBreak:
      return "break";
  }
  return "?";
}

std::string_view ToString(CallState state) {
  switch (state) {
    case CallState::kQueued:
      return "queued";
    case CallState::kRinging:
      return "ringing";
    case CallState::kAnswered:
      return "answered";
    case CallState::kAbandoned:
      return "abandoned";
    case CallState::kOverflowed:
      return "overflowed";
    case CallState::kEnded:
      return "ended";
    case CallState::kReleased:
      return "released";
  }
  return "?";
}

std::string_view ToString(Strategy strategy) {
  switch (strategy) {
    case Strategy::kLongestIdle:
      return "longest_idle";
    case Strategy::kFewestCalls:
      return "fewest_calls";
    case Strategy::kRoundRobin:
      return "round_robin";
    case Strategy::kRingAll:
      return "ring_all";
  }
  return "?";
}

std::string_view ToString(WhenEmpty rule) {
  return rule == WhenEmpty::kWait ? "wait" : "offer_callback";
}

std::optional<WhenEmpty> ParseWhenEmpty(std::string_view text) {
  for (WhenEmpty rule : {WhenEmpty::kWait, WhenEmpty::kOfferCallback}) {
    if (ToString(rule) == text) return rule;
  }
  return std::nullopt;
}

std::optional<OperatorState> ParseOperatorState(std::string_view text) {
  for (OperatorState s : kAllOperatorStates) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

std::optional<Strategy> ParseStrategy(std::string_view text) {
  for (Strategy s : {Strategy::kLongestIdle, Strategy::kFewestCalls, Strategy::kRoundRobin,
                     Strategy::kRingAll}) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

QueueEngine::QueueEngine(QueueOptions options, std::function<void(const QueueLogEntry&)> log)
    : options_(options),
      log_(std::move(log)),
      handle_average_(options.assumed_handle_seconds),
      stats_(options.answer_within_seconds) {}

void QueueEngine::Log(double at, CallId call, OperatorId op, std::string_view event) const {
  if (log_) log_({at, call, op, event});
}

Status QueueEngine::AddOperator(OperatorId id, Skills skills, double now) {
  if (skills.Empty()) return InvalidInput("an operator needs at least one language", "languages");
  if (operators_.count(id)) return Error{ErrorCode::kConflict, "this operator already exists"};
  OperatorRecord& op = operators_[id];
  op.id = id;
  op.skills = skills;
  op.since = now;
  op.idle_since = now;
  return OkStatus();
}

Status QueueEngine::SetLines(int lines) {
  if (lines < 0 || lines > 1'000'000)
    return InvalidInput("lines must be between 0 and 1000000", "lines");
  options_.lines = lines;
  return OkStatus();
}

double QueueEngine::IdleKey(const OperatorRecord& op) const {
  switch (options_.strategy) {
    case Strategy::kFewestCalls:
      // Fewest answered first; among equals, the longest idle (the fraction orders them).
      return static_cast<double>(op.answered) + op.idle_since * 1e-10;
    case Strategy::kRoundRobin:
      return static_cast<double>(op.last_rung);
    case Strategy::kLongestIdle:
    case Strategy::kRingAll:
      return op.idle_since;
  }
  return op.idle_since;
}

void QueueEngine::SetState(OperatorRecord& op, OperatorState state, double now) {
  if (Staffed(op.state)) stats_.OperatorTime(op.since, now, Busy(op.state));
  if (op.state == OperatorState::kAvailable) {
    available_any_.erase({op.available_key, op.id});
    for (Language l : kAllLanguages) {
      if (op.skills.Has(l)) available_[Index(l)].erase({op.available_key, op.id});
    }
  }
  const int logged_in_change =
      (state != OperatorState::kLoggedOut) - (op.state != OperatorState::kLoggedOut);
  logged_in_any_ += logged_in_change;
  for (Language l : kAllLanguages) {
    if (op.skills.Has(l)) logged_in_[Index(l)] += logged_in_change;
  }
  op.state = state;
  op.since = now;
  if (state != OperatorState::kBreak) op.pause_reason = PauseReason::kNone;
  if (state == OperatorState::kAvailable) {
    op.available_key = IdleKey(op);
    available_any_.insert({op.available_key, op.id});
    for (Language l : kAllLanguages) {
      if (op.skills.Has(l)) available_[Index(l)].insert({op.available_key, op.id});
    }
  }
  // The ring itself is logged once, here (the call's "ringing" line).
  Log(now, op.call.value_or(0), op.id,
      state == OperatorState::kBreak ? BreakEvent(op.pause_reason) : ToString(state));
}

void QueueEngine::MakeAvailable(OperatorRecord& op, double now) {
  op.call.reset();
  op.idle_since = now;
  SetState(op, OperatorState::kAvailable, now);
}

Result<Actions> QueueEngine::SetOperatorState(OperatorId id, OperatorState state, double now,
                                              PauseReason reason) {
  auto it = operators_.find(id);
  if (it == operators_.end()) return kUnknownOperator;
  OperatorRecord& op = it->second;
  if (state != OperatorState::kAvailable && state != OperatorState::kBreak &&
      state != OperatorState::kLoggedOut) {
    return InvalidInput("an operator sets only available, break or logged_out; calls move the rest",
                        "state");
  }
  if (reason != PauseReason::kNone && state != OperatorState::kBreak) {
    return InvalidInput("a reason goes with break only", "reason");
  }
  if (op.state == state) {
    if (state == OperatorState::kBreak && reason != op.pause_reason) {
      op.pause_reason = reason;
      Log(now, 0, op.id, BreakEvent(reason));
    }
    return Actions{};
  }
  if (op.state == OperatorState::kRinging || op.state == OperatorState::kOnCall) {
    return Error{ErrorCode::kConflict,
                 fmt::format("the operator is {}; finish the call first", ToString(op.state))};
  }
  if (op.state == OperatorState::kWrapUp)
    wrap_ups_.erase({op.since + options_.wrap_up_seconds, op.id});
  if (state == OperatorState::kAvailable) {
    op.missed_in_a_row = 0;
    MakeAvailable(op, now);
    return Dispatch(now);
  }
  op.pause_reason = reason;
  SetState(op, state, now);
  Actions actions;
  if (state == OperatorState::kLoggedOut) ReleaseUntakeable(now, actions);
  return actions;
}

void QueueEngine::Enqueue(CallRecord& call) {
  call.state = CallState::kQueued;
  waiting_[Index(call.language)].emplace(call.wait_key, call.id);
  if (call.widened) widened_.emplace(call.wait_key, call.id);
  ++waiting_count_;
}

void QueueEngine::Dequeue(CallRecord& call) {
  widened_.erase(call.wait_key);
  if (waiting_[Index(call.language)].erase(call.wait_key)) --waiting_count_;
}

void QueueEngine::Remember(CallId id, CallState final_state) {
  finished_.emplace(id, final_state);
  finished_order_.push_back(id);
  if (finished_order_.size() > kRememberedFinishedCalls) {
    finished_.erase(finished_order_.front());
    finished_order_.pop_front();
  }
}

// A call leaves the system: its line is free, and only its final state is remembered.
void QueueEngine::Release(CallRecord& call) {
  --lines_in_use_;
  overflow_deadlines_.erase({call.offered_at + options_.overflow_after_seconds, call.id});
  wait_limits_.erase({call.offered_at + options_.offer_callback_after_seconds, call.id});
  Remember(call.id, call.state);
  calls_.erase(call.id);
}

Result<Actions> QueueEngine::Offer(CallId id, Language language, int priority, double now) {
  if (calls_.count(id) || finished_.count(id)) return Actions{};  // a repeated offer
  stats_.Offered(now);
  Log(now, id, 0, "offered");
  if (lines_in_use_ >= options_.lines || waiting_count_ >= options_.max_waiting) {
    stats_.Overflowed(now);
    Log(now, id, 0, "overflowed");
    Remember(id, CallState::kOverflowed);
    return Actions{};
  }
  if (options_.join_empty == WhenEmpty::kOfferCallback && !SomeoneCouldTake(language)) {
    stats_.Released(now);
    Log(now, id, 0, "join_empty");
    Remember(id, CallState::kReleased);
    return Actions{{Action::Kind::kOfferCallback, id, 0}};
  }
  CallRecord& call = calls_[id];
  call.id = id;
  call.language = language;
  call.offered_at = now;
  call.wait_key = {-priority, ++sequence_};
  ++lines_in_use_;
  if (options_.overflow_after_seconds > 0)
    overflow_deadlines_.insert({now + options_.overflow_after_seconds, id});
  if (options_.offer_callback_after_seconds > 0)
    wait_limits_.insert({now + options_.offer_callback_after_seconds, id});
  Enqueue(call);
  return Dispatch(now);
}

void QueueEngine::Ring(CallRecord& call, OperatorRecord& op, double now, Actions& actions) {
  op.call = call.id;
  op.last_rung = ++round_robin_;
  SetState(op, OperatorState::kRinging, now);
  call.ringing.push_back(op.id);
  actions.push_back({Action::Kind::kRing, call.id, op.id});
}

Actions QueueEngine::Dispatch(double now) {
  Actions actions;
  while (auto match = NextMatch()) {
    CallRecord& call = calls_.at(match->first);
    const auto& pool = *match->second;
    Dequeue(call);
    call.state = CallState::kRinging;
    call.ring_deadline = now + options_.ring_seconds;
    ring_deadlines_.insert({call.ring_deadline, call.id});
    if (options_.strategy == Strategy::kRingAll) {
      std::vector<OperatorId> everyone;
      for (const auto& [key, op] : pool) everyone.push_back(op);
      for (OperatorId op : everyone) Ring(call, operators_.at(op), now, actions);
    } else {
      Ring(call, operators_.at(pool.begin()->second), now, actions);
    }
  }
  return actions;
}

void QueueEngine::StopOtherRings(CallRecord& call, OperatorId except, double now,
                                 Actions& actions) {
  for (OperatorId id : call.ringing) {
    if (id == except) continue;
    OperatorRecord& op = operators_.at(id);
    actions.push_back({Action::Kind::kStopRinging, call.id, id});
    // Rung by ring-all and beaten to it: available again, still as idle as before.
    op.call.reset();
    SetState(op, OperatorState::kAvailable, now);
  }
  call.ringing.clear();
  ring_deadlines_.erase({call.ring_deadline, call.id});
}

Result<Actions> QueueEngine::Answer(CallId id, OperatorId op_id, double now) {
  if (!operators_.count(op_id)) return kUnknownOperator;
  auto it = calls_.find(id);
  if (it == calls_.end()) {
    auto done = finished_.find(id);
    if (done == finished_.end()) return kUnknownCall;
    return Error{ErrorCode::kConflict,
                 fmt::format("the call is already {}", ToString(done->second))};
  }
  CallRecord& call = it->second;
  if (call.state == CallState::kAnswered) {
    if (call.answered_by == op_id) return Actions{};
    return Error{ErrorCode::kConflict, "another operator answered this call"};
  }
  if (call.state != CallState::kRinging ||
      std::find(call.ringing.begin(), call.ringing.end(), op_id) == call.ringing.end()) {
    return Error{ErrorCode::kConflict, "this call is not ringing that operator"};
  }
  Actions actions;
  StopOtherRings(call, op_id, now, actions);
  OperatorRecord& op = operators_.at(op_id);
  call.state = CallState::kAnswered;
  // Answered: it no longer waits, so its waiting timers go.
  overflow_deadlines_.erase({call.offered_at + options_.overflow_after_seconds, call.id});
  wait_limits_.erase({call.offered_at + options_.offer_callback_after_seconds, call.id});
  call.answered_by = op_id;
  call.answered_at = now;
  ++op.answered;
  op.missed_in_a_row = 0;
  SetState(op, OperatorState::kOnCall, now);
  stats_.Answered(now, now - call.offered_at);
  Log(now, id, op_id, "answered");
  auto more = Dispatch(now);
  actions.insert(actions.end(), more.begin(), more.end());
  return actions;
}

Result<Actions> QueueEngine::Abandon(CallId id, double now) {
  auto it = calls_.find(id);
  if (it == calls_.end()) {
    auto done = finished_.find(id);
    if (done == finished_.end()) return kUnknownCall;
    // Overflowed or released: the proxy may report the caller gone; nothing changes.
    if (done->second == CallState::kAbandoned || done->second == CallState::kOverflowed ||
        done->second == CallState::kReleased) {
      return Actions{};
    }
    return Error{ErrorCode::kConflict,
                 fmt::format("the call is already {}", ToString(done->second))};
  }
  CallRecord& call = it->second;
  if (call.state == CallState::kAnswered)
    return Error{ErrorCode::kConflict, "the call was answered; send ended"};
  Actions actions;
  if (call.state == CallState::kQueued) Dequeue(call);
  StopOtherRings(call, 0, now, actions);
  call.state = CallState::kAbandoned;
  stats_.Abandoned(now, now - call.offered_at);
  Log(now, id, 0, "abandoned");
  Release(call);
  auto more = Dispatch(now);
  actions.insert(actions.end(), more.begin(), more.end());
  return actions;
}

Result<Actions> QueueEngine::End(CallId id, double now) {
  auto it = calls_.find(id);
  if (it == calls_.end()) {
    auto done = finished_.find(id);
    if (done == finished_.end()) return kUnknownCall;
    if (done->second == CallState::kEnded) return Actions{};
    return Error{ErrorCode::kConflict,
                 fmt::format("the call is already {}", ToString(done->second))};
  }
  CallRecord& call = it->second;
  if (call.state != CallState::kAnswered) {
    return Error{ErrorCode::kConflict, "the call was never answered; send abandoned"};
  }
  OperatorRecord& op = operators_.at(call.answered_by);
  op.call.reset();
  SetState(op, OperatorState::kWrapUp, now);
  wrap_ups_.insert({now + options_.wrap_up_seconds, op.id});
  call.state = CallState::kEnded;
  constexpr double kWeight = 0.05;  // about the last twenty calls
  handle_average_ +=
      kWeight * (now - call.answered_at + options_.wrap_up_seconds - handle_average_);
  Log(now, id, op.id, "ended");
  Release(call);
  return Tick(now);
}

Actions QueueEngine::Tick(double now) {
  Actions actions;
  while (!wrap_ups_.empty() && wrap_ups_.begin()->first <= now) {
    auto [ends, id] = *wrap_ups_.begin();
    wrap_ups_.erase(wrap_ups_.begin());
    MakeAvailable(operators_.at(id), ends);
  }
  while (!ring_deadlines_.empty() && ring_deadlines_.begin()->first <= now) {
    auto [deadline, id] = *ring_deadlines_.begin();
    ring_deadlines_.erase(ring_deadlines_.begin());
    Unanswered(calls_.at(id), deadline, actions);
  }
  WaitingTimers(now, actions);
  auto more = Dispatch(now);
  actions.insert(actions.end(), more.begin(), more.end());
  return actions;
}

void QueueEngine::Unanswered(CallRecord& call, double at, Actions& actions) {
  for (OperatorId op_id : call.ringing) {
    OperatorRecord& op = operators_.at(op_id);
    Log(at, call.id, op_id, "missed");
    // Ring-all rings everyone at once; only a ring meant for one operator is a miss.
    const bool counts = options_.strategy != Strategy::kRingAll;
    if (counts && ++op.missed_in_a_row >= options_.max_missed_rings) {
      op.call.reset();
      op.pause_reason = PauseReason::kMissedRings;
      SetState(op, OperatorState::kBreak, at);
    } else {
      MakeAvailable(op, at);  // to the back of the line of idle operators
    }
  }
  call.ringing.clear();
  if (options_.offer_callback_after_seconds > 0 &&
      at >= call.offered_at + options_.offer_callback_after_seconds) {
    return ReleaseWithCallback(call, at, "wait_limit", actions);  // its limit passed while it rang
  }
  Enqueue(call);  // its old key: it keeps its place at the head
}

Result<Actions> QueueEngine::Missed(CallId id, OperatorId op_id, double now) {
  if (!operators_.count(op_id)) return kUnknownOperator;
  auto it = calls_.find(id);
  if (it == calls_.end())
    return finished_.count(id) ? Result<Actions>(Actions{}) : Result<Actions>(kUnknownCall);
  CallRecord& call = it->second;
  if (call.state != CallState::kRinging ||
      std::find(call.ringing.begin(), call.ringing.end(), op_id) == call.ringing.end()) {
    return Actions{};  // already moved on (a late or repeated report)
  }
  Actions actions;
  StopOtherRings(call, op_id, now,
                 actions);  // ring-all: the others stop too; the call is offered afresh
  call.ringing = {op_id};
  Unanswered(call, now, actions);
  auto more = Dispatch(now);
  actions.insert(actions.end(), more.begin(), more.end());
  return actions;
}

std::optional<CallState> QueueEngine::CallStateOf(CallId id) const {
  if (auto it = calls_.find(id); it != calls_.end()) return it->second.state;
  if (auto it = finished_.find(id); it != finished_.end()) return it->second;
  return std::nullopt;
}

std::vector<OperatorId> QueueEngine::RingingFor(CallId id) const {
  auto it = calls_.find(id);
  if (it == calls_.end() || it->second.state != CallState::kRinging) return {};
  return it->second.ringing;
}

std::optional<OperatorView> QueueEngine::OperatorOf(OperatorId id) const {
  auto it = operators_.find(id);
  if (it == operators_.end()) return std::nullopt;
  return OperatorView{id, it->second.state, it->second.answered, it->second.missed_in_a_row,
                      it->second.pause_reason};
}

std::vector<OperatorView> QueueEngine::Operators() const {
  std::vector<OperatorView> out;
  for (const auto& [id, op] : operators_)
    out.push_back({id, op.state, op.answered, op.missed_in_a_row, op.pause_reason});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

QueueEngine::Snapshot QueueEngine::Snap(double now) const {
  Snapshot s;
  s.waiting = waiting_count_;
  s.lines = options_.lines;
  s.lines_in_use = lines_in_use_;
  for (const auto& queue : waiting_) {
    for (const auto& [key, id] : queue)
      s.longest_wait_seconds = std::max(s.longest_wait_seconds, now - calls_.at(id).offered_at);
  }
  // Operators' time up to now, on a copy: the engine's own figures move on state changes.
  QueueStats stats = stats_;
  for (const auto& [id, op] : operators_) {
    ++s.operators_by_state[static_cast<std::size_t>(op.state)];
    if (Staffed(op.state)) stats.OperatorTime(op.since, now, Busy(op.state));
  }
  s.today = stats.Today(now);
  s.last_15_minutes = stats.Last15Minutes(now);
  return s;
}

std::optional<double> QueueEngine::NextDeadline() const {
  std::optional<double> next;
  if (!wrap_ups_.empty()) next = wrap_ups_.begin()->first;
  for (const auto* timers : {&ring_deadlines_, &overflow_deadlines_, &wait_limits_}) {
    if (!timers->empty() && (!next || timers->begin()->first < *next))
      next = timers->begin()->first;
  }
  return next;
}

}  // namespace lifeline::contact_centre
