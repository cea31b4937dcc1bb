#pragma once
// Public intake (the internet-facing side): the JSON API and the no-JavaScript pages.
// Nothing here logs, and nothing about the client (address, user agent) is kept.

#include "app/intake/intake.hpp"
#include "server/http.hpp"

namespace lifeline::server {

/// Adds /, /apply, /status, /static/style.css, POST /api/v1/applications and
/// POST /api/v1/applicant/status. `intake` must outlive the router.
void AddPublicRoutes(Router& router, app::IntakeService& intake);

}  // namespace lifeline::server
