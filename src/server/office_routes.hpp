#pragma once
// The office side: every route behind a sign-in, JSON API and console pages. Each module keeps
// its routes in its folder (accounts/, cases/, audit/, contact_centre/, camp/, abroad/,
// channels/); AddOfficeRoutes wires them to the services.

#include "app/abroad/abroad.hpp"
#include "app/accounts/account_admin.hpp"
#include "app/accounts/sessions.hpp"
#include "app/accounts/two_factor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/camp/camp.hpp"
#include "app/cases/office.hpp"
#include "app/channels/channel_conversations.hpp"
#include "app/contact_centre/contact_centre.hpp"
#include "server/http.hpp"

namespace lifeline::app {
class ChannelConversations;
}

namespace lifeline::server {

class WallboardFeed;

struct OfficeRouteOptions {
  bool secure_cookies = false;                          // set behind TLS: adds the Secure attribute
  app::ContactCentreService* contact_centre = nullptr;  // the contact centre's routes, if it runs
  WallboardFeed* wallboard_feed = nullptr;  // the live wallboard, with the contact centre
  app::CampService* camp = nullptr;         // the camps' registry and books, if they run
  app::AbroadService* abroad = nullptr;     // help abroad, if it runs
  app::ChannelConversations* conversations =
      nullptr;                            // SMS and messenger conversations, if they run
  app::AccountAdmin* accounts = nullptr;  // account administration (with the office)
};

/// Adds /api/v1/session, /api/v1/cases…, /api/v1/audit, /console/…; the services must
/// outlive the router.
void AddOfficeRoutes(Router& router, app::OfficeService& office, app::Sessions& sessions,
                     app::AuditLog& audit, app::TwoFactor& two_factor, OfficeRouteOptions options);

}  // namespace lifeline::server
