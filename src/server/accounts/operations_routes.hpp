#pragma once
// Routes for those who run lifeline: /readyz (can a write commit now?) and /metrics
// (Prometheus text, behind a bearer token). /healthz, which says the process is up, is
// lifeline serve's own.

#include <functional>
#include <string>

#include "app/readiness.hpp"
#include "server/http.hpp"
#include "server/metrics.hpp"

namespace lifeline::server {

/// /readyz answers 200 when `readiness` says a write commits now, else 503 with its reason
/// code (docs/api.md); it never holds an HTTP thread. /metrics reports the same verdict as
/// lifeline_store_up. /metrics needs `Authorization: Bearer
/// <metrics_token>`; with an empty token it is not served at all (404), since even counts
/// tell an adversary when the hotline is busy. `metrics` must outlive the router.
/// `metrics` and `readiness` must outlive the router.
void AddOperationsRoutes(Router& router, Metrics& metrics, app::Readiness& readiness,
                         std::string metrics_token);

}  // namespace lifeline::server
