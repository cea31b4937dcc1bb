#include "app/actor.hpp"

#include <array>

namespace lifeline::app {
namespace {

struct Grant {
  Permission permission;
  Role role;
};

// Until issue 3 narrows it, administrators may also read cases (the first operator of a
// fresh installation is its administrator).
constexpr std::array<Grant, 8> kGrants = {{
    {Permission::kListCases, Role::kOperator},
    {Permission::kListCases, Role::kAdmin},
    {Permission::kReadCase, Role::kOperator},
    {Permission::kReadCase, Role::kAdmin},
    {Permission::kReplyToApplicant, Role::kOperator},
    {Permission::kReplyToApplicant, Role::kAdmin},
    {Permission::kReadAuditLog, Role::kAuditor},
    {Permission::kManageSettings, Role::kAdmin},
}};

}  // namespace

Status Require(const Actor& actor, Permission permission) {
  for (const auto& grant : kGrants) {
    if (grant.permission == permission && grant.role == actor.role) return OkStatus();
  }
  return Error{ErrorCode::kForbidden, "your role does not allow this"};
}

}  // namespace lifeline::app
