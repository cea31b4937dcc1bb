// Group (unit) cases end to end through the office: members with receipts of their own, the
// sealed plan, splitting and merging with history, and who may do what.

#include <gtest/gtest.h>

#include "app/cases/office_fixture.hpp"

namespace lifeline::app {
namespace {

class OfficeGroupsTest : public testing::IntakeOfficeTest {
 protected:
  std::int64_t SubmitGroup() {
    auto draft = Draft();
    draft.group_kind = "unit";
    draft.group_size = 40;
    EXPECT_TRUE(SubmitAndWait(draft).ok());
    return office_->ListCases(operator_, {}).value().items.front().id;
  }
  AddedMember Add(std::int64_t group, std::string name) {
    auto added =
        office_->AddGroupMember(operator_, group, {.name = std::move(name), .rank = "рядовой"});
    EXPECT_TRUE(added.ok()) << added.error().message;
    return added.ok() ? *added : AddedMember{};
  }
};

TEST_F(OfficeGroupsTest, AMemberIsACaseWithItsOwnReceiptStatusAndSealedFields) {
  const std::int64_t group = SubmitGroup();
  const AddedMember member = Add(group, "Пример Участник");
  ASSERT_NE(member.case_id, 0);

  // The receipt opens the member's own case, at its own stage.
  auto status = CheckAndWait(FormatReceipt(member.receipt));
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(status->stage, ApplicantStage::kReceived);

  auto details = office_->GetCase(operator_, member.case_id);
  ASSERT_TRUE(details.ok()) << details.error().message;
  EXPECT_EQ(details->fields.name, "Пример Участник");
  EXPECT_EQ(details->fields.unit, "часть-пример №1");   // the group's, by default
  EXPECT_TRUE(details->fields.contact_handle.empty());  // reached through the group's contact
  EXPECT_EQ(details->fields.safe_windows.size(), 1u);   // the group's windows
  EXPECT_EQ(details->summary.group_case_id, group);
  EXPECT_EQ(details->summary.clear.group_kind, GroupKind::kUnit);

  // Its status moves on its own.
  auto moved = office_->ChangeStatus(operator_, member.case_id, {.to = CaseStatus::kContacted});
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(office_->GetCase(operator_, group)->summary.status, CaseStatus::kNew);
  EXPECT_EQ(office_->GetCase(operator_, group)->group_members, 1u);

  // The sealed fields hold no plaintext name.
  const auto stored = (*store_).GetApplication(member.case_id).value();
  const std::string sealed(stored.sealed_fields.begin(), stored.sealed_fields.end());
  EXPECT_EQ(sealed.find("Участник"), std::string::npos);
}

TEST_F(OfficeGroupsTest, MembersAreCheckedLikeApplications) {
  const std::int64_t group = SubmitGroup();
  EXPECT_EQ(office_->AddGroupMember(operator_, group, {.name = ""}).error().field, "name");
  EXPECT_EQ(office_
                ->AddGroupMember(operator_, group,
                                 {.name = "a\x01"
                                          "b"})
                .error()
                .code,
            ErrorCode::kInvalidInput);
  EXPECT_EQ(
      office_->AddGroupMember(operator_, group, {.name = std::string(300, 'x')}).error().field,
      "name");
  EXPECT_EQ(office_->AddGroupMember(operator_, 999, {.name = "x"}).error().code,
            ErrorCode::kNotFound);
  // A member leads no group of its own.
  const AddedMember member = Add(group, "Пример Участник");
  EXPECT_EQ(office_->AddGroupMember(operator_, member.case_id, {.name = "x"}).error().field,
            "group");
  EXPECT_EQ(office_->GetGroup(operator_, group)->members.size(), 1u);
}

TEST_F(OfficeGroupsTest, ThePlanIsSealedAndALostUpdateIsRefused) {
  const std::int64_t group = SubmitGroup();
  auto group_view = office_->GetGroup(operator_, group);
  ASSERT_TRUE(group_view.ok());
  EXPECT_TRUE(group_view->plan.empty());
  EXPECT_EQ(group_view->declared_size, 40);
  auto version =
      office_->SetGroupPlan(operator_, group, "Пункт встречи: синтетический", group_view->version);
  ASSERT_TRUE(version.ok()) << version.error().message;
  EXPECT_EQ(office_->GetGroup(operator_, group)->plan, "Пункт встречи: синтетический");
  // Someone who read the old version loses, with nothing written.
  EXPECT_EQ(office_->SetGroupPlan(operator_, group, "другой", group_view->version).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(office_->GetGroup(operator_, group)->plan, "Пункт встречи: синтетический");
  const auto stored = (*store_).GetApplication(group).value();
  const std::string sealed(stored.plan_sealed.begin(), stored.plan_sealed.end());
  EXPECT_EQ(sealed.find("синтетический"), std::string::npos);
  EXPECT_EQ(office_->SetGroupPlan(operator_, group, "", *version).error().field, "plan");
}

TEST_F(OfficeGroupsTest, SplittingAndMergingMoveMembersAndKeepTheHistory) {
  const std::int64_t group = SubmitGroup();
  const auto a = Add(group, "Первый Участник");
  const auto b = Add(group, "Второй Участник");
  const auto c = Add(group, "Третий Участник");

  const std::vector<std::int64_t> leaving = {a.case_id, b.case_id};
  ASSERT_TRUE(office_->SplitGroup(operator_, group, leaving, a.case_id).ok());
  auto rest = office_->GetGroup(operator_, group);
  ASSERT_EQ(rest->members.size(), 1u);
  EXPECT_EQ(rest->members[0].summary.id, c.case_id);
  EXPECT_EQ(rest->members[0].name, "Третий Участник");
  auto split_off = office_->GetGroup(operator_, a.case_id);
  ASSERT_TRUE(split_off.ok()) << split_off.error().message;
  ASSERT_EQ(split_off->members.size(), 1u);
  EXPECT_EQ(split_off->members[0].summary.id, b.case_id);

  // Merging a group into itself, or into one of its own members, is refused.
  EXPECT_EQ(office_->MergeGroups(operator_, group, group).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(office_->MergeGroups(operator_, group, c.case_id).error().field, "group");

  ASSERT_TRUE(office_->MergeGroups(operator_, a.case_id, group).ok());
  auto merged = office_->GetGroup(operator_, group);
  ASSERT_EQ(merged->members.size(), 3u);
  // The history tells all of it: three added, two left in the split, two joined in the merge.
  int added = 0, left = 0, joined = 0;
  for (const auto& e : merged->history) {
    added += e.kind == GroupEventKind::kAdded;
    left += e.kind == GroupEventKind::kLeft;
    joined += e.kind == GroupEventKind::kJoined;
  }
  EXPECT_EQ(added, 3);
  EXPECT_EQ(left, 2);
  EXPECT_EQ(joined, 2);
  // The former group now is a member: its history stays readable, nothing is managed there.
  auto former = office_->GetGroup(operator_, a.case_id);
  ASSERT_TRUE(former.ok());
  EXPECT_EQ(former->member_of, group);
  EXPECT_EQ(former->history.size(), 2u);
  EXPECT_EQ(office_->AddGroupMember(operator_, a.case_id, {.name = "x"}).error().field, "group");
  // Each member's own timeline is untouched.
  EXPECT_EQ(office_->GetCase(operator_, b.case_id)->fields.name, "Второй Участник");
}

TEST_F(OfficeGroupsTest, OperatorsManageOnlyTheirOwnGroupsAndVerifiersNone) {
  const std::int64_t group = SubmitGroup();
  const Actor op{2, "op", Role::kOperator};
  const Actor other{3, "other", Role::kOperator};
  const Actor verifier{4, "verifier", Role::kVerifier};
  for (const char* name : {"op", "other", "verifier"}) {
    ASSERT_TRUE((*store_).AddUser({.name = name, .password_hash = "h"}).ok());
  }
  EXPECT_EQ(office_->AddGroupMember(op, group, {.name = "x"}).error().code,
            ErrorCode::kForbidden);  // unclaimed
  ASSERT_TRUE(office_->ClaimCase(op, group).ok());
  auto member = office_->AddGroupMember(op, group, {.name = "Пример Участник"});
  ASSERT_TRUE(member.ok()) << member.error().message;
  // The member is the operator's like the group, and nobody else's.
  EXPECT_TRUE(office_->GetCase(op, member->case_id).ok());
  EXPECT_EQ(office_->GetCase(other, member->case_id).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(office_->GetGroup(other, group).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(office_->GetGroup(verifier, group).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(office_->GetGroup(op, group)->members.at(0).name, "Пример Участник");
}

}  // namespace
}  // namespace lifeline::app
