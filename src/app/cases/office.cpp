#include "app/cases/office.hpp"

#include <fmt/format.h>

#include "app/cases/conversation.hpp"
#include "app/sealed_fields.hpp"
#include "crypto/crypto.hpp"
#include "crypto/receipt_keys.hpp"
#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

std::string_view AsText(const store::Blob32& key) {
  return {reinterpret_cast<const char*>(key.data()), key.size()};
}

crypto::SealedRecord SealedOf(const store::StoredApplication& a) {
  return {a.ephemeral_public, a.wrapped_key, a.sealed_fields, a.key_generation};
}

}  // namespace

OfficeService::OfficeService(store::Store& store, AuditLog& audit, const Clock& clock,
                             crypto::OfficeOpener opener)
    : store_(store),
      audit_(audit),
      clock_(clock),
      opener_(std::move(opener)),
      handle_index_key_(opener_.DeriveSubkey("lifeline/blind-index/contact-handle/v1")),
      marker_key_(opener_.DeriveSubkey("lifeline/screening-marker/v1")),
      name_index_key_(opener_.DeriveSubkey("lifeline/blind-index/name/v1")),
      callback_key_(opener_.DeriveSubkey("lifeline/callback/v1")),
      integrity_(store, audit, opener_),
      approvals_(audit, clock),
      canaries_(store, audit, opener_.DeriveSubkey("lifeline/canary-list/v1")) {
  store_.SetRowSealer(MakeRowSealer(opener_));  // the office seals every row it writes
}

Result<store::StoredApplication> OfficeService::CheckedApplication(std::int64_t id) const {
  if (auto checked = integrity_.Check("applications", id); !checked) return checked.error();
  return store_.GetApplication(id);
}

OfficeService::~OfficeService() {
  crypto::Wipe(handle_index_key_);
  crypto::Wipe(marker_key_);
  crypto::Wipe(name_index_key_);
  crypto::Wipe(callback_key_);
}

Result<store::CasePage> OfficeService::ListCases(const Actor& actor,
                                                 const store::CaseFilter& filter) {
  if (auto allowed = Require(actor, Permission::kListCases); !allowed) return allowed.error();
  if (filter.limit < 1 || filter.limit > kMaxPageSize || filter.offset < 0) {
    return InvalidInput("page size must be between 1 and 200 and the offset not negative");
  }
  if (filter.needs_review) {
    if (auto allowed = Require(actor, Permission::kReviewScreening); !allowed)
      return allowed.error();
  }
  store::CaseFilter visible = filter;
  if (!Require(actor, Permission::kWorkAnyCase)) visible.unassigned_or_assigned_to = actor.user_id;
  return store_.ListCases(visible);
}

Result<store::CasePage> OfficeService::ExportCaseList(const Actor& actor,
                                                      store::CaseFilter filter) {
  if (auto allowed = Require(actor, Permission::kExportCaseList); !allowed) return allowed.error();
  if (filter.needs_review) {
    if (auto allowed = Require(actor, Permission::kReviewScreening); !allowed)
      return allowed.error();
  }
  // Counted first, so that a filter matching too many is refused without reading them.
  filter.offset = 0;
  filter.limit = 1;
  auto counted = store_.ListCases(filter);
  if (!counted) return counted.error();
  if (counted->total > kMaxExportRows) {
    return InvalidInput(fmt::format("more than {} cases match: narrow the filter", kMaxExportRows),
                        "filter");
  }
  filter.limit = kMaxExportRows;
  auto cases = store_.ListCases(filter);
  if (!cases) return cases.error();
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCaseListExported,
                                    fmt::format("cases:{}", cases->items.size())});
      !audited) {
    return audited.error();
  }
  std::vector<std::int64_t> ids;
  for (const auto& item : cases->items) ids.push_back(item.id);
  if (auto watched = canaries_.Touched(actor, ids); !watched) return watched.error();
  return cases;
}

Status OfficeService::CheckAssignment(const Actor& actor,
                                      const store::StoredApplication& stored) const {
  if (Require(actor, Permission::kWorkAnyCase)) return OkStatus();
  if (stored.assigned_user_id == actor.user_id) return OkStatus();
  return Error{ErrorCode::kForbidden, stored.assigned_user_id
                                          ? "another operator is working on this case"
                                          : "claim this case before opening it"};
}

Result<crypto::RecordKey> OfficeService::OpenRecordKey(
    const store::StoredApplication& stored) const {
  return opener_.OpenRecordKey(SealedOf(stored), AsText(stored.receipt_lookup));
}

