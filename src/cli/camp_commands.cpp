#include "cli/camp_commands.hpp"

#include <fmt/format.h>

#include <iostream>

#include "app/accounts/setup.hpp"
#include "app/audit/row_integrity.hpp"
#include "cli/secrets.hpp"
#include "cli/store_options.hpp"

namespace lifeline::cli {
namespace {

class Commands final : public CampCommands {
 public:
  explicit Commands(CLI::App& cli) {
    auto* ledger = cli.add_subcommand("ledger", "The prisoner-of-war camps' books");
    ledger->require_subcommand(1);
    check_ = ledger->add_subcommand(
        "check",
        "Prove the books balance: every posting sums to zero, every balance equals its postings, "
        "no "
        "prisoner's account below zero, every transfer of an account arrived whole and left "
        "nothing "
        "behind, and (with --passphrase-file) every posting and leg is the office's own, unedited; "
        "exit 0 if so, 3 otherwise");
    AddStoreOptions(*check_, where_);
    check_->add_option(
        "--passphrase-file", unlock_.passphrase_file,
        "Office passphrase file: also checks the postings' and legs' tamper-evident MACs, which a "
        "consistent rewrite of the books cannot forge");
    AddCustodianOption(*check_, unlock_);
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
          "{} postings, {} legs\nunbalanced postings: {}\nbalances that differ from their "
          "postings: {}\n"
          "prisoners' accounts below zero: {}\npostings reversed twice: {}\n"
          "transfers without their other half of the same amount: {}\n"
          "balances left in a camp the prisoner has left: {}\n{}\n",
          report->postings, report->legs, report->unbalanced_postings, report->balance_mismatches,
          report->negative_prisoner_balances, report->double_reversals, report->unmatched_transfers,
          report->stranded_balances,
          report->Sound() ? "the books balance" : "THE BOOKS DO NOT BALANCE");
      if (!unlock_.given()) {
        std::cout << "postings' MACs not checked (give --passphrase-file)\n";
        return report->Sound() ? 0 : 3;
      }
      auto bad = EditedLedgerRows(*store);
      if (!bad) {
        std::cerr << "lifeline: " << bad.error().message << "\n";
        return 1;
      }
      for (const auto& row : *bad)
        std::cout << fmt::format("{}:{}: {}\n", row.table, row.id, row.what);
      std::cout << fmt::format("postings and legs that fail their tamper check: {}\n", bad->size());
      return report->Sound() && bad->empty() ? 0 : 3;
    } catch (const std::exception& e) {
      std::cerr << "lifeline: " << e.what() << "\n";
      return 1;
    }
  }

 private:
  // The postings and legs whose row MAC fails (docs/security.md, "Tamper-evident rows").
  Result<std::vector<app::BadRow>> EditedLedgerRows(store::Store& store) const {
    auto office = app::UnlockOffice(store, ReadOfficeCredentials(unlock_));
    if (!office) return office.error();
    auto verified = app::VerifyStoreRows(store, app::RowMacKey(*office));
    if (!verified) return verified.error();
    std::vector<app::BadRow> bad;
    for (auto& row : verified->bad) {
      if (row.table == "postings" || row.table == "posting_legs") bad.push_back(std::move(row));
    }
    return bad;
  }

  CLI::App* check_ = nullptr;
  StoreOptions where_;
  OfficeUnlock unlock_;
};

}  // namespace

std::unique_ptr<CampCommands> AddCampCommands(CLI::App& cli) {
  return std::make_unique<Commands>(cli);
}

}  // namespace lifeline::cli
