#pragma once
// Where a prisoner of war stands (Art. 122: each change goes to the information bureau),
// and the names of a phone call's outcomes, as stored and as the API says them.

#include <optional>
#include <string_view>

#include "domain/camp/rota.hpp"
#include "domain/name_table.hpp"

namespace lifeline::camp {

enum class PrisonerStatus {
  kHeld,
  kInHospital,
  kTransferred,
  kReleased,
  kRepatriated,
  kEscaped,
  kDied
};
inline constexpr NameTable<PrisonerStatus, 7> kPrisonerStatusNames = {{
    {PrisonerStatus::kHeld, "held"},
    {PrisonerStatus::kInHospital, "in_hospital"},
    {PrisonerStatus::kTransferred, "transferred"},
    {PrisonerStatus::kReleased, "released"},
    {PrisonerStatus::kRepatriated, "repatriated"},
    {PrisonerStatus::kEscaped, "escaped"},
    {PrisonerStatus::kDied, "died"},
}};
inline std::string_view ToString(PrisonerStatus status) {
  return NameOf(kPrisonerStatusNames, status);
}
inline std::optional<PrisonerStatus> ParsePrisonerStatus(std::string_view text) {
  return ValueOf(kPrisonerStatusNames, text);
}

inline constexpr NameTable<CallOutcome, 3> kCallOutcomeNames = {{
    {CallOutcome::kCompleted, "completed"},
    {CallOutcome::kCut, "cut"},
    {CallOutcome::kNoShow, "no_show"},
}};
inline std::string_view ToString(CallOutcome outcome) { return NameOf(kCallOutcomeNames, outcome); }
inline std::optional<CallOutcome> ParseCallOutcome(std::string_view text) {
  return ValueOf(kCallOutcomeNames, text);
}

}  // namespace lifeline::camp
