#pragma once
// The hotline's call queue and routing. Pure: the engine never reads a clock or touches a
// socket; every event carries its time, and every decision comes back as actions for the
// telephony side (ring this phone, stop ringing that one). The HTTP event API, Kamailio's
// routing lookups and `lifeline simulate` all drive this one engine.
//
// Learned from Asterisk's app_queue and FreeSWITCH's mod_callcenter: strategies, wrap-up,
// an operator who misses N rings in a row goes on break, priorities, position and estimated
// wait for announcements, overflow to operators of other languages after a time (FreeSWITCH's
// tiers), join-empty and leave-when-empty rules and a wait limit, each ending in an offer of
// a safe callback.
//
// Not thread-safe: one owner serialises events (the app layer holds a mutex).

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/application.hpp"
#include "domain/contact_centre/pause_reason.hpp"
#include "domain/contact_centre/queue_stats.hpp"
#include "domain/result.hpp"

namespace lifeline::contact_centre {

using OperatorId = std::int64_t;
using CallId = std::int64_t;

enum class OperatorState { kLoggedOut, kAvailable, kRinging, kOnCall, kWrapUp, kBreak };
inline constexpr std::array kAllOperatorStates = {
    OperatorState::kLoggedOut, OperatorState::kAvailable, OperatorState::kRinging,
    OperatorState::kOnCall,    OperatorState::kWrapUp,    OperatorState::kBreak};
/// kReleased: the call left the queue unanswered with an offer of a safe callback (nobody
/// who could take it was logged in, or it waited `offer_callback_after_seconds`).
enum class CallState { kQueued, kRinging, kAnswered, kAbandoned, kOverflowed, kEnded, kReleased };
/// What a caller meets when no operator who could take the call is logged in (on break
/// counts as logged in: they come back). Asterisk's joinempty / leavewhenempty.
enum class WhenEmpty { kWait, kOfferCallback };
enum class Strategy { kLongestIdle, kFewestCalls, kRoundRobin, kRingAll };

std::string_view ToString(OperatorState state);
std::string_view ToString(CallState state);
std::string_view ToString(Strategy strategy);
std::optional<OperatorState> ParseOperatorState(std::string_view text);
std::optional<Strategy> ParseStrategy(std::string_view text);
std::string_view ToString(WhenEmpty rule);
/// Logged in and taking calls: available, ringing, on a call or wrapping up (not on break).
bool Staffed(OperatorState state);
std::optional<WhenEmpty> ParseWhenEmpty(std::string_view text);

/// The languages an operator speaks, one bit per Language.
class Skills {
 public:
  Skills() = default;
  Skills(std::initializer_list<Language> languages) {
    for (Language l : languages) Add(l);
  }
  void Add(Language l) { bits_ |= Bit(l); }
  bool Has(Language l) const { return bits_ & Bit(l); }
  bool Empty() const { return bits_ == 0; }

 private:
  static unsigned Bit(Language l) { return 1u << static_cast<unsigned>(l); }
  unsigned bits_ = 0;
};
inline constexpr std::array kAllLanguages = {Language::kRu, Language::kBe, Language::kUk,
                                             Language::kEn};

struct QueueOptions {
  Strategy strategy = Strategy::kLongestIdle;
  double wrap_up_seconds = 10;
  double ring_seconds = 15;             // an unanswered ring gives up after this
  int max_missed_rings = 3;             // missed in a row: the operator goes on break
  int lines = 30;                       // calls in the system at once (waiting, ringing, talking)
  int max_waiting = 10'000;             // past this, or with every line busy, a call overflows
  double answer_within_seconds = 20;    // the service level's threshold
  double assumed_handle_seconds = 180;  // for wait estimates until calls have been handled
  // A call that waited this long may be taken by any logged-in operator, whatever their
  // languages (a second tier). 0: never; the call waits for its language.
  double overflow_after_seconds = 0;
  // A call that waited this long leaves the queue with a callback offer (FreeSWITCH's
  // max-wait-time). 0: no limit (the proxy's own, an hour, still applies).
  double offer_callback_after_seconds = 0;
  WhenEmpty join_empty = WhenEmpty::kWait;   // a new call when nobody could take it
  WhenEmpty leave_empty = WhenEmpty::kWait;  // waiting calls when the last who could logs out
};

/// What the engine asks of the telephony side.
struct Action {
  // kOfferCallback: the call left the queue (CallState::kReleased); tell the caller and
  // offer a safe callback. operator_id is 0.
  enum class Kind { kRing, kStopRinging, kOfferCallback };
  Kind kind = Kind::kRing;
  CallId call = 0;
  OperatorId operator_id = 0;
  bool operator==(const Action&) const = default;
};
using Actions = std::vector<Action>;

/// One line of the queue log (like Asterisk's queue_log): what happened, when, to which
/// call and operator. No caller data.
struct QueueLogEntry {
  double at = 0;
  CallId call = 0;             // 0 for operator events
  OperatorId operator_id = 0;  // 0 when none
  // Calls: "offered", "ringing", "answered", "missed", "abandoned", "overflowed", "ended",
  // "widened" (any operator may take it now), "join_empty", "leave_empty", "wait_limit",
  // "callback_chosen" (the last four: released with a callback offer). Operators: their
  // states, and a break as BreakEvent(reason). Static storage.
  std::string_view event;
};

/// Where a waiting call stands, for announcements.
struct Position {
  int ahead = 0;  // waiting calls of its language that will be served first
  // Never negative. nullopt while nobody who could take the call is logged in and not on
  // break: no honest estimate exists.
  std::optional<double> estimated_wait_seconds;
};

struct OperatorView {
  OperatorId id = 0;
  OperatorState state = OperatorState::kLoggedOut;
  std::int64_t calls_answered = 0;
  int missed_in_a_row = 0;
  PauseReason pause_reason = PauseReason::kNone;  // while on break
};

class QueueEngine {
 public:
  explicit QueueEngine(QueueOptions options, std::function<void(const QueueLogEntry&)> log = {});

