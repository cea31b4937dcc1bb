#pragma once
// The hotline's contact centre as a service: the queue engine (domain/contact_centre) behind
// a mutex, with the telephony side's own names for calls (e.g. SIP Call-IDs) and operators
// (extensions), the manager's actions (audited) and the queue log. docs/contact-centre.md.
//
// Thread-safe. Call and operator names are not personal data: telephony sends opaque ids,
// never the caller's number.

#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/clock.hpp"
#include "domain/contact_centre/queue_engine.hpp"
#include "store/store.hpp"

namespace lifeline::app {

class VoiceLine;  // contact_centre_voice.hpp

/// An event from the telephony side. `event` is offered, answered, missed (the operator's
/// phone did not answer), abandoned or ended.
struct TelephonyEvent {
  std::string event;
  std::string call;
  std::string operator_name;  // answered, missed: whose phone
  std::string language;       // offered: ru, be, uk or en (default ru)
  int priority = 0;           // offered: 0–9, higher first (at the front, deployment imminent)
};

/// What the telephony side must do now.
struct RingOrders {
  struct Order {
    std::string call;
    std::string operator_name;
    std::string uri;  // the operator's, if known
  };
  std::vector<Order> ring;
  std::vector<Order> stop_ringing;
  std::vector<std::string> offer_callback;  // calls released with a callback offer
};

/// Kamailio's routing lookup for one call: a new call (`missed` empty) or a failover after
/// the operator `missed` did not answer.
struct RouteQuery {
  std::string call;
  std::string missed;
  std::string language;  // as TelephonyEvent
  int priority = 0;
};

/// Whom to ring for the call now, or that it waits (the proxy holds the caller until
/// NextToResume names the call), or that the caller is to be offered a safe callback
/// (nobody could take the call: join-empty, leave-when-empty, the wait limit), or none of
/// these (no line, or the call is over: busy).
struct RouteAnswer {
  std::vector<RingOrders::Order> ring;
  bool queued = false;
  bool offer_callback = false;
  bool callback_chosen = false;  // with offer_callback: the caller chose it and it is scheduled
};

/// What a feature code dialled from an operator's phone did, for the phone's display.
struct FeatureOutcome {
  contact_centre::OperatorState state = contact_centre::OperatorState::kLoggedOut;
  contact_centre::PauseReason reason = contact_centre::PauseReason::kNone;
};

struct OperatorRow {
  std::string name;
  std::string
      uri;  // where the telephony side rings them, e.g. sip:ext-101@10.0.0.5:5060; may be empty
  std::vector<Language> languages;
  contact_centre::OperatorState state = contact_centre::OperatorState::kLoggedOut;
  std::int64_t calls_answered = 0;
  contact_centre::PauseReason pause_reason = contact_centre::PauseReason::kNone;
  std::int64_t account_id = 0;  // the account that may set this operator's state; 0: none
  std::string account;          // its name, in views; empty: none
};

struct Wallboard {
  contact_centre::QueueEngine::Snapshot snapshot;
  std::vector<OperatorRow> operators;  // by name
  double answer_within_seconds = 0;
};

struct QueueLogLine {
  double at = 0;
  std::string call;
  std::string operator_name;
  std::string event;
};

class ContactCentreService {
 public:
  /// `clock`, `audit` and `log_store` must outlive the service. `telephony_token`
  /// authenticates the telephony side (empty: no telephony client may connect). Call Restore
  /// before serving.
  ContactCentreService(const Clock& clock, AuditLog& audit, store::ContactCentreStore& log_store,
                       store::UserStore& users, contact_centre::QueueOptions options,
                       std::string telephony_token);

  /// Loads the operators (logged out) and lines that managers set up before a restart.
  Status Restore();

  /// True when `token` is the telephony client's (compared in constant time).
  bool IsTelephony(std::string_view token) const;

  /// Managers (kManageContactCentre), audited and stored. kInvalidInput for a bad name (1–64 of
  /// A–Z a–z 0–9 . _ -), no language, or a `uri` that is not a sip: URI of up to 200
  /// characters; kConflict for a name in use.
  Status AddOperator(const Actor& actor, const std::string& name,
                     const std::vector<Language>& languages, const std::string& uri = "");
  Status SetLines(const Actor& actor, int lines);

