#pragma once
// Who is acting, and what each role may do. One table of truth (issue 3 extends it).

#include <cstdint>
#include <string>

#include "domain/result.hpp"
#include "domain/role.hpp"

namespace lifeline::app {

struct Actor {
  std::int64_t user_id = 0;
  std::string name;
  Role role = Role::kOperator;
};

enum class Permission {
  kListCases,       // the case list: clear fields only
  kExportCaseList,  // take the whole case list away as a file: clear fields only (audited)
  kReadCase,        // decrypt a case (audited): one's own, or any with kWorkAnyCase
  kWorkAnyCase,     // read and answer cases without claiming them first
  kClaimCase,       // take an unassigned case
  kMergeCases,  // judge two applications to be one person and merge them (the move to duplicate)
  kReplyToApplicant,
  kReadAuditLog,
  kManageSettings,
  kManageAccounts,       // disable, re-enable, reset and unlock accounts; see their last sign-in
  kDeleteCase,           // crypto-shredding: final
  kRecordCustody,        // set the sealed custody circumstance (domain/custody.hpp)
  kReadCustody,          // read it: everyone else sees "captured"
  kReviewScreening,      // see screening signals and the review queue
  kManageMarkers,        // keep the screening markers
  kViewStatistics,       // aggregates only, small cells suppressed
  kManageGroups,         // add members to group (unit) cases, plan, split and merge them
  kManageContactCentre,  // add operators and lines, read the queue log
  kViewWallboard,        // the live queue figures (no caller data)
  kSetOwnQueueState,  // sign in to and out of the queue, pause and resume: the operator linked to
                      // one's account
  kManageCamp,        // a camp's registry, books, labour, phone rota and mail (camp administrators)
  kRegisterPrisoner,  // hand a crossed case to a camp's registry without re-typing it
  kWorkAbroad,        // people abroad: records, proceedings, pathways, stay rules, referrals
  kManagePartners,    // register partner organisations and their public keys
  kManageCanaries,    // place and lift canary cases (app/audit/access_alerts.hpp)
  kSeeDuressSignals,  // see which cases' duress receipts were used, to act on them
};

/// OkStatus when `actor` holds `permission`, else kForbidden.
Status Require(const Actor& actor, Permission permission);

}  // namespace lifeline::app
