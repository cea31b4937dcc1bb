#pragma once
// Operator roles. Issue 3 adds the rest (verifier, coordinator, camp_admin, …) and the
// permission table; the wire names are stable.

#include <optional>
#include <string_view>

namespace lifeline {

enum class Role { kAdmin, kOperator };

std::string_view ToString(Role role);
std::optional<Role> ParseRole(std::string_view name);

}  // namespace lifeline
