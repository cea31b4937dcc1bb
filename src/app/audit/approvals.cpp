#include "app/audit/approvals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace lifeline::app {
namespace {

constexpr int kMaxEntries = 1000;  // a half hour's requests, grants and uses, with room

std::string Reference(std::int64_t seq) { return fmt::format("approval:{}", seq); }

// What the requester, and any approver other than an auditor, must be allowed to do.
std::optional<Permission> NeededFor(const std::string& subject) {
  if (subject.starts_with("custody:")) return Permission::kReadCustody;
  if (subject.starts_with("referral:")) return Permission::kWorkAbroad;
  return std::nullopt;
}

}  // namespace

std::string CustodyReadSubject(std::int64_t case_id) {
  return fmt::format("custody:case:{}", case_id);
}
std::string ReferralSubject(std::int64_t person_id) {
  return fmt::format("referral:person_abroad:{}", person_id);
}

std::int64_t ApprovalRequest::expires_at() const {
  return at + std::chrono::duration_cast<std::chrono::seconds>(kApprovalWindow).count();
}

Approvals::Approvals(AuditLog& audit, const Clock& clock) : audit_(audit), clock_(clock) {}

std::int64_t Approvals::Now() const { return clock_.Now().time_since_epoch().count(); }

bool Approvals::MayApprove(const Actor& actor, const std::string& subject) {
  if (Require(actor, Permission::kReadAuditLog).ok()) return true;
  const auto needed = NeededFor(subject);
  return needed && Require(actor, *needed).ok();
}

Result<std::vector<ApprovalRequest>> Approvals::Open() {
  const std::int64_t since =
      Now() - std::chrono::duration_cast<std::chrono::seconds>(kApprovalWindow).count();
  auto requests = audit_.FindAuthentic(
      {.action = std::string(ToString(AuditAction::kApprovalRequested)), .from_at = since},
      kMaxEntries);
  if (!requests) return requests.error();
  auto grants = audit_.FindAuthentic(
      {.action = std::string(ToString(AuditAction::kApprovalGranted)), .from_at = since},
      kMaxEntries);
  if (!grants) return grants.error();
  auto uses = audit_.FindAuthentic(
      {.action = std::string(ToString(AuditAction::kApprovalUsed)), .from_at = since}, kMaxEntries);
  if (!uses) return uses.error();
  std::map<std::string, std::string> granted_by;  // "approval:<seq>" -> approver
  for (const auto& grant : *grants) granted_by.emplace(grant.target, grant.actor_name);
  std::vector<ApprovalRequest> open;
  for (const auto& request : *requests) {
    ApprovalRequest r{request.seq, request.at, request.actor_user_id, request.actor_name,
                      request.target};
    if (const auto found = granted_by.find(Reference(request.seq)); found != granted_by.end())
      r.approved_by = found->second;
    r.used = std::any_of(uses->begin(), uses->end(), [&](const store::AuditRecord& use) {
      return use.target == Reference(request.seq) && use.actor_user_id == request.actor_user_id;
    });
    if (r.expires_at() > Now()) open.push_back(std::move(r));
  }
  return open;
}

Result<std::optional<ApprovalRequest>> Approvals::LatestOf(const Actor& actor,
                                                           const std::string& subject) {
  auto open = Open();
  if (!open) return open.error();
  for (auto& r : *open) {
    if (r.requester_id == actor.user_id && r.subject == subject && !r.used)
      return std::optional<ApprovalRequest>(std::move(r));
  }
  return std::optional<ApprovalRequest>();
}

Result<ApprovalRequest> Approvals::Request(const Actor& actor, const std::string& subject) {
  if (!NeededFor(subject)) return InvalidInput("nothing of that kind needs an approval");
  std::lock_guard lock(mutex_);
  auto latest = LatestOf(actor, subject);
  if (!latest) return latest.error();
  if (*latest) return **latest;
  auto seq =
      audit_.RecordNumbered({actor.user_id, actor.name, AuditAction::kApprovalRequested, subject});
  if (!seq) return seq.error();
  return ApprovalRequest{*seq, Now(), actor.user_id, actor.name, subject};
}

Status Approvals::Grant(const Actor& approver, std::int64_t seq) {
  // Permission first: only roles that approve anything learn whether a request exists.
  if (!Require(approver, Permission::kReadAuditLog).ok() &&
      !Require(approver, Permission::kReadCustody).ok() &&
      !Require(approver, Permission::kWorkAbroad).ok()) {
    return Error{ErrorCode::kForbidden, "your role does not allow this"};
  }
  std::lock_guard lock(mutex_);
  auto open = Open();
  if (!open) return open.error();
  const auto found = std::find_if(open->begin(), open->end(),
                                  [&](const ApprovalRequest& r) { return r.seq == seq; });
  if (found == open->end()) return NotFound("no such request is open (it may have expired)");
  if (found->requester_id == approver.user_id) {
    return Error{ErrorCode::kForbidden, "a request must be approved by a second person"};
  }
  if (!MayApprove(approver, found->subject))
    return Error{ErrorCode::kForbidden, "your role does not allow this"};
  if (found->approved_by) return Error{ErrorCode::kConflict, "this request is approved already"};
  return audit_.Record(
      {approver.user_id, approver.name, AuditAction::kApprovalGranted, Reference(seq)});
}

Status Approvals::Use(const Actor& actor, const std::string& subject) {
  std::lock_guard lock(mutex_);
  auto open = Open();
  if (!open) return open.error();
  for (const auto& r : *open) {
    if (r.requester_id == actor.user_id && r.subject == subject && r.approved_by && !r.used) {
      return audit_.Record(
          {actor.user_id, actor.name, AuditAction::kApprovalUsed, Reference(r.seq)});
    }
  }
  return Error{ErrorCode::kForbidden,
               "this needs a second person's approval first: ask for it, and read within 30 "
               "minutes of asking"};
}

}  // namespace lifeline::app
