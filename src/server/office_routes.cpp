#include "server/office_routes.hpp"

#include "server/console_assets.hpp"
#include "server/office_route_support.hpp"

namespace lifeline::server {
namespace {

using namespace office;

// The console's scripts: public code (Chart.js and lifeline's own), so no session is needed.
void ServeConsoleAsset(Context&, Request& request, Respond respond) {
  auto asset = FindConsoleAsset(request.params["name"]);
  if (!asset) return respond({404, "text/plain; charset=utf-8", "no such asset\n", {}});
  respond({200,
           "text/javascript; charset=utf-8",
           std::string(*asset),
           {{"Cache-Control", "private, max-age=3600"}}});
}

}  // namespace

void AddOfficeRoutes(Router& router, app::OfficeService& office, app::Sessions& sessions,
                     app::AuditLog& audit, app::TwoFactor& two_factor, OfficeRouteOptions options) {
  auto ctx = std::make_shared<Context>(
      Context{office, RouteSessions(sessions), audit, two_factor, options, options.contact_centre});
  const office::Bind bind(ctx);
  router.Add("GET", "/console/assets/{name}", bind(ServeConsoleAsset));
  AddAccountRoutes(router, bind);
  AddAccountAdminRoutes(router, bind);
  AddCaseRoutes(router, bind);
  AddCaseListExportRoutes(router, bind);
  AddAuditRoutes(router, bind);
  AddCustodyRoutes(router, bind);
  AddApprovalRoutes(router, bind);
  AddAlertRoutes(router, bind);
  AddWorkflowRoutes(router, bind);
  AddFollowupRoutes(router, bind);
  AddGroupRoutes(router, bind);
  AddContactCentreRoutes(router, bind);
  AddCampRoutes(router, bind);
  AddConsoleCampRoutes(router, bind);
  AddCampRoutineRoutes(router, bind);
  AddAbroadRoutes(router, bind);
  AddConsoleAbroadRoutes(router, bind);
  AddScreeningRoutes(router, bind);
  AddSearchRoutes(router, bind);
  AddStatisticsRoutes(router, bind);
  AddChannelRoutes(router, bind);
}

}  // namespace lifeline::server