  /// Adds a logged-out operator. kConflict if the id exists; kInvalidInput without skills.
  Status AddOperator(OperatorId id, Skills skills, double now);
  /// What an operator sets: available (log in, back from break), break (with a reason) or
  /// logged out. Idempotent for the state already held (a new reason on break is noted).
  /// kConflict while ringing or on a call (the engine moves those); from wrap-up it ends the
  /// wrap-up. kNotFound; kInvalidInput for another state, or a reason without break. Logging
  /// the last operator out may release waiting calls (QueueOptions::leave_empty).
  Result<Actions> SetOperatorState(OperatorId id, OperatorState state, double now,
                                   PauseReason reason = PauseReason::kNone);
  /// Changes the number of lines; calls already in the system keep theirs.
  Status SetLines(int lines);

  /// A new call: it rings an operator at once, or waits, or overflows (every line busy, or
  /// the queue full), or is released with a callback offer (nobody could take it and
  /// join_empty says so): see CallStateOf. Higher `priority` goes first (deployment imminent,
  /// at the front). Repeating an offer for a known call changes nothing.
  Result<Actions> Offer(CallId call, Language language, int priority, double now);
  /// The operator picked up. Idempotent; kConflict if the call is not ringing that
  /// operator (answered elsewhere, abandoned, ended); kNotFound.
  Result<Actions> Answer(CallId call, OperatorId op, double now);
  /// The waiting caller chose a safe callback instead of waiting (pressed a digit, issue 16):
  /// released as with a callback offer ("callback_chosen" in the log, counted as released).
  /// Repeating it changes nothing; kConflict unless the call is waiting (ringing: the
  /// operator's phone is already ringing); kNotFound.
  Result<Actions> ChooseCallback(CallId call, double now);
  /// The caller hung up before an answer. Idempotent; kConflict once answered or ended.
  Result<Actions> Abandon(CallId call, double now);
  /// The call ended after an answer; its operator wraps up. Idempotent; kConflict if it
  /// was never answered.
  Result<Actions> End(CallId call, double now);
  /// The phone reports that `op` did not answer (rejected, busy, unreachable, timed out):
  /// as a ring timeout, now. Late or repeated reports change nothing; kNotFound.
  Result<Actions> Missed(CallId call, OperatorId op, double now);
  /// Moves time on: rings past ring_seconds are missed (the call goes back to the head of
  /// its queue, the operator counts a miss), wrap-ups that are over free their operators,
  /// calls past overflow_after_seconds widen to every operator, and calls past
  /// offer_callback_after_seconds are released. Call it at NextDeadline.
  Actions Tick(double now);

  std::optional<CallState> CallStateOf(CallId call) const;
  /// The operators whose phones ring for `call` now (empty unless it is ringing).
  std::vector<OperatorId> RingingFor(CallId call) const;
  int Waiting() const { return waiting_count_; }
  /// kNotFound unless the call is waiting.
  Result<Position> PositionOf(CallId call, double now) const;
  std::optional<OperatorView> OperatorOf(OperatorId id) const;
  std::vector<OperatorView> Operators() const;

