#include "app/accounts/actor.hpp"

#include <initializer_list>

namespace lifeline::app {
namespace {

constexpr unsigned Roles(std::initializer_list<Role> roles) {
  unsigned mask = 0;
  for (Role r : roles) mask |= 1u << static_cast<unsigned>(r);
  return mask;
}

struct Grant {
  Permission permission;
  unsigned roles;  // bit per Role
};

// The one table of truth (docs/permissions.md mirrors it; tests/e2e/test_permissions.py
// walks every role against every endpoint). Administrators manage accounts and settings
// and do not read case contents.
constexpr Grant kGrants[] = {
    {Permission::kListCases, Roles({Role::kOperator, Role::kVerifier, Role::kCoordinator})},
    {Permission::kReadCase, Roles({Role::kOperator, Role::kVerifier, Role::kCoordinator})},
    {Permission::kWorkAnyCase, Roles({Role::kVerifier, Role::kCoordinator})},
    {Permission::kClaimCase, Roles({Role::kOperator, Role::kCoordinator})},
    // Merging is the workflow's move to duplicate (docs/workflow.md), which judges make:
    // an operator who suspects a duplicate asks a verifier.
    {Permission::kMergeCases, Roles({Role::kVerifier, Role::kCoordinator})},
    {Permission::kReplyToApplicant, Roles({Role::kOperator, Role::kVerifier, Role::kCoordinator})},
    // A list to plan with offline (groups, crossings, workload) is the coordinator's; an
    // operator's list is the cases he works, which he reads in the console.
    {Permission::kExportCaseList, Roles({Role::kCoordinator})},
    {Permission::kReadAuditLog, Roles({Role::kAuditor})},
    {Permission::kManageSettings, Roles({Role::kAdmin})},
    // Administrators keep the accounts; a reset hands over a one-time password and forces
    // a new second factor, so it gives the administrator no way into anyone's account.
    {Permission::kManageAccounts, Roles({Role::kAdmin})},
    {Permission::kDeleteCase, Roles({Role::kCoordinator, Role::kAdmin})},
    // Coordinators plan crossings, so they know the circumstance anyway; nobody else does.
    {Permission::kRecordCustody, Roles({Role::kCoordinator})},
    {Permission::kReadCustody, Roles({Role::kCoordinator})},
    // Signals are for judging, not for the first call: operators are not shown them.
    {Permission::kReviewScreening, Roles({Role::kVerifier, Role::kCoordinator})},
    {Permission::kManageMarkers, Roles({Role::kVerifier})},
    {Permission::kViewStatistics, Roles({Role::kAnalyst, Role::kCoordinator})},
    // Whoever works the contact's case builds the group; verifiers judge, they do not plan.
    {Permission::kManageGroups, Roles({Role::kOperator, Role::kCoordinator})},
    // Coordinators run the hotline; operators watch the queue they answer.
    {Permission::kManageContactCentre, Roles({Role::kCoordinator})},
    {Permission::kViewWallboard, Roles({Role::kOperator, Role::kCoordinator})},
    // Operators run their own day (issue 15): only the extension linked to their account.
    // Coordinators set anyone's with kManageContactCentre.
    {Permission::kSetOwnQueueState, Roles({Role::kOperator})},
    // Camp administrators keep the camp; they read no hotline cases. A coordinator, who
    // does, hands a crossed case over to the registry.
    {Permission::kManageCamp, Roles({Role::kCampAdmin})},
    {Permission::kRegisterPrisoner, Roles({Role::kCoordinator})},
    // Caseworkers help people abroad; they read no hotline cases. Which partner a referral
    // may be sealed to is an administrator's choice, so a caseworker cannot add a key.
    {Permission::kWorkAbroad, Roles({Role::kCaseworker})},
    {Permission::kManagePartners, Roles({Role::kAdmin})},
    // Coordinators know which cases are real; a canary is a case no legitimate work touches.
    // Its alerts go to the auditors (kReadAuditLog), who also see the list.
    {Permission::kManageCanaries, Roles({Role::kCoordinator})},
    // A duress receipt means the person is in danger: the coordinators, who plan, act on it.
    {Permission::kSeeDuressSignals, Roles({Role::kCoordinator})},
};

}  // namespace

Status Require(const Actor& actor, Permission permission) {
  for (const auto& grant : kGrants) {
    if (grant.permission == permission &&
        (grant.roles & (1u << static_cast<unsigned>(actor.role)))) {
      return OkStatus();
    }
  }
  return Error{ErrorCode::kForbidden, "your role does not allow this"};
}

}  // namespace lifeline::app
