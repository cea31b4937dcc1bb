#include "domain/custody.hpp"

namespace lifeline {

std::string_view ToString(CustodyCircumstance circumstance) {
  return circumstance == CustodyCircumstance::kVoluntarySurrender ? "voluntary_surrender"
                                                                  : "captured";
}

std::optional<CustodyCircumstance> ParseCustodyCircumstance(std::string_view name) {
  if (name == "captured") return CustodyCircumstance::kCaptured;
  if (name == "voluntary_surrender") return CustodyCircumstance::kVoluntarySurrender;
  return std::nullopt;
}

}  // namespace lifeline
