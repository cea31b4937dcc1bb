#include "app/accounts/actor.hpp"

#include <gtest/gtest.h>

#include "domain/workflow.hpp"

namespace lifeline::app {
namespace {

// Merging a case is its move to duplicate: the permission and the workflow table must name
// the same roles, from every state a case can be merged from.
TEST(Actor, MergingIsGrantedToExactlyTheRolesThatMayMoveACaseToDuplicate) {
  int moves_to_duplicate = 0;
  for (const auto& t : AllTransitions()) {
    if (t.to != CaseStatus::kDuplicate) continue;
    ++moves_to_duplicate;
    for (Role role : {Role::kOperator, Role::kVerifier, Role::kCoordinator, Role::kCampAdmin,
                      Role::kCaseworker, Role::kAnalyst, Role::kAuditor, Role::kAdmin}) {
      EXPECT_EQ(Require(Actor{.role = role}, Permission::kMergeCases).ok(), MayMake(t, role))
          << ToString(t.from) << " " << static_cast<int>(role);
    }
  }
  EXPECT_GT(moves_to_duplicate, 0);
}

}  // namespace
}  // namespace lifeline::app
