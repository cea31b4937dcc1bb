#include "domain/contact_centre/feature_code.hpp"

namespace lifeline::contact_centre {

std::optional<FeatureRequest> ParseFeatureCode(std::string_view dialled) {
  if (dialled == "*11" || dialled == "*14") return FeatureRequest{OperatorState::kAvailable};
  if (dialled == "*12") return FeatureRequest{OperatorState::kLoggedOut};
  if (dialled == "*13") return FeatureRequest{OperatorState::kBreak};
  if (dialled.size() == 4 && dialled.starts_with("*13")) {
    if (auto reason = PauseReasonFromDigit(dialled[3]))
      return FeatureRequest{OperatorState::kBreak, *reason};
  }
  return std::nullopt;
}

}  // namespace lifeline::contact_centre
