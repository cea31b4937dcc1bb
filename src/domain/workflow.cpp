#include "domain/workflow.hpp"

#include <algorithm>
#include <initializer_list>
#include <iterator>

namespace lifeline {
namespace {

using S = CaseStatus;

constexpr unsigned Roles(std::initializer_list<Role> roles) {
  unsigned mask = 0;
  for (Role r : roles) mask |= RoleBit(r);
  return mask;
}

// Who works cases day to day; who judges them; who plans crossings and what follows.
// Camp administrators join the custody transitions with the prisoner registry (issue 5).
constexpr unsigned kCaseworkers = Roles({Role::kOperator, Role::kVerifier, Role::kCoordinator});
constexpr unsigned kVerifiers = Roles({Role::kVerifier});
constexpr unsigned kJudges = Roles({Role::kVerifier, Role::kCoordinator});
constexpr unsigned kCoordinators = Roles({Role::kCoordinator});

constexpr S kPausable[] = {S::kContacted, S::kVerifying, S::kVerified, S::kInstructed,
                           S::kCrossingPlanned};

constexpr bool kReason = true;
constexpr bool kNoReason = false;

std::vector<Transition> BuildTable() {
  std::vector<Transition> t = {
      {S::kNew, S::kContacted, kCaseworkers, kNoReason},
      {S::kContacted, S::kVerifying, kCaseworkers, kNoReason},
      {S::kVerifying, S::kVerified, kVerifiers, kNoReason},
      {S::kVerified, S::kInstructed, kCoordinators, kNoReason},
      {S::kInstructed, S::kCrossingPlanned, kCoordinators, kNoReason},
      {S::kCrossingPlanned, S::kCrossed, kCoordinators, kNoReason},
      {S::kCrossingPlanned, S::kInstructed, kCoordinators, kReason},  // the plan fell through
      {S::kCrossed, S::kInCustody, kCoordinators, kNoReason},
      {S::kInCustody, S::kExchanged, kCoordinators, kNoReason},
      {S::kInCustody, S::kStays, kCoordinators, kNoReason},
      {S::kInCustody, S::kResettled, kCoordinators, kNoReason},
      {S::kExchanged, S::kClosed, kCoordinators, kNoReason},
      {S::kStays, S::kClosed, kCoordinators, kNoReason},
      {S::kResettled, S::kClosed, kCoordinators, kNoReason},
      // Back from the side states.
      {S::kWaitingForApplicant, S::kContactLost, kCaseworkers, kReason},
      {S::kContactLost, S::kClosed, kJudges, kReason},
      {S::kWithdrawn, S::kContacted, kCaseworkers, kReason},  // the applicant came back
      {S::kWithdrawn, S::kClosed, kJudges, kNoReason},
      {S::kSuspectedProvocation, S::kVerifying, kVerifiers, kReason},  // cleared after review
      {S::kSuspectedProvocation, S::kRejected, kVerifiers, kReason},
      {S::kRejected, S::kClosed, kJudges, kNoReason},
      {S::kDuplicate, S::kClosed, kJudges, kNoReason},
  };
  // A pause (waiting for the applicant, contact lost) resumes where it began: the table
  // allows every resumption, and the office checks it against the timeline (ResumesTo).
  for (S paused : {S::kWaitingForApplicant, S::kContactLost}) {
    for (S resume : kPausable) t.push_back({paused, resume, kCaseworkers, kNoReason});
  }
  // Into the side states from anywhere before the crossing. Suspicion can be raised by
  // anyone working the case; only a verifier clears it (above).
  for (S from :
       {S::kNew, S::kContacted, S::kVerifying, S::kVerified, S::kInstructed, S::kCrossingPlanned}) {
    if (from != S::kNew) {
      t.push_back({from, S::kWaitingForApplicant, kCaseworkers, kNoReason});
      t.push_back({from, S::kContactLost, kCaseworkers, kReason});
    }
    t.push_back({from, S::kWithdrawn, kCaseworkers, kReason});
    t.push_back({from, S::kSuspectedProvocation, kCaseworkers, kReason});
    t.push_back({from, S::kRejected, kJudges, kReason});
    t.push_back({from, S::kDuplicate, kJudges, kReason});
  }
  return t;
}

}  // namespace

std::span<const Transition> AllTransitions() {
  static const std::vector<Transition> table = BuildTable();
  return table;
}

const Transition* FindTransition(CaseStatus from, CaseStatus to) {
  for (const auto& t : AllTransitions()) {
    if (t.from == from && t.to == to) return &t;
  }
  return nullptr;
}

std::string WorkflowMarkdownTable() {
  std::string table = "| from | to | who may | reason |\n|---|---|---|---|\n";
  for (const auto& t : AllTransitions()) {
    std::string who;
    for (Role r : {Role::kOperator, Role::kVerifier, Role::kCoordinator, Role::kCampAdmin,
                   Role::kCaseworker, Role::kAnalyst, Role::kAuditor, Role::kAdmin}) {
      if (MayMake(t, r)) who += (who.empty() ? "" : ", ") + std::string(ToString(r));
    }
    table += "| " + std::string(ToString(t.from)) + " | " + std::string(ToString(t.to)) + " | " +
             who + " | " + (t.reason_required ? "required" : "—") + " |\n";
  }
  return table;
}

bool IsPause(CaseStatus status) {
  return status == CaseStatus::kWaitingForApplicant || status == CaseStatus::kContactLost;
}

std::vector<Transition> NextTransitions(CaseStatus from, Role role,
                                        std::optional<CaseStatus> paused_from) {
  std::vector<Transition> out;
  for (const auto& t : AllTransitions()) {
    if (t.from != from || !MayMake(t, role)) continue;
    const bool resumes = IsPause(from) && std::find(std::begin(kPausable), std::end(kPausable),
                                                    t.to) != std::end(kPausable);
    if (resumes && t.to != paused_from) continue;
    out.push_back(t);
  }
  return out;
}

}  // namespace lifeline
