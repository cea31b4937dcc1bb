#pragma once
// Operator roles. Issue 3 adds the rest (verifier, coordinator, camp_admin, …); the wire
// names are stable. What each role may do is app/actor.cpp's table.

#include <optional>
#include <string>
#include <string_view>

namespace lifeline {

enum class Role { kAdmin, kOperator, kAuditor };

std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view name);
/// "admin, operator, auditor": for messages.
std::string AllRoleNames();

}  // namespace lifeline
