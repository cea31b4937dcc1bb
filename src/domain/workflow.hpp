#pragma once
// The case workflow: one table of every allowed status change, who may make it, and whether
// it needs a reason (docs/workflow.md mirrors it). A change not in the table is refused.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "domain/case_status.hpp"
#include "domain/role.hpp"

namespace lifeline {

struct Transition {
  CaseStatus from;
  CaseStatus to;
  unsigned roles;        // bit per Role (RoleBit)
  bool reason_required;  // judgements about a person (rejections, suspicions) need a reason
};

constexpr unsigned RoleBit(Role role) { return 1u << static_cast<unsigned>(role); }

/// Every allowed transition: the main line, returns from the side states, then the moves
/// into the side states.
std::span<const Transition> AllTransitions();

/// The transition from `from` to `to`, or nullptr when the workflow has none.
const Transition* FindTransition(CaseStatus from, CaseStatus to);

inline bool MayMake(const Transition& t, Role role) { return (t.roles & RoleBit(role)) != 0; }

/// The transitions out of `from` that `role` may make, in table order. For a paused case
/// (waiting for the applicant, contact lost) pass `paused_from`, the status it was paused
/// in: it resumes only there.
std::vector<Transition> NextTransitions(CaseStatus from, Role role,
                                        std::optional<CaseStatus> paused_from = std::nullopt);

/// Whether `status` is a pause that resumes where it began.
bool IsPause(CaseStatus status);

/// The table as Markdown rows ("| from | to | who | reason |"), in table order: what
/// docs/workflow.md must hold (a test compares them).
std::string WorkflowMarkdownTable();

/// Longest reason accepted, in characters.
inline constexpr std::size_t kMaxReasonCharacters = 1000;

}  // namespace lifeline
