#pragma once
// Public intake: what an applicant can do. Runs in the intake role, which holds only the
// office public key: it can seal applications but never open them.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/clock.hpp"
#include "app/intake/group_commit.hpp"
#include "app/worker_pool.hpp"
#include "crypto/office_keys.hpp"
#include "crypto/receipt_keys.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/application.hpp"
#include "domain/receipt.hpp"
#include "store/outbox_records.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// One message of the conversation as the applicant sees it.
struct ApplicantMessage {
  std::chrono::year_month_day written_on;
  bool from_applicant = false;  // else from the office
  std::string text;
};

struct ApplicantStatus {
  ApplicantStage stage = ApplicantStage::kReceived;  // never the internal status
  std::chrono::year_month_day received_on;
  std::vector<ApplicantMessage> messages;  // oldest first
};

struct IntakeOptions {
  GroupCommitOptions group_commit;
  std::chrono::milliseconds window_length{1000};  // encryption window (record_sealer.hpp)
  std::size_t window_records = 512;
  // The receipt hash runs on its own threads (0: one per core). At most `max_waiting_hashes`
  // submissions and status checks wait for one; past that they are refused at once with
  // kUnavailable, so a surge gets quick 503s with Retry-After instead of unbounded waits.
  // At about 300 hashes a second on two cores, 256 waiting means under a second's wait.
  std::size_t hash_threads = 0;
  std::size_t max_waiting_hashes = 256;
  // Told the lookup hash of every receipt whose status was checked, real or duress alike, on
  // a hash thread after the answer was given (the office decides which was which:
  // OfficeService::NoteStatusCheck; hand it on rather than write from here, which would hold
  // the hash thread). Only with it are duress receipts issued: without it nobody hears them.
  std::function<void(const store::Blob32& lookup)> on_status_check;
  // Issues the proof of application of the receipt whose lookup hash is given, as its text
  // (ProofIssuer::ProofFor, where an office runs beside the intake); called on a hash thread.
  // Only with it are proofs offered.
  std::function<Result<std::string>(const store::Blob32& lookup, std::string_view receipt_digits)>
      issue_proof;
  // Where no office signs here (an intake on its own outbox): keeps a request for a proof, as
  // the lookup, a commitment to the receipt and its salt, for the office to answer in the
  // receipt's view. Called on a hash thread. Proofs are offered with either.
  std::function<Status(const store::OutboxProofRequest& request)> request_proof;
};

/// An application sealed for the store, and the receipt that finds it (shown once, never kept).
struct SealedApplication {
  store::NewApplication row;
  Receipt receipt;  // with duress_digits when the application asked for a duress receipt
};

/// The intake path every channel shares: draws a receipt, derives its lookup hash and reply
/// key (memory-hard: call it off the HTTP threads), and seals the identifying fields through
/// `sealer`, bound to the lookup hash. Thread-safe if `sealer` is.
SealedApplication SealApplication(crypto::IntakeSealer& sealer, const crypto::Bytes& receipt_salt,
                                  const ValidApplication& application,
                                  std::chrono::sys_seconds received_at);

/// The row SealApplication makes, for a lookup hash and reply key already chosen (an
/// imported record's, which no receipt opens: app/intake/importer.hpp).
store::NewApplication SealWithLookup(crypto::IntakeSealer& sealer,
                                     const ValidApplication& application,
                                     std::chrono::sys_seconds received_at,
                                     const store::Blob32& lookup,
                                     const store::Blob32& reply_public);

class IntakeService {
 public:
  /// `store` and `clock` must outlive the service. Thread-safe.
  IntakeService(store::IntakeStore& store, const Clock& clock, crypto::OfficePublicKey office_key,
                crypto::Bytes receipt_salt, IntakeOptions options = {});

  using Done = std::function<void(Result<Receipt>)>;

