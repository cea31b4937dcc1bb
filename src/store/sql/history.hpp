#pragma once
// The steps of the frozen schema history that both engines took alike: 21 to 23, which
// brought a database at version 20 (the oldest PostgreSQL database there is) to
// kHistoryEnd. Written once, spelled per engine; SQLite's steps 1 to 20 stay in
// sqlite/migrations.cpp. Frozen: a database made by an older lifeline ran exactly these
// statements, so a later change goes to kLaterChanges (schema.cpp), never here.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql/schema.hpp"

namespace lifeline::store::sql {

/// Steps 21, 22 and 23, each with the version it brings the database to. Step 23 gives every
/// posting leg an id of its own; the engines do that differently (SQLite cannot add a
/// primary key to a table, so it copies the legs into a new one), and
/// `posting_legs_with_ids` is the engine's way, run between step 23's other statements.
std::vector<std::pair<int, std::string>> StepsFrom20(const Spelling& spelling,
                                                     std::string_view posting_legs_with_ids);

}  // namespace lifeline::store::sql
