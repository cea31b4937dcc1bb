#pragma once
// Public intake (the internet-facing side): the JSON API and the no-JavaScript pages.
// Nothing here logs, and nothing about the client (address, user agent) is kept.

#include "app/intake/intake.hpp"
#include "server/http.hpp"

namespace lifeline::server {

/// Adds GET and POST / (where the pages' forms post, public_pages.hpp), /apply, /status,
/// /status/message, /legal, /static/style.css, POST /api/v1/applications,
/// /api/v1/applicant/status and /api/v1/applicant/messages, every answer but the style sheet
/// padded (response_padding.hpp). `intake` must outlive the router.
void AddPublicRoutes(Router& router, app::IntakeService& intake);

}  // namespace lifeline::server