  struct Snapshot {
    int waiting = 0;
    double longest_wait_seconds = 0;
    std::array<int, kAllOperatorStates.size()> operators_by_state{};
    int lines = 0;
    int lines_in_use = 0;
    StatsWindow today;
    StatsWindow last_15_minutes;
  };
  Snapshot Snap(double now) const;

  /// The moment of the next timer (ring timeout, wrap-up end, overflow, wait limit), for an
  /// event loop: call Tick then.
  std::optional<double> NextDeadline() const;

 private:
  using WaitKey = std::pair<int, std::uint64_t>;  // (−priority, arrival sequence)
  struct OperatorRecord {
    OperatorId id = 0;
    Skills skills;
    OperatorState state = OperatorState::kLoggedOut;
    double since = 0;       // in this state since
    double idle_since = 0;  // available since (longest idle)
    std::int64_t answered = 0;
    int missed_in_a_row = 0;
    std::uint64_t last_rung = 0;  // round robin: the ring sequence number it last got
    double available_key = 0;     // its key in available_ while available
    std::optional<CallId> call;   // ringing or talking
    PauseReason pause_reason = PauseReason::kNone;
  };

  struct CallRecord {
    CallId id = 0;
    Language language = Language::kRu;
    double offered_at = 0;
    double answered_at = 0;
    CallState state = CallState::kQueued;
    WaitKey wait_key{};
    std::vector<OperatorId> ringing;
    OperatorId answered_by = 0;
    double ring_deadline = 0;
    bool widened = false;  // waited overflow_after_seconds: any operator may take it
  };

  Actions Dispatch(double now);
  /// The waiting call served next and the pool of available operators to take it from.
  std::optional<std::pair<CallId, const std::set<std::pair<double, OperatorId>>*>> NextMatch()
      const;
  void MakeAvailable(OperatorRecord& op, double now);
  void SetState(OperatorRecord& op, OperatorState state, double now);
  void Ring(CallRecord& call, OperatorRecord& op, double now, Actions& actions);
  void StopOtherRings(CallRecord& call, OperatorId except, double now, Actions& actions);
  /// Nobody rung answered: the operators miss a ring, the call waits again at its place.
  void Unanswered(CallRecord& call, double at, Actions& actions);
  void Enqueue(CallRecord& call);
  void Dequeue(CallRecord& call);
  void Release(CallRecord& call);
  /// True when some operator who could take a call of `language` is logged in (on break counts).
  bool SomeoneCouldTake(Language language) const;
  /// A waiting call leaves with a callback offer; `event` names why, for the queue log.
  void ReleaseWithCallback(CallRecord& call, double at, std::string_view event, Actions& actions);
  /// leave_empty: releases the waiting calls nobody logged in could take.
  void ReleaseUntakeable(double now, Actions& actions);
  /// Overflow and wait-limit deadlines that are due.
  void WaitingTimers(double now, Actions& actions);
  /// Keeps a finished call's state (the latest kRememberedFinishedCalls) for late events.
  void Remember(CallId id, CallState final_state);
  double IdleKey(const OperatorRecord& op) const;
  void Log(double at, CallId call, OperatorId op, std::string_view event) const;

  QueueOptions options_;
  std::function<void(const QueueLogEntry&)> log_;
  std::unordered_map<OperatorId, OperatorRecord> operators_;
  std::unordered_map<CallId, CallRecord> calls_;    // in the system
  std::unordered_map<CallId, CallState> finished_;  // the latest finished calls, for late events
  std::deque<CallId> finished_order_;
  // Per language: waiting calls in service order, and available operators in strategy order.
  std::array<std::map<WaitKey, CallId>, kAllLanguages.size()> waiting_;
  std::array<std::set<std::pair<double, OperatorId>>, kAllLanguages.size()> available_;
  std::set<std::pair<double, OperatorId>>
      available_any_;                  // every available operator, strategy order
  std::map<WaitKey, CallId> widened_;  // waiting calls any operator may take, in service order
  std::array<int, kAllLanguages.size()> logged_in_{};  // per language: operators not logged out
  int logged_in_any_ = 0;
  std::set<std::pair<double, CallId>> overflow_deadlines_;  // (widens at, call)
  std::set<std::pair<double, CallId>> wait_limits_;         // (released at, call)
  std::set<std::pair<double, OperatorId>> wrap_ups_;        // (ends at, operator)
  std::set<std::pair<double, CallId>> ring_deadlines_;
  std::uint64_t sequence_ = 0;
  std::uint64_t round_robin_ = 0;
  int lines_in_use_ = 0;
  int waiting_count_ = 0;
  double handle_average_;  // talk plus wrap-up, a moving average for wait estimates
  QueueStats stats_;
};

}  // namespace lifeline::contact_centre