Result<crypto::SecretBytes> OfficeService::OpenMessage(const store::StoredMessage& message,
                                                       const crypto::Key32& record_key) const {
  crypto::SecretBytes text;
  if (!message.wrapping) {
    if (!crypto::AeadDecrypt(record_key, message.sealed_for_office, kStaffReplyAssociated, text)) {
      return Error{ErrorCode::kInternal, "a reply in this case does not open"};
    }
    return text;
  }
  const crypto::SealedRecord sealed{message.wrapping->ephemeral_public,
                                    message.wrapping->wrapped_key, message.sealed_for_office,
                                    message.wrapping->key_generation};
  return opener_.Open(sealed, ApplicantMessageAssociated(message.case_id));
}

Result<OpenedFields> OfficeService::OpenFields(const store::StoredApplication& stored,
                                               const crypto::Key32& key) const {
  crypto::SecretBytes plaintext;
  if (!crypto::AeadDecrypt(key, stored.sealed_fields, AsText(stored.receipt_lookup), plaintext)) {
    return Error{ErrorCode::kInternal, "this case's record does not open"};
  }
  return DecodeSealedFields(plaintext);
}

Result<OpenedFields> OfficeService::OpenFields(const store::StoredApplication& stored) const {
  auto record_key = OpenRecordKey(stored);
  if (!record_key) return record_key.error();
  const crypto::ScopedKey key(*record_key);
  return OpenFields(stored, key.get());
}

Status OfficeService::ClaimCase(const Actor& actor, std::int64_t case_id) {
  if (auto allowed = Require(actor, Permission::kClaimCase); !allowed) return allowed.error();
  if (auto exists = CheckedApplication(case_id); !exists) return exists.error();
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCaseClaimed,
                                    "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  auto claimed = store_.ClaimApplication(case_id, actor.user_id);
  if (!claimed) return claimed.error();
  if (!*claimed) return Error{ErrorCode::kConflict, "another operator already holds this case"};
  return OkStatus();
}

Result<CaseDetails> OfficeService::GetCase(const Actor& actor, std::int64_t case_id) {
  if (auto allowed = Require(actor, Permission::kReadCase); !allowed) return allowed.error();
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  if (auto assigned = CheckAssignment(actor, *stored); !assigned) return assigned.error();
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kCaseRead, "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  if (auto watched = canaries_.Touched(actor, std::span(&case_id, 1)); !watched)
    return watched.error();
  auto record_key = OpenRecordKey(*stored);
  if (!record_key) return record_key.error();
  const crypto::ScopedKey scoped(*record_key);
  const crypto::Key32& key = scoped.get();
  auto opened = OpenFields(*stored, key);
  if (!opened) return opened.error();

  CaseDetails details;
  details.summary = {stored->id,
                     stored->clear,
                     stored->received_on,
                     stored->status,
                     stored->assigned_user_id,
                     !stored->custody_sealed.empty(),
                     stored->group_case_id};
  details.version = stored->version;
  auto group_members = store_.ListGroupMembers(case_id);
  if (!group_members) return group_members.error();
  details.group_members = group_members->size();
  details.merged_into = stored->merged_into;
  auto merged_from = store_.ListMergedInto(case_id);
  if (!merged_from) return merged_from.error();
  details.merged_from = std::move(*merged_from);
  details.fields = std::move(opened->fields);
  details.received_at = opened->received_at;
  auto timeline = Timeline(case_id, key);
  if (!timeline) return timeline.error();
  details.timeline = std::move(*timeline);
  details.next = NextTransitions(stored->status, actor.role, PausedFrom(*stored));
  auto tasks = Tasks(case_id, key);
  if (!tasks) return tasks.error();
  details.tasks = std::move(*tasks);
  details.windows = UpcomingWindows(details.fields.safe_windows, details.fields.utc_offset_minutes,
                                    clock_.Now(), 5);
  details.inside_window_now =
      !details.windows.empty() && details.windows.front().Contains(clock_.Now());
  if (Require(actor, Permission::kReviewScreening)) {
    auto screening = Screen(*stored, details.fields);
    if (!screening) return screening.error();
    details.screening = std::move(*screening);
    auto duplicates = ProposeDuplicates(*stored, details.fields);
    if (!duplicates) return duplicates.error();
    details.duplicates = std::move(*duplicates);
  }
  auto messages = store_.ListMessages(case_id);
  if (!messages) return messages.error();
  if (auto checked = CheckRows("messages", *messages); !checked) return checked.error();
  for (const auto& m : *messages) {
    auto text = OpenMessage(m, key);
    if (!text) return text.error();
    details.messages.push_back({m.created_on, m.author_user_id, std::string(text->view())});
  }
  return details;
}

