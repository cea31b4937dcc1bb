#include "app/contact_centre/contact_centre.hpp"

#include <algorithm>
#include <limits>

#include "crypto/crypto.hpp"
#include "domain/contact_centre/sip_hints.hpp"

namespace lifeline::app {
namespace {

using contact_centre::OperatorState;

constexpr std::size_t kRememberedCalls = 200'000;  // as many as the engine remembers
constexpr int kMaxLogLines = 10'000;               // read at once
constexpr std::size_t kMaxUnwrittenLog =
    100'000;  // a store that cannot keep up loses the oldest lines, never memory
constexpr double kKeepLogSeconds = 90 * 86400.0;
constexpr int kMaxPriority = 9;
constexpr double kNameAgainSeconds = 2;  // NextToResume names a call again after this
constexpr double kNeverNamed = -std::numeric_limits<double>::infinity();

bool ValidName(const std::string& name) {
  return !name.empty() && name.size() <= 64 &&
         std::all_of(name.begin(), name.end(), [](unsigned char c) {
           return std::isalnum(c) || c == '.' || c == '_' || c == '-';
         });
}

using contact_centre::IsValidCallId;

const Error kBadCall =
    InvalidInput("call must be 1 to 200 printable characters without spaces", "call");
const Error kUnknownOperatorName{ErrorCode::kNotFound, "no such operator"};

double Seconds(const Clock& clock) { return clock.NowSeconds(); }

}  // namespace

ContactCentreService::ContactCentreService(const Clock& clock, AuditLog& audit,
                                           store::ContactCentreStore& log_store,
                                           store::UserStore& users,
                                           contact_centre::QueueOptions options,
                                           std::string telephony_token)
    : clock_(clock),
      audit_(audit),
      telephony_token_(std::move(telephony_token)),
      answer_within_(options.answer_within_seconds),
      engine_(options,
              [this](const contact_centre::QueueLogEntry& e) {
                // Runs inside engine calls, under mutex_.
                store::QueueLogRecord line{e.at, "", "", std::string(e.event)};
                if (auto it = call_names_.find(e.call); it != call_names_.end())
                  line.call = it->second;
                if (auto it = operators_.find(e.operator_id); it != operators_.end())
                  line.operator_name = it->second.name;
                if (unwritten_log_.size() < kMaxUnwrittenLog)
                  unwritten_log_.push_back(std::move(line));
              }),
      log_store_(log_store),
      users_(users) {}

bool ContactCentreService::IsTelephony(std::string_view token) const {
  if (telephony_token_.empty() || token.size() != telephony_token_.size()) return false;
  return crypto::ConstantTimeEquals(reinterpret_cast<const std::uint8_t*>(token.data()),
                                    reinterpret_cast<const std::uint8_t*>(telephony_token_.data()),
                                    token.size());
}

Status ContactCentreService::Restore() {
  auto operators = log_store_.ListOperators();
  if (!operators) return operators.error();
  auto lines = log_store_.LoadLines();
  if (!lines) return lines.error();
  auto accounts = log_store_.ListOperatorAccounts();
  if (!accounts) return accounts.error();
  std::lock_guard lock(mutex_);
  for (const auto& op : *operators) {
    std::vector<Language> languages;
    for (std::string_view rest = op.languages; !rest.empty();) {
      const std::size_t comma = rest.find(',');
      if (auto l = ParseLanguage(rest.substr(0, comma))) languages.push_back(*l);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
    if (languages.empty() || operator_ids_.count(op.name))
      continue;  // cannot be stored so by AddOperator
    if (auto added = AddOperatorLocked(op.name, languages, op.uri); !added) return added;
  }
  for (const auto& [name, user_id] : *accounts) {
    if (auto it = operator_ids_.find(name); it != operator_ids_.end())
      operators_.at(it->second).account_id = user_id;
  }
  if (*lines) return engine_.SetLines(**lines);
  return OkStatus();
}

Status ContactCentreService::AddOperator(const Actor& actor, const std::string& name,
                                         const std::vector<Language>& languages,
                                         const std::string& uri) {
  if (auto allowed = Require(actor, Permission::kManageContactCentre); !allowed)
    return allowed.error();
  if (!ValidName(name))
    return InvalidInput(
        "an operator's name is 1 to 64 letters, digits, dots, dashes or underscores", "id");
  if (languages.empty())
    return InvalidInput("an operator needs at least one language", "languages");
  if (!uri.empty() && (uri.rfind("sip:", 0) != 0 || !IsValidCallId(uri) ||
                       uri.find_first_of("\"<>\\") != std::string::npos)) {
    return InvalidInput(
        "uri must be a sip: address of up to 200 characters, e.g. sip:ext-101@10.0.0.5:5060",
        "uri");
  }
  std::lock_guard lock(mutex_);
  if (operator_ids_.count(name))
    return Error{ErrorCode::kConflict, "an operator with this name exists"};
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kOperatorAdded, "operator:" + name});
      !audited) {
    return audited.error();
  }
  std::string codes;
  for (Language l : languages) codes += (codes.empty() ? "" : ",") + std::string(ToString(l));
  if (auto stored = log_store_.InsertOperator({name, uri, codes}); !stored) return stored;
  return AddOperatorLocked(name, languages, uri);
}

