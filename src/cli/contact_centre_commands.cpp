#include "cli/contact_centre_commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "domain/contact_centre/simulator.hpp"
#include "domain/contact_centre/staffing.hpp"
#include "domain/contact_centre/voice_prompts.hpp"
#include "server/contact_centre/contact_centre_json.hpp"

namespace lifeline::cli {
namespace {

using contact_centre::Forecast;
using contact_centre::SimulationOptions;

// Refusals name the option the person typed.
int Refuse(const Error& error) {
  std::string option = error.field;
  std::replace(option.begin(), option.end(), '_', '-');
  std::cerr << "lifeline: " << (option.empty() ? "" : "--" + option + ": ") << error.message
            << "\n";
  return 2;
}

class Commands final : public ContactCentreCommands {
 public:
  explicit Commands(CLI::App& cli) {
    voice_prompts_ = cli.add_subcommand(
        "voice-prompts",
        "Print the voice line's prompts, one a line: file, espeak-ng voice and text, tab-separated "
        "(scripts/make-voice-prompts.sh speaks them)");
    staffing_ =
        cli.add_subcommand("staffing", "Operators and lines a forecast needs (Erlang C, A and B)");
    staffing_->add_option("--calls-per-hour", forecast_.calls_per_hour, "Calls offered per hour")
        ->required();
    staffing_
        ->add_option("--handle-seconds", forecast_.handle_seconds,
                     "Average handle time, wrap-up included")
        ->required();
    staffing_
        ->add_option("--answer-within", forecast_.answer_within_seconds,
                     "Service-level threshold T, seconds")
        ->required();
    staffing_->add_option("--target", forecast_.target, "Share answered within T, e.g. 0.8")
        ->required();
    staffing_->add_option("--patience-seconds", patience_, "Callers' mean patience: use Erlang A");
    staffing_->add_option("--shrinkage", forecast_.shrinkage,
                          "Share of paid time off the phones, e.g. 0.3");
    staffing_->add_option("--blocking", forecast_.blocking,
                          "Share of calls that may find every line busy (default 0.01)");
    staffing_->add_flag("--json", json_, "Print one JSON object");

    simulate_ =
        cli.add_subcommand("simulate", "Simulate a day of the hotline's queue with a surge");
    simulate_->add_option("--operators", sim_.operators, "Operators logged in all day")->required();
    simulate_
        ->add_option("--calls-per-hour", sim_.calls_per_hour, "Calls per hour outside the surge")
        ->required();
    simulate_->add_option("--handle-seconds", sim_.handle_seconds, "Mean talk time (exponential)");
    simulate_->add_option("--wrap-up-seconds", sim_.queue.wrap_up_seconds,
                          "Wrap-up after each call");
    simulate_->add_option("--answer-within", sim_.queue.answer_within_seconds,
                          "Service-level threshold T, seconds");
    simulate_->add_option("--patience-seconds", sim_patience_,
                          "Callers' mean patience (exponential); none: nobody hangs up");
    simulate_->add_option("--lines", sim_.queue.lines, "Lines (calls in the system at once)");
    simulate_->add_option("--surge", sim_.surge_multiplier,
                          "Volume multiplier during the surge, e.g. 20");
    simulate_->add_option("--surge-start", sim_.surge_start_hour, "Hour the surge starts");
    simulate_->add_option("--surge-hours", sim_.surge_hours, "How long the surge lasts, hours");
    simulate_->add_option("--hours", sim_.hours, "Hours simulated (at most 24)");
    simulate_->add_option("--interval-minutes", sim_.interval_minutes, "Reporting interval");
    simulate_->add_option("--seed", sim_.seed, "Random seed: the same seed gives the same day");
    simulate_->add_flag("--json", json_, "Print one JSON object");
    sim_.queue.lines = 1000;
    sim_.queue.max_waiting = 100'000;
  }

  std::optional<int> RunIfChosen() const override {
    if (*voice_prompts_) {
      for (const auto& p : contact_centre::AllPrompts())
        fmt::print("{}\t{}\t{}\n", p.file, p.voice, p.text);
      return 0;
    }
    if (*staffing_) return Staffing();
    if (*simulate_) return Simulate();
    return std::nullopt;
  }

 private:
  int Staffing() const {
    Forecast forecast = forecast_;
    forecast.patience_seconds = patience_;
    auto plan = contact_centre::PlanStaffing(forecast);
    if (!plan) return Refuse(plan.error());
    const auto& m = plan->metrics;
    if (json_) {
      std::cout << server::StaffingJson(forecast, *plan).dump() << "\n";
      return 0;
    }
    std::cout << fmt::format(
        "offered load        {:.2f} Erlangs\n"
        "operators on calls  {} ({})\n"
        "operators rostered  {} (shrinkage {:.0f}%)\n"
        "lines               {} (blocking {:.2f}%)\n"
        "service level       {:.1f}% answered within {:g} s\n"
        "average speed       {:.1f} s\n"
        "occupancy           {:.1f}%\n"
        "abandonment         {:.1f}%\n",
        plan->offered_load, plan->operators, patience_ ? "Erlang A" : "Erlang C", plan->rostered,
        forecast.shrinkage * 100, plan->lines, plan->line_blocking * 100, m.service_level * 100,
        forecast.answer_within_seconds, m.asa_seconds, m.occupancy * 100, m.abandonment * 100);
    return 0;
  }

  int Simulate() const {
    SimulationOptions options = sim_;
    options.patience_seconds = sim_patience_;
    auto report = contact_centre::Simulate(options);
    if (!report) return Refuse(report.error());
    if (json_) {
      std::cout << server::SimulationJson(*report).dump() << "\n";
      return 0;
    }
    std::cout << "start  offered  answered  abandoned  overflow   SL    SL2   ASA s  aband.  "
                 "occup.  most waiting\n";
    auto row = [](const std::string& label, const contact_centre::StatsWindow& w,
                  int most_waiting) {
      return fmt::format(
          "{:>5}  {:>7}  {:>8}  {:>9}  {:>8}  {:>4.0f}%  {:>4.0f}%  {:>6.1f}  {:>5.1f}%  {:>5.1f}% "
          " {:>5}\n",
          label, w.offered, w.answered, w.abandoned, w.overflowed, w.ServiceLevel() * 100,
          w.ServiceLevel2() * 100, w.AverageSpeedOfAnswer(), w.AbandonmentRate() * 100,
          w.Occupancy() * 100, most_waiting);
    };
    for (const auto& i : report->intervals) {
      std::cout << row(fmt::format("{:02d}:{:02d}", static_cast<int>(i.start_hour),
                                   static_cast<int>(i.start_hour * 60) % 60),
                       i.figures, i.most_waiting);
    }
    std::cout << row("day", report->day, report->most_waiting);
    return 0;
  }

  CLI::App* voice_prompts_ = nullptr;
  CLI::App* staffing_ = nullptr;
  CLI::App* simulate_ = nullptr;
  Forecast forecast_;
  std::optional<double> patience_;
  SimulationOptions sim_;
  std::optional<double> sim_patience_;
  bool json_ = false;
};

}  // namespace

std::unique_ptr<ContactCentreCommands> AddContactCentreCommands(CLI::App& cli) {
  return std::make_unique<Commands>(cli);
}

}  // namespace lifeline::cli
