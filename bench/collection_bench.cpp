// The office's half of collecting from an intake's outbox, without the link (issue 21):
// app::StoreCollected into an office store with row MACs on, in batches of 100 as the
// collector takes them. bench/outbox-bench.sh compares the rate the link achieves with it.
//   build/bench/collection_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>

#include "app/accounts/setup.hpp"
#include "app/audit/audit_log.hpp"
#include "app/audit/row_integrity.hpp"
#include "app/clock.hpp"
#include "app/intake/collection.hpp"
#include "crypto/crypto.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline {
namespace {

constexpr int kBatch = 100;  // what a collection round takes

// A synthetic sealed application of the usual size, with a lookup of its own.
store::OutboxApplication Row(std::int64_t n) {
  store::OutboxApplication a;
  a.id = n;
  a.row.received_on = std::chrono::year{2026} / 12 / 6;
  randombytes_buf(a.row.receipt_lookup.data(), a.row.receipt_lookup.size());
  randombytes_buf(a.row.reply_public.data(), a.row.reply_public.size());
  randombytes_buf(a.row.ephemeral_public.data(), a.row.ephemeral_public.size());
  a.row.wrapped_key.resize(72);
  randombytes_buf(a.row.wrapped_key.data(), a.row.wrapped_key.size());
  a.row.sealed_fields.resize(600);
  randombytes_buf(a.row.sealed_fields.data(), a.row.sealed_fields.size());
  return a;
}

void BM_StoreCollected(benchmark::State& state) {
  crypto::Initialise();
  const auto dir = std::filesystem::temp_directory_path() /
                   ("lifeline-collection-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto store = store::OpenSqliteStore(dir.string(), true);
  const std::string passphrase = "synthetic bench passphrase";
  if (!app::InitialiseInstallation(*store, passphrase, "admin", "synthetic-admin-pw").ok())
    return state.SkipWithError("init failed");
  auto opener = app::UnlockOffice(*store, passphrase);
  app::SystemClock clock;
  app::AuditLog audit(*store, clock, app::AuditKey(*opener));
  if (!app::EnableRowIntegrity(*store, *opener, audit).ok())
    return state.SkipWithError("row integrity failed");
  std::int64_t n = 0;
  for (auto _ : state) {
    state.PauseTiming();
    store::OutboxBatch batch;
    for (int i = 0; i < kBatch; ++i) batch.applications.push_back(Row(++n));
    state.ResumeTiming();
    auto held = app::StoreCollected(*store, batch);
    if (!held.ok()) return state.SkipWithError("store failed");
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  store.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_StoreCollected)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace lifeline
