#include "domain/case_status.hpp"

#include <array>
#include <utility>

namespace lifeline {
namespace {
constexpr std::array<std::pair<CaseStatus, std::string_view>, 3> kNames = {{
    {CaseStatus::kNew, "new"}, {CaseStatus::kContacted, "contacted"}, {CaseStatus::kClosed, "closed"},
}};
}  // namespace

std::string_view ToString(CaseStatus status) {
  for (const auto& [s, name] : kNames) {
    if (s == status) return name;
  }
  return "?";
}

std::optional<CaseStatus> ParseCaseStatus(std::string_view name) {
  for (const auto& [s, n] : kNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

}  // namespace lifeline
