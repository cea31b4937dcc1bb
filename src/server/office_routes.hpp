#pragma once
// The office side: operator sign-in, the JSON case API and the console pages (no script).

#include "app/audit_log.hpp"
#include "app/office.hpp"
#include "app/sessions.hpp"
#include "app/two_factor.hpp"
#include "server/http.hpp"

namespace lifeline::server {

struct OfficeRouteOptions {
  bool secure_cookies = false;  // set behind TLS: adds the Secure attribute
};

/// Adds /api/v1/session, /api/v1/cases…, /api/v1/audit, /console/…; the services must
/// outlive the router.
void AddOfficeRoutes(Router& router, app::OfficeService& office, app::Sessions& sessions,
                     app::AuditLog& audit, app::TwoFactor& two_factor, OfficeRouteOptions options);

}  // namespace lifeline::server
