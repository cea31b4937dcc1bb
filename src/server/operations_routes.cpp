#include "server/operations_routes.hpp"

#include "crypto/crypto.hpp"

namespace lifeline::server {
namespace {

bool TokenMatches(const Request& request, const std::string& token) {
  const std::string authorization = request.Header("authorization");
  const std::string expected = "Bearer " + token;
  return authorization.size() == expected.size() &&
         crypto::ConstantTimeEquals(reinterpret_cast<const std::uint8_t*>(authorization.data()),
                                    reinterpret_cast<const std::uint8_t*>(expected.data()), expected.size());
}

}  // namespace

void AddOperationsRoutes(Router& router, Metrics& metrics, std::function<bool()> store_up, std::string metrics_token) {
  router.Add("GET", "/readyz", [store_up](Request&, Respond respond) {
    if (store_up()) return respond({200, "application/json", R"({"status":"ready","store":"ok"})", {}});
    Response r{503, "application/json", R"({"status":"not_ready","store":"unavailable"})", {}};
    r.headers.emplace_back("Retry-After", "1");
    respond(std::move(r));
  });
  if (metrics_token.empty()) return;
  router.Add("GET", "/metrics", [&metrics, store_up, token = std::move(metrics_token)](Request& request, Respond respond) {
    if (!TokenMatches(request, token)) {
      return respond(JsonError(401, "unauthenticated", "send the metrics token as Authorization: Bearer"));
    }
    respond({200, "text/plain; version=0.0.4; charset=utf-8", metrics.Render(store_up()), {}});
  });
}

}  // namespace lifeline::server
