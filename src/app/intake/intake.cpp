#include "app/intake/intake.hpp"

#include <thread>

#include "app/cases/conversation.hpp"
#include "app/sealed_fields.hpp"
#include "crypto/crypto.hpp"
#include "crypto/receipt_keys.hpp"
#include "crypto/stack_wipe.hpp"

namespace lifeline::app {
namespace {

const Error kUnknownReceipt{ErrorCode::kNotFound, "no application matches that receipt"};
const Error kBusy{ErrorCode::kUnavailable,
                  "the hotline is very busy right now; please send again in a few seconds"};

std::string_view AsText(const store::Blob32& key) {
  return {reinterpret_cast<const char*>(key.data()), key.size()};
}

// What the office sealed into a view, without the spaces it was padded with (collection.hpp).
std::string_view Unpadded(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

std::size_t ThreadsOr(std::size_t wanted) {
  return wanted ? wanted : std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

IntakeService::IntakeService(store::IntakeStore& store, const Clock& clock,
                             crypto::OfficePublicKey office_key, crypto::Bytes receipt_salt,
                             IntakeOptions options)
    : store_(store),
      clock_(clock),
      receipt_salt_(std::move(receipt_salt)),
      sealer_(office_key, options.window_length, options.window_records),
      on_status_check_(std::move(options.on_status_check)),
      issue_proof_(std::move(options.issue_proof)),
      request_proof_(std::move(options.request_proof)),
      writer_(store, options.group_commit, [this] { sealer_.CloseExpiredWindow(); }),
      hashers_(ThreadsOr(options.hash_threads), options.max_waiting_hashes) {}

void IntakeService::Submit(const ApplicationDraft& draft, Done done) {
  auto valid = ValidateApplication(draft, clock_.Today());
  if (!valid) {
    done(valid.error());
    return;
  }
  SubmitValid(*valid, clock_.Now(), std::move(done));
}

void IntakeService::SubmitValid(const ValidApplication& application,
                                std::chrono::sys_seconds received_at, Done done) {
  if (application.duress_receipt && !IssuesDuressReceipts()) {
    done(InvalidInput("duress_receipt: this intake does not issue duress receipts",
                      "duress_receipt"));
    return;
  }
  if (application.proof && !IssuesProofs()) {
    done(InvalidInput("proof: this intake does not issue proofs of application", "proof"));
    return;
  }
  auto shared_done = std::make_shared<Done>(std::move(done));
  const bool accepted = hashers_.TrySubmit([this, application, received_at, shared_done] {
    SealAndQueue(application, received_at, std::move(*shared_done));
    crypto::WipeStackBelow();  // encoding and sealing the fields left copies in their frames
  });
  if (!accepted) (*shared_done)(kBusy);
}

SealedApplication SealApplication(crypto::IntakeSealer& sealer, const crypto::Bytes& receipt_salt,
                                  const ValidApplication& application,
                                  std::chrono::sys_seconds received_at) {
  Receipt receipt{crypto::RandomDigits(kReceiptDigits)};
  const crypto::ReceiptKeys keys = crypto::DeriveReceiptKeys(receipt.digits, receipt_salt);
  SealedApplication sealed{
      SealWithLookup(sealer, application, received_at, keys.lookup, keys.reply_public),
      std::move(receipt)};
  if (application.duress_receipt) {
    // A second, independent receipt: nothing in either tells of the other.
    sealed.receipt.duress_digits = crypto::RandomDigits(kReceiptDigits);
    const crypto::ReceiptKeys duress =
        crypto::DeriveReceiptKeys(sealed.receipt.duress_digits, receipt_salt);
    sealed.row.duress = store::DuressReceipt{duress.lookup, duress.reply_public};
  }
  return sealed;
}

store::NewApplication SealWithLookup(crypto::IntakeSealer& sealer,
                                     const ValidApplication& application,
                                     std::chrono::sys_seconds received_at,
                                     const store::Blob32& lookup,
                                     const store::Blob32& reply_public) {
  store::NewApplication row;
  row.clear = application.clear;
  row.received_on = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(received_at)};
  row.receipt_lookup = lookup;
  row.reply_public = reply_public;
  // The lookup hash is unique per record: binding the seal to it stops ciphertexts being
  // moved between rows.
  const crypto::SecretBytes plaintext =
      EncodeSealedFields(application.identifying, received_at.time_since_epoch().count());
  crypto::SealedRecord sealed = sealer.Seal(plaintext.view(), AsText(lookup));
  row.ephemeral_public = sealed.ephemeral_public;
  row.key_generation = sealed.key_generation;
  row.wrapped_key = std::move(sealed.wrapped_key);
  row.sealed_fields = std::move(sealed.ciphertext);
  return row;
}

// Runs on a hash thread: the memory-hard receipt hash, then sealing, then the commit queue.
void IntakeService::SealAndQueue(const ValidApplication& application,
                                 std::chrono::sys_seconds received_at, Done done) {
  SealedApplication sealed = SealApplication(sealer_, receipt_salt_, application, received_at);
  auto shared_done = std::make_shared<Done>(std::move(done));
  const store::Blob32 lookup = sealed.row.receipt_lookup;
  const bool queued = writer_.Enqueue(
      std::move(sealed.row), [this, shared_done, lookup, proof = application.proof,
                              receipt = std::move(sealed.receipt)](Result<std::int64_t> id) {
        if (id.ok() && proof) {
          // Off the writer's thread. The application is stored whatever happens to the proof:
          // without one, the person is told to ask for it on the status page.
          const bool accepted = hashers_.TrySubmit([this, shared_done, lookup, receipt] {
            Receipt answer = receipt;
            if (issue_proof_) {
              if (auto text = issue_proof_(lookup, receipt.digits); text.ok()) answer.proof = *text;
            } else {  // asked of the office: the person fetches it on the status page
              (void)AskOfficeForProof(lookup, receipt.digits);
            }
            (*shared_done)(std::move(answer));
          });
          if (!accepted) (*shared_done)(receipt);
        } else if (id.ok()) {
          (*shared_done)(receipt);
        } else if (id.error().code == ErrorCode::kConflict) {
          (*shared_done)(Error{ErrorCode::kUnavailable, "please send the application again"});
        } else {
          (*shared_done)(id.error());
        }
      });
  if (!queued) (*shared_done)(kBusy);
}

void IntakeService::CheckStatus(std::string_view typed_receipt, StatusDone done) {
  auto receipt = ParseReceipt(typed_receipt);
  if (!receipt) {
    done(kUnknownReceipt);
    return;
  }
  auto shared_done = std::make_shared<StatusDone>(std::move(done));
  const bool accepted = hashers_.TrySubmit([this, receipt = std::move(*receipt), shared_done] {
    store::Blob32 lookup{};
    auto status = LookUp(receipt, lookup);
    const bool found = status.ok();
    (*shared_done)(std::move(status));
    // After the answer, so that what the office does with it cannot show in its timing.
    if (found && on_status_check_) on_status_check_(lookup);
  });
  if (!accepted) (*shared_done)(kBusy);
}

Result<ApplicantStatus> IntakeService::LookUp(const Receipt& receipt, store::Blob32& lookup) {
  const crypto::ReceiptKeys keys = crypto::DeriveReceiptKeys(receipt.digits, receipt_salt_);
  lookup = keys.lookup;
  auto view = store_.FindByReceiptLookup(keys.lookup);
  if (!view) return view.error().code == ErrorCode::kNotFound ? kUnknownReceipt : view.error();
  ApplicantStatus status;
  status.stage = ApplicantStageOf(view->status);
  if (!view->sealed_stage.empty()) {  // an outbox's view: only the receipt opens its stage
    crypto::SecretBytes stage;
    if (!crypto::OpenForApplicant(keys, view->sealed_stage, stage))
      return Error{ErrorCode::kInternal, "the application's state does not open"};
    const std::string_view name = Unpadded(stage.view());
    for (auto s : {ApplicantStage::kReceived, ApplicantStage::kInProgress, ApplicantStage::kClosed})
      if (ToString(s) == name) status.stage = s;
  }
  status.received_on = view->received_on;
  // A duress receipt's view holds the case's messages too, sealed to the real receipt: each
  // is tried, and fails, at the same cost as opening it.
  for (const auto& message : view->messages) {
    crypto::SecretBytes text;
    if (crypto::OpenForApplicant(keys, message.sealed_for_applicant, text)) {
      status.messages.push_back(
          {message.created_on, !message.author_user_id, std::string(text.view())});
    }
  }
  return status;
}

void IntakeService::RequestProof(std::string_view typed_receipt,
                                 std::function<void(Result<std::string>)> done) {
  auto receipt = ParseReceipt(typed_receipt);
  if (!receipt) {
    done(kUnknownReceipt);
    return;
  }
  if (!IssuesProofs()) {
    done(Error{ErrorCode::kUnavailable, "this intake does not issue proofs of application"});
    return;
  }
  auto shared_done = std::make_shared<std::function<void(Result<std::string>)>>(std::move(done));
  const bool accepted = hashers_.TrySubmit([this, receipt = std::move(*receipt), shared_done] {
    const crypto::ReceiptKeys keys = crypto::DeriveReceiptKeys(receipt.digits, receipt_salt_);
    auto proof = ProofOf(keys, receipt.digits);
    if (!proof && proof.error().code == ErrorCode::kNotFound)
      return (*shared_done)(kUnknownReceipt);
    (*shared_done)(std::move(proof));
  });
  if (!accepted) (*shared_done)(kBusy);
}

Result<std::string> IntakeService::ProofOf(const crypto::ReceiptKeys& keys,
                                           std::string_view digits) {
  if (issue_proof_) return issue_proof_(keys.lookup, digits);
  auto view = store_.FindByReceiptLookup(keys.lookup);
  if (!view) return view.error();
  crypto::SecretBytes text;
  if (!view->sealed_proof.empty() && crypto::OpenForApplicant(keys, view->sealed_proof, text)) {
    if (const std::string_view proof = Unpadded(text.view()); !proof.empty())
      return std::string(proof);
  }
  // Not here (yet): asked of the office, which sends it back in the view. A duress receipt's
  // request is made alike, and the office lets it go.
  if (auto asked = AskOfficeForProof(keys.lookup, digits); !asked) return asked.error();
  return Error{ErrorCode::kUnavailable, "the proof is being issued; please ask again in a minute"};
}

Status IntakeService::AskOfficeForProof(const store::Blob32& lookup, std::string_view digits) {
  const crypto::Bytes salt = crypto::RandomBytes(crypto::kReceiptSaltBytes);
  return request_proof_({0, lookup, crypto::CommitToReceipt(digits, salt), salt});
}

void IntakeService::SendMessage(std::string_view typed_receipt, std::string text,
                                std::function<void(Status)> done) {
  if (auto ok = CheckMessageText(text, "text"); !ok) {
    done(ok);
    return;
  }
  auto receipt = ParseReceipt(typed_receipt);
  if (!receipt) {
    done(kUnknownReceipt);
    return;
  }
  auto shared_done = std::make_shared<std::function<void(Status)>>(std::move(done));
  const bool accepted =
      hashers_.TrySubmit([this, receipt = std::move(*receipt), text = std::move(text),
                          shared_done] { (*shared_done)(StoreMessage(receipt, text)); });
  if (!accepted) (*shared_done)(kBusy);
}

Status IntakeService::StoreMessage(const Receipt& receipt, const std::string& text) {
  const crypto::ReceiptKeys keys = crypto::DeriveReceiptKeys(receipt.digits, receipt_salt_);
  auto view = store_.FindByReceiptLookup(keys.lookup);
  if (!view) return view.error().code == ErrorCode::kNotFound ? kUnknownReceipt : view.error();
  const auto today = clock_.Today();
  auto sent_today = store_.CountApplicantMessages(view->case_id, today);
  if (!sent_today) return sent_today.error();
  if (*sent_today >= kMaxApplicantMessagesPerDay) {
    return Error{ErrorCode::kRateLimited,
                 "you have sent many messages today; please write again tomorrow"};
  }
  crypto::SealedRecord sealed = sealer_.Seal(text, ApplicantMessageAssociated(view->case_id));
  store::NewMessage message{
      .case_id = view->case_id,
      .created_on = today,
      .sealed_for_applicant = crypto::SealForApplicant(keys.reply_public, text),
      .sealed_for_office = std::move(sealed.ciphertext),
      .wrapping = store::OfficeWrapping{sealed.key_generation, sealed.ephemeral_public,
                                        std::move(sealed.wrapped_key)}};
  if (auto id = store_.AddMessage(message); !id) return id.error();
  return OkStatus();
}

void IntakeService::Stop() {
  hashers_.Stop();  // finishes accepted hashes; their records reach the writer's queue
  writer_.Stop();   // commits and answers them
}

}  // namespace lifeline::app
