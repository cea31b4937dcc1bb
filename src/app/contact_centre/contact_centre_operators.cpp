// ContactCentreService: operators running their own day (issue 15). An account is linked to
// an operator's extension; the account may then sign in and out of the queue, pause with a
// reason and come back, from the console, the API, or feature codes dialled on the phone.
// Coordinators still set anyone's state. docs/contact-centre.md, "Operators' own day".

#include <fmt/format.h>

#include "app/contact_centre/contact_centre.hpp"
#include "domain/contact_centre/feature_code.hpp"

namespace lifeline::app {
namespace {

using contact_centre::OperatorState;

const Error kNotYours{ErrorCode::kForbidden,
                      "you may set only the state of the operator linked to your account"};

// The host of a sip: uri ("sip:ext-1@10.0.0.5:5060;transport=udp" → "10.0.0.5"); empty if none.
std::string HostOf(const std::string& uri) {
  const std::size_t at = uri.find('@');
  const std::size_t start = at == std::string::npos ? 4 : at + 1;
  if (uri.size() <= start) return "";
  if (uri[start] == '[') {  // an IPv6 literal
    const std::size_t close = uri.find(']', start);
    return close == std::string::npos ? "" : uri.substr(start + 1, close - start - 1);
  }
  return uri.substr(start, uri.find_first_of(":;>", start) - start);
}

}  // namespace

bool ContactCentreService::MaySetLocked(const Actor& actor, const std::string& name) const {
  if (Require(actor, Permission::kManageContactCentre)) return true;
  if (!Require(actor, Permission::kSetOwnQueueState)) return false;
  auto it = operator_ids_.find(name);
  return it != operator_ids_.end() && actor.user_id != 0 &&
         operators_.at(it->second).account_id == actor.user_id;
}

Status ContactCentreService::MaySetOperatorState(const Actor& actor,
                                                 const std::string& name) const {
  std::lock_guard lock(mutex_);
  if (MaySetLocked(actor, name)) return OkStatus();
  if (!Require(actor, Permission::kSetOwnQueueState) &&
      !Require(actor, Permission::kManageContactCentre)) {
    return Error{ErrorCode::kForbidden, "your role does not allow this"};
  }
  return kNotYours;
}

Result<RingOrders> ContactCentreService::SetOperatorState(const Actor& actor,
                                                          const std::string& name,
                                                          OperatorState state,
                                                          contact_centre::PauseReason reason) {
  if (auto allowed = MaySetOperatorState(actor, name); !allowed) return allowed.error();
  return SetOperatorState(name, state, reason);
}

Result<FeatureOutcome> ContactCentreService::DialFeatureCode(const std::string& extension,
                                                             const std::string& source_host,
                                                             const std::string& code) {
  Result<FeatureOutcome> outcome = [&]() -> Result<FeatureOutcome> {
    std::lock_guard lock(mutex_);
    // Who dials first, what second: an unknown extension and a phone elsewhere learn nothing.
    auto it = operator_ids_.find(extension);
    if (it == operator_ids_.end() || source_host.empty() ||
        HostOf(operators_.at(it->second).uri) != source_host) {
      return Error{ErrorCode::kForbidden, "this phone is not that operator's"};
    }
    auto request = contact_centre::ParseFeatureCode(code);
    if (!request) {
      return InvalidInput(
          "code must be *11 (log in), *12 (log out), *13 or *13 and a reason digit 1-6 (pause), "
          "*14 (resume)",
          "code");
    }
    auto orders = SetOperatorStateLocked(extension, request->state, request->reason);
    if (!orders) return orders.error();
    return FeatureOutcome{request->state, request->reason};
  }();
  DeadlineMoved();
  return outcome;
}

Status ContactCentreService::LinkAccount(const Actor& actor, const std::string& name,
                                         const std::string& account) {
  if (auto allowed = Require(actor, Permission::kManageContactCentre); !allowed)
    return allowed.error();
  std::int64_t user_id = 0;
  if (!account.empty()) {
    auto user = users_.FindUserByName(account);
    if (!user) {
      if (user.error().code == ErrorCode::kNotFound)
        return Error{ErrorCode::kNotFound, "no such account", "account"};
      return user.error();
    }
    if (user->role != Role::kOperator)
      return InvalidInput("the account must have the operator role", "account");
    user_id = user->id;
  }
  std::lock_guard lock(mutex_);
  auto it = operator_ids_.find(name);
  if (it == operator_ids_.end()) return Error{ErrorCode::kNotFound, "no such operator"};
  // One operator per account: a link elsewhere moves here.
  for (auto& [id, row] : operators_) {
    if (user_id == 0 || row.account_id != user_id || id == it->second) continue;
    if (auto stored = log_store_.SaveOperatorAccount(row.name, 0); !stored) return stored;
    row.account_id = 0;
  }
  if (auto stored = log_store_.SaveOperatorAccount(name, user_id); !stored) return stored;
  operators_.at(it->second).account_id = user_id;
  return audit_.Record({actor.user_id, actor.name, AuditAction::kOperatorAccountLinked,
                        fmt::format("operator:{} account:{}", name, user_id)});
}

std::optional<OperatorRow> ContactCentreService::OwnOperator(const Actor& actor) const {
  std::lock_guard lock(mutex_);
  if (actor.user_id == 0) return std::nullopt;
  for (const auto& [id, row] : operators_) {
    if (row.account_id != actor.user_id) continue;
    OperatorRow own = row;
    if (auto view = engine_.OperatorOf(id)) {
      own.state = view->state;
      own.calls_answered = view->calls_answered;
      own.pause_reason = view->pause_reason;
    }
    own.account = actor.name;
    return own;
  }
  return std::nullopt;
}

}  // namespace lifeline::app
