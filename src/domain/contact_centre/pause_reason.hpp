#pragma once
// Why an operator is on break, as Asterisk's PAUSEREASON: a closed list, so that nothing
// personal is typed into the queue log. One table (pause_reason.cpp) gives each reason its
// name (API and console), its digit (dialled after the pause feature code, *13<digit>) and
// its queue-log event.

#include <optional>
#include <string_view>

namespace lifeline::contact_centre {

enum class PauseReason {
  kNone,
  kRest,
  kMeal,
  kDebrief,
  kTraining,
  kTechnical,
  kAdmin,
  kMissedRings
};

/// "rest", "meal", …; "" for kNone. kMissedRings is the engine's own (autopause).
std::string_view ToString(PauseReason reason);
/// The queue-log event for going on break with this reason: "break" for kNone, else
/// "break:<name>". Static storage.
std::string_view BreakEvent(PauseReason reason);
/// A reason an operator may give, by name; nullopt for unknown names and for missed_rings.
std::optional<PauseReason> ParsePauseReason(std::string_view name);
/// A reason an operator may give, by the digit dialled after the pause code (1–6).
std::optional<PauseReason> PauseReasonFromDigit(char digit);
/// "rest, meal, …": the names an operator may give, for error messages.
std::string_view PauseReasonNames();

}  // namespace lifeline::contact_centre
