// Group (unit) cases (domain/group.hpp): OfficeService::AddGroupMember, GetGroup,
// SetGroupPlan, SplitGroup and MergeGroups. A member is a case of its own, sealed like an
// application under a fresh record key, with a receipt of its own; the plan is sealed under
// the group case's record key.

#include <string>

#include "app/cases/conversation.hpp"
#include "app/cases/office.hpp"
#include "app/sealed_fields.hpp"
#include "crypto/crypto.hpp"
#include "crypto/receipt_keys.hpp"

namespace lifeline::app {
namespace {

std::string_view AsText(const store::Blob32& key) {
  return {reinterpret_cast<const char*>(key.data()), key.size()};
}

std::string Target(std::int64_t case_id) { return "case:" + std::to_string(case_id); }

// Bound to the group case, so a plan cannot be moved to another case or passed off as
// another field.
std::string PlanAssociated(std::int64_t case_id) {
  return "lifeline/group-plan/v1|case:" + std::to_string(case_id);
}

// The member's fields checked by the application's own rules. Members are reached through
// the group's contact: no handle of their own, the group's safe windows.
Result<ValidApplication> ValidMember(const MemberRequest& request, const ClearFields& group,
                                     const IdentifyingFields& group_fields,
                                     std::chrono::year_month_day today) {
  ApplicationDraft draft;
  draft.situation = std::string(ToString(group.situation));
  draft.contact_channel = std::string(ToString(ContactChannel::kNone));
  draft.language = std::string(ToString(group.language));
  draft.name = request.name;
  draft.rank = request.rank;
  draft.unit = request.unit.empty() ? group_fields.unit : request.unit;
  draft.message = request.note;
  auto valid = ValidateApplication(draft, today);
  if (!valid) return valid.error();
  if (valid->identifying.name.empty())
    return InvalidInput("name: required for a group member", "name");
  valid->clear = group;
  valid->clear.contact_channel = ContactChannel::kNone;
  valid->identifying.safe_windows = group_fields.safe_windows;
  valid->identifying.utc_offset_minutes = group_fields.utc_offset_minutes;
  return valid;
}

}  // namespace

Result<store::StoredApplication> OfficeService::ManagedGroup(const Actor& actor, std::int64_t id,
                                                             bool reading) {
  if (auto allowed = Require(actor, Permission::kManageGroups); !allowed) return allowed.error();
  auto stored = CheckedApplication(id);
  if (!stored) return stored.error();
  if (auto assigned = CheckAssignment(actor, *stored); !assigned) return assigned.error();
  if (stored->group_case_id && !reading) {
    return InvalidInput("this case is a member of group case " +
                            std::to_string(*stored->group_case_id) +
                            "; manage the group from there",
                        "group");
  }
  return stored;
}

Result<AddedMember> OfficeService::AddGroupMember(const Actor& actor, std::int64_t group_case_id,
                                                  const MemberRequest& request) {
  auto group = ManagedGroup(actor, group_case_id);
  if (!group) return group.error();
  auto group_fields = OpenFields(*group);
  if (!group_fields) return group_fields.error();
  auto member = ValidMember(request, group->clear, group_fields->fields, clock_.Today());
  if (!member) return member.error();
  auto installation = store_.LoadInstallation();
  if (!installation) return installation.error();

  AddedMember added{0, Receipt{crypto::RandomDigits(kReceiptDigits)}};
  const crypto::ReceiptKeys keys =
      crypto::DeriveReceiptKeys(added.receipt.digits, installation->receipt_salt);
  store::NewGroupMember row{.group_case_id = group_case_id,
                            .assigned_user_id = group->assigned_user_id,
                            .actor_user_id = actor.user_id,
                            .at = clock_.Now().time_since_epoch().count()};
  row.application.clear = member->clear;
  row.application.received_on = clock_.Today();
  row.application.receipt_lookup = keys.lookup;
  row.application.reply_public = keys.reply_public;
  // One record per window: the sealer's window key is wiped with it.
  crypto::IntakeSealer sealer(opener_.newest_public(), std::chrono::milliseconds(0), 1);
  crypto::SealedRecord sealed =
      sealer.Seal(EncodeSealedFields(member->identifying, row.at).view(), AsText(keys.lookup));
  row.application.ephemeral_public = sealed.ephemeral_public;
  row.application.key_generation = sealed.key_generation;
  row.application.wrapped_key = std::move(sealed.wrapped_key);
  row.application.sealed_fields = std::move(sealed.ciphertext);

  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kGroupMemberAdded, Target(group_case_id)});
      !audited) {
    return audited.error();
  }
  auto id = store_.AddGroupMember(row);
  if (!id) return id.error();
  added.case_id = *id;
  return added;
}

