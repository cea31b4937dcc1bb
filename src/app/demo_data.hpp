#pragma once
// Synthetic demo data: invented people, invented units, invented places. Never real ones.

#include <cstdint>

#include "app/intake/intake.hpp"

namespace lifeline::app {

struct DemoOptions {
  int applications = 3000;
  int days = 180;                  // spread over this many days before today
  int mobilization_days_ago = 60;  // the surge starts here
  std::uint32_t seed = 20221;
  int threads = 2;  // the receipt hash dominates: use every core
};

/// Submits `applications` synthetic applications through the real intake path (validated,
/// sealed, group-committed) with dates spread over the past `days`, a steady trickle before
/// mobilization day and a flood after it that decays over weeks. Returns how many were stored.
Result<int> SeedDemoApplications(IntakeService& intake, const Clock& clock,
                                 const DemoOptions& options);

}  // namespace lifeline::app
