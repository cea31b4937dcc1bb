#include "app/intake/collection.hpp"

#include <algorithm>

#include "crypto/receipt_keys.hpp"

namespace lifeline::app {
namespace {

// Whether `office` holds `message` already (an earlier collection whose erase never reached
// the outbox).
Result<bool> Holds(store::ApplicationStore& office, const store::NewMessage& message) {
  auto messages = office.ListMessages(message.case_id);
  if (!messages) return messages.error();
  return std::any_of(messages->begin(), messages->end(), [&](const store::StoredMessage& m) {
    return m.sealed_for_office == message.sealed_for_office;
  });
}

// Whether `lookup` is a receipt of `owner`'s: its own or its duress receipt's (whose messages
// the intake sends like any: the office does not tell the intake which is which).
Result<bool> IsReceiptOf(store::ApplicationStore& office, const store::StoredApplication& owner,
                         const store::Blob32& lookup) {
  if (owner.receipt_lookup == lookup) return true;
  auto duress = office.DuressReceiptOf(owner.id);
  if (!duress) return duress.error();
  return *duress && (*duress)->lookup == lookup;
}

// The stage as the outbox keeps it, sealed: padded to one length, so that the sealed stages
// of a case's two views (its receipt's, and its duress receipt's which always says
// "received") are the same size whatever the stage.
std::string PaddedStage(ApplicantStage stage) {
  std::string text(ToString(stage));
  text.resize(kSealedStageLength, ' ');
  return text;
}

}  // namespace

crypto::SigningKey IntakeLinkKey(const crypto::OfficeOpener& opener) {
  return crypto::SigningKeyFromSeed(opener.DeriveSubkey("lifeline/intake-link/v1"));
}

Result<CollectedIds> StoreCollected(store::ApplicationStore& office,
                                    const store::OutboxBatch& batch) {
  CollectedIds held;
  for (const auto& a : batch.applications) {
    auto ids = office.AppendApplications(std::span(&a.row, 1));
    if (!ids) {
      if (ids.error().code != ErrorCode::kConflict) return ids.error();
      // Its lookup is taken: by this very record, stored by an earlier collection.
      auto there = office.FindByReceiptLookup(a.row.receipt_lookup);
      if (!there) return there.error();
    }
    held.applications.push_back(a.id);
  }
  for (const auto& m : batch.messages) {
    auto owner = office.GetApplication(m.message.case_id);
    if (!owner && owner.error().code != ErrorCode::kNotFound) return owner.error();
    // A case deleted since, or one that did not come through this intake (its lookup differs:
    // an intake taken over could otherwise write into any case by its number): dropped.
    bool theirs = false;
    if (owner) {
      auto is = IsReceiptOf(office, *owner, m.receipt_lookup);
      if (!is) return is.error();
      theirs = *is;
    }
    if (theirs) {
      auto already = Holds(office, m.message);
      if (!already) return already.error();
      if (!*already) {
        if (auto id = office.AddMessage(m.message); !id) return id.error();
      }
      held.message_cases.push_back(m.receipt_lookup);
    }
    held.messages.push_back(m.id);
  }
  return held;
}

Result<std::vector<store::ApplicantViewUpdate>> ViewsFor(store::ApplicationStore& office,
                                                         std::span<const store::Blob32> lookups,
                                                         ProofIssuer* proofs) {
  std::vector<store::ApplicantViewUpdate> views;
  for (const auto& lookup : lookups) {
    auto view = office.FindByReceiptLookup(lookup);
    if (!view) {
      if (view.error().code != ErrorCode::kNotFound) return view.error();
      views.push_back({lookup, {}, true});
      continue;
    }
    auto application = office.GetApplication(view->case_id);
    if (!application) return application.error();
    auto duress = office.DuressReceiptOf(view->case_id);
    if (!duress) return duress.error();
    // A duress receipt's view is the harmless one (status new, as the store gives it), sealed
    // to its own reply key.
    const bool harmless = *duress && (*duress)->lookup == lookup;
    const store::Blob32& reply_key = harmless ? (*duress)->reply_public : application->reply_public;
    // The stage, sealed to the receipt's reply key: the intake keeps it without reading it.
    view->sealed_stage =
        crypto::SealForApplicant(reply_key, PaddedStage(ApplicantStageOf(view->status)));
    if (proofs) {
      auto proof = proofs->ProofOfCase(view->case_id);
      if (!proof) return proof.error();
      if (*proof) {  // the harmless view gets blank padding of the same length
        std::string text = harmless ? std::string() : ProofText(**proof);
        text.resize(kSealedProofLength, ' ');
        view->sealed_proof = crypto::SealForApplicant(reply_key, text);
      }
    }
    view->status = CaseStatus::kNew;  // not sent: the sealed stage stands for it
    views.push_back({lookup, std::move(*view), false});
  }
  return views;
}

}  // namespace lifeline::app
