#include "domain/contact_centre/pause_reason.hpp"

#include <array>

namespace lifeline::contact_centre {
namespace {

struct ReasonRow {
  PauseReason reason;
  std::string_view name;
  char digit;                  // dialled after *13; 0: not dialable
  std::string_view log_event;  // static, for QueueLogEntry
};

// The one table of pause reasons (docs/contact-centre.md lists it).
constexpr std::array kReasons = {
    ReasonRow{PauseReason::kNone, "", 0, "break"},
    ReasonRow{PauseReason::kRest, "rest", '1', "break:rest"},
    ReasonRow{PauseReason::kMeal, "meal", '2', "break:meal"},
    // After a hard call: a hotline operator may need a moment before the next one.
    ReasonRow{PauseReason::kDebrief, "debrief", '3', "break:debrief"},
    ReasonRow{PauseReason::kTraining, "training", '4', "break:training"},
    ReasonRow{PauseReason::kTechnical, "technical", '5', "break:technical"},
    ReasonRow{PauseReason::kAdmin, "admin", '6', "break:admin"},
    ReasonRow{PauseReason::kMissedRings, "missed_rings", 0, "break:missed_rings"},
};

const ReasonRow& Row(PauseReason reason) {
  for (const auto& row : kReasons) {
    if (row.reason == reason) return row;
  }
  return kReasons[0];
}

}  // namespace

std::string_view ToString(PauseReason reason) { return Row(reason).name; }
std::string_view BreakEvent(PauseReason reason) { return Row(reason).log_event; }

std::optional<PauseReason> ParsePauseReason(std::string_view name) {
  for (const auto& row : kReasons) {
    if (row.digit != 0 && row.name == name) return row.reason;
  }
  return std::nullopt;
}

std::optional<PauseReason> PauseReasonFromDigit(char digit) {
  for (const auto& row : kReasons) {
    if (row.digit != 0 && row.digit == digit) return row.reason;
  }
  return std::nullopt;
}

std::string_view PauseReasonNames() { return "rest, meal, debrief, training, technical or admin"; }

}  // namespace lifeline::contact_centre
