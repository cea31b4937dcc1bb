// Audit log: the MAC per entry, and `audit verify` throughput over a stored chain.

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "app/audit/audit_log.hpp"
#include "crypto/crypto.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

using namespace lifeline;

class FixedClock final : public app::Clock {
 public:
  std::chrono::sys_seconds Now() const override {
    return std::chrono::sys_seconds{std::chrono::seconds{1'795'000'000}};
  }
};

void BM_AuditMac(benchmark::State& state) {
  const crypto::Key32 key{1};
  store::AuditRecord record{.seq = 12345,
                            .at = 1'795'000'000,
                            .actor_user_id = 3,
                            .actor_name = "op.synthetic",
                            .action = "case_read",
                            .target = "case:4242"};
  store::Blob32 previous{};
  for (auto _ : state) {
    previous = app::AuditMac(key, previous, record);
    benchmark::DoNotOptimize(previous);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AuditMac);

// Verifies a stored chain of state.range(0) entries; reports entries per second.
void BM_VerifyAuditLog(benchmark::State& state) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("lifeline-audit-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto store = store::OpenSqliteStore(dir.string(), true);
  const crypto::Key32 key{7};
  // Build the chain directly (one transaction per entry would take minutes).
  store::Blob32 previous{};
  for (std::int64_t seq = 1; seq <= state.range(0); ++seq) {
    store::AuditRecord r{.seq = seq,
                         .at = 1'795'000'000 + seq,
                         .actor_user_id = 3,
                         .actor_name = "op.synthetic",
                         .action = "case_read",
                         .target = "case:" + std::to_string(seq)};
    r.mac = app::AuditMac(key, previous, r);
    previous = r.mac;
    if (!store->AppendAuditRecord(r).ok()) state.SkipWithError("append failed");
  }
  for (auto _ : state) {
    auto result = app::VerifyAuditLog(*store, key);
    if (!result.ok() || !result->problems.empty()) state.SkipWithError("verify failed");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  store.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_VerifyAuditLog)->Arg(20000)->Unit(benchmark::kMillisecond);

}  // namespace
