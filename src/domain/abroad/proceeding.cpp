#include "domain/abroad/proceeding.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "domain/name_table.hpp"

namespace lifeline::abroad {
namespace {

constexpr NameTable<ProceedingKind, 4> kKinds = {{
    {ProceedingKind::kAsylum, "asylum"},
    {ProceedingKind::kBorderProsecution, "border_prosecution"},
    {ProceedingKind::kDeportation, "deportation"},
    {ProceedingKind::kExtradition, "extradition"},
}};

constexpr std::array<EventKind, 7> kAsylumEvents = {{
    {"filed", std::nullopt},
    {"interview", RiskKind::kAsylumInterview},
    {"decision_granted", std::nullopt},
    {"decision_refused", std::nullopt},
    {"appeal_deadline", RiskKind::kAppealDeadline},
    {"appeal_filed", std::nullopt},
    {"appeal_hearing", RiskKind::kCourtHearing},
}};

constexpr std::array<EventKind, 5> kProsecutionEvents = {{
    {"charged", std::nullopt},
    {"hearing", RiskKind::kCourtHearing},
    {"verdict", std::nullopt},
    {"appeal_deadline", RiskKind::kAppealDeadline},
    {"sentence_served", std::nullopt},
}};

constexpr std::array<EventKind, 5> kDeportationEvents = {{
    {"ordered", std::nullopt},
    {"appeal_deadline", RiskKind::kAppealDeadline},
    {"appeal_hearing", RiskKind::kCourtHearing},
    {"removal_date", RiskKind::kDeportation},
    {"suspended", std::nullopt},
}};

constexpr std::array<EventKind, 6> kExtraditionEvents = {{
    {"request_received", std::nullopt},
    {"detained", std::nullopt},
    {"released", std::nullopt},
    {"hearing", RiskKind::kExtraditionHearing},
    {"decision", std::nullopt},
    {"appeal_deadline", RiskKind::kAppealDeadline},
}};

}  // namespace

std::string_view ToString(ProceedingKind kind) { return NameOf(kKinds, kind); }
std::optional<ProceedingKind> ParseProceedingKind(std::string_view text) {
  return ValueOf(kKinds, text);
}

std::span<const EventKind> EventKinds(ProceedingKind kind) {
  switch (kind) {
    case ProceedingKind::kAsylum:
      return kAsylumEvents;
    case ProceedingKind::kBorderProsecution:
      return kProsecutionEvents;
    case ProceedingKind::kDeportation:
      return kDeportationEvents;
    case ProceedingKind::kExtradition:
      return kExtraditionEvents;
  }
  return {};
}

std::optional<EventKind> FindEventKind(ProceedingKind kind, std::string_view name) {
  const auto events = EventKinds(kind);
  auto it = std::find_if(events.begin(), events.end(),
                         [&](const EventKind& e) { return e.name == name; });
  if (it == events.end()) return std::nullopt;
  return *it;
}

Status ValidateNewEvent(ProceedingKind kind, std::string_view event, std::chrono::sys_days on,
                        std::chrono::sys_days filed_on, std::chrono::sys_days today) {
  const auto found = FindEventKind(kind, event);
  if (!found) {
    std::string known;
    for (const EventKind& e : EventKinds(kind))
      known += (known.empty() ? "" : ", ") + std::string(e.name);
    return InvalidInput("a proceeding of this kind has these events: " + known, "kind");
  }
  if (on < filed_on)
    return InvalidInput("an event cannot come before the proceeding was filed", "on");
  if (found->risk && on < today) {
    return InvalidInput(
        "a deadline or hearing entered now cannot be in the past; record what happened instead",
        "on");
  }
  return OkStatus();
}

}  // namespace lifeline::abroad
