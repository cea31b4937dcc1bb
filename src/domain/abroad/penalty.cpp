#include "domain/abroad/penalty.hpp"

#include <algorithm>
#include <array>

namespace lifeline::abroad {
namespace {

constexpr std::array<PenaltyArticle, 7> kPenalties = {{
    {"332.2.1", "refusing an order, wartime conditions", 2, 3, ""},
    {"332.2.2", "refusing an order, wartime conditions, with grave consequences", 3, 10, ""},
    {"337.2.1", "absence without leave of 2 to 10 days, wartime conditions", 0, 5, ""},
    {"337.3.1", "absence without leave of 10 days to 1 month, wartime conditions", 0, 7, ""},
    {"337.5", "absence without leave of over 1 month, wartime conditions", 5, 10, ""},
    {"338.3", "desertion, wartime conditions", 5, 15, ""},
    {"352.1", "voluntary surrender (without treason)", 3, 10,
     "a first offender who tried to escape captivity and returned may be exempt"},
}};

}  // namespace

std::span<const PenaltyArticle> PenaltyTable() { return kPenalties; }

std::optional<PenaltyArticle> FindPenalty(std::string_view code) {
  auto it = std::find_if(kPenalties.begin(), kPenalties.end(), [&](const PenaltyArticle& p) { return p.code == code; });
  if (it == kPenalties.end()) return std::nullopt;
  return *it;
}

}  // namespace lifeline::abroad
