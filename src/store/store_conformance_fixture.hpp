#pragma once
// The fixture of the cases' storage contract (store/store.hpp's ApplicationStore): a fresh
// store on SQLite or on a real PostgreSQL (store/test_engines.hpp), and a synthetic
// application. Its tests: store_conformance_test.cpp (intake, accounts, keys, concurrency,
// erasure) and case_work_conformance_test.cpp (statuses, tasks, groups, plans, callbacks).

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_engines.hpp"

namespace lifeline::store::conformance {

using namespace std::chrono;
inline constexpr Date kDay{year{2026}, November, day{22}};

inline NewApplication MakeApplication(std::uint8_t tag, Situation situation = Situation::kServing) {
  NewApplication a;
  a.clear.situation = situation;
  a.clear.contact_channel = ContactChannel::kSignal;
  a.received_on = kDay;
  a.receipt_lookup.fill(tag);
  a.reply_public.fill(1);
  a.ephemeral_public.fill(2);
  a.wrapped_key = {3, 4, 5};
  a.sealed_fields = {6, 7, 8, tag};
  return a;
}

using testing::Engine;
using testing::PostgresSchema;

class StoreConformance : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("lifeline-store-test-" + testing::UniqueSuffix());
      std::filesystem::remove_all(dir_);
      store_ = OpenSqliteStore(dir_.string(), true);
      return;
    }
    if (!PostgresSchema::Available())
      GTEST_SKIP() << "no PostgreSQL for this run (ctest's *_postgres entries have one)";
    schema_ = std::make_unique<PostgresSchema>();
    ASSERT_TRUE(schema_->migrated()) << schema_->migrated().error().message;
    store_ = OpenPostgresStore({.conninfo = schema_->conninfo(), .wait_seconds = 5});
  }
  void TearDown() override {
    store_.reset();
    schema_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<PostgresSchema> schema_;
  std::unique_ptr<Store> store_;
};

}  // namespace lifeline::store::conformance