  /// Whether `actor` may set operator `name`'s state: coordinators (kManageContactCentre)
  /// for anyone; an account with kSetOwnQueueState for the operator linked to it alone.
  /// kForbidden otherwise, also for an unknown name (nothing is revealed to the refused).
  /// Callers check this before they look at the input.
  Status MaySetOperatorState(const Actor& actor, const std::string& name) const;
  /// An operator's state (available, break with a reason, logged_out) set by a person:
  /// MaySetOperatorState, then as the engine. Audited when a coordinator sets another's.
  Result<RingOrders> SetOperatorState(
      const Actor& actor, const std::string& name, contact_centre::OperatorState state,
      contact_centre::PauseReason reason = contact_centre::PauseReason::kNone);
  /// The same for the telephony client (its token already checked). Errors as
  /// QueueEngine::SetOperatorState; kNotFound for an unknown name.
  Result<RingOrders> SetOperatorState(
      const std::string& name, contact_centre::OperatorState state,
      contact_centre::PauseReason reason = contact_centre::PauseReason::kNone);
  /// A feature code dialled from operator `extension`'s phone, reported by the telephony
  /// client: *11 log in, *12 log out, *13 or *13<digit> break (with a reason,
  /// contact_centre/pause_reason.hpp), *14 back from break. kForbidden unless `source_host`
  /// is the host of the operator's uri (a phone elsewhere cannot act for it) — also for an
  /// unknown extension; kInvalidInput ("code") for another code; then as the engine.
  Result<FeatureOutcome> DialFeatureCode(const std::string& extension,
                                         const std::string& source_host, const std::string& code);
  /// Links operator `name` to the account named `account` (empty: unlinks), so that the
  /// account may set that operator's state. One operator per account: linking moves it.
  /// kManageContactCentre; audited. kNotFound for an unknown operator or account.
  Status LinkAccount(const Actor& actor, const std::string& name, const std::string& account);
  /// The operator linked to `actor`'s account, if any (with its state).
  std::optional<OperatorRow> OwnOperator(const Actor& actor) const;
  /// Called (outside the service's lock) after every event that may bring the next timer
  /// forward, so that a timer waiting for NextDeadline wakes (DeadlineTimer::Wake).
  void OnDeadlineMoved(std::function<void()> wake);
  /// The next moment Tick has work (ring timeout, wrap-up end, overflow, wait limit), in
  /// clock seconds.
  std::optional<double> NextDeadline() const;
  /// kInvalidInput for an unknown event kind, a bad call id (1–200 printable characters, no
  /// spaces), a bad language or priority; then as the engine.
  Result<RingOrders> Handle(const TelephonyEvent& event);
  /// Errors as Handle. A call already known is not offered again: the answer says how it
  /// stands, so asking again after NextToResume gives the operator the engine chose.
  Result<RouteAnswer> Route(const RouteQuery& query);
  /// The next call that waited and now rings an operator (the engine's timer or a freed
  /// operator started the ring), for the proxy to take out of its queue and route. Until
  /// Route is asked about it, a call is named again every 2 seconds, so a lost hand-off
  /// cannot strand a caller.
  std::optional<std::string> NextToResume();
  /// Calls waiting for an operator now (for /metrics).
  int CallsWaiting() const;

  /// The waiting caller chose a safe callback (the voice line, issue 16): the call leaves the
  /// queue ("callback_chosen") and is named on NextToResume, so the proxy resumes it and
  /// Route answers offer_callback with callback_chosen. Errors as QueueEngine::ChooseCallback.
  Result<RingOrders> ChooseCallback(const std::string& call);
  /// Whether the line is flooded now, from the queue's load: at least 80 % of the lines in
  /// use, or more than three callers waiting per operator taking calls (available, ringing,
  /// on a call or wrapping up). The voice line's first prompt says so.
  bool Flooded() const;
  /// The voice line, if lifeline serve runs one (set before serving; not owned).
  void SetVoiceLine(VoiceLine* voice) { voice_ = voice; }
  VoiceLine* Voice() const { return voice_; }

  /// Where a waiting call stands (for announcements). kNotFound unless waiting.
  Result<contact_centre::Position> PositionOf(const std::string& call) const;
  /// Ring timeouts, wrap-ups, overflows and wait limits due by now, and the queue log
  /// written to the store. Called by a timer at NextDeadline (DeadlineTimer), and at least
  /// every second for the log.
  RingOrders Tick();
  /// Writes the queue log lines not yet stored (kept 90 days).
  Status FlushLog();

  /// kViewWallboard.
  Result<Wallboard> View(const Actor& actor) const;
  /// The latest `limit` stored queue log lines, oldest first. kManageContactCentre.
  Result<std::vector<QueueLogLine>> Log(const Actor& actor, int limit);

 private:
  /// Also marks each call rung as one to resume, until Route hands its operator out.
  RingOrders Orders(const contact_centre::Actions& actions);
  Result<RingOrders> HandleLocked(const TelephonyEvent& event, double now);
  std::optional<contact_centre::CallId> CallIdOf(const std::string& call) const;
  /// Adds to the engine and the maps; the name is free and valid.
  Status AddOperatorLocked(const std::string& name, const std::vector<Language>& languages,
                           const std::string& uri);
  Result<RingOrders> SetOperatorStateLocked(const std::string& name,
                                            contact_centre::OperatorState state,
                                            contact_centre::PauseReason reason);
  bool MaySetLocked(const Actor& actor, const std::string& name) const;
  void DeadlineMoved();
  contact_centre::CallId NewCallId(const std::string& call);

  const Clock& clock_;
  AuditLog& audit_;
  const std::string telephony_token_;
  const double answer_within_;
  mutable std::mutex mutex_;
  contact_centre::QueueEngine engine_;                                        // GUARDED_BY(mutex_)
  std::unordered_map<std::string, contact_centre::OperatorId> operator_ids_;  // GUARDED_BY(mutex_)
  std::unordered_map<contact_centre::OperatorId, OperatorRow> operators_;     // GUARDED_BY(mutex_)
  std::unordered_map<std::string, contact_centre::CallId> call_ids_;          // GUARDED_BY(mutex_)
  std::unordered_map<contact_centre::CallId, std::string> call_names_;        // GUARDED_BY(mutex_)
  std::deque<contact_centre::CallId> call_order_;                             // GUARDED_BY(mutex_)
  contact_centre::CallId last_call_ = 0;                                      // GUARDED_BY(mutex_)
  std::vector<store::QueueLogRecord> unwritten_log_;                          // GUARDED_BY(mutex_)
  std::unordered_map<contact_centre::CallId, double>
      to_resume_;  // when last named. GUARDED_BY(mutex_)
  store::ContactCentreStore& log_store_;
  store::UserStore& users_;
  std::function<void()> wake_timer_;                                  // set before serving
  VoiceLine* voice_ = nullptr;                                        // set before serving
  std::unordered_map<contact_centre::CallId, bool> chosen_callback_;  // GUARDED_BY(mutex_)
  std::mutex flushing_;  // one flush at a time, so that lines are stored in order
};

}  // namespace lifeline::app
