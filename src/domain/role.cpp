#include "domain/role.hpp"

namespace lifeline {

std::string_view ToString(Role role) { return role == Role::kAdmin ? "admin" : "operator"; }

std::optional<Role> ParseRole(std::string_view name) {
  if (name == "admin") return Role::kAdmin;
  if (name == "operator") return Role::kOperator;
  return std::nullopt;
}

}  // namespace lifeline
