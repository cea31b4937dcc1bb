// Handing a crossed case to a camp's registry (app/camp/camp.hpp, RegisterFromCase).

#include "app/cases/office.hpp"

namespace lifeline::app {

Result<IdentifyingFields> OfficeService::FieldsForRegistry(const Actor& actor,
                                                           std::int64_t case_id) {
  if (auto allowed = Require(actor, Permission::kRegisterPrisoner); !allowed)
    return allowed.error();
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  if (stored->status != CaseStatus::kCrossed) {
    return InvalidInput("only a case that has crossed can be registered in a camp", "case");
  }
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kCaseRead, "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  if (auto watched = canaries_.Touched(actor, std::span(&case_id, 1)); !watched)
    return watched.error();
  auto opened = OpenFields(*stored);
  if (!opened) return opened.error();
  return std::move(opened->fields);
}

}  // namespace lifeline::app
