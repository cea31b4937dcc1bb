// QueueEngine: what happens to a call that waits. Which call an available operator takes
// next (its language first; after overflow_after_seconds, anyone), when nobody could take it
// (join_empty, leave_empty), the wait limit, and position and estimated wait. The rest of the
// engine is in queue_engine.cpp.

#include <algorithm>

#include "domain/contact_centre/queue_engine.hpp"

namespace lifeline::contact_centre {
namespace {

std::size_t Index(Language l) { return static_cast<std::size_t>(l); }

}  // namespace

std::optional<std::pair<CallId, const std::set<std::pair<double, OperatorId>>*>>
QueueEngine::NextMatch() const {
  // Heads of the language queues, and of the widened calls, compared by priority then
  // arrival; each needs an available operator of its own pool.
  const std::map<WaitKey, CallId>* best = nullptr;
  const std::set<std::pair<double, OperatorId>>* pool = nullptr;
  auto consider = [&](const std::map<WaitKey, CallId>& queue,
                      const std::set<std::pair<double, OperatorId>>& operators) {
    if (queue.empty() || operators.empty()) return;
    if (!best || queue.begin()->first < best->begin()->first) best = &queue, pool = &operators;
  };
  for (std::size_t l = 0; l < kAllLanguages.size(); ++l) consider(waiting_[l], available_[l]);
  consider(widened_, available_any_);
  if (!best) return std::nullopt;
  return std::pair{best->begin()->second, pool};
}

bool QueueEngine::SomeoneCouldTake(Language language) const {
  return logged_in_[Index(language)] > 0 ||
         (options_.overflow_after_seconds > 0 && logged_in_any_ > 0);
}

void QueueEngine::ReleaseWithCallback(CallRecord& call, double at, std::string_view event,
                                      Actions& actions) {
  if (call.state == CallState::kQueued) Dequeue(call);
  call.state = CallState::kReleased;
  stats_.Released(at);
  Log(at, call.id, 0, event);
  actions.push_back({Action::Kind::kOfferCallback, call.id, 0});
  Release(call);
}

Result<Actions> QueueEngine::ChooseCallback(CallId id, double now) {
  auto it = calls_.find(id);
  if (it == calls_.end()) {
    auto done = finished_.find(id);
    if (done == finished_.end()) return Error{ErrorCode::kNotFound, "no such call"};
    if (done->second == CallState::kReleased) return Actions{};
    return Error{ErrorCode::kConflict, "the call is not waiting"};
  }
  if (it->second.state != CallState::kQueued)
    return Error{ErrorCode::kConflict, "the call is not waiting"};
  Actions actions;
  ReleaseWithCallback(it->second, now, "callback_chosen", actions);
  return actions;
}

void QueueEngine::ReleaseUntakeable(double now, Actions& actions) {
  if (options_.leave_empty != WhenEmpty::kOfferCallback) return;
  for (Language l : kAllLanguages) {
    if (SomeoneCouldTake(l)) continue;
    while (!waiting_[Index(l)].empty()) {
      ReleaseWithCallback(calls_.at(waiting_[Index(l)].begin()->second), now, "leave_empty",
                          actions);
    }
  }
}

void QueueEngine::WaitingTimers(double now, Actions& actions) {
  while (!overflow_deadlines_.empty() && overflow_deadlines_.begin()->first <= now) {
    auto [at, id] = *overflow_deadlines_.begin();
    overflow_deadlines_.erase(overflow_deadlines_.begin());
    CallRecord& call = calls_.at(id);  // Release drops a finished call's deadlines
    call.widened = true;
    if (call.state == CallState::kQueued) widened_.emplace(call.wait_key, call.id);
    Log(at, id, 0, "widened");
  }
  while (!wait_limits_.empty() && wait_limits_.begin()->first <= now) {
    auto [at, id] = *wait_limits_.begin();
    wait_limits_.erase(wait_limits_.begin());
    CallRecord& call = calls_.at(id);
    // A ringing call may still be answered; if the ring fails, Unanswered releases it.
    if (call.state == CallState::kQueued) ReleaseWithCallback(call, at, "wait_limit", actions);
  }
}

Result<Position> QueueEngine::PositionOf(CallId id, double now) const {
  auto it = calls_.find(id);
  if (it == calls_.end() || it->second.state != CallState::kQueued)
    return Error{ErrorCode::kNotFound, "this call is not waiting"};
  const CallRecord& call = it->second;
  Position p;
  for (const auto& [key, other] : waiting_[Index(call.language)]) {
    if (other == id) break;
    ++p.ahead;
  }
  // As Asterisk estimates it: the calls ahead, and this one, share the operators who speak
  // its language, each taking the recent average handle time. With nobody of its language
  // there but overflow configured, everyone shares them once the call has widened.
  int speakers = 0;
  int everyone = 0;
  for (const auto& [op_id, op] : operators_) {
    everyone += Staffed(op.state);
    speakers += Staffed(op.state) && op.skills.Has(call.language);
  }
  if (speakers > 0) {
    p.estimated_wait_seconds = (p.ahead + 1) * handle_average_ / speakers;
  } else if (options_.overflow_after_seconds > 0 && everyone > 0) {
    const double until_widened =
        std::max(0.0, call.offered_at + options_.overflow_after_seconds - now);
    p.estimated_wait_seconds = until_widened + (p.ahead + 1) * handle_average_ / everyone;
  }
  return p;
}

}  // namespace lifeline::contact_centre