Status ContactCentreService::AddOperatorLocked(const std::string& name,
                                               const std::vector<Language>& languages,
                                               const std::string& uri) {
  const contact_centre::OperatorId id =
      static_cast<contact_centre::OperatorId>(operator_ids_.size()) + 1;
  contact_centre::Skills skills;
  for (Language l : languages) skills.Add(l);
  if (auto added = engine_.AddOperator(id, skills, Seconds(clock_)); !added) return added;
  operator_ids_[name] = id;
  operators_[id] = OperatorRow{.name = name, .uri = uri, .languages = languages};
  return OkStatus();
}

Status ContactCentreService::SetLines(const Actor& actor, int lines) {
  if (auto allowed = Require(actor, Permission::kManageContactCentre); !allowed)
    return allowed.error();
  std::lock_guard lock(mutex_);
  const int before = engine_.Snap(Seconds(clock_)).lines;
  if (auto set = engine_.SetLines(lines); !set) return set;
  if (auto stored = log_store_.SaveLines(lines); !stored) {
    (void)engine_.SetLines(before);
    return stored;
  }
  return audit_.Record(
      {actor.user_id, actor.name, AuditAction::kLinesChanged, "lines:" + std::to_string(lines)});
}

RingOrders ContactCentreService::Orders(const contact_centre::Actions& actions) {
  RingOrders orders;
  for (const auto& a : actions) {
    // A held caller must be resumed both to ring an operator and to hear the callback offer.
    if (a.kind != contact_centre::Action::Kind::kStopRinging)
      to_resume_.emplace(a.call, kNeverNamed);
    if (a.kind == contact_centre::Action::Kind::kOfferCallback) {
      orders.offer_callback.push_back(call_names_.at(a.call));
      continue;
    }
    const OperatorRow& op = operators_.at(a.operator_id);
    RingOrders::Order order{call_names_.at(a.call), op.name, op.uri};
    (a.kind == contact_centre::Action::Kind::kRing ? orders.ring : orders.stop_ringing)
        .push_back(std::move(order));
  }
  return orders;
}

Result<RingOrders> ContactCentreService::SetOperatorState(const std::string& name,
                                                          OperatorState state,
                                                          contact_centre::PauseReason reason) {
  Result<RingOrders> orders = [&] {
    std::lock_guard lock(mutex_);
    return SetOperatorStateLocked(name, state, reason);
  }();
  DeadlineMoved();
  return orders;
}

Result<RingOrders> ContactCentreService::SetOperatorStateLocked(
    const std::string& name, OperatorState state, contact_centre::PauseReason reason) {
  auto it = operator_ids_.find(name);
  if (it == operator_ids_.end()) return kUnknownOperatorName;
  auto actions = engine_.SetOperatorState(it->second, state, Seconds(clock_), reason);
  if (!actions) return actions.error();
  return Orders(*actions);
}

std::optional<contact_centre::CallId> ContactCentreService::CallIdOf(
    const std::string& call) const {
  auto it = call_ids_.find(call);
  if (it == call_ids_.end()) return std::nullopt;
  return it->second;
}

contact_centre::CallId ContactCentreService::NewCallId(const std::string& call) {
  const contact_centre::CallId id = ++last_call_;
  call_ids_[call] = id;
  call_names_[id] = call;
  call_order_.push_back(id);
  if (call_order_.size() > kRememberedCalls) {
    call_ids_.erase(call_names_.at(call_order_.front()));
    call_names_.erase(call_order_.front());
    call_order_.pop_front();
  }
  return id;
}

