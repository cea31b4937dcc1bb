#pragma once
// Group (unit) cases: the SQL behind AddGroupMember, MoveGroupMembers, ListGroupMembers,
// ListGroupEvents and SetPlanSealed. Each function throws SqliteError; writers expect the
// caller to hold the store's writer lock.

#include <span>
#include <vector>

#include "domain/result.hpp"
#include "store/records.hpp"
#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {

Result<std::int64_t> InsertGroupMember(Connection& writer, const NewGroupMember& member);
Status UpdateGroupMembers(Connection& writer, std::span<const GroupMove> moves,
                          std::int64_t actor_user_id, std::int64_t at);
std::vector<CaseSummary> SelectGroupMembers(Connection& reader, std::int64_t group_case_id);
std::vector<GroupEvent> SelectGroupEvents(Connection& reader, std::int64_t group_case_id);
Status UpdatePlanSealed(Connection& writer, std::int64_t case_id, std::int64_t expected_version,
                        const Blob& sealed);
/// Unlinks a case about to be deleted from its group's history and frees its members.
void DetachFromGroups(Connection& writer, std::int64_t case_id);

}  // namespace lifeline::store::sqlite
