#include "cli/db_commands.hpp"

#include <fmt/format.h>

#include <iostream>

#include "store/postgres/migrations.hpp"
#include "store/schema_version.hpp"

namespace lifeline::cli {
namespace {

class Commands final : public DbCommands {
 public:
  explicit Commands(CLI::App& cli) {
    migrate_ = cli.add_subcommand(
        "migrate", "Bring a PostgreSQL database to this lifeline's schema (safe to repeat)");
    migrate_
        ->add_option(
            "--db", conninfo_,
            "PostgreSQL connection string without a password, e.g. \"host=db1 dbname=lifeline "
            "user=lifeline\" (the password goes in the file PGPASSFILE names)")
        ->required();
    migrate_
        ->add_option("--wait-seconds", wait_seconds_,
                     "How long to keep retrying a database that is not up yet")
        ->check(CLI::Range(0, 3600));
  }

  std::optional<int> RunIfChosen() const override {
    if (!*migrate_) return std::nullopt;
    using store::postgres::PgError;
    try {
      if (store::postgres::ConninfoHasPassword(conninfo_)) {
        std::cerr << "lifeline: --db must not hold a password (it would show in the process list); "
                     "put it in the "
                     "file PGPASSFILE names\n";
        return 2;
      }
      auto connection = store::postgres::ConnectWithRetry(
          conninfo_, wait_seconds_, [](const PgError& e, double pause) {
            std::cerr << fmt::format(
                "lifeline: the database is not reachable yet ({}); retrying in {:.1f} s\n",
                e.what(), pause);
          });
      auto before = store::postgres::Migrate(*connection);
      if (!before) {
        std::cerr << "lifeline: " << before.error().message << "\n";
        return 1;
      }
      std::cout << (*before == store::kSchemaVersion
                        ? fmt::format("schema version {}: already current\n", *before)
                        : fmt::format("schema version {} -> {}\n", *before, store::kSchemaVersion));
      return 0;
    } catch (const PgError& e) {
      std::cerr << "lifeline: cannot reach the database: " << e.what() << "\n";
      return 1;
    }
  }

 private:
  CLI::App* migrate_ = nullptr;
  std::string conninfo_;
  int wait_seconds_ = 30;
};

}  // namespace

std::unique_ptr<DbCommands> AddDbCommands(CLI::App& cli) { return std::make_unique<Commands>(cli); }

}  // namespace lifeline::cli
