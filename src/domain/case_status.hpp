#pragma once
// Where a case stands. Issue 4 grows this into the full workflow; the wire names are stable.

#include <optional>
#include <string_view>

namespace lifeline {

enum class CaseStatus { kNew, kContacted, kClosed };

std::string_view ToString(CaseStatus status);
std::optional<CaseStatus> ParseCaseStatus(std::string_view name);

}  // namespace lifeline
