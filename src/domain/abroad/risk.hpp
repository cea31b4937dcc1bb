#pragma once
// The risk board's order: who is in danger first. Each person's dated events (an appeal
// deadline, the end of permitted stay, an extradition hearing, …) are ranked by how soon the
// next one falls, the graver kind first on the same day; each kind has a lead time before
// which the board raises an alert. Pure.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace lifeline::abroad {

/// Graver kinds first: on the same day, an extradition hearing outranks a document expiring.
enum class RiskKind {
  kExtraditionHearing,
  kDeportation,
  kStayEnds,  // the end of permitted stay (stay.hpp)
  kAppealDeadline,
  kCourtHearing,  // e.g. a border-crossing prosecution
  kAsylumInterview,
  kDocumentExpires,
};
std::string_view ToString(RiskKind kind);  // "extradition_hearing", …
std::optional<RiskKind> ParseRiskKind(std::string_view text);

struct RiskEvent {
  std::int64_t person_id = 0;
  std::chrono::sys_days on{};
  RiskKind kind = RiskKind::kAppealDeadline;
};

/// Days before an event when the board starts to alert, per kind (caseworkers configure).
struct LeadTimes {
  int days[7] = {30, 21, 14, 10, 14, 7, 60};  // by RiskKind
  int For(RiskKind kind) const { return days[static_cast<int>(kind)]; }
};

struct RiskLine {
  std::int64_t person_id = 0;
  RiskEvent next;      // the soonest event from today on
  int days_left = 0;   // 0: today
  bool alert = false;  // within the kind's lead time
};

/// One line per person with an event from `today` on, soonest first (graver kind first on
/// the same day, then person id), at most `limit` lines. Past events are ignored.
std::vector<RiskLine> RankRisks(std::span<const RiskEvent> events, std::chrono::sys_days today,
                                const LeadTimes& lead, std::size_t limit);

/// The person's other dates that need attention beside the one his board line shows: each
/// of `his_dates` from `today` on within its kind's lead time, soonest first (graver kind
/// first on the same day), except `shown` itself. So an older alert (an overstay) never
/// hides a hearing coming up.
std::vector<RiskEvent> RisksBeside(std::span<const RiskEvent> his_dates, const RiskEvent& shown,
                                   std::chrono::sys_days today, const LeadTimes& lead);

}  // namespace lifeline::abroad
