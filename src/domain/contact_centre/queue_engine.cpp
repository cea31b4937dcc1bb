#include "domain/contact_centre/queue_engine.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace lifeline::contact_centre {
namespace {

constexpr std::size_t kRememberedFinishedCalls = 200'000;  // for idempotent late events

std::size_t Index(Language l) { return static_cast<std::size_t>(l); }

bool Staffed(OperatorState s) {
  return s == OperatorState::kAvailable || s == OperatorState::kRinging || s == OperatorState::kOnCall ||
         s == OperatorState::kWrapUp;
}
bool Busy(OperatorState s) {
  return s == OperatorState::kRinging || s == OperatorState::kOnCall || s == OperatorState::kWrapUp;
}

const Error kUnknownCall{ErrorCode::kNotFound, "no such call"};
const Error kUnknownOperator{ErrorCode::kNotFound, "no such operator"};

}  // namespace

std::string_view ToString(OperatorState state) {
  switch (state) {
    case OperatorState::kLoggedOut: return "logged_out";
    case OperatorState::kAvailable: return "available";
    case OperatorState::kRinging: return "ringing";
    case OperatorState::kOnCall: return "on_call";
    case OperatorState::kWrapUp: return "wrap_up";
    case OperatorState::kBreak: return "break";
  }
  return "?";
}

std::string_view ToString(CallState state) {
  switch (state) {
    case CallState::kQueued: return "queued";
    case CallState::kRinging: return "ringing";
    case CallState::kAnswered: return "answered";
    case CallState::kAbandoned: return "abandoned";
    case CallState::kOverflowed: return "overflowed";
    case CallState::kEnded: return "ended";
  }
  return "?";
}

std::string_view ToString(Strategy strategy) {
  switch (strategy) {
    case Strategy::kLongestIdle: return "longest_idle";
    case Strategy::kFewestCalls: return "fewest_calls";
    case Strategy::kRoundRobin: return "round_robin";
    case Strategy::kRingAll: return "ring_all";
  }
  return "?";
}

std::optional<OperatorState> ParseOperatorState(std::string_view text) {
  for (OperatorState s : kAllOperatorStates) {
    if (ToString(s) == text) return s;
  }
  return std::nullopt;
}

