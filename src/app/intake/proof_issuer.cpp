#include "app/intake/proof_issuer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "crypto/crypto.hpp"
#include "crypto/receipt_keys.hpp"

namespace lifeline::app {
namespace {

// A duress receipt's request is refused with the words of a passing failure, so that what
// the person is made to show looks ordinary (docs/security.md, "Duress receipts").
const Error kNotNow{ErrorCode::kUnavailable,
                    "the proof cannot be issued right now; please ask again later"};

constexpr int kAppendAttempts = 5;  // other office processes appending at the same moment

}  // namespace

crypto::SigningKey ProofSigningKey(const crypto::OfficeOpener& office) {
  return crypto::SigningKeyFromSeed(office.DeriveSubkey("lifeline/proof-of-application/v1"));
}

ProofIssuer::ProofIssuer(store::ApplicationStore& store, AuditLog& audit, const Clock& clock,
                         crypto::SigningKey key)
    : store_(store), audit_(audit), clock_(clock), key_(std::move(key)) {}

Result<store::ApplicantView> ProofIssuer::RealCase(const store::Blob32& lookup) {
  auto duress = store_.CaseOfDuressLookup(lookup);
  if (!duress) return duress.error();
  if (*duress) return kNotNow;
  return store_.FindByReceiptLookup(lookup);
}

Result<ApplicationProof> ProofIssuer::ProofFor(const store::Blob32& lookup,
                                               std::string_view receipt_digits) {
  const crypto::Bytes salt = crypto::RandomBytes(crypto::kReceiptSaltBytes);
  auto view = RealCase(lookup);
  if (!view) {
    // A duress receipt's refusal costs the commitment a new proof costs, so that it does not
    // come back at once.
    if (view.error().code == kNotNow.code) (void)crypto::CommitToReceipt(receipt_digits, salt);
    return view.error();
  }
  auto issued = ProofOfCase(view->case_id);
  if (!issued) return issued.error();
  if (*issued) return **issued;
  return Issue(view->case_id, view->received_on, crypto::CommitToReceipt(receipt_digits, salt),
               salt);
}

Result<ApplicationProof> ProofIssuer::ProofFor(const store::Blob32& lookup,
                                               const store::Blob32& commitment,
                                               const crypto::Bytes& salt) {
  if (salt.size() != crypto::kReceiptSaltBytes)
    return InvalidInput("the commitment's salt has the wrong length", "salt");
  auto view = RealCase(lookup);
  if (!view) return view.error();
  auto issued = ProofOfCase(view->case_id);
  if (!issued) return issued.error();
  if (*issued) return **issued;
  return Issue(view->case_id, view->received_on, commitment, salt);
}

Result<std::optional<ApplicationProof>> ProofIssuer::ProofOfCase(std::int64_t case_id) {
  auto issued = store_.ProofOfCase(case_id);
  if (!issued) return issued.error();
  if (!*issued) return std::optional<ApplicationProof>();
  auto proof = Stored(**issued);
  if (!proof) return proof.error();
  return std::optional<ApplicationProof>(std::move(*proof));
}

Result<ApplicationProof> ProofIssuer::Issue(std::int64_t case_id,
                                            std::chrono::year_month_day received_on,
                                            const store::Blob32& commitment,
                                            const crypto::Bytes& salt) {
  ApplicationProof proof{.office_key = key_.public_key, .salt = salt};
  proof.entry.statement.commitment = commitment;
  proof.entry.statement.received_on = received_on;
  std::lock_guard lock(append_);
  for (int attempt = 0; attempt < kAppendAttempts; ++attempt) {
    auto newest = Newest();
    if (!newest) return newest.error();
    ProofStatement& s = proof.entry.statement;
    s.entry = *newest ? (*newest)->statement.entry + 1 : 1;
    s.previous = *newest ? EntryHash(**newest) : store::Blob32{};
    // Never before the entry it follows (another office process's clock, a clock set back):
    // the log's days only move forward.
    s.logged_on =
        *newest ? std::max(clock_.Today(), (*newest)->statement.logged_on) : clock_.Today();
    proof.entry.signature = crypto::Sign(key_, SignedStatement(s));
    const Status appended = store_.AppendProof(
        {.seq = s.entry,
         .case_id = case_id,
         .logged_on = s.logged_on,
         .received_on = s.received_on,
         .commitment = s.commitment,
         .salt = proof.salt,
         .previous = s.previous,
         .signature = crypto::Bytes(proof.entry.signature.begin(), proof.entry.signature.end())});
    if (appended.ok()) {
      // After the append: an entry whose audit line failed is still the case's, and the
      // next request shows it; a proof is never shown unaudited.
      if (auto audited =
              audit_.Record({0, "", AuditAction::kProofIssued, fmt::format("proof:{}", s.entry)});
          !audited)
        return audited.error();
      return proof;
    }
    if (appended.error().code != ErrorCode::kConflict) return appended.error();
    // Another request for this case may have won; else another case took the entry number.
    auto issued = store_.ProofOfCase(case_id);
    if (!issued) return issued.error();
    if (*issued) return Stored(**issued);
  }
  return kNotNow;
}

Result<ApplicationProof> ProofIssuer::Stored(const store::ProofRecord& record) const {
  ApplicationProof proof{
      .entry = EntryOf(record), .office_key = key_.public_key, .salt = record.salt};
  if (auto signed_ = CheckSigned(proof.entry); !signed_) return signed_.error();
  if (proof.salt.size() != crypto::kReceiptSaltBytes)
    return Error{ErrorCode::kInternal, "a stored proof has lost its salt"};
  return proof;
}

Status ProofIssuer::CheckSigned(const ProofLogEntry& entry) const {
  if (crypto::VerifySignature(key_.public_key, entry.signature, SignedStatement(entry.statement)))
    return OkStatus();
  return Error{ErrorCode::kInternal,
               fmt::format("proof log entry {} is not the office's own: its signature fails",
                           entry.statement.entry)};
}

Result<std::optional<ProofLogEntry>> ProofIssuer::Newest() {
  auto last = store_.LastProof();
  if (!last) return last.error();
  if (!*last) return std::optional<ProofLogEntry>();
  ProofLogEntry entry = EntryOf(**last);
  if (auto signed_ = CheckSigned(entry); !signed_) return signed_.error();
  return std::optional<ProofLogEntry>(entry);
}

Result<ProofLog> ProofIssuer::Log() {
  ProofLog log{.office_key = key_.public_key, .entries = {}};
  constexpr int kPage = 1000;
  for (std::int64_t after = 0;;) {
    auto page = store_.ListProofs(after, kPage);
    if (!page) return page.error();
    for (const store::ProofRecord& record : *page) {
      log.entries.push_back(EntryOf(record));
      if (auto signed_ = CheckSigned(log.entries.back()); !signed_) return signed_.error();
    }
    if (static_cast<int>(page->size()) < kPage) break;
    after = page->back().seq;
  }
  if (auto chain = VerifyProofLog(log); !chain)
    return Error{ErrorCode::kInternal, chain.error().message};
  return log;
}

}  // namespace lifeline::app
