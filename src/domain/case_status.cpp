#include "domain/case_status.hpp"

#include <utility>

namespace lifeline {
namespace {

constexpr std::array<std::pair<CaseStatus, std::string_view>, kAllCaseStatuses.size()> kNames = {{
    {CaseStatus::kNew, "new"},
    {CaseStatus::kContacted, "contacted"},
    {CaseStatus::kVerifying, "verifying"},
    {CaseStatus::kVerified, "verified"},
    {CaseStatus::kInstructed, "instructed"},
    {CaseStatus::kCrossingPlanned, "crossing_planned"},
    {CaseStatus::kCrossed, "crossed"},
    {CaseStatus::kInCustody, "in_custody"},
    {CaseStatus::kExchanged, "exchanged"},
    {CaseStatus::kStays, "stays"},
    {CaseStatus::kResettled, "resettled"},
    {CaseStatus::kClosed, "closed"},
    {CaseStatus::kWaitingForApplicant, "waiting_for_applicant"},
    {CaseStatus::kContactLost, "contact_lost"},
    {CaseStatus::kWithdrawn, "withdrawn"},
    {CaseStatus::kSuspectedProvocation, "suspected_provocation"},
    {CaseStatus::kRejected, "rejected"},
    {CaseStatus::kDuplicate, "duplicate"},
}};

}  // namespace

std::string_view ToString(CaseStatus status) {
  for (const auto& [s, name] : kNames) {
    if (s == status) return name;
  }
  return "?";
}

std::optional<CaseStatus> ParseCaseStatus(std::string_view name) {
  for (const auto& [s, n] : kNames) {
    if (n == name) return s;
  }
  return std::nullopt;
}

ApplicantStage ApplicantStageOf(CaseStatus status) {
  switch (status) {
    case CaseStatus::kNew:
      return ApplicantStage::kReceived;
    case CaseStatus::kClosed:
    case CaseStatus::kWithdrawn:
      return ApplicantStage::kClosed;
    default:
      return ApplicantStage::kInProgress;
  }
}

std::string_view ToString(ApplicantStage stage) {
  switch (stage) {
    case ApplicantStage::kReceived:
      return "received";
    case ApplicantStage::kInProgress:
      return "in_progress";
    case ApplicantStage::kClosed:
      return "closed";
  }
  return "?";
}

}  // namespace lifeline