Result<RingOrders> ContactCentreService::Handle(const TelephonyEvent& event) {
  const double now = Seconds(clock_);
  Result<RingOrders> orders = [&] {
    std::lock_guard lock(mutex_);
    return HandleLocked(event, now);
  }();
  DeadlineMoved();
  return orders;
}

Result<RouteAnswer> ContactCentreService::Route(const RouteQuery& query) {
  const double now = Seconds(clock_);
  struct WakeAfter {  // the lookup may have started a ring: its timeout is a new deadline
    ContactCentreService* service;
    ~WakeAfter() { service->DeadlineMoved(); }
  } wake_after{this};
  std::lock_guard lock(mutex_);
  TelephonyEvent event{query.missed.empty() ? "offered" : "missed", query.call, query.missed,
                       query.language, query.priority};
  if (auto handled = HandleLocked(event, now); !handled) return handled.error();
  const contact_centre::CallId id = call_ids_.at(query.call);
  RouteAnswer answer;
  for (contact_centre::OperatorId op_id : engine_.RingingFor(id)) {
    const OperatorRow& op = operators_.at(op_id);
    answer.ring.push_back({query.call, op.name, op.uri});
  }
  const auto state = engine_.CallStateOf(id);
  answer.queued = state == contact_centre::CallState::kQueued;
  answer.offer_callback = state == contact_centre::CallState::kReleased;
  answer.callback_chosen = answer.offer_callback && chosen_callback_.count(id);
  if (!answer.ring.empty() || answer.offer_callback) to_resume_.erase(id);  // handed out
  return answer;
}

std::optional<std::string> ContactCentreService::NextToResume() {
  const double now = Seconds(clock_);
  std::lock_guard lock(mutex_);
  for (auto it = to_resume_.begin(); it != to_resume_.end();) {
    const auto state = engine_.CallStateOf(it->first);
    if (state != contact_centre::CallState::kRinging &&
        state != contact_centre::CallState::kReleased) {
      it = to_resume_.erase(it);  // answered, given up or failed over meanwhile
      continue;
    }
    if (now - it->second >= kNameAgainSeconds) {
      it->second = now;
      return call_names_.at(it->first);
    }
    ++it;
  }
  return std::nullopt;
}

Result<RingOrders> ContactCentreService::HandleLocked(const TelephonyEvent& event, double now) {
  if (!IsValidCallId(event.call)) return kBadCall;
  auto id = CallIdOf(event.call);
  Result<contact_centre::Actions> actions = Error{ErrorCode::kInternal, "unhandled event"};
  if (event.event == "offered") {
    auto language =
        event.language.empty() ? std::optional(Language::kRu) : ParseLanguage(event.language);
    if (!language) return InvalidInput("language must be ru, be, uk or en", "language");
    if (event.priority < 0 || event.priority > kMaxPriority)
      return InvalidInput("priority must be 0 to 9", "priority");
    actions = engine_.Offer(id ? *id : NewCallId(event.call), *language, event.priority, now);
  } else if (event.event == "answered" || event.event == "missed" || event.event == "abandoned" ||
             event.event == "ended") {
    if (!id) return Error{ErrorCode::kNotFound, "no such call"};
    if (event.event == "answered" || event.event == "missed") {
      auto op = operator_ids_.find(event.operator_name);
      if (op == operator_ids_.end()) return kUnknownOperatorName;
      actions = event.event == "answered" ? engine_.Answer(*id, op->second, now)
                                          : engine_.Missed(*id, op->second, now);
    } else if (event.event == "abandoned") {
      actions = engine_.Abandon(*id, now);
    } else {
      actions = engine_.End(*id, now);
    }
  } else {
    return InvalidInput("event must be offered, answered, missed, abandoned or ended", "event");
  }
  if (!actions) return actions.error();
  return Orders(*actions);
}

int ContactCentreService::CallsWaiting() const {
  std::lock_guard lock(mutex_);
  return engine_.Waiting();
}

Result<contact_centre::Position> ContactCentreService::PositionOf(const std::string& call) const {
  std::lock_guard lock(mutex_);
  auto id = CallIdOf(call);
  if (!id) return Error{ErrorCode::kNotFound, "no such call"};
  return engine_.PositionOf(*id, Seconds(clock_));
}

