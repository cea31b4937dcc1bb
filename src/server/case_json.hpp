#pragma once

#include <nlohmann/json.hpp>

#include "app/office.hpp"

namespace lifeline::server {

nlohmann::json SummaryJson(const store::CaseSummary& c);
nlohmann::json DetailsJson(const app::CaseDetails& d);

}  // namespace lifeline::server
