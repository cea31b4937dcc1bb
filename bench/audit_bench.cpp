// Audit log: the MAC per entry, `audit verify` throughput over a stored chain, and the
// auditors' filters and the accounts page's last sign-in over a large log, with the indexes
// of schema step 25 and without them (the baseline: the log as it was read before).

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

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

// A synthetic office's log: 200,000 entries over 40 days by 20 accounts, mostly case reads
// and searches, one in ten a sign-in. Written straight into the table in one transaction
// (the filters read rows; their MACs do not matter here).
constexpr std::int64_t kLogEntries = 200'000;
constexpr std::int64_t kLogStart = 1'795'000'000;
constexpr std::int64_t kLogSeconds = 40 * 86'400;

class LargeLog {
 public:
  LargeLog()
      : dir_(std::filesystem::temp_directory_path() /
             ("lifeline-audit-filter-bench-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    store_ = store::OpenSqliteStore(dir_.string(), true);
    Sql("BEGIN");
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v2(db_, "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, zeroblob(32))", -1,
                           &insert, nullptr) != SQLITE_OK)
      Fail();
    static constexpr const char* kActions[] = {
        "case_read",  "case_read",  "case_read", "case_search", "case_status_changed",
        "reply_sent", "task_added", "case_read", "case_search", "sign_in"};
    for (std::int64_t i = 1; i <= kLogEntries; ++i) {
      const std::int64_t user = 2 + (i * 7919) % 20;
      const std::string name = "op." + std::to_string(user);
      const std::string target = "case:" + std::to_string(1 + (i * 104729) % 50'000);
      sqlite3_bind_int64(insert, 1, i + 10);  // after the store's own first entries
      sqlite3_bind_int64(insert, 2, kLogStart + i * kLogSeconds / kLogEntries);
      sqlite3_bind_int64(insert, 3, user);
      sqlite3_bind_text(insert, 4, name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 5, kActions[(i / 20) % 10], -1, SQLITE_STATIC);
      sqlite3_bind_text(insert, 6, target.c_str(), -1, SQLITE_TRANSIENT);
      if (sqlite3_step(insert) != SQLITE_DONE) Fail();
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    Sql("COMMIT");
  }
  ~LargeLog() {
    sqlite3_close(db_);
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // With the indexes of step 25, or without them (dropped, as before that step).
  void UseIndexes(bool on) {
    if (on) {
      Sql("CREATE INDEX IF NOT EXISTS audit_log_by_actor ON audit_log (actor_name, seq);"
          "CREATE INDEX IF NOT EXISTS audit_log_by_action ON audit_log (action, seq);"
          "CREATE INDEX IF NOT EXISTS audit_log_latest ON audit_log (action, actor_user_id, at);"
          "CREATE INDEX IF NOT EXISTS audit_log_by_time ON audit_log (at);");
    } else {
      Sql("DROP INDEX IF EXISTS audit_log_by_actor; DROP INDEX IF EXISTS audit_log_by_action;"
          "DROP INDEX IF EXISTS audit_log_latest; DROP INDEX IF EXISTS audit_log_by_time;");
    }
  }
  store::Store& store() { return *store_; }

 private:
  // Stops the run on any failure: a baseline whose indexes were not dropped would compare
  // the indexed log with itself.
  void Sql(const char* sql) {
    if (!db_ && sqlite3_open((dir_ / "lifeline.db").c_str(), &db_) != SQLITE_OK) Fail();
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Fail();
  }
  void Fail() const {
    std::fprintf(stderr, "audit_bench: %s\n", db_ ? sqlite3_errmsg(db_) : "cannot open the log");
    std::abort();
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  sqlite3* db_ = nullptr;
};

LargeLog& Log() {
  static LargeLog log;
  return log;
}

// The first page (50, newest first) and the count for one auditor's filter.
void RunFilter(benchmark::State& state, const store::AuditFilter& filter) {
  Log().UseIndexes(state.range(0) == 1);
  for (auto _ : state) {
    auto page = Log().store().FindAuditRecords(filter, 0, 50);
    if (!page.ok() || page->entries.empty()) state.SkipWithError("no page");
    benchmark::DoNotOptimize(page);
  }
  state.SetLabel(state.range(0) == 1 ? "indexed" : "baseline: whole log");
}

void BM_AuditFilterByAccount(benchmark::State& state) { RunFilter(state, {.actor_name = "op.7"}); }
void BM_AuditFilterByAction(benchmark::State& state) { RunFilter(state, {.action = "sign_in"}); }
void BM_AuditFilterOneDay(benchmark::State& state) {
  RunFilter(state, {.from_at = kLogStart + 20 * 86'400, .until_at = kLogStart + 21 * 86'400});
}
void BM_AuditFilterAccountActionDay(benchmark::State& state) {
  RunFilter(state, {.actor_name = "op.7",
                    .action = "case_read",
                    .from_at = kLogStart + 20 * 86'400,
                    .until_at = kLogStart + 21 * 86'400});
}

// The accounts page: every account's latest sign-in.
void BM_LastSignInOfEveryAccount(benchmark::State& state) {
  Log().UseIndexes(state.range(0) == 1);
  for (auto _ : state) {
    auto latest = Log().store().LatestAuditByActor("sign_in");
    if (!latest.ok() || latest->size() != 20) state.SkipWithError("not 20 accounts");
    benchmark::DoNotOptimize(latest);
  }
  state.SetLabel(state.range(0) == 1 ? "indexed" : "baseline: whole log");
}

// Baseline (0) and indexed (1) side by side, in one run.
BENCHMARK(BM_AuditFilterByAccount)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AuditFilterByAction)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AuditFilterOneDay)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AuditFilterAccountActionDay)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LastSignInOfEveryAccount)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
