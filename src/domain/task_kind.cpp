#include "domain/task_kind.hpp"

namespace lifeline {

std::string_view ToString(TaskKind kind) {
  switch (kind) {
    case TaskKind::kContact:
      return "contact";
    case TaskKind::kCheck:
      return "check";
    case TaskKind::kOther:
      return "other";
  }
  return "?";
}

std::optional<TaskKind> ParseTaskKind(std::string_view name) {
  for (TaskKind k : {TaskKind::kContact, TaskKind::kCheck, TaskKind::kOther}) {
    if (ToString(k) == name) return k;
  }
  return std::nullopt;
}

}  // namespace lifeline
