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
using testing::EngineStore;
using testing::PostgresSchema;

class StoreConformance : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (!EngineStore::Runs(GetParam())) GTEST_SKIP() << EngineStore::kNoPostgres;
    engine_ = std::make_unique<EngineStore>(GetParam(), "store-test");
    ASSERT_TRUE(engine_->opened()) << engine_->opened().error().message;
    store_ = engine_->get();
  }
  void TearDown() override { engine_.reset(); }
  std::unique_ptr<EngineStore> engine_;
  Store* store_ = nullptr;
};

}  // namespace lifeline::store::conformance
