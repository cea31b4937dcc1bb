// The camp's ledger and phone rota (docs/PERFORMANCE.md, "Camp"). Run:
//   build/bench/camp_bench                       (rota and durable postings)
//   CAMP_BENCH_POSTINGS=10000000 build/bench/camp_bench --benchmark_filter=Query
// Each measurement has a baseline in the same run.

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "domain/camp/ledger.hpp"
#include "domain/camp/rota.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::camp {
namespace {

using namespace std::chrono;

constexpr int kPrisoners = 10'000;
constexpr sys_days kDay0 = sys_days{year{2026} / January / 1};
const OpeningHours kLine = {{8 * 60, 20 * 60}};  // one line, twelve hours: 48 slots a day

// A year of rotas for 10,000 prisoners on one line: each day planned, each call recorded.
void BM_RotaYear(benchmark::State& state) {
  for (auto _ : state) {
    WaitingList list({});
    for (int id = 1; id <= kPrisoners; ++id) list.Join(id, kDay0 - days{id % 30});
    for (int d = 0; d < 365; ++d) {
      auto rota = list.Plan(kDay0 + days{d}, kLine).value();
      for (const RotaSlot& s : rota.slots)
        (void)list.Record(s.prisoner_id, kDay0 + days{d}, CallOutcome::kCompleted, 15);
      benchmark::DoNotOptimize(rota);
    }
  }
  state.SetItemsProcessed(state.iterations() * 365);
}
BENCHMARK(BM_RotaYear)->Unit(benchmark::kMillisecond);

// Baseline: the same year, sorting the whole waiting list every day.
void BM_Baseline_RotaYearFullSort(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<std::pair<int, int>> waiting;  // (last call day, id)
    for (int id = 1; id <= kPrisoners; ++id) waiting.emplace_back(-1 - id % 30, id);
    for (int d = 0; d < 365; ++d) {
      std::sort(waiting.begin(), waiting.end());
      for (int slot = 0; slot < 48; ++slot) waiting[slot].first = d;
      benchmark::DoNotOptimize(waiting);
    }
  }
  state.SetItemsProcessed(state.iterations() * 365);
}
BENCHMARK(BM_Baseline_RotaYearFullSort)->Unit(benchmark::kMillisecond);

