#pragma once
// A case's follow-up task as the office keeps it (docs/api.md, "Follow-ups"): its kind and due
// time in clear, its note sealed under the case's record key.

#include <cstdint>
#include <optional>

#include "domain/case_list.hpp"
#include "domain/record_values.hpp"
#include "domain/task_kind.hpp"

namespace lifeline {

/// A follow-up on a case: what to do (domain/task_kind.hpp) and when.
struct NewTask {
  std::int64_t case_id = 0;
  TaskKind kind = TaskKind::kContact;
  std::int64_t due_at = 0;  // seconds since the epoch, UTC
  Blob note_sealed;         // under the record key; empty when no note was written
  std::int64_t created_by = 0;
};

struct StoredTask : NewTask {
  std::int64_t id = 0;
  std::optional<std::int64_t> done_at;
  std::optional<std::int64_t> done_by;
};

/// An open task with its case's clear summary: a row of an operator's queue, nothing to
/// decrypt.
struct QueuedTask {
  StoredTask task;  // note_sealed left empty
  CaseSummary summary;
};

}  // namespace lifeline
