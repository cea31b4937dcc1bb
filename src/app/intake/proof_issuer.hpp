#pragma once
// The office's side of the proof of application (application_proof.hpp): it signs and keeps
// the log. It runs where the office secret is held, so an intake issues proofs only where
// it runs beside an office (IntakeOptions::issue_proof), as with duress receipts.

#include <mutex>
#include <string_view>

#include "app/audit/audit_log.hpp"
#include "app/clock.hpp"
#include "app/intake/application_proof.hpp"
#include "crypto/record_sealer.hpp"
#include "crypto/signature.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// The proof log's signing key, derived from the office secret (the same after restarts
/// and key rotation: proofs people hold stay checkable).
crypto::SigningKey ProofSigningKey(const crypto::OfficeOpener& office);

class ProofIssuer {
 public:
  /// `store`, `audit` and `clock` must outlive the issuer. Thread-safe.
  ProofIssuer(store::ApplicationStore& store, AuditLog& audit, const Clock& clock,
              crypto::SigningKey key);

  /// The proof of the application that the receipt `receipt_digits` (whose lookup hash is
  /// `lookup`) opens: the one issued before, or a new entry logged today (audited as
  /// proof_issued "proof:<entry>"). kNotFound for an unknown lookup; kUnavailable for a
  /// duress receipt's, which never gets one, with the words a busy office gives; kInternal
  /// when the stored log is not the office's own (an entry whose signature fails).
  Result<ApplicationProof> ProofFor(const store::Blob32& lookup, std::string_view receipt_digits);
  /// As ProofFor, for a request an intake on its own outbox made: the commitment and its
  /// salt were computed there, where the receipt was typed (the office never sees it).
  Result<ApplicationProof> ProofFor(const store::Blob32& lookup, const store::Blob32& commitment,
                                    const crypto::Bytes& salt);
  /// The proof issued for a case, if any, checked as ProofFor checks it.
  Result<std::optional<ApplicationProof>> ProofOfCase(std::int64_t case_id);

  /// The whole log, checked entry by entry (kInternal naming the first that is not the
  /// office's own): what `lifeline proof log` exports and the head is taken from.
  Result<ProofLog> Log();
  /// The newest entry, if any, checked as Log checks: what the office publishes.
  Result<std::optional<ProofLogEntry>> Newest();

  const crypto::Key32& public_key() const { return key_.public_key; }

 private:
  // The case `lookup` opens, unless it is a duress receipt's (kNotNow) or unknown.
  Result<store::ApplicantView> RealCase(const store::Blob32& lookup);
  Result<ApplicationProof> Issue(std::int64_t case_id, std::chrono::year_month_day received_on,
                                 const store::Blob32& commitment, const crypto::Bytes& salt);
  Result<ApplicationProof> Stored(const store::ProofRecord& record) const;
  Status CheckSigned(const ProofLogEntry& entry) const;

  store::ApplicationStore& store_;
  AuditLog& audit_;
  const Clock& clock_;
  const crypto::SigningKey key_;
  std::mutex append_;  // one append at a time in this process; others are told by kConflict
};

}  // namespace lifeline::app
