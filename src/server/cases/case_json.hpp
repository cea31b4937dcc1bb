#pragma once

#include <nlohmann/json.hpp>

#include "app/cases/office.hpp"

namespace lifeline::server {

nlohmann::json SummaryJson(const CaseSummary& c);
/// An open task of the work queue, with its case's clear summary (no note).
nlohmann::json QueuedTaskJson(const QueuedTask& task, std::int64_t now);
nlohmann::json DetailsJson(const app::CaseDetails& d);

}  // namespace lifeline::server