  /// Validates (on this thread), then hashes the receipt, seals and queues the application
  /// on the hash threads; `done` receives the receipt once the record is durable, or an
  /// error: kInvalidInput (nothing stored), kUnavailable (too busy or shutting down: retry
  /// later; nothing stored). `done` runs exactly once, on any thread, possibly before
  /// Submit returns.
  void Submit(const ApplicationDraft& draft, Done done);
  /// What Submit checks first, alone: the application as it would be stored, or why not.
  /// A caller that validated first (to show the person something) stores the result with
  /// SubmitValid(application, Now(), done), not Submit, which would check it again.
  Result<ValidApplication> Validate(const ApplicationDraft& draft) const {
    return ValidateApplication(draft, clock_.Today());
  }
  std::chrono::sys_seconds Now() const { return clock_.Now(); }

  /// Seals an already valid application received at `received_at` (the demo data uses
  /// this to spread applications over past months). Same `done` contract as Submit.
  void SubmitValid(const ValidApplication& application, std::chrono::sys_seconds received_at,
                   Done done);

  using StatusDone = std::function<void(Result<ApplicantStatus>)>;

  /// What the receipt holder may see, computed on the hash threads. kNotFound for a
  /// malformed or unknown receipt alike, with one message, so that the answer says nothing
  /// about why; kUnavailable when too busy. `done` runs exactly once, on any thread.
  void CheckStatus(std::string_view typed_receipt, StatusDone done);

  /// Seals `text` for the office (the intake role cannot open it again) and for the
  /// applicant, and stores it in the receipt's case. kInvalidInput for a bad text (checked
  /// first, on this thread); kNotFound for a malformed or unknown receipt alike;
  /// kRateLimited past kMaxApplicantMessagesPerDay; kUnavailable when too busy. `done` runs
  /// exactly once, on any thread.
  void SendMessage(std::string_view typed_receipt, std::string text,
                   std::function<void(Status)> done);

  /// The proof of application of the receipt's case, as text (issued now if it has none),
  /// on the hash threads. kNotFound for a malformed or unknown receipt alike; kUnavailable
  /// when too busy, when this intake issues no proofs, and for a duress receipt (which never
  /// gets one). `done` runs exactly once, on any thread.
  void RequestProof(std::string_view typed_receipt, std::function<void(Result<std::string>)> done);

  /// Whether this intake issues duress receipts (it tells the office of status checks).
  bool IssuesDuressReceipts() const { return static_cast<bool>(on_status_check_); }
  /// Whether this intake issues proofs of application (an office signs them).
  bool IssuesProofs() const { return issue_proof_ || request_proof_; }

  /// Submissions and status checks waiting for a receipt hash (for /metrics).
  std::size_t WaitingHashes() { return hashers_.Queued(); }

  /// Finishes the hashes already accepted, then commits and answers everything queued;
  /// later submissions and checks get kUnavailable.
  void Stop();

 private:
  void SealAndQueue(const ValidApplication& application, std::chrono::sys_seconds received_at,
                    Done done);
  /// Also sets `lookup` to the receipt's lookup hash.
  Result<ApplicantStatus> LookUp(const Receipt& receipt, store::Blob32& lookup);
  Status StoreMessage(const Receipt& receipt, const std::string& text);

  store::IntakeStore& store_;
  const Clock& clock_;
  const crypto::Bytes receipt_salt_;
  crypto::IntakeSealer sealer_;
  std::function<void(const store::Blob32&)> on_status_check_;
  decltype(IntakeOptions::issue_proof) issue_proof_;
  decltype(IntakeOptions::request_proof) request_proof_;
  /// The proof by the means this intake has: issued at once, or shown from the view and else
  /// asked of the office (kUnavailable: to be asked for again later).
  Result<std::string> ProofOf(const crypto::ReceiptKeys& keys, std::string_view digits);
  /// Asks the office, through request_proof_, for the proof of the receipt with `lookup`:
  /// a commitment to `digits` under a fresh salt (the receipt itself never leaves).
  Status AskOfficeForProof(const store::Blob32& lookup, std::string_view digits);
  GroupCommitWriter writer_;
  WorkerPool hashers_;  // declared last: destroyed first, while the writer still accepts
};

}  // namespace lifeline::app
