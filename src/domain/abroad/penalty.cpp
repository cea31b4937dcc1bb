#include "domain/abroad/penalty.hpp"

#include <algorithm>
#include <array>

namespace lifeline::abroad {
namespace {

constexpr std::array<PenaltyArticle, 7> kPenalties = {{
    {"332.2.1", "refusing an order, wartime conditions",
     "неисполнение приказа в условиях военного времени", 2, 3, "", ""},
    {"332.2.2", "refusing an order, wartime conditions, with grave consequences",
     "неисполнение приказа в условиях военного времени, повлёкшее тяжкие последствия", 3, 10, "",
     ""},
    {"337.2.1", "absence without leave of 2 to 10 days, wartime conditions",
     "самовольное оставление части на срок от 2 до 10 суток в условиях военного времени", 0, 5, "",
     ""},
    {"337.3.1", "absence without leave of 10 days to 1 month, wartime conditions",
     "самовольное оставление части на срок от 10 суток до 1 месяца в условиях военного времени", 0,
     7, "", ""},
    {"337.5", "absence without leave of over 1 month, wartime conditions",
     "самовольное оставление части на срок свыше 1 месяца в условиях военного времени", 5, 10, "",
     ""},
    {"338.3", "desertion, wartime conditions", "дезертирство в условиях военного времени", 5, 15,
     "", ""},
    {"352.1", "voluntary surrender (without treason)",
     "добровольная сдача в плен (без признаков госизмены)", 3, 10,
     "a first offender who tried to escape captivity and returned may be exempt",
     "впервые совершивший, принявший меры к освобождению из плена и вернувшийся, может быть "
     "освобождён от ответственности"},
}};

}  // namespace

std::span<const PenaltyArticle> PenaltyTable() { return kPenalties; }

std::optional<PenaltyArticle> FindPenalty(std::string_view code) {
  auto it = std::find_if(kPenalties.begin(), kPenalties.end(),
                         [&](const PenaltyArticle& p) { return p.code == code; });
  if (it == kPenalties.end()) return std::nullopt;
  return *it;
}

}  // namespace lifeline::abroad
