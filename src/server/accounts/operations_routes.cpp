#include "server/accounts/operations_routes.hpp"

#include <fmt/format.h>

#include "crypto/crypto.hpp"

namespace lifeline::server {
namespace {

bool TokenMatches(const Request& request, const std::string& token) {
  const std::string authorization = request.Header("authorization");
  const std::string expected = "Bearer " + token;
  return authorization.size() == expected.size() &&
         crypto::ConstantTimeEquals(reinterpret_cast<const std::uint8_t*>(authorization.data()),
                                    reinterpret_cast<const std::uint8_t*>(expected.data()),
                                    expected.size());
}

}  // namespace

void AddOperationsRoutes(Router& router, Metrics& metrics, app::Readiness& readiness,
                         std::string metrics_token) {
  router.Add("GET", "/readyz", [&readiness](Request&, Respond respond) {
    readiness.Check([respond = std::move(respond)](app::ReadinessVerdict verdict) {
      if (verdict.ready)
        return respond({200, "application/json", R"({"status":"ready","store":"ok"})", {}});
      Response r{503,
                 "application/json",
                 fmt::format(R"({{"status":"not_ready","store":"unavailable","reason":"{}"}})",
                             verdict.reason),
                 {}};
      r.headers.emplace_back("Retry-After", "1");
      respond(std::move(r));
    });
  });
  if (metrics_token.empty()) return;
  router.Add(
      "GET", "/metrics",
      [&metrics, &readiness, token = std::move(metrics_token)](Request& request, Respond respond) {
        if (!TokenMatches(request, token)) {
          return respond(
              JsonError(401, "unauthenticated", "send the metrics token as Authorization: Bearer"));
        }
        readiness.Check([&metrics, respond = std::move(respond)](app::ReadinessVerdict verdict) {
          respond(
              {200, "text/plain; version=0.0.4; charset=utf-8", metrics.Render(verdict.ready), {}});
        });
      });
}

}  // namespace lifeline::server
