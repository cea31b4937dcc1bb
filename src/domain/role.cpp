#include "domain/role.hpp"

#include <array>
#include <utility>

namespace lifeline {
namespace {
constexpr std::array<std::pair<Role, std::string_view>, 8> kNames = {{
    {Role::kOperator, "operator"},
    {Role::kVerifier, "verifier"},
    {Role::kCoordinator, "coordinator"},
    {Role::kCampAdmin, "camp_admin"},
    {Role::kCaseworker, "caseworker"},
    {Role::kAnalyst, "analyst"},
    {Role::kAuditor, "auditor"},
    {Role::kAdmin, "admin"},
}};
}  // namespace

std::string_view ToString(Role role) {
  for (const auto& [r, name] : kNames) {
    if (r == role) return name;
  }
  return "?";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const auto& [r, n] : kNames) {
    if (n == name) return r;
  }
  return std::nullopt;
}

std::string AllRoleNames() {
  std::string out;
  for (const auto& [r, name] : kNames) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

}  // namespace lifeline
