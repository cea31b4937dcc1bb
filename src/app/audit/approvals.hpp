#pragma once
// The two-person rule (docs/security.md, "Two people for the most dangerous reads"). Some
// actions reveal what could put a person in prison if one insider were coerced or bought:
// reading the sealed custody circumstance, and sending a person's identity to another
// organisation. Each needs its own request, approved by a second account, and is used once,
// all within kApprovalWindow; requester and approver are both in the audit log.
//
// Requests, grants and uses *are* audit entries (approval_requested, approval_granted,
// approval_used): the state lives in the tamper-evident chain, and every entry a decision
// rests on is checked against its predecessor's MAC (AuditLog::FindAuthentic), so someone who
// can write the database cannot forge an approval. One office process decides at a time
// (a mutex); two processes racing on the same grant could each use it once.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/clock.hpp"
#include "domain/result.hpp"

namespace lifeline::app {

/// A request must be approved and used within this long of being made.
inline constexpr std::chrono::minutes kApprovalWindow{30};

/// What an approval is for: "custody:case:<id>" or "referral:person_abroad:<id>".
std::string CustodyReadSubject(std::int64_t case_id);
std::string ReferralSubject(std::int64_t person_id);

struct ApprovalRequest {
  std::int64_t seq = 0;  // the request's audit entry
  std::int64_t at = 0;   // seconds since the epoch
  std::int64_t requester_id = 0;
  std::string requester;
  std::string subject;
  std::optional<std::string> approved_by;
  bool used = false;
  std::int64_t expires_at() const;
};

class Approvals {
 public:
  /// `audit` and `clock` must outlive this.
  Approvals(AuditLog& audit, const Clock& clock);

  /// Asks a second person to approve `subject` for `actor` (who must already hold what the
  /// subject needs: the caller checks). An open request of the actor's for the subject is
  /// returned instead of a new one. Audited.
  Result<ApprovalRequest> Request(const Actor& actor, const std::string& subject);

  /// Approves request `seq`. kForbidden unless `approver` is another account holding what the
  /// subject needs (or an auditor); kNotFound for no such open request; kConflict if it is
  /// approved already. Audited.
  Status Grant(const Actor& approver, std::int64_t seq);

  /// Uses the actor's approved, unused request for `subject`: OkStatus once per approval,
  /// audited; kForbidden ("a second person's approval") otherwise.
  Status Use(const Actor& actor, const std::string& subject);

  /// The requests of the last kApprovalWindow, newest first, with their state.
  Result<std::vector<ApprovalRequest>> Open();

  /// The actor's newest open request for `subject`, if any.
  Result<std::optional<ApprovalRequest>> LatestOf(const Actor& actor, const std::string& subject);

  /// True when `actor` could approve someone's request for `subject`.
  static bool MayApprove(const Actor& actor, const std::string& subject);

 private:
  std::int64_t Now() const;

  AuditLog& audit_;
  const Clock& clock_;
  std::mutex mutex_;  // one decision at a time
};

}  // namespace lifeline::app