std::optional<Strategy> ParseStrategy(std::string_view text) {
  for (Strategy s : {Strategy::kLongestIdle, Strategy::kFewestCalls, Strategy::kRoundRobin, Strategy::kRingAll}) {
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
  if (lines < 0 || lines > 1'000'000) return InvalidInput("lines must be between 0 and 1000000", "lines");
  options_.lines = lines;
  return OkStatus();
}

double QueueEngine::IdleKey(const OperatorRecord& op) const {
  switch (options_.strategy) {
    case Strategy::kFewestCalls:
      // Fewest answered first; among equals, the longest idle (the fraction orders them).
      return static_cast<double>(op.answered) + op.idle_since * 1e-10;
    case Strategy::kRoundRobin: return static_cast<double>(op.last_rung);
    case Strategy::kLongestIdle:
    case Strategy::kRingAll: return op.idle_since;
  }
  return op.idle_since;
}

void QueueEngine::SetState(OperatorRecord& op, OperatorState state, double now) {
  if (Staffed(op.state)) stats_.OperatorTime(op.since, now, Busy(op.state));
  if (op.state == OperatorState::kAvailable) {
    for (Language l : kAllLanguages) {
      if (op.skills.Has(l)) available_[Index(l)].erase({op.available_key, op.id});
    }
  }
  op.state = state;
  op.since = now;
  if (state == OperatorState::kAvailable) {
    op.available_key = IdleKey(op);
    for (Language l : kAllLanguages) {
      if (op.skills.Has(l)) available_[Index(l)].insert({op.available_key, op.id});
    }
  }
  Log(now, op.call.value_or(0), op.id, ToString(state));
}

void QueueEngine::MakeAvailable(OperatorRecord& op, double now) {
  op.call.reset();
  op.idle_since = now;
  SetState(op, OperatorState::kAvailable, now);
}

Result<Actions> QueueEngine::SetOperatorState(OperatorId id, OperatorState state, double now) {
  auto it = operators_.find(id);
  if (it == operators_.end()) return kUnknownOperator;
  OperatorRecord& op = it->second;
  if (state != OperatorState::kAvailable && state != OperatorState::kBreak && state != OperatorState::kLoggedOut) {
    return InvalidInput("an operator sets only available, break or logged_out; calls move the rest", "state");
  }
  if (op.state == state) return Actions{};
  if (op.state == OperatorState::kRinging || op.state == OperatorState::kOnCall) {
    return Error{ErrorCode::kConflict, fmt::format("the operator is {}; finish the call first", ToString(op.state))};
  }
  if (op.state == OperatorState::kWrapUp) wrap_ups_.erase({op.since + options_.wrap_up_seconds, op.id});
  if (state == OperatorState::kAvailable) {
    op.missed_in_a_row = 0;
    MakeAvailable(op, now);
    return Dispatch(now);
  }
  SetState(op, state, now);
  return Actions{};
}

void QueueEngine::Enqueue(CallRecord& call) {
  call.state = CallState::kQueued;
  waiting_[Index(call.language)].emplace(call.wait_key, call.id);
  ++waiting_count_;
}

void QueueEngine::Dequeue(CallRecord& call) {
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
  CallRecord& call = calls_[id];
  call.id = id;
  call.language = language;
  call.offered_at = now;
  call.wait_key = {-priority, ++sequence_};
  ++lines_in_use_;
  Enqueue(call);
  return Dispatch(now);
}

void QueueEngine::Ring(CallRecord& call, OperatorRecord& op, double now, Actions& actions) {
  op.call = call.id;
  op.last_rung = ++round_robin_;
  SetState(op, OperatorState::kRinging, now);
  call.ringing.push_back(op.id);
  actions.push_back({Action::Kind::kRing, call.id, op.id});
  Log(now, call.id, op.id, "ringing");
}

Actions QueueEngine::Dispatch(double now) {
  Actions actions;
  for (;;) {
    // The best waiting call that some available operator can take: heads of the language
    // queues compared by priority, then arrival.
    std::optional<std::size_t> best;
    for (std::size_t l = 0; l < kAllLanguages.size(); ++l) {
      if (waiting_[l].empty() || available_[l].empty()) continue;
      if (!best || waiting_[l].begin()->first < waiting_[*best].begin()->first) best = l;
    }
    if (!best) return actions;
    CallRecord& call = calls_.at(waiting_[*best].begin()->second);
    Dequeue(call);
    call.state = CallState::kRinging;
    call.ring_deadline = now + options_.ring_seconds;
    ring_deadlines_.insert({call.ring_deadline, call.id});
    if (options_.strategy == Strategy::kRingAll) {
      std::vector<OperatorId> everyone;
      for (const auto& [key, op] : available_[*best]) everyone.push_back(op);
      for (OperatorId op : everyone) Ring(call, operators_.at(op), now, actions);
    } else {
      Ring(call, operators_.at(available_[*best].begin()->second), now, actions);
    }
  }
}

void QueueEngine::StopOtherRings(CallRecord& call, OperatorId except, double now, Actions& actions) {
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
    return Error{ErrorCode::kConflict, fmt::format("the call is already {}", ToString(done->second))};
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
    if (done->second == CallState::kAbandoned || done->second == CallState::kOverflowed) return Actions{};
    return Error{ErrorCode::kConflict, fmt::format("the call is already {}", ToString(done->second))};
  }
  CallRecord& call = it->second;
  if (call.state == CallState::kAnswered) return Error{ErrorCode::kConflict, "the call was answered; send ended"};
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
    return Error{ErrorCode::kConflict, fmt::format("the call is already {}", ToString(done->second))};
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
  handle_average_ += kWeight * (now - call.answered_at + options_.wrap_up_seconds - handle_average_);
  Log(now, id, op.id, "ended");
  Release(call);
  return Tick(now);
}

