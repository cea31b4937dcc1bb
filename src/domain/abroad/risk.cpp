#include "domain/abroad/risk.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>
#include <utility>

#include "domain/name_table.hpp"

namespace lifeline::abroad {
namespace {

constexpr std::array<std::pair<RiskKind, std::string_view>, 7> kNames = {{
    {RiskKind::kExtraditionHearing, "extradition_hearing"},
    {RiskKind::kDeportation, "deportation"},
    {RiskKind::kStayEnds, "stay_ends"},
    {RiskKind::kAppealDeadline, "appeal_deadline"},
    {RiskKind::kCourtHearing, "court_hearing"},
    {RiskKind::kAsylumInterview, "asylum_interview"},
    {RiskKind::kDocumentExpires, "document_expires"},
}};

// Sooner first; on the same day the graver kind.
bool Sooner(const RiskEvent& a, const RiskEvent& b) {
  if (a.on != b.on) return a.on < b.on;
  if (a.kind != b.kind) return a.kind < b.kind;
  return a.person_id < b.person_id;
}

}  // namespace

std::string_view ToString(RiskKind kind) { return NameOf(kNames, kind); }

std::optional<RiskKind> ParseRiskKind(std::string_view text) { return ValueOf(kNames, text); }

std::vector<RiskLine> RankRisks(std::span<const RiskEvent> events, std::chrono::sys_days today,
                                const LeadTimes& lead, std::size_t limit) {
  std::unordered_map<std::int64_t, RiskEvent> next;
  for (const RiskEvent& e : events) {
    if (e.on < today) continue;
    auto [it, inserted] = next.try_emplace(e.person_id, e);
    if (!inserted && Sooner(e, it->second)) it->second = e;
  }
  std::vector<RiskLine> lines;
  lines.reserve(next.size());
  for (const auto& [person, e] : next) {
    const int left = static_cast<int>((e.on - today).count());
    lines.push_back({person, e, left, left <= lead.For(e.kind)});
  }
  const std::size_t shown = std::min(limit, lines.size());
  std::partial_sort(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(shown), lines.end(),
                    [](const RiskLine& a, const RiskLine& b) { return Sooner(a.next, b.next); });
  lines.resize(shown);
  return lines;
}

std::vector<RiskEvent> RisksBeside(std::span<const RiskEvent> his_dates, const RiskEvent& shown,
                                   std::chrono::sys_days today, const LeadTimes& lead) {
  std::vector<RiskEvent> beside;
  for (const RiskEvent& e : his_dates) {
    if (e.on < today || (e.on - today).count() > lead.For(e.kind)) continue;
    if (e.on == shown.on && e.kind == shown.kind) continue;
    beside.push_back(e);
  }
  std::sort(beside.begin(), beside.end(), Sooner);
  beside.erase(std::unique(beside.begin(), beside.end(),
                           [](const RiskEvent& a, const RiskEvent& b) {
                             return a.on == b.on && a.kind == b.kind;
                           }),
               beside.end());
  return beside;
}

}  // namespace lifeline::abroad
