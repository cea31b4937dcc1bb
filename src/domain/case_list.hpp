#pragma once
// A case as the office's lists show it: its clear fields alone, nothing to decrypt
// (docs/security.md, "What is stored in clear"), and what a list asks for.

#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "domain/application.hpp"
#include "domain/case_status.hpp"

namespace lifeline {

/// A row of the operators' list.
struct CaseSummary {
  std::int64_t id = 0;
  ClearFields clear;
  std::chrono::year_month_day received_on;
  CaseStatus status = CaseStatus::kNew;
  std::optional<std::int64_t> assigned_user_id;  // the operator who claimed it, if any
  bool in_custody = false;  // a custody circumstance is recorded (shown to all as "captured")
  std::optional<std::int64_t> group_case_id;  // a member of that group (unit) case
};

struct CaseFilter {
  // Only cases screening routes to a verifier (app/cases/office_screening.cpp).
  bool needs_review = false;
  std::optional<CaseStatus> status;
  std::optional<Situation> situation;
  // When set: only cases unassigned or assigned to this user (what an operator may see).
  std::optional<std::int64_t> unassigned_or_assigned_to;
  int offset = 0;
  int limit = 50;
};

struct CasePage {
  std::vector<CaseSummary> items;  // newest received day first, then newest arrival
  std::int64_t total = 0;          // matching the filter, ignoring offset and limit
};

}  // namespace lifeline
