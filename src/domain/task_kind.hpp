#pragma once
// What a follow-up task asks for. A contact task may fall only inside the applicant's safe
// windows (domain/contact_window.hpp); the others are the office's own reminders.

#include <optional>
#include <string_view>

namespace lifeline {

enum class TaskKind { kContact, kCheck, kOther };

std::string_view ToString(TaskKind kind);
std::optional<TaskKind> ParseTaskKind(std::string_view name);

}  // namespace lifeline
