#pragma once
// The office's half of collecting from an intake host's outbox (issue 21; docs/security.md
// "Intake on its own store"). The office asks the outbox for what waits
// (store::OutboxBatch), stores it with StoreCollected, tells the outbox to erase what is now
// stored, and sends back what each applicant may see (ViewsFor). A link that fails anywhere
// in between loses nothing (the outbox erases only what the office confirmed) and
// duplicates nothing (StoreCollected recognises a record it already holds), so the office
// may simply ask again.

#include <span>
#include <vector>

#include "app/intake/proof_issuer.hpp"
#include "crypto/record_sealer.hpp"
#include "crypto/signature.hpp"
#include "store/outbox_records.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// The length a view's stage is padded to with spaces before it is sealed (every stage's
/// name fits).
inline constexpr std::size_t kSealedStageLength = 16;
/// The length a view's proof of application is padded to with spaces before it is sealed.
inline constexpr std::size_t kSealedProofLength = 1024;

/// The office's key for the intake link (channels/intake_link/): only the holder of the office
/// secret can derive it, and rotating the office key does not change it.
crypto::SigningKey IntakeLinkKey(const crypto::OfficeOpener& opener);

/// The outbox ids the office now holds (durably): safe to erase there.
struct CollectedIds {
  std::vector<std::int64_t> applications;
  std::vector<std::int64_t> messages;
  // The receipt lookups of the cases that messages went into (or were there already): the
  // views to send back. A dropped message's case is not among them.
  std::vector<store::Blob32> message_cases;
};

/// Stores each application and message of `batch` in `office` unless it is there already:
/// an application by its receipt lookup (unique), a message by its sealed text (each one's
/// ciphertext is unique) within its case. A message whose case the office no longer has (it
/// was deleted), or whose receipt lookup is not its case's (the intake did not receive that
/// case), is dropped and reported as held, so that the outbox lets go of it too. Any
/// other failure stops at that record: what came before it is held and reported.
Result<CollectedIds> StoreCollected(store::ApplicationStore& office,
                                    const store::OutboxBatch& batch);

/// What the applicants behind `lookups` may see, from the office's store, for the outbox (the
/// stage sealed to each receipt's reply key, in sealed_stage); a
/// lookup the office no longer holds (the case was deleted) comes back `gone`, so that the
/// outbox forgets it too.
/// With `proofs`, a case's proof of application goes in its receipt's view, sealed and padded
/// to kSealedProofLength, and a padding of the same length in its duress receipt's view.
Result<std::vector<store::ApplicantViewUpdate>> ViewsFor(store::ApplicationStore& office,
                                                         std::span<const store::Blob32> lookups,
                                                         ProofIssuer* proofs = nullptr);

}  // namespace lifeline::app
