#pragma once
// Public intake (the internet-facing side): the JSON API and the no-JavaScript pages.
// Nothing here logs, and nothing about the client (address, user agent) is kept.

#include "app/intake/intake.hpp"
#include "app/intake/proof_issuer.hpp"
#include "server/http.hpp"

namespace lifeline::server {

/// Adds GET and POST / (where the pages' forms post, public_pages.hpp), /apply, /status,
/// /status/message, /legal, /static/style.css, POST /api/v1/applications,
/// /api/v1/applicant/status and /api/v1/applicant/messages, every answer but the style sheet
/// padded (response_padding.hpp). `intake` must outlive the router.
void AddPublicRoutes(Router& router, app::IntakeService& intake);

/// Adds GET /api/v1/proofs/head: the proof log's published head (application_proof.hpp),
/// as {"office_key", "entries", "head", "newest"} where "newest" is the newest entry's log
/// line, so that the head is checked against a signature. Not padded: it is the same for
/// everyone. `proofs` must outlive the router.
void AddProofLogRoute(Router& router, app::ProofIssuer& proofs);

}  // namespace lifeline::server
