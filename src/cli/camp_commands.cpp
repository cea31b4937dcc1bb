#include "cli/camp_commands.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/store_options.hpp"

namespace lifeline::cli {
namespace {

class Commands final : public CampCommands {
 public:
  explicit Commands(CLI::App& cli) {
    auto* ledger = cli.add_subcommand("ledger", "The prisoner-of-war camps' books");
    ledger->require_subcommand(1);
    check_ = ledger->add_subcommand(
        "check", "Prove the books balance: every posting sums to zero, every balance equals its postings, no "
                 "prisoner's account below zero, every transfer of an account arrived whole and left nothing "
                 "behind; exit 0 if so, 3 otherwise");
    AddStoreOptions(*check_, where_);
  }

  std::optional<int> RunIfChosen() const override {
    if (!*check_) return std::nullopt;
    try {
      auto store = OpenStore(where_, false);
      auto report = store->CheckLedger();
      if (!report) {
        std::cerr << "lifeline: " << report.error().message << "\n";
        return 1;
      }
      std::cout << fmt::format(
          "{} postings, {} legs\nunbalanced postings: {}\nbalances that differ from their postings: {}\n"
          "prisoners' accounts below zero: {}\npostings reversed twice: {}\n"
          "transfers without their other half of the same amount: {}\n"
          "balances left in a camp the prisoner has left: {}\n{}\n",
          report->postings, report->legs, report->unbalanced_postings, report->balance_mismatches,
          report->negative_prisoner_balances, report->double_reversals, report->unmatched_transfers,
          report->stranded_balances,
          report->Sound() ? "the books balance" : "THE BOOKS DO NOT BALANCE");
      return report->Sound() ? 0 : 3;
    } catch (const std::exception& e) {
      std::cerr << "lifeline: " << e.what() << "\n";
      return 1;
    }
  }

 private:
  CLI::App* check_ = nullptr;
  StoreOptions where_;
};

}  // namespace

std::unique_ptr<CampCommands> AddCampCommands(CLI::App& cli) { return std::make_unique<Commands>(cli); }

}  // namespace lifeline::cli
