#include "domain/screening.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace lifeline {
namespace {

constexpr int kReusedContactWeight = 40;
constexpr int kMarkerWeight = 50;
constexpr int kBurstWeight = 20;
constexpr int kInconsistentWeight = 15;
// A day counts as a burst when it holds this many alike applications and three times the
// usual number.
constexpr std::int64_t kBurstMinimum = 5;
constexpr double kBurstFactor = 3.0;

std::string CaseList(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (std::size_t i = 0; i < ids.size() && i < 10; ++i)
    out += (i ? ", №" : "№") + std::to_string(ids[i]);
  if (ids.size() > 10) out += fmt::format(" and {} more", ids.size() - 10);
  return out;
}

// Facts that contradict each other: they happen by mistake, and in fabricated applications.
std::vector<std::string> Inconsistencies(const ScreeningInputs& in) {
  std::vector<std::string> found;
  const auto& c = in.clear;
  if (c.situation == Situation::kAtFront && c.deploy_by) {
    found.push_back("a deployment date is given by someone already at the front");
  }
  if (c.situation == Situation::kRelative && c.group_kind == GroupKind::kUnit) {
    found.push_back("a relative writes for a whole unit");
  }
  if (c.group_kind == GroupKind::kUnit && c.group_size < 5) {
    found.push_back(fmt::format("a unit of only {}", c.group_size));
  }
  return found;
}

}  // namespace

std::vector<Signal> ScreeningSignals(const ScreeningInputs& in) {
  std::vector<Signal> signals;
  if (!in.same_handle_cases.empty()) {
    signals.push_back({"reused_contact", kReusedContactWeight,
                       fmt::format("the same contact handle is in {} other case(s): {}",
                                   in.same_handle_cases.size(), CaseList(in.same_handle_cases))});
  }
  for (const auto& note : in.matched_markers) {
    signals.push_back({"marker", kMarkerWeight, "matches a verifier's marker: " + note});
  }
  if (in.similar_same_day >= kBurstMinimum &&
      static_cast<double>(in.similar_same_day) >=
          kBurstFactor * std::max(1.0, in.similar_daily_average)) {
    signals.push_back({"burst", kBurstWeight,
                       fmt::format("one of {} alike applications that day (usually {:.1f} a day)",
                                   in.similar_same_day, in.similar_daily_average)});
  }
  for (const auto& what : Inconsistencies(in))
    signals.push_back({"inconsistent", kInconsistentWeight, what});
  std::stable_sort(signals.begin(), signals.end(),
                   [](const auto& a, const auto& b) { return a.weight > b.weight; });
  return signals;
}

int ScreeningScore(const std::vector<Signal>& signals) {
  int score = 0;
  for (const auto& s : signals) score += s.weight;
  return score;
}

std::string NormaliseHandle(std::string_view handle) {
  std::string digits;
  bool phone_like = true;
  for (unsigned char c : handle) {
    if (std::isdigit(c)) {
      digits += static_cast<char>(c);
    } else if (c != '+' && c != '-' && c != ' ' && c != '(' && c != ')' && c != '.') {
      phone_like = false;
    }
  }
  if (phone_like && digits.size() >= 7) return digits;
  std::string name;
  for (unsigned char c : handle) {
    if (c == '@' || std::isspace(c)) continue;
    name += static_cast<char>(std::tolower(c));
  }
  return name;
}

}  // namespace lifeline
