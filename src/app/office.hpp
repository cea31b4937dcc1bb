#pragma once
// The office: operators read and answer applications. Only the office role constructs this,
// because only it holds the unwrapped office private key.

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_log.hpp"
#include "app/clock.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/application.hpp"
#include "domain/custody.hpp"
#include "store/store.hpp"

namespace lifeline::app {

struct CaseReply {
  std::chrono::year_month_day written_on;
  std::int64_t author_user_id = 0;
  std::string text;
};

/// A case with its identifying fields decrypted. Holds personal data: never log it.
struct CaseDetails {
  store::CaseSummary summary;
  IdentifyingFields fields;
  std::int64_t received_at = 0;  // seconds since the epoch, from inside the seal
  std::vector<CaseReply> replies;
};

class OfficeService {
 public:
  /// `store`, `audit` and `clock` must outlive the service. Thread-safe.
  OfficeService(store::Store& store, AuditLog& audit, const Clock& clock,
                crypto::OfficeOpener opener);

  static constexpr int kMaxPageSize = 200;

  /// Newest first. Operators see unassigned cases and their own only. kInvalidInput for a
  /// page size outside 1..kMaxPageSize or a negative offset.
  Result<store::CasePage> ListCases(const Actor& actor, const store::CaseFilter& filter);

  /// Decrypts the case, after writing the read to the audit log (no entry, no read).
  /// Operators must have claimed it first. kNotFound, kForbidden, or kInternal if it does
  /// not open.
  Result<CaseDetails> GetCase(const Actor& actor, std::int64_t case_id);

  /// Takes an unassigned case (audited). kConflict if another operator holds it.
  Status ClaimCase(const Actor& actor, std::int64_t case_id);

  /// Deletes the case for good: its key, its sealed fields and its replies, leaving nothing
  /// readable in the database files. Audited first (no entry, no deletion). kNotFound,
  /// kForbidden.
  Status DeleteCase(const Actor& actor, std::int64_t case_id);

  /// Sends `text` to the applicant: sealed to the receipt's reply key (only the applicant
  /// opens it) and, for the office's own record, under the case key.
  Status Reply(const Actor& actor, std::int64_t case_id, std::string_view text);

  /// Seals how the person came into custody under the case key (office_custody.cpp).
  /// Audited without the value. kForbidden without kRecordCustody; kNotFound.
  Status RecordCustody(const Actor& actor, std::int64_t case_id, CustodyCircumstance circumstance);

  /// The sealed circumstance, audited. kForbidden without kReadCustody; kNotFound for no
  /// case or none recorded; kInternal if it does not open.
  Result<CustodyCircumstance> ReadCustody(const Actor& actor, std::int64_t case_id);

 private:
  /// OkStatus if `actor` may work on `stored` now: any case with kWorkAnyCase, else only a
  /// case assigned to them.
  Status CheckAssignment(const Actor& actor, const store::StoredApplication& stored) const;
  Result<crypto::RecordKey> OpenRecordKey(const store::StoredApplication& stored) const;

  store::Store& store_;
  AuditLog& audit_;
  const Clock& clock_;
  const crypto::OfficeOpener opener_;
};

}  // namespace lifeline::app
