// The sealed custody circumstance (domain/custody.hpp): OfficeService::RecordCustody and
// ReadCustody. The value is sealed under the case's record key, so deleting the case shreds
// it too, and padded to one length, so the ciphertext does not tell the two values apart.

#include <string>

#include "app/cases/office.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kPaddedLength = 32;

// Bound to the case by its id and purpose, so it cannot be moved to another case or passed
// off as another field.
std::string Associated(std::int64_t case_id) {
  return "lifeline/custody/v1|case:" + std::to_string(case_id);
}

std::string Padded(CustodyCircumstance circumstance) {
  std::string text(ToString(circumstance));
  text.resize(kPaddedLength, '\0');
  return text;
}

}  // namespace

Status OfficeService::RecordCustody(const Actor& actor, std::int64_t case_id,
                                    CustodyCircumstance circumstance) {
  if (auto allowed = Require(actor, Permission::kRecordCustody); !allowed) return allowed.error();
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  auto record_key = OpenRecordKey(*stored);
  if (!record_key) return record_key.error();
  const crypto::Bytes sealed = crypto::AeadEncrypt(crypto::ScopedKey(*record_key).get(),
                                                   Padded(circumstance), Associated(case_id));
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCustodyRecorded,
                                    "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  return store_.SetCustodySealed(case_id, sealed);
}

Result<bool> OfficeService::CustodyRecorded(const Actor& actor, std::int64_t case_id) {
  if (!Require(actor, Permission::kReadCustody).ok()) {
    if (auto allowed = Require(actor, Permission::kRecordCustody); !allowed) return allowed.error();
  }
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  return !stored->custody_sealed.empty();
}

Result<ApprovalRequest> OfficeService::RequestCustodyRead(const Actor& actor,
                                                          std::int64_t case_id) {
  if (auto allowed = Require(actor, Permission::kReadCustody); !allowed) return allowed.error();
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  if (stored->custody_sealed.empty())
    return NotFound("no custody circumstance is recorded for this case");
  return approvals_.Request(actor, CustodyReadSubject(case_id));
}

Result<CustodyCircumstance> OfficeService::ReadCustody(const Actor& actor, std::int64_t case_id) {
  if (auto allowed = Require(actor, Permission::kReadCustody); !allowed) return allowed.error();
  auto stored = CheckedApplication(case_id);
  if (!stored) return stored.error();
  if (stored->custody_sealed.empty())
    return NotFound("no custody circumstance is recorded for this case");
  if (auto approved = approvals_.Use(actor, CustodyReadSubject(case_id)); !approved)
    return approved.error();
  if (auto audited = audit_.Record({actor.user_id, actor.name, AuditAction::kCustodyRead,
                                    "case:" + std::to_string(case_id)});
      !audited) {
    return audited.error();
  }
  auto record_key = OpenRecordKey(*stored);
  if (!record_key) return record_key.error();
  crypto::SecretBytes padded;
  const bool opened = crypto::AeadDecrypt(crypto::ScopedKey(*record_key).get(),
                                          stored->custody_sealed, Associated(case_id), padded);
  if (!opened || padded.size() != kPaddedLength) {
    return Error{ErrorCode::kInternal, "this case's custody record does not open"};
  }
  const std::string_view text = padded.view().substr(0, padded.view().find('\0'));
  auto circumstance = ParseCustodyCircumstance(text);
  if (!circumstance)
    return Error{ErrorCode::kInternal, "this case's custody record is not understood"};
  return *circumstance;
}

}  // namespace lifeline::app
