#pragma once
// Proceedings a person abroad goes through (asylum, a border-crossing prosecution,
// deportation, extradition) and their dated events. Which events each kind has, and which of
// them the risk board watches, are data here. Pure.

#include <chrono>
#include <optional>
#include <span>
#include <string_view>

#include "domain/abroad/risk.hpp"
#include "domain/result.hpp"

namespace lifeline::abroad {

enum class ProceedingKind { kAsylum, kBorderProsecution, kDeportation, kExtradition };
std::string_view ToString(ProceedingKind kind);  // "asylum", "border_prosecution", …
std::optional<ProceedingKind> ParseProceedingKind(std::string_view text);

/// An event's kind, e.g. "interview", and what it means for the risk board.
struct EventKind {
  std::string_view name;
  std::optional<RiskKind> risk;  // nullopt: a record of what happened, not a danger ahead
};

/// The events a proceeding of `kind` can have, in their usual order.
std::span<const EventKind> EventKinds(ProceedingKind kind);
/// nullopt if `name` is not an event of `kind`.
std::optional<EventKind> FindEventKind(ProceedingKind kind, std::string_view name);

/// Checks a new event: its kind belongs to the proceeding; it is not before the proceeding
/// was filed ("a deadline before its filing date"); and a date the board watches (a
/// deadline, a hearing) is not in the past when it is first entered. kInvalidInput naming
/// the field.
Status ValidateNewEvent(ProceedingKind kind, std::string_view event, std::chrono::sys_days on,
                        std::chrono::sys_days filed_on, std::chrono::sys_days today);

}  // namespace lifeline::abroad
