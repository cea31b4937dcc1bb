#pragma once
// Group (unit) cases: one contact speaks for several people, each a case of their own (own
// status, receipt and record key) linked to the contact's case, which leads the group and
// holds its plan. Groups do not nest. Splitting and merging only move cases between groups;
// the membership history records every move. Pure: no I/O.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace lifeline {

enum class GroupEventKind { kAdded, kJoined, kLeft };
std::string_view ToString(GroupEventKind kind);
std::optional<GroupEventKind> ParseGroupEventKind(std::string_view text);

/// Moves one case into or out of a group, if it is still where the mover saw it.
struct GroupMove {
  std::int64_t case_id = 0;
  std::optional<std::int64_t> from_group;  // nullopt: it belongs to no group now
  std::optional<std::int64_t> to_group;    // nullopt: it leaves its group and may lead one
};

struct GroupLimits {
  static constexpr std::size_t kMaxMembers = 5000;  // a whole unit (ApplicationLimits::kMaxUnit)
};

/// Splitting `group`: the `leaving` members (ids of its current `members`) form a new group
/// led by `new_leader`, one of them. kInvalidInput, with `field` set, for an empty choice,
/// a case that is no member of the group, or a leader who is not leaving with them.
Result<std::vector<GroupMove>> PlanSplit(std::int64_t group, std::span<const std::int64_t> members,
                                         std::span<const std::int64_t> leaving,
                                         std::int64_t new_leader);

/// Merging group `source` into group `target`: every member of `source`, and the case that
/// led it, become members of `target`. kInvalidInput for a group merged into itself, or a
/// merge that would pass the member limit.
Result<std::vector<GroupMove>> PlanMerge(std::int64_t source,
                                         std::span<const std::int64_t> source_members,
                                         std::int64_t target, std::size_t target_member_count);

}  // namespace lifeline
