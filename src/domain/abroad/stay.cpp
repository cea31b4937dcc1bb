#include "domain/abroad/stay.hpp"

#include <algorithm>
#include <vector>

namespace lifeline::abroad {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int kLongestPeriod = 3660;

}  // namespace

Status ValidateStayRule(const StayRule& rule) {
  if (rule.days_allowed < 1 || rule.period_days < rule.days_allowed ||
      rule.period_days > kLongestPeriod) {
    return InvalidInput("a stay rule is D days in any period of P days, with 1 ≤ D ≤ P ≤ 3660",
                        "stay_rule");
  }
  return OkStatus();
}

Status ValidateStays(std::span<const Stay> stays) {
  std::vector<Stay> sorted(stays.begin(), stays.end());
  std::sort(sorted.begin(), sorted.end(),
            [](const Stay& a, const Stay& b) { return a.entered < b.entered; });
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const Stay& s = sorted[i];
    if (s.left && *s.left < s.entered) return InvalidInput("a stay ends before it begins", "stays");
    if (!s.left && i + 1 != sorted.size())
      return InvalidInput("only the last stay may be open", "stays");
    if (i + 1 < sorted.size() && s.left && *s.left >= sorted[i + 1].entered) {
      return InvalidInput("stays overlap: a person cannot arrive before leaving", "stays");
    }
  }
  return OkStatus();
}

Result<sys_days> LastLegalDay(const StayRule& rule, std::span<const Stay> stays, sys_days today) {
  if (auto ok = ValidateStayRule(rule); !ok) return ok.error();
  if (auto ok = ValidateStays(stays); !ok) return ok.error();
  const auto open = std::find_if(stays.begin(), stays.end(), [](const Stay& s) { return !s.left; });
  if (open == stays.end())
    return InvalidInput("the person is not in the country now (no open stay)", "stays");
  if (open->entered > today)
    return InvalidInput("the current stay cannot begin in the future", "stays");
  const sys_days entered = open->entered;
  if (rule.PerEntry()) return entered + days{rule.days_allowed - 1};

  // He is present every day from `entered` on. The window ending on day X holds the days in
  // (X − P, X]; the first day from `entered` whose window holds more than D days is one day
  // too many. The current stay alone fills D days by entered + D − 1, so that day comes by
  // entered + D at the latest; only days from entered − P on can share a window with it.
  const sys_days from = entered - days{rule.period_days};
  const sys_days to = entered + days{rule.days_allowed};
  const auto length = static_cast<std::size_t>((to - from).count() + 1);
  std::vector<int> present(length, 0);
  for (const Stay& s : stays) {
    const sys_days a = std::max(s.entered, from);
    const sys_days b = std::min(s.left.value_or(to), to);
    for (sys_days d = a; d <= b; d += days{1})
      present[static_cast<std::size_t>((d - from).count())] = 1;
  }
  const auto period = static_cast<std::size_t>(rule.period_days);
  int in_window = 0;
  for (std::size_t i = 0; i < length; ++i) {
    in_window += present[i];
    if (i >= period) in_window -= present[i - period];
    const sys_days day = from + days{static_cast<int>(i)};
    if (day >= entered && in_window > rule.days_allowed) return day - days{1};
  }
  return to - days{1};  // not reached: the window ending on `to` holds D + 1 days of this stay
}

int DaysOverstayed(sys_days last_legal_day, sys_days today) {
  return std::max(0, static_cast<int>((today - last_legal_day).count()));
}

}  // namespace lifeline::abroad
