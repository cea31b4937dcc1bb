#pragma once
// Routes for those who run lifeline: /readyz (is the store answering?) and /metrics
// (Prometheus text, behind a bearer token). /healthz, which says the process is up, is
// lifeline serve's own.

#include <functional>
#include <string>

#include "server/http.hpp"
#include "server/metrics.hpp"

namespace lifeline::server {

/// `store_up` probes the store (a cheap read). /metrics needs `Authorization: Bearer
/// <metrics_token>`; with an empty token it is not served at all (404), since even counts
/// tell an adversary when the hotline is busy. `metrics` must outlive the router.
void AddOperationsRoutes(Router& router, Metrics& metrics, std::function<bool()> store_up, std::string metrics_token);

}  // namespace lifeline::server
