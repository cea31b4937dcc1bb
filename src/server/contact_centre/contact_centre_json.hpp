#pragma once
// The contact centre's JSON documents, one writer each for the API, the live wallboard and
// the CLI's --json.

#include <nlohmann/json.hpp>

#include "app/contact_centre/contact_centre.hpp"
#include "domain/contact_centre/simulator.hpp"
#include "domain/contact_centre/staffing.hpp"

namespace lifeline::server {

/// {"offered", "answered", "abandoned", "overflowed", "service_level", "service_level_2",
/// "service_level_offered", "asa_seconds", "abandonment", "occupancy"}
nlohmann::json FiguresJson(const contact_centre::StatsWindow& figures);
nlohmann::json WallboardJson(const app::Wallboard& board);
/// {"model", "offered_load", "operators", "rostered", "lines", "service_level",
/// "asa_seconds", "occupancy", "abandonment", "wait_probability", "line_blocking"}
nlohmann::json StaffingJson(const contact_centre::Forecast& forecast,
                            const contact_centre::StaffingPlan& plan);
/// {"calls", "day": figures, "intervals": [figures + "start_hour", "most_waiting"]}
nlohmann::json SimulationJson(const contact_centre::SimulationReport& report);

}  // namespace lifeline::server