Result<RingOrders> ContactCentreService::ChooseCallback(const std::string& call) {
  Result<RingOrders> orders = [&]() -> Result<RingOrders> {
    std::lock_guard lock(mutex_);
    auto id = CallIdOf(call);
    if (!id) return Error{ErrorCode::kNotFound, "no such call"};
    auto actions = engine_.ChooseCallback(*id, Seconds(clock_));
    if (!actions) return actions.error();
    if (chosen_callback_.size() >= kRememberedCalls)
      chosen_callback_.clear();  // old calls' marks only
    chosen_callback_[*id] = true;
    return Orders(*actions);
  }();
  DeadlineMoved();
  return orders;
}

bool ContactCentreService::Flooded() const {
  std::lock_guard lock(mutex_);
  const auto snap = engine_.Snap(Seconds(clock_));
  auto count = [&](OperatorState s) {
    return snap.operators_by_state[static_cast<std::size_t>(s)];
  };
  const int taking = count(OperatorState::kAvailable) + count(OperatorState::kRinging) +
                     count(OperatorState::kOnCall) + count(OperatorState::kWrapUp);
  return (snap.lines > 0 && snap.lines_in_use * 5 >= snap.lines * 4) || snap.waiting > 3 * taking;
}

RingOrders ContactCentreService::Tick() {
  RingOrders orders;
  {
    std::lock_guard lock(mutex_);
    orders = Orders(engine_.Tick(Seconds(clock_)));
    std::erase_if(to_resume_, [this](const auto& entry) {
      const auto state = engine_.CallStateOf(entry.first);
      return state != contact_centre::CallState::kRinging &&
             state != contact_centre::CallState::kReleased;
    });
  }
  (void)FlushLog();  // a failed write keeps the lines for the next tick
  return orders;
}

Status ContactCentreService::FlushLog() {
  std::lock_guard flush(flushing_);
  std::vector<store::QueueLogRecord> lines;
  {
    std::lock_guard lock(mutex_);
    lines.swap(unwritten_log_);
  }
  if (lines.empty()) return OkStatus();
  auto written = log_store_.AppendQueueLog(lines, Seconds(clock_) - kKeepLogSeconds);
  if (!written) {
    std::lock_guard lock(mutex_);
    lines.insert(lines.end(), std::make_move_iterator(unwritten_log_.begin()),
                 std::make_move_iterator(unwritten_log_.end()));
    unwritten_log_.swap(lines);
  }
  return written;
}

Result<Wallboard> ContactCentreService::View(const Actor& actor) const {
  if (auto allowed = Require(actor, Permission::kViewWallboard); !allowed) return allowed.error();
  std::lock_guard lock(mutex_);
  Wallboard board{engine_.Snap(Seconds(clock_)), {}, answer_within_};
  for (const auto& view : engine_.Operators()) {
    OperatorRow row = operators_.at(view.id);
    row.state = view.state;
    row.calls_answered = view.calls_answered;
    row.pause_reason = view.pause_reason;
    board.operators.push_back(std::move(row));
  }
  std::sort(board.operators.begin(), board.operators.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  return board;
}

void ContactCentreService::OnDeadlineMoved(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  wake_timer_ = std::move(wake);
}

void ContactCentreService::DeadlineMoved() {
  std::function<void()> wake;
  {
    std::lock_guard lock(mutex_);
    wake = wake_timer_;
  }
  if (wake) wake();
}

std::optional<double> ContactCentreService::NextDeadline() const {
  std::lock_guard lock(mutex_);
  return engine_.NextDeadline();
}

Result<std::vector<QueueLogLine>> ContactCentreService::Log(const Actor& actor, int limit) {
  if (auto allowed = Require(actor, Permission::kManageContactCentre); !allowed)
    return allowed.error();
  if (limit < 1 || limit > kMaxLogLines) return InvalidInput("limit must be 1 to 10000", "limit");
  if (auto flushed = FlushLog(); !flushed) return flushed.error();
  auto stored = log_store_.ListQueueLog(limit);
  if (!stored) return stored.error();
  std::vector<QueueLogLine> lines;
  for (auto& l : *stored)
    lines.push_back({l.at, std::move(l.call), std::move(l.operator_name), std::move(l.event)});
  return lines;
}

}  // namespace lifeline::app
