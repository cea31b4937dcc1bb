#include "server/contact_centre/contact_centre_json.hpp"

namespace lifeline::server {

using nlohmann::json;

json FiguresJson(const contact_centre::StatsWindow& w) {
  return {{"offered", w.offered},
          {"answered", w.answered},
          {"abandoned", w.abandoned},
          {"overflowed", w.overflowed},
          {"callbacks_offered", w.released},
          {"service_level", w.ServiceLevel()},
          {"service_level_2", w.ServiceLevel2()},
          {"service_level_offered", w.ServiceLevelOffered()},
          {"asa_seconds", w.AverageSpeedOfAnswer()},
          {"abandonment", w.AbandonmentRate()},
          {"occupancy", w.Occupancy()}};
}

json WallboardJson(const app::Wallboard& board) {
  json states = json::object();
  for (auto s : contact_centre::kAllOperatorStates) {
    states[std::string(ToString(s))] =
        board.snapshot.operators_by_state[static_cast<std::size_t>(s)];
  }
  json operators = json::array();
  for (const auto& o : board.operators) {
    json languages = json::array();
    for (Language l : o.languages) languages.push_back(ToString(l));
    json row = {{"id", o.name},
                {"languages", languages},
                {"state", ToString(o.state)},
                {"calls_answered", o.calls_answered}};
    if (o.pause_reason != contact_centre::PauseReason::kNone)
      row["pause_reason"] = ToString(o.pause_reason);
    operators.push_back(std::move(row));
  }
  return {{"waiting", board.snapshot.waiting},
          {"longest_wait_seconds", board.snapshot.longest_wait_seconds},
          {"lines", board.snapshot.lines},
          {"lines_in_use", board.snapshot.lines_in_use},
          {"answer_within_seconds", board.answer_within_seconds},
          {"operators_by_state", states},
          {"operators", operators},
          {"today", FiguresJson(board.snapshot.today)},
          {"last_15_minutes", FiguresJson(board.snapshot.last_15_minutes)}};
}

json StaffingJson(const contact_centre::Forecast& forecast,
                  const contact_centre::StaffingPlan& plan) {
  const auto& m = plan.metrics;
  return {{"model", forecast.patience_seconds ? "erlang_a" : "erlang_c"},
          {"offered_load", plan.offered_load},
          {"operators", plan.operators},
          {"rostered", plan.rostered},
          {"lines", plan.lines},
          {"service_level", m.service_level},
          {"asa_seconds", m.asa_seconds},
          {"occupancy", m.occupancy},
          {"abandonment", m.abandonment},
          {"wait_probability", m.wait_probability},
          {"line_blocking", plan.line_blocking}};
}

json SimulationJson(const contact_centre::SimulationReport& report) {
  json intervals = json::array();
  for (const auto& i : report.intervals) {
    json j = FiguresJson(i.figures);
    j["start_hour"] = i.start_hour;
    j["most_waiting"] = i.most_waiting;
    intervals.push_back(std::move(j));
  }
  json day = FiguresJson(report.day);
  day["most_waiting"] = report.most_waiting;
  return {{"calls", report.calls}, {"day", day}, {"intervals", intervals}};
}

}  // namespace lifeline::server
