#include "domain/group.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace lifeline {
namespace {

TEST(GroupEventKind, WireNamesRoundTripAndUnknownIsRejected) {
  for (auto k : {GroupEventKind::kAdded, GroupEventKind::kJoined, GroupEventKind::kLeft}) {
    EXPECT_EQ(ParseGroupEventKind(ToString(k)), k);
  }
  EXPECT_FALSE(ParseGroupEventKind("moved"));
}

TEST(PlanSplit, TheNewLeaderLeavesTheGroupAndTheOthersJoinHim) {
  const std::vector<std::int64_t> members = {11, 12, 13, 14};
  const std::vector<std::int64_t> leaving = {14, 12};
  auto moves = PlanSplit(10, members, leaving, 12);
  ASSERT_TRUE(moves.ok()) << moves.error().message;
  ASSERT_EQ(moves->size(), 2u);
  EXPECT_EQ((*moves)[0].case_id, 12);  // the leader first
  EXPECT_EQ((*moves)[0].from_group, 10);
  EXPECT_EQ((*moves)[0].to_group, std::nullopt);
  EXPECT_EQ((*moves)[1].case_id, 14);
  EXPECT_EQ((*moves)[1].from_group, 10);
  EXPECT_EQ((*moves)[1].to_group, 12);
}

TEST(PlanSplit, RefusesAnEmptyChoiceStrangersRepeatsAndALeaderWhoStays) {
  const std::vector<std::int64_t> members = {11, 12};
  const std::vector<std::int64_t> none;
  EXPECT_EQ(PlanSplit(10, members, none, 11).error().field, "members");
  const std::vector<std::int64_t> stranger = {11, 99};
  EXPECT_EQ(PlanSplit(10, members, stranger, 11).error().field, "members");
  const std::vector<std::int64_t> twice = {11, 11};
  EXPECT_EQ(PlanSplit(10, members, twice, 11).error().field, "members");
  const std::vector<std::int64_t> only_11 = {11};
  EXPECT_EQ(PlanSplit(10, members, only_11, 12).error().field, "leader");
  // The group's own leader is no member: it cannot be split off.
  const std::vector<std::int64_t> leader = {10};
  EXPECT_EQ(PlanSplit(10, members, leader, 10).error().field, "members");
}

TEST(PlanMerge, MovesEveryMemberAndThenTheSourceLeaderIntoTheTarget) {
  const std::vector<std::int64_t> source_members = {21, 22};
  auto moves = PlanMerge(20, source_members, 30, 5);
  ASSERT_TRUE(moves.ok());
  ASSERT_EQ(moves->size(), 3u);
  EXPECT_EQ((*moves)[0].case_id, 21);
  EXPECT_EQ((*moves)[0].from_group, 20);
  EXPECT_EQ((*moves)[0].to_group, 30);
  EXPECT_EQ((*moves)[2].case_id, 20);
  EXPECT_EQ((*moves)[2].from_group, std::nullopt);
  EXPECT_EQ((*moves)[2].to_group, 30);
}

TEST(PlanMerge, RefusesAGroupMergedIntoItselfAndOneThatWouldPassTheLimit) {
  const std::vector<std::int64_t> source_members = {21};
  auto self = PlanMerge(20, source_members, 20, 0);
  ASSERT_FALSE(self.ok());
  EXPECT_EQ(self.error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(self.error().field, "target");
  // One member and the source's leader join the target.
  EXPECT_FALSE(PlanMerge(20, source_members, 30, GroupLimits::kMaxMembers - 1).ok());
  EXPECT_TRUE(PlanMerge(20, source_members, 30, GroupLimits::kMaxMembers - 2).ok());
}

}  // namespace
}  // namespace lifeline
