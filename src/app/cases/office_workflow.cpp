// The case workflow in the office: OfficeService::ChangeStatus and the case timeline.
// Which moves exist and who makes them is domain/workflow.hpp; here they are checked against
// the case as stored, sealed, audited and written with a lost-update check.

#include <fmt/format.h>

#include <map>

#include "app/cases/office.hpp"
#include "crypto/crypto.hpp"
#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

// Binds a sealed reason to its case, time and move, so it cannot be shown on another.
std::string ReasonAssociated(std::int64_t case_id, std::int64_t at, CaseStatus to) {
  return fmt::format("lifeline/case-event/v1|case:{}|at:{}|to:{}", case_id, at, ToString(to));
}

Status CheckReason(const Transition& move, const std::string& reason) {
  if (reason.empty()) {
    if (!move.reason_required) return OkStatus();
    return InvalidInput(fmt::format("moving a case to \"{}\" needs a reason", ToString(move.to)),
                        "reason");
  }
  if (!IsValidUtf8(reason) || HasControlCharacters(reason) ||
      CountCodePoints(reason) > kMaxReasonCharacters) {
    return InvalidInput("a reason must be at most 1000 characters of text", "reason");
  }
  return OkStatus();
}

std::string AllowedMoves(const std::vector<Transition>& next) {
  std::string names;
  for (const auto& t : next) names += (names.empty() ? "" : ", ") + std::string(ToString(t.to));
  return names.empty() ? "none for your role" : names;
}

}  // namespace

std::optional<CaseStatus> OfficeService::PausedFrom(const store::StoredApplication& stored) {
  if (!IsPause(stored.status)) return std::nullopt;
  auto events = store_.ListCaseEvents(stored.id);
  if (!events) return std::nullopt;
  // The move into the first of a run of pauses (waiting, then contact lost) says where
  // the case stood before it was paused.
  std::optional<CaseStatus> from;
  for (auto it = events->rbegin(); it != events->rend() && IsPause(it->to); ++it) from = it->from;
  return from && !IsPause(*from) ? from : std::nullopt;
}

namespace {}  // namespace

Result<std::int64_t> OfficeService::ChangeStatus(const Actor& actor, std::int64_t case_id,
                                                 const StatusChange& change) {
  if (auto allowed = Require(actor, Permission::kReadCase); !allowed) return allowed.error();
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  if (auto assigned = CheckAssignment(actor, *stored); !assigned) return assigned.error();
  if (stored->version != change.expected_version) {
    return Error{ErrorCode::kConflict,
                 fmt::format("the case changed since you opened it (it is now \"{}\"); reload it "
                             "and try again",
                             ToString(stored->status))};
  }
  const auto paused_from = PausedFrom(*stored);
  const Transition* move = FindTransition(stored->status, change.to);
  const bool wrong_resumption = move != nullptr && IsPause(stored->status) && !IsPause(change.to) &&
                                change.to != CaseStatus::kClosed && change.to != paused_from;
  if (move == nullptr || wrong_resumption) {
    return Error{
        ErrorCode::kConflict,
        fmt::format("a case that is \"{}\" cannot move to \"{}\"; it can move to: {}",
                    ToString(stored->status), ToString(change.to),
                    AllowedMoves(NextTransitions(stored->status, actor.role, paused_from)))};
  }
  if (!MayMake(*move, actor.role)) {
    return Error{ErrorCode::kForbidden,
                 fmt::format("your role cannot move a case from \"{}\" to \"{}\"",
                             ToString(move->from), ToString(move->to))};
  }
  if (auto ok = CheckReason(*move, change.reason); !ok) return ok.error();
  if (change.to == CaseStatus::kCrossed) {
    if (change.circumstance) {
      if (auto recorded = RecordCustody(actor, case_id, *change.circumstance); !recorded) {
        return recorded.error();
      }
    } else if (stored->custody_sealed.empty()) {
      return InvalidInput(
          "record how the person came into custody (captured or voluntary "
          "surrender) with the crossing",
          "circumstance");
    }
  }

  store::NewCaseEvent event{.case_id = case_id,
                            .at = clock_.Now().time_since_epoch().count(),
                            .actor_user_id = actor.user_id,
                            .from = stored->status,
                            .to = change.to};
  if (!change.reason.empty()) {
    auto record_key = OpenRecordKey(*stored);
    if (!record_key) return record_key.error();
    event.reason_sealed = crypto::AeadEncrypt(crypto::ScopedKey(*record_key).get(), change.reason,
                                              ReasonAssociated(case_id, event.at, event.to));
  }
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCaseStatusChanged,
                                    "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  if (auto changed = store_.ChangeStatus(change.expected_version, event); !changed)
    return changed.error();
  return change.expected_version + 1;
}

Result<std::vector<CaseEvent>> OfficeService::Timeline(std::int64_t case_id,
                                                       const crypto::Key32& key) {
  auto stored = store_.ListCaseEvents(case_id);
  if (!stored) return stored.error();
  if (auto checked = CheckRows("case_events", *stored); !checked) return checked.error();
  std::map<std::int64_t, std::string> names;
  std::vector<CaseEvent> timeline;
  for (const auto& e : *stored) {
    CaseEvent view{e.at, e.actor_user_id, {}, e.from, e.to, {}};
    auto [it, inserted] = names.try_emplace(e.actor_user_id);
    if (inserted) {
      auto user = store_.FindUserById(e.actor_user_id);
      it->second = user ? user->name : std::string("?");
    }
    view.actor_name = it->second;
    if (!e.reason_sealed.empty()) {
      crypto::SecretBytes reason;
      if (!crypto::AeadDecrypt(key, e.reason_sealed, ReasonAssociated(case_id, e.at, e.to),
                               reason)) {
        return Error{ErrorCode::kInternal, "a reason in this case's timeline does not open"};
      }
      view.reason.assign(reason.view());
    }
    timeline.push_back(std::move(view));
  }
  return timeline;
}

}  // namespace lifeline::app
