#pragma once
// A case's own row (applications), written once for both engines: inserting it, and the
// clear fields every case list reads. Used inside the caller's write transaction.

#include <cstdint>
#include <optional>

#include "store/records.hpp"
#include "store/sql/session.hpp"

namespace lifeline::store::sql {

/// Where a row came from: an applicant writing in, or the office adding a group's member.
enum class Origin { kApplicant, kMember };

inline constexpr const char* kClearColumns =
    "situation, group_kind, group_size, contact_channel, language, deploy_by";

/// Inserts the row as "new", seals it, and returns its id. The caller's transaction has
/// taken Session::ShareNewCasesLock.
std::int64_t InsertApplication(Session& s, const NewApplication& a, Origin origin,
                               std::optional<std::int64_t> group_case_id = std::nullopt,
                               std::optional<std::int64_t> assigned_user_id = std::nullopt);

}  // namespace lifeline::store::sql
