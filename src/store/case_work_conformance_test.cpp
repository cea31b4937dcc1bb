// The cases' storage contract, its case work: status changes and their timeline, tasks
// and deployment dates, groups and their moves, plans and callbacks, on SQLite and on a
// real PostgreSQL (store_conformance_fixture.hpp).

#include <gtest/gtest.h>

#include "store/store_conformance_fixture.hpp"

namespace lifeline::store::conformance {
namespace {

TEST_P(StoreConformance, StatusChangesAreComparedAndSetAndKeptAsATimeline) {
  ASSERT_TRUE(store_->AddUser({.name = "op", .password_hash = "h"}).ok());
  auto ids = store_->AppendApplications(std::vector<NewApplication>{MakeApplication(1)});
  ASSERT_TRUE(ids.ok());
  const std::int64_t id = (*ids)[0];
  EXPECT_EQ(store_->GetApplication(id)->version, 0);
  NewCaseEvent contacted{.case_id = id,
                         .at = 100,
                         .actor_user_id = 1,
                         .from = CaseStatus::kNew,
                         .to = CaseStatus::kContacted};
  ASSERT_TRUE(store_->ChangeStatus(0, contacted).ok());
  EXPECT_EQ(store_->GetApplication(id)->status, CaseStatus::kContacted);
  EXPECT_EQ(store_->GetApplication(id)->version, 1);

  // A second editor who also saw version 0 loses, and nothing of theirs is written.
  NewCaseEvent stale = contacted;
  stale.to = CaseStatus::kWithdrawn;
  stale.reason_sealed = {9};
  EXPECT_EQ(store_->ChangeStatus(0, stale).error().code, ErrorCode::kConflict);
  NewCaseEvent verifying{.case_id = id,
                         .at = 200,
                         .actor_user_id = 1,
                         .from = CaseStatus::kContacted,
                         .to = CaseStatus::kVerifying,
                         .reason_sealed = {7, 7}};
  ASSERT_TRUE(store_->ChangeStatus(1, verifying).ok());
  EXPECT_EQ(
      store_
          ->ChangeStatus(
              2, {.case_id = 999, .from = CaseStatus::kVerifying, .to = CaseStatus::kVerified})
          .error()
          .code,
      ErrorCode::kNotFound);

  auto events = store_->ListCaseEvents(id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].to, CaseStatus::kContacted);
  EXPECT_TRUE((*events)[0].reason_sealed.empty());
  EXPECT_EQ((*events)[1].at, 200);
  EXPECT_EQ((*events)[1].reason_sealed, (Blob{7, 7}));

