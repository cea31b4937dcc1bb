#pragma once
// The abroad tables' comma-separated lists (store/abroad_lists.hpp), read as SQLite rows: a
// name this version does not know is a corrupt row.

#include <string>
#include <vector>

#include "store/abroad_lists.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite::abroad_rows {

using abroad_lists::EncodeNeeds;
using abroad_lists::EncodeSteps;
using abroad_lists::Join;
using abroad_lists::Split;

template <typename T>
T OrCorrupt(std::optional<T> value) {
  if (!value) throw SqliteError(SQLITE_CORRUPT, "a stored value is unknown to this version");
  return std::move(*value);
}

inline std::vector<abroad::Need> DecodeNeeds(const std::string& text) { return OrCorrupt(abroad_lists::DecodeNeeds(text)); }
inline std::vector<abroad::StepStatus> DecodeSteps(const std::string& text) {
  return OrCorrupt(abroad_lists::DecodeSteps(text));
}

}  // namespace lifeline::store::sqlite::abroad_rows