std::filesystem::path FreshDir(const char* name) {
  auto dir = std::filesystem::temp_directory_path() /
             (std::string("lifeline-camp-bench-") + name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

std::int64_t MakeCamp(store::Store& store, int prisoners) {
  store::CampRecord c;
  c.name = "bench";
  c.tariff.kopiyky_per_franc = 3800;
  c.phone_hours = kLine;
  const std::int64_t camp = store.InsertCamp(c).value();
  for (int i = 0; i < prisoners; ++i) {
    store::NewPrisoner p;
    p.camp_id = camp;
    p.arrived_on = year_month_day{kDay0};
    p.wrapped_key = {1};
    p.sealed_fields = {2};
    (void)store.InsertPrisoner(p);
  }
  return camp;
}

// Durable postings through the store: each its own transaction, fsynced (synchronous=FULL),
// with the idempotency and balance checks.
void BM_PostDurable(benchmark::State& state) {
  const auto dir = FreshDir("post");
  auto store = store::OpenSqliteStore(dir.string(), true);
  CampTariff tariff;
  tariff.kopiyky_per_franc = 3800;
  const std::int64_t camp = MakeCamp(*store, 100);
  std::int64_t n = 0;
  for (auto _ : state) {
    ++n;
    auto pay = WorkingPay("pay-" + std::to_string(n), 1 + n % 100, 1, tariff).value();
    if (!store->Post(camp, pay, n).ok()) state.SkipWithError("a posting failed");
  }
  state.SetItemsProcessed(state.iterations());
  store.reset();
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_PostDurable)->Unit(benchmark::kMicrosecond)->MinTime(2);

// Baseline: one plain INSERT per fsynced transaction into a table of the same width.
void BM_Baseline_InsertDurable(benchmark::State& state) {
  const auto dir = FreshDir("insert");
  std::filesystem::create_directories(dir);
  sqlite3* db = nullptr;
  sqlite3_open((dir / "plain.db").c_str(), &db);
  sqlite3_exec(
      db,
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (key TEXT, amount INTEGER)",
      nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?, ?)", -1, &insert, nullptr);
  std::int64_t n = 0;
  for (auto _ : state) {
    const std::string key = "pay-" + std::to_string(++n);
    sqlite3_bind_text(insert, 1, key.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 2, n);
    sqlite3_step(insert);
    sqlite3_reset(insert);
  }
  state.SetItemsProcessed(state.iterations());
  sqlite3_finalize(insert);
  sqlite3_close(db);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_Baseline_InsertDurable)->Unit(benchmark::kMicrosecond)->MinTime(2);

// Queries on a big ledger: 10,000 prisoners and CAMP_BENCH_POSTINGS postings (default
// 1,000,000), spread over a year, bulk-loaded once with the legs and balances they imply.
struct BigLedger {
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  std::int64_t camp = 0;
  ~BigLedger() {
    store.reset();
    if (!dir.empty()) std::filesystem::remove_all(dir);
  }
};

BigLedger& Big() {
  static const std::unique_ptr<BigLedger> big = [] {
    auto owned = std::make_unique<BigLedger>();
    BigLedger& b = *owned;
    b.dir = FreshDir("big");
    b.store = store::OpenSqliteStore(b.dir.string(), true);
    b.camp = MakeCamp(*b.store, kPrisoners);
    b.store.reset();
    const char* env = std::getenv("CAMP_BENCH_POSTINGS");
    const std::int64_t postings = env ? std::atoll(env) : 1'000'000;
    sqlite3* db = nullptr;
    sqlite3_open((b.dir / "lifeline.db").c_str(), &db);
    sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *posting = nullptr, *leg = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO postings (id, camp_id, key, kind, prisoner_id, memo, at) "
                       "VALUES (?, ?, ?, 'working_pay', ?, '1 × 10.00', ?)",
                       -1, &posting, nullptr);
    sqlite3_prepare_v2(db,
                       "INSERT INTO posting_legs (posting_id, account, amount) VALUES (?, ?, ?)",
                       -1, &leg, nullptr);
    const std::int64_t start = sys_seconds{kDay0}.time_since_epoch().count();
    for (std::int64_t id = 1; id <= postings; ++id) {
      const std::int64_t prisoner = 1 + id % kPrisoners;
      const std::string key = "k" + std::to_string(id);
      sqlite3_bind_int64(posting, 1, id);
      sqlite3_bind_int64(posting, 2, b.camp);
      sqlite3_bind_text(posting, 3, key.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(posting, 4, prisoner);
      sqlite3_bind_int64(posting, 5, start + id * 365 * 86400 / postings);
      sqlite3_step(posting);
      sqlite3_reset(posting);
      for (const auto& [account, amount] :
           {std::pair<std::string, std::int64_t>{std::string(accounts::kWorkingPay), 1000},
            {PrisonerAccount(prisoner), -1000}}) {
        sqlite3_bind_int64(leg, 1, id);
        sqlite3_bind_text(leg, 2, account.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(leg, 3, amount);
        sqlite3_step(leg);
        sqlite3_reset(leg);
      }
    }
    sqlite3_finalize(posting);
    sqlite3_finalize(leg);
    sqlite3_exec(
        db,
        "INSERT INTO balances (camp_id, account, balance) SELECT p.camp_id, l.account, "
        "SUM(l.amount) FROM "
        "posting_legs l JOIN postings p ON p.id = l.posting_id GROUP BY 1, 2; COMMIT; ANALYZE",
        nullptr, nullptr, nullptr);
    sqlite3_close(db);
    b.store = store::OpenSqliteStore(b.dir.string(), false);
    return owned;
  }();
  return *big;
}

void BM_QueryBalance(benchmark::State& state) {
  BigLedger& big = Big();
  std::mt19937 random(1);
  for (auto _ : state) {
    const std::int64_t prisoner = 1 + random() % kPrisoners;
    benchmark::DoNotOptimize(big.store->Balance(big.camp, PrisonerAccount(prisoner)).value());
  }
}
BENCHMARK(BM_QueryBalance)->Unit(benchmark::kMicrosecond);

// Art. 65's monthly statement: the opening balance and the month's entries.
void BM_QueryMonthlyStatement(benchmark::State& state) {
  BigLedger& big = Big();
  std::mt19937 random(2);
  const std::int64_t july = sys_seconds{sys_days{year{2026} / July / 1}}.time_since_epoch().count();
  const std::int64_t august =
      sys_seconds{sys_days{year{2026} / August / 1}}.time_since_epoch().count();
  for (auto _ : state) {
    const std::int64_t prisoner = 1 + random() % kPrisoners;
    benchmark::DoNotOptimize(
        big.store->AccountStatement(big.camp, PrisonerAccount(prisoner), july, august).value());
  }
}
BENCHMARK(BM_QueryMonthlyStatement)->Unit(benchmark::kMicrosecond);

// Baseline: one posting read by its id on the same database (a row and its two legs).
void BM_Baseline_QueryOneRow(benchmark::State& state) {
  BigLedger& big = Big();
  std::mt19937 random(3);
  for (auto _ : state) {
    benchmark::DoNotOptimize(big.store->GetPosting(big.camp, 1 + random() % 100'000).value());
  }
}
BENCHMARK(BM_Baseline_QueryOneRow)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace lifeline::camp

BENCHMARK_MAIN();