  ASSERT_TRUE(store_->DeleteApplication(id).ok());
  EXPECT_TRUE(store_->ListCaseEvents(id)->empty());
}

TEST_P(StoreConformance, TasksQueueByDueTimeAndDeploymentDatesQueueByDate) {
  auto user = store_->AddUser({.name = "op", .password_hash = "h"});
  std::vector<NewApplication> batch = {MakeApplication(1), MakeApplication(2), MakeApplication(3)};
  batch[0].clear.deploy_by = Date{year{2026}, December, day{20}};
  batch[1].clear.deploy_by = Date{year{2026}, December, day{1}};
  auto ids = store_->AppendApplications(batch);
  ASSERT_TRUE(ids.ok() && user.ok());
  ASSERT_TRUE(*store_->ClaimApplication((*ids)[0], *user));
  auto later = store_->AddTask(
      {.case_id = (*ids)[0], .kind = TaskKind::kContact, .due_at = 300, .created_by = *user});
  auto sooner = store_->AddTask({.case_id = (*ids)[1],
                                 .kind = TaskKind::kCheck,
                                 .due_at = 100,
                                 .note_sealed = {7},
                                 .created_by = *user});
  ASSERT_TRUE(later.ok() && sooner.ok());

  auto queue = store_->ListOpenTasks(1000, std::nullopt, 10);
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ((*queue)[0].task.id, *sooner);
  EXPECT_TRUE((*queue)[0].task.note_sealed.empty());  // the queue carries no notes
  EXPECT_EQ((*queue)[0].summary.id, (*ids)[1]);
  EXPECT_EQ(store_->ListOpenTasks(200, std::nullopt, 10)->size(), 1u);
  EXPECT_EQ(store_->ListOpenTasks(1000, *user, 10)->size(), 1u);  // only the claimed case's

  ASSERT_TRUE(store_->CompleteTask(*sooner, *user, 150).ok());
  EXPECT_EQ(store_->CompleteTask(*sooner, *user, 160).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->CompleteTask(999, *user, 160).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListOpenTasks(1000, std::nullopt, 10)->size(), 1u);
  auto done = store_->GetTask(*sooner);
  EXPECT_EQ(done->done_at, 150);
  EXPECT_EQ(done->note_sealed, Blob{7});

  auto deploying =
      store_->ListDeployingBefore(Date{year{2026}, December, day{31}}, std::nullopt, 10);
  ASSERT_EQ(deploying->size(), 2u);
  EXPECT_EQ((*deploying)[0].id, (*ids)[1]);  // the sooner date first
  EXPECT_EQ(
      store_->ListDeployingBefore(Date{year{2026}, December, day{10}}, std::nullopt, 10)->size(),
      1u);

  ASSERT_TRUE(store_->DeleteApplication((*ids)[0]).ok());
  EXPECT_TRUE(store_->ListTasks((*ids)[0])->empty());
}

TEST_P(StoreConformance, GroupMembersAreCasesOfTheirOwnAndNotInquiries) {
  ASSERT_TRUE(store_->AddUser({.name = "op", .password_hash = "h"}).ok());
  const std::int64_t group = store_->AppendApplications(std::vector{MakeApplication(1)}).value()[0];
  ASSERT_TRUE(store_->ClaimApplication(group, 1).ok());
  NewGroupMember member{.application = MakeApplication(2),
                        .group_case_id = group,
                        .assigned_user_id = 1,
                        .actor_user_id = 1,
                        .at = 500};
  auto id = store_->AddGroupMember(member);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto stored = store_->GetApplication(*id);
  EXPECT_EQ(stored->group_case_id, group);
  EXPECT_EQ(stored->assigned_user_id, 1);
  EXPECT_EQ(stored->status, CaseStatus::kNew);
  auto members = store_->ListGroupMembers(group);
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ((*members)[0].id, *id);
  EXPECT_EQ((*members)[0].group_case_id, group);
  auto history = store_->ListGroupEvents(group);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].kind, GroupEventKind::kAdded);
  EXPECT_EQ((*history)[0].at, 500);

  // A member is a person in the funnel, but not an inquiry nor part of a burst.
  auto counts = store_->CountStatistics(kDay, Date{sys_days{kDay} + days{1}}, kDay);
  EXPECT_EQ(counts->applications, 2);
  std::int64_t inquiries = 0;
  for (const auto& c : counts->by_channel) inquiries += c.count;
  EXPECT_EQ(inquiries, 1);
  EXPECT_EQ(
      store_->CountAlike(MakeApplication(9).clear, kDay, Date{sys_days{kDay} + days{1}}).value(),
      1);

  // Groups do not nest, and a missing group is reported.
  member.application = MakeApplication(3);
  member.group_case_id = *id;
  EXPECT_EQ(store_->AddGroupMember(member).error().code, ErrorCode::kConflict);
  member.group_case_id = 999;
  EXPECT_EQ(store_->AddGroupMember(member).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, GroupMovesAreAllOrNothingComparedAndKeptAsHistory) {
  ASSERT_TRUE(store_->AddUser({.name = "op", .password_hash = "h"}).ok());
  auto ids =
      store_->AppendApplications(std::vector{MakeApplication(1), MakeApplication(2)}).value();
  const std::int64_t a = ids[0], b = ids[1];
  std::vector<std::int64_t> in_a;
  for (std::uint8_t tag : {3, 4, 5}) {
    in_a.push_back(store_
                       ->AddGroupMember({.application = MakeApplication(tag),
                                         .group_case_id = a,
                                         .actor_user_id = 1,
                                         .at = 10})
                       .value());
  }
  // Split: in_a[0] leads a new group and takes in_a[1] with it.
  std::vector<GroupMove> split = {{in_a[0], a, std::nullopt}, {in_a[1], a, in_a[0]}};
  ASSERT_TRUE(store_->MoveGroupMembers(split, 1, 20).ok());
  EXPECT_EQ(store_->ListGroupMembers(a)->size(), 1u);
  EXPECT_EQ(store_->ListGroupMembers(in_a[0])->size(), 1u);
  EXPECT_EQ(store_->GetApplication(in_a[1])->version, 1);

  // The same split again is stale: nothing of it lands.
  std::vector<GroupMove> stale = {{in_a[2], a, b}, {in_a[1], a, in_a[0]}};
  EXPECT_EQ(store_->MoveGroupMembers(stale, 1, 30).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->GetApplication(in_a[2])->group_case_id, a);

  // Nesting is refused: a leader with members cannot join a group, nor anyone join a member.
  std::vector<GroupMove> nest_leader = {{in_a[0], std::nullopt, b}};
  EXPECT_EQ(store_->MoveGroupMembers(nest_leader, 1, 30).error().code, ErrorCode::kConflict);
  std::vector<GroupMove> into_member = {{b, std::nullopt, in_a[2]}};
  EXPECT_EQ(store_->MoveGroupMembers(into_member, 1, 30).error().code, ErrorCode::kConflict);

  // Merge the split-off group into b: its member first, then its leader.
  std::vector<GroupMove> merge = {{in_a[1], in_a[0], b}, {in_a[0], std::nullopt, b}};
  ASSERT_TRUE(store_->MoveGroupMembers(merge, 1, 40).ok());
  EXPECT_EQ(store_->ListGroupMembers(b)->size(), 2u);
  EXPECT_TRUE(store_->ListGroupMembers(in_a[0])->empty());

  // Every move stays in both groups' histories.
  auto history = store_->ListGroupEvents(in_a[0]);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].kind, GroupEventKind::kJoined);
  EXPECT_EQ((*history)[0].other_group_id, a);
  EXPECT_EQ((*history)[1].kind, GroupEventKind::kLeft);
  EXPECT_EQ((*history)[1].other_group_id, b);
  EXPECT_EQ(store_->ListGroupEvents(a)->size(), 5u);  // three added, two left

  // Deleting a group's leader frees its members; deleting a member leaves no trace of it.
  ASSERT_TRUE(store_->DeleteApplication(b).ok());
  EXPECT_EQ(store_->GetApplication(in_a[1])->group_case_id, std::nullopt);
  ASSERT_TRUE(store_->DeleteApplication(in_a[2]).ok());
  const auto remaining = store_->ListGroupEvents(a).value();
  for (const auto& e : remaining) EXPECT_NE(e.member_case_id, in_a[2]);
}

