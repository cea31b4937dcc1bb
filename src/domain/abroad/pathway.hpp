#pragma once
// Pathways out of danger, each a checklist of steps and documents (issue 7): asylum in the
// current country, a humanitarian visa to a named country, a work visa through an employer,
// a temporary travel document. The lists are data here; a caseworker marks each step's status
// and sees what is missing. Pure.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace lifeline::abroad {

enum class PathwayKind { kAsylum, kHumanitarianVisa, kWorkVisa, kTravelDocument };
std::string_view ToString(
    PathwayKind kind);  // "asylum", "humanitarian_visa", "work_visa", "travel_document"
std::optional<PathwayKind> ParsePathwayKind(std::string_view text);
/// Whether the pathway leads to a named country (the visas) rather than the current one.
bool NeedsTargetCountry(PathwayKind kind);

struct PathwayStep {
  std::string_view code;      // stable, e.g. "evidence_of_risk"
  std::string_view label;     // in English (the API's)
  std::string_view label_ru;  // in Russian (the console's)
  bool document = false;      // a paper to gather, rather than an act to do
};
std::span<const PathwayStep> PathwaySteps(PathwayKind kind);

enum class StepStatus { kMissing, kInProgress, kDone, kNotNeeded };
std::string_view ToString(StepStatus status);  // "missing", "in_progress", "done", "not_needed"
std::optional<StepStatus> ParseStepStatus(std::string_view text);

/// The codes of the steps still open (missing or in progress), in the checklist's order.
/// `statuses` holds one status per step of PathwaySteps(kind), in order.
std::vector<std::string_view> OpenSteps(PathwayKind kind, std::span<const StepStatus> statuses);

}  // namespace lifeline::abroad