Actions QueueEngine::Tick(double now) {
  while (!wrap_ups_.empty() && wrap_ups_.begin()->first <= now) {
    auto [ends, id] = *wrap_ups_.begin();
    wrap_ups_.erase(wrap_ups_.begin());
    MakeAvailable(operators_.at(id), ends);
  }
  while (!ring_deadlines_.empty() && ring_deadlines_.begin()->first <= now) {
    auto [deadline, id] = *ring_deadlines_.begin();
    ring_deadlines_.erase(ring_deadlines_.begin());
    Unanswered(calls_.at(id), deadline);
  }
  return Dispatch(now);
}

void QueueEngine::Unanswered(CallRecord& call, double at) {
  for (OperatorId op_id : call.ringing) {
    OperatorRecord& op = operators_.at(op_id);
    Log(at, call.id, op_id, "missed");
    // Ring-all rings everyone at once; only a ring meant for one operator is a miss.
    const bool counts = options_.strategy != Strategy::kRingAll;
    if (counts && ++op.missed_in_a_row >= options_.max_missed_rings) {
      op.call.reset();
      SetState(op, OperatorState::kBreak, at);
    } else {
      MakeAvailable(op, at);  // to the back of the line of idle operators
    }
  }
  call.ringing.clear();
  Enqueue(call);  // its old key: it keeps its place at the head
}

Result<Actions> QueueEngine::Missed(CallId id, OperatorId op_id, double now) {
  if (!operators_.count(op_id)) return kUnknownOperator;
  auto it = calls_.find(id);
  if (it == calls_.end()) return finished_.count(id) ? Result<Actions>(Actions{}) : Result<Actions>(kUnknownCall);
  CallRecord& call = it->second;
  if (call.state != CallState::kRinging ||
      std::find(call.ringing.begin(), call.ringing.end(), op_id) == call.ringing.end()) {
    return Actions{};  // already moved on (a late or repeated report)
  }
  Actions actions;
  StopOtherRings(call, op_id, now, actions);  // ring-all: the others stop too; the call is offered afresh
  call.ringing = {op_id};
  Unanswered(call, now);
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

Result<Position> QueueEngine::PositionOf(CallId id) const {
  auto it = calls_.find(id);
  if (it == calls_.end() || it->second.state != CallState::kQueued) return Error{ErrorCode::kNotFound, "this call is not waiting"};
  const CallRecord& call = it->second;
  Position p;
  for (const auto& [key, other] : waiting_[Index(call.language)]) {
    if (other == id) break;
    ++p.ahead;
  }
  // As Asterisk estimates it: the calls ahead, and this one, share the operators who speak
  // its language, each taking the recent average handle time.
  int serving = 0;
  for (const auto& [op_id, op] : operators_) serving += Staffed(op.state) && op.skills.Has(call.language);
  p.estimated_wait_seconds = serving == 0 ? -1 : (p.ahead + 1) * handle_average_ / serving;
  return p;
}

std::optional<OperatorView> QueueEngine::OperatorOf(OperatorId id) const {
  auto it = operators_.find(id);
  if (it == operators_.end()) return std::nullopt;
  return OperatorView{id, it->second.state, it->second.answered, it->second.missed_in_a_row};
}

std::vector<OperatorView> QueueEngine::Operators() const {
  std::vector<OperatorView> out;
  for (const auto& [id, op] : operators_) out.push_back({id, op.state, op.answered, op.missed_in_a_row});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

QueueEngine::Snapshot QueueEngine::Snap(double now) const {
  Snapshot s;
  s.waiting = waiting_count_;
  s.lines = options_.lines;
  s.lines_in_use = lines_in_use_;
  for (const auto& queue : waiting_) {
    for (const auto& [key, id] : queue) s.longest_wait_seconds = std::max(s.longest_wait_seconds, now - calls_.at(id).offered_at);
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
  if (!ring_deadlines_.empty() && (!next || ring_deadlines_.begin()->first < *next)) next = ring_deadlines_.begin()->first;
  return next;
}

}  // namespace lifeline::contact_centre
