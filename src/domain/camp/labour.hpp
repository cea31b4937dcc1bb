#pragma once
// Work assignments under GC III Arts. 49–55. A shift that breaks a rule is refused with the
// article it breaks, so the camp administrator knows why. Pure.

#include <chrono>
#include <optional>
#include <span>

#include "domain/camp/gc3.hpp"
#include "domain/result.hpp"

namespace lifeline::camp {

struct LabourProfile {
  RankCategory rank = RankCategory::kSoldier;
  bool asked_for_work =
      false;  // Art. 49: an officer asked for work, an NCO for other than supervisory work
  bool volunteers_for_dangerous = false;                   // Art. 52
  std::optional<std::chrono::sys_days> last_medical_exam;  // Art. 55
};

/// Art. 53: the day is not longer than the local civilian workers'; the camp configures it.
struct LabourRules {
  int max_daily_minutes = 8 * 60;
};

/// One stretch of work on one day, journey included (Art. 53 counts the journey).
struct WorkShift {
  std::chrono::sys_days day{};
  int start_minute = 0;  // from midnight
  int end_minute = 0;    // exclusive, at most 24 × 60
  WorkKind kind = WorkKind::kCampAdministration;
  bool supervisory = false;
  bool dangerous = false;  // unhealthy or dangerous (Art. 52)
};

/// The midday window in which Art. 53's hour of rest must fall when work reaches into it.
inline constexpr int kMiddayFrom = 11 * 60;
inline constexpr int kMiddayTo = 15 * 60;

/// OK if the prisoner may be given `shift` beside his `others` (any days; those of its week
/// matter). kInvalidInput whose message names the article: 49 (officers only if they asked,
/// NCOs supervisory unless they asked), 52 (dangerous work only for volunteers), 53 (the
/// day's length, an hour's midday rest, 24 consecutive hours off in the week, Monday to
/// Sunday), 55 (a medical examination in the last 31 days), or a malformed or overlapping
/// shift.
Status CheckShift(const LabourProfile& prisoner, const WorkShift& shift,
                  std::span<const WorkShift> others, const LabourRules& rules);

}  // namespace lifeline::camp
