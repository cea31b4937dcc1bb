#pragma once
// What passes between an intake host's outbox (store/sqlite/outbox_store.hpp) and the office
// that collects from it (app/intake/collection.hpp).

#include <cstdint>
#include <vector>

#include "store/records.hpp"

namespace lifeline::store {

/// An application waiting for the office, with the outbox's own id for it.
struct OutboxApplication {
  std::int64_t id = 0;
  NewApplication row;
};

/// An applicant's message waiting for the office. Its case_id is the office's case, and
/// receipt_lookup that case's lookup, which the office checks: an intake can write only into
/// cases that came to it.
struct OutboxMessage {
  std::int64_t id = 0;
  Blob32 receipt_lookup{};
  NewMessage message;
};

/// A status check the intake answered, for the office to note (duress receipts).
struct OutboxCheck {
  std::int64_t id = 0;
  Blob32 receipt_lookup{};
};

/// An applicant's request for a proof of application, made at an intake that cannot sign
/// one: the commitment to the receipt and its salt, computed there (app/intake/
/// application_proof.hpp). The office issues the proof and sends it back in the view.
struct OutboxProofRequest {
  std::int64_t id = 0;
  Blob32 receipt_lookup{};
  Blob32 commitment{};
  Blob salt;
};

struct OutboxBatch {
  std::vector<OutboxApplication> applications;     // oldest first
  std::vector<OutboxMessage> messages;             // oldest first
  std::vector<OutboxCheck> checks;                 // oldest first
  std::vector<OutboxProofRequest> proof_requests;  // oldest first
};

/// What the office sends back for one collected application: its case id there and what the
/// applicant may see. The outbox keeps `view.sealed_stage` (never `view.status`), and of each
/// message its day, whether the applicant wrote it, and its sealed_for_applicant.
struct ApplicantViewUpdate {
  Blob32 receipt_lookup{};
  ApplicantView view;
  bool gone = false;  // the office deleted the case: the outbox forgets its view
};

}  // namespace lifeline::store