Status OfficeService::DeleteCase(const Actor& actor, std::int64_t case_id) {
  if (auto allowed = Require(actor, Permission::kDeleteCase); !allowed) return allowed.error();
  if (auto exists = CheckedApplication(case_id); !exists) return exists.error();
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCaseDeleted,
                                    "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  search_.Remove(case_id);
  return store_.DeleteApplication(case_id);
}

Status OfficeService::MayWorkOn(const Actor& actor, std::int64_t case_id) {
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  return CheckAssignment(actor, *stored);
}

Status OfficeService::Reply(const Actor& actor, std::int64_t case_id, std::string_view text) {
  if (auto allowed = Require(actor, Permission::kReplyToApplicant); !allowed)
    return allowed.error();
  if (auto ok = CheckMessageText(text, "text"); !ok) return ok.error();
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  if (auto assigned = CheckAssignment(actor, *stored); !assigned) return assigned.error();
  auto record_key = OpenRecordKey(*stored);
  if (!record_key) return record_key.error();
  store::NewMessage reply;
  reply.case_id = case_id;
  reply.author_user_id = actor.user_id;
  reply.created_on = clock_.Today();
  reply.sealed_for_applicant = crypto::SealForApplicant(stored->reply_public, text);
  reply.sealed_for_office =
      crypto::AeadEncrypt(crypto::ScopedKey(*record_key).get(), text, kStaffReplyAssociated);
  if (auto audited = audit_.Record(
          {actor.user_id, actor.name, AuditAction::kReplySent, "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  auto id = store_.AddMessage(reply);
  if (!id) return id.error();
  return OkStatus();
}

Status OfficeService::SetCanary(const Actor& actor, std::int64_t case_id, bool canary) {
  if (auto allowed = Require(actor, Permission::kManageCanaries); !allowed) return allowed;
  auto stored = CheckedApplication(case_id);  // no fields opened: marking is not reading
  if (!stored) return stored.error();
  auto ids = canaries_.List();
  if (!ids) return ids.error();
  if (canary) {
    ids->insert(case_id);
  } else {
    ids->erase(case_id);
  }
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCanaryChanged,
                                    "case:" + std::to_string(case_id)});
      !audited) {
    return audited;
  }
  return canaries_.Save(*ids);
}

Result<std::set<std::int64_t>> OfficeService::Canaries(const Actor& actor) {
  if (!Require(actor, Permission::kReadAuditLog).ok()) {
    if (auto allowed = Require(actor, Permission::kManageCanaries); !allowed)
      return allowed.error();
  }
  return canaries_.List();
}

namespace {
constexpr std::int64_t kAlertDays = 30;
}

Status OfficeService::NoteStatusCheck(const store::Blob32& lookup) {
  auto duress = store_.CaseOfDuressLookup(lookup);
  if (!duress) return duress.error();
  if (!*duress) return OkStatus();
  return audit_.Record({0, "", AuditAction::kDuressSignalled, "case:" + std::to_string(**duress)});
}

std::size_t OfficeService::NoteStatusChecks(std::span<const store::Blob32> lookups) {
  std::size_t failed = 0;
  for (const store::Blob32& lookup : lookups)
    if (!NoteStatusCheck(lookup)) ++failed;
  return failed;
}

Result<std::vector<store::AuditRecord>> OfficeService::AccessAlerts(const Actor& actor) {
  if (auto allowed = Require(actor, Permission::kReadAuditLog); !allowed) return allowed.error();
  return audit_.FindAuthentic(
      {.action = std::string(ToString(AuditAction::kAccessAlert)),
       .from_at = clock_.Now().time_since_epoch().count() - kAlertDays * 86400},
      500);
}

Result<std::vector<store::AuditRecord>> OfficeService::DuressSignals(const Actor& actor) {
  if (auto allowed = Require(actor, Permission::kSeeDuressSignals); !allowed)
    return allowed.error();
  return audit_.FindAuthentic(
      {.action = std::string(ToString(AuditAction::kDuressSignalled)),
       .from_at = clock_.Now().time_since_epoch().count() - kAlertDays * 86400},
      500);
}

Result<std::optional<CustodianSet>> OfficeService::Custodians(const Actor& actor) {
  if (!Require(actor, Permission::kReadAuditLog).ok()) {
    if (auto allowed = Require(actor, Permission::kManageSettings); !allowed)
      return allowed.error();
  }
  auto installation = store_.LoadInstallation();
  if (!installation) return installation.error();
  return CustodiansOf(*installation);
}

}  // namespace lifeline::app
