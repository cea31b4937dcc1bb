#pragma once
// Staff roles. The wire names are stable. What each role may do is one table in
// app/accounts/actor.cpp, documented in docs/permissions.md.

#include <optional>
#include <string>
#include <string_view>

namespace lifeline {

enum class Role {
  kOperator,     // hotline calls and intake cases
  kVerifier,     // screening and verification
  kCoordinator,  // case plans, unit cases
  kCampAdmin,    // prisoner registry and accounts
  kCaseworker,   // people abroad
  kAnalyst,      // statistics only, never personal fields
  kAuditor,      // the audit log only
  kAdmin,        // users and settings, not case contents
};

std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view name);
/// "operator, verifier, …, admin": for messages.
std::string AllRoleNames();

}  // namespace lifeline