Result<GroupDetails> OfficeService::GetGroup(const Actor& actor, std::int64_t group_case_id) {
  auto group = ManagedGroup(actor, group_case_id, true);
  if (!group) return group.error();
  auto members = store_.ListGroupMembers(group_case_id);
  if (!members) return members.error();
  auto history = store_.ListGroupEvents(group_case_id);
  if (!history) return history.error();
  if (auto checked = CheckRows("group_events", *history); !checked) return checked.error();
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kGroupRead, Target(group_case_id)});
      !audited) {
    return audited.error();
  }
  GroupDetails details{
      group_case_id,      group->version, group->clear.group_size, group->group_case_id, "", {},
      std::move(*history)};
  if (!group->plan_sealed.empty()) {
    auto record_key = OpenRecordKey(*group);
    if (!record_key) return record_key.error();
    crypto::SecretBytes plan;
    if (!crypto::AeadDecrypt(crypto::ScopedKey(*record_key).get(), group->plan_sealed,
                             PlanAssociated(group_case_id), plan)) {
      return Error{ErrorCode::kInternal, "this group's plan does not open"};
    }
    details.plan = std::string(plan.view());
  }
  for (auto& summary : *members) {
    GroupMember member{std::move(summary)};
    auto stored = CheckedApplication(member.summary.id);
    if (stored && CheckAssignment(actor, *stored)) {
      auto opened = OpenFields(*stored);
      if (!opened) return opened.error();
      member.opened = true;
      member.name = std::move(opened->fields.name);
      member.rank = std::move(opened->fields.rank);
    }
    details.members.push_back(std::move(member));
  }
  return details;
}

Result<std::int64_t> OfficeService::SetGroupPlan(const Actor& actor, std::int64_t group_case_id,
                                                 std::string_view plan,
                                                 std::int64_t expected_version) {
  auto group = ManagedGroup(actor, group_case_id);
  if (!group) return group.error();
  if (auto ok = CheckMessageText(plan, "plan"); !ok) return ok.error();
  auto record_key = OpenRecordKey(*group);
  if (!record_key) return record_key.error();
  const crypto::Bytes sealed = crypto::AeadEncrypt(crypto::ScopedKey(*record_key).get(), plan,
                                                   PlanAssociated(group_case_id));
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kGroupPlanChanged, Target(group_case_id)});
      !audited) {
    return audited.error();
  }
  if (auto saved = store_.SetPlanSealed(group_case_id, expected_version, sealed); !saved)
    return saved.error();
  return expected_version + 1;
}

Status OfficeService::SplitGroup(const Actor& actor, std::int64_t group_case_id,
                                 std::span<const std::int64_t> leaving, std::int64_t new_leader) {
  auto group = ManagedGroup(actor, group_case_id);
  if (!group) return group.error();
  auto members = store_.ListGroupMembers(group_case_id);
  if (!members) return members.error();
  std::vector<std::int64_t> ids;
  for (const auto& m : *members) ids.push_back(m.id);
  auto moves = PlanSplit(group_case_id, ids, leaving, new_leader);
  if (!moves) return moves.error();
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kGroupSplit, Target(group_case_id)});
      !audited) {
    return audited.error();
  }
  return store_.MoveGroupMembers(*moves, actor.user_id, clock_.Now().time_since_epoch().count());
}

Status OfficeService::MergeGroups(const Actor& actor, std::int64_t source, std::int64_t target) {
  if (source == target) return InvalidInput("a group cannot be merged into itself", "target");
  auto source_group = ManagedGroup(actor, source);
  if (!source_group) return source_group.error();
  auto target_group = ManagedGroup(actor, target);
  if (!target_group) return target_group.error();
  auto source_members = store_.ListGroupMembers(source);
  if (!source_members) return source_members.error();
  auto target_members = store_.ListGroupMembers(target);
  if (!target_members) return target_members.error();
  std::vector<std::int64_t> ids;
  for (const auto& m : *source_members) ids.push_back(m.id);
  auto moves = PlanMerge(source, ids, target, target_members->size());
  if (!moves) return moves.error();
  if (auto audited =
          audit_.Record({actor.user_id, actor.name, AuditAction::kGroupMerged, Target(source)});
      !audited) {
    return audited.error();
  }
  return store_.MoveGroupMembers(*moves, actor.user_id, clock_.Now().time_since_epoch().count());
}

}  // namespace lifeline::app
