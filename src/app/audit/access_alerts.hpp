#pragma once
// Alerts for the auditors (docs/security.md, "Canaries and access alerts"):
//   - canary cases, which coordinators place and no legitimate work touches: opening one,
//     a search that shows one, or an export that holds one raises an alert at once;
//   - each operator's access pattern against their own baseline (domain/access_patterns.hpp),
//     scanned now and then from the audit log.
// An alert is an audit entry (access_alert) by the account that acted, so it is as
// tamper-evident as the log, and the console's alerts page lists them.
//
// The canary list is a setting sealed with a MAC keyed from the office secret: someone who
// can write the database cannot quietly take a case off it (a list that fails its MAC is
// itself alerted, and its last good contents are kept in memory).

#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "app/accounts/actor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/clock.hpp"
#include "crypto/bytes.hpp"
#include "domain/access_patterns.hpp"
#include "domain/result.hpp"
#include "store/store.hpp"

namespace lifeline::app {

inline constexpr std::string_view kCanarySetting = "canary_cases";

class CanaryCases {
 public:
  /// `settings` and `audit` must outlive this.
  CanaryCases(store::UserStore& settings, AuditLog& audit, crypto::Key32 key);

  /// The canary cases' numbers. A list that fails its MAC is alerted once
  /// ("canary:list") and the last good one used.
  Result<std::set<std::int64_t>> List();

  /// Stores the list, sealed. No permission check or audit: OfficeService::SetCanary reads
  /// the list, audits the change, then saves.
  Status Save(const std::set<std::int64_t>& ids);

  /// Records an alert, by `actor`, for each canary among `case_ids` ("canary:case:<id>").
  /// Fails closed like every audited action: an alert that cannot be written fails the call.
  Status Touched(const Actor& actor, std::span<const std::int64_t> case_ids);

 private:
  std::string Seal(const std::set<std::int64_t>& ids) const;

  store::UserStore& settings_;
  AuditLog& audit_;
  crypto::Key32 key_;
  std::mutex mutex_;
  std::set<std::int64_t> last_good_;  // GUARDED_BY(mutex_)
  bool tamper_alerted_ = false;       // GUARDED_BY(mutex_)
};

/// The audit actions that count as each kind of access for the pattern alerts.
std::optional<AccessEvent::Kind> AccessKindOf(std::string_view audit_action);

/// How far back each operator's baseline reaches.
inline constexpr std::chrono::days kAccessBaseline{28};

/// Scans the audit log: the UTC day so far (up to ten minutes ago, so that searches can be
/// followed up) against the kAccessBaseline before it, and records each new pattern alert as
/// access_alert "pattern:<kind>:user:<id>:<period start>" by the operator (once: an alert
/// already in the log is not repeated). Returns how many were recorded.
Result<int> ScanAccessPatterns(store::AuditStore& store, AuditLog& audit, const Clock& clock,
                               const AccessRules& rules = {});

}  // namespace lifeline::app
