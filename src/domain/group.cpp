#include "domain/group.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lifeline {

std::string_view ToString(GroupEventKind kind) {
  switch (kind) {
    case GroupEventKind::kAdded:
      return "added";
    case GroupEventKind::kJoined:
      return "joined";
    case GroupEventKind::kLeft:
      return "left";
  }
  return "?";
}

std::optional<GroupEventKind> ParseGroupEventKind(std::string_view text) {
  for (auto k : {GroupEventKind::kAdded, GroupEventKind::kJoined, GroupEventKind::kLeft}) {
    if (ToString(k) == text) return k;
  }
  return std::nullopt;
}

Result<std::vector<GroupMove>> PlanSplit(std::int64_t group, std::span<const std::int64_t> members,
                                         std::span<const std::int64_t> leaving,
                                         std::int64_t new_leader) {
  if (leaving.empty()) return InvalidInput("choose the members who leave the group", "members");
  if (std::find(leaving.begin(), leaving.end(), new_leader) == leaving.end()) {
    return InvalidInput("the new group's contact must be one of the members who leave", "leader");
  }
  std::vector<std::int64_t> chosen(leaving.begin(), leaving.end());
  std::sort(chosen.begin(), chosen.end());
  if (std::adjacent_find(chosen.begin(), chosen.end()) != chosen.end()) {
    return InvalidInput("a member is chosen twice", "members");
  }
  std::vector<GroupMove> moves;
  moves.reserve(chosen.size());
  for (std::int64_t id : chosen) {
    if (std::find(members.begin(), members.end(), id) == members.end()) {
      return InvalidInput(fmt::format("case {} is not a member of this group", id), "members");
    }
    const bool leads = id == new_leader;
    moves.push_back({id, group, leads ? std::nullopt : std::optional<std::int64_t>(new_leader)});
  }
  // The new leader leaves first, so no member ever joins a case that is still a member.
  std::stable_partition(moves.begin(), moves.end(),
                        [&](const GroupMove& m) { return m.case_id == new_leader; });
  return moves;
}

Result<std::vector<GroupMove>> PlanMerge(std::int64_t source,
                                         std::span<const std::int64_t> source_members,
                                         std::int64_t target, std::size_t target_member_count) {
  if (source == target) return InvalidInput("a group cannot be merged into itself", "target");
  if (target_member_count + source_members.size() + 1 > GroupLimits::kMaxMembers) {
    return InvalidInput(fmt::format("a group holds at most {} members", GroupLimits::kMaxMembers),
                        "target");
  }
  std::vector<GroupMove> moves;
  moves.reserve(source_members.size() + 1);
  for (std::int64_t id : source_members) moves.push_back({id, source, target});
  // The source's leader joins last, once it leads nobody.
  moves.push_back({source, std::nullopt, target});
  return moves;
}

}  // namespace lifeline
