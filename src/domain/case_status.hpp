#pragma once
// Where a case stands. The allowed moves between these are one table in domain/workflow.hpp.
// Wire names are stable.

#include <array>
#include <optional>
#include <string_view>

namespace lifeline {

enum class CaseStatus {
  // The main line, in order.
  kNew,
  kContacted,
  kVerifying,
  kVerified,
  kInstructed,
  kCrossingPlanned,
  kCrossed,  // registered as captured (domain/custody.hpp)
  kInCustody,
  kExchanged,
  kStays,
  kResettled,
  kClosed,
  // Side states.
  kWaitingForApplicant,
  kContactLost,
  kWithdrawn,
  kSuspectedProvocation,
  kRejected,
  kDuplicate,
};

inline constexpr std::array kAllCaseStatuses = {
    CaseStatus::kNew,
    CaseStatus::kContacted,
    CaseStatus::kVerifying,
    CaseStatus::kVerified,
    CaseStatus::kInstructed,
    CaseStatus::kCrossingPlanned,
    CaseStatus::kCrossed,
    CaseStatus::kInCustody,
    CaseStatus::kExchanged,
    CaseStatus::kStays,
    CaseStatus::kResettled,
    CaseStatus::kClosed,
    CaseStatus::kWaitingForApplicant,
    CaseStatus::kContactLost,
    CaseStatus::kWithdrawn,
    CaseStatus::kSuspectedProvocation,
    CaseStatus::kRejected,
    CaseStatus::kDuplicate,
};

std::string_view ToString(CaseStatus status);
std::optional<CaseStatus> ParseCaseStatus(std::string_view name);

/// What the applicant sees with their receipt. Screening outcomes (suspected provocation,
/// rejected, duplicate) show as in progress, so that a status check never tips off a
/// provocateur; only closed and withdrawn cases show as closed.
enum class ApplicantStage { kReceived, kInProgress, kClosed };
ApplicantStage ApplicantStageOf(CaseStatus status);
std::string_view ToString(ApplicantStage stage);

}  // namespace lifeline