TEST_P(StoreConformance, APlanIsComparedAndSetOnTheCaseVersion) {
  const std::int64_t id = store_->AppendApplications(std::vector{MakeApplication(1)}).value()[0];
  ASSERT_TRUE(store_->SetPlanSealed(id, 0, Blob{1, 2}).ok());
  EXPECT_EQ(store_->GetApplication(id)->plan_sealed, (Blob{1, 2}));
  EXPECT_EQ(store_->SetPlanSealed(id, 0, Blob{3}).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->GetApplication(id)->plan_sealed, (Blob{1, 2}));
  EXPECT_EQ(store_->SetPlanSealed(999, 0, Blob{3}).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, CallbacksAreScheduledComparedAndShreddedWhenOver) {
  NewCallback c{
      .sealed = {1, 2, 3}, .language = "ru", .created_at = 10, .due_at = 100, .window_end = 200};
  c.seal_id.fill(7);
  const std::int64_t early = store_->AddCallback(c).value();
  c.seal_id.fill(8);
  c.due_at = 50;
  const std::int64_t earlier = store_->AddCallback(c).value();
  c.seal_id.fill(9);
  c.due_at = 500;
  ASSERT_TRUE(store_->AddCallback(c).ok());
  auto due = store_->ListDueCallbacks(150, 10).value();
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, earlier);  // soonest first
  EXPECT_EQ(due[1].id, early);
  EXPECT_EQ(due[1].sealed, (Blob{1, 2, 3}));

  CallbackUpdate dialing{.id = early,
                         .from = CallbackStatus::kPending,
                         .to = CallbackStatus::kDialing,
                         .attempts = 1,
                         .due_at = 100,
                         .window_end = 200};
  ASSERT_TRUE(store_->UpdateCallback(dialing).ok());
  EXPECT_EQ(store_->UpdateCallback(dialing).error().code, ErrorCode::kConflict);  // already dialing
  EXPECT_EQ(store_->ListDueCallbacks(150, 10).value().size(), 1u);
  CallbackUpdate connected{.id = early,
                           .from = CallbackStatus::kDialing,
                           .to = CallbackStatus::kConnected,
                           .attempts = 1};
  ASSERT_TRUE(store_->UpdateCallback(connected).ok());
  EXPECT_TRUE(store_->GetCallback(early)->sealed.empty());  // the number is shredded
  EXPECT_EQ(store_->ListCallbacks(CallbackStatus::kConnected, 10)->size(), 1u);
  EXPECT_EQ(store_->UpdateCallback({.id = 999}).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace lifeline::store::conformance
