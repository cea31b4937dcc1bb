#pragma once
// Public intake: what an applicant can do. Runs in the intake role, which holds only the
// office public key: it can seal applications but never open them.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/clock.hpp"
#include "app/group_commit.hpp"
#include "crypto/office_keys.hpp"
#include "crypto/record_sealer.hpp"
#include "domain/application.hpp"
#include "domain/receipt.hpp"
#include "store/store.hpp"

namespace lifeline::app {

struct ApplicantReply {
  std::chrono::year_month_day written_on;
  std::string text;
};

struct ApplicantStatus {
  CaseStatus status = CaseStatus::kNew;
  std::chrono::year_month_day received_on;
  std::vector<ApplicantReply> replies;
};

struct IntakeOptions {
  GroupCommitOptions group_commit;
  std::chrono::milliseconds window_length{1000};  // encryption window (record_sealer.hpp)
  std::size_t window_records = 512;
};

class IntakeService {
 public:
  /// `store` and `clock` must outlive the service. Thread-safe.
  IntakeService(store::ApplicationStore& store, const Clock& clock,
                crypto::OfficePublicKey office_key, crypto::Bytes receipt_salt,
                IntakeOptions options = {});

  using Done = std::function<void(Result<Receipt>)>;

  /// Validates, seals and queues the application; `done` receives the receipt once the
  /// record is durable, or an error: kInvalidInput (nothing stored), kUnavailable (queue
  /// full or shutting down: retry later; nothing stored). `done` may run on another thread,
  /// or on this one before Submit returns.
  void Submit(const ApplicationDraft& draft, Done done);

  /// Seals an already valid application received at `received_at` (the demo data uses
  /// this to spread applications over past months). Same `done` contract as Submit.
  void SubmitValid(const ValidApplication& application, std::chrono::sys_seconds received_at,
                   Done done);

  /// What the receipt holder may see. kNotFound for a malformed or unknown receipt alike,
  /// with one message, so that the answer says nothing about why.
  Result<ApplicantStatus> CheckStatus(std::string_view typed_receipt);

  /// Commits and answers everything queued; later submissions get kUnavailable.
  void Stop();

 private:
  store::ApplicationStore& store_;
  const Clock& clock_;
  const crypto::Bytes receipt_salt_;
  crypto::IntakeSealer sealer_;
  GroupCommitWriter writer_;
};

}  // namespace lifeline::app
