// The risk board with 100,000 people abroad and a million dated events (docs/PERFORMANCE.md,
// "Abroad"). Run:
//   build/bench/abroad_bench
// A board page is the store's query and the console page rendered from it. The baseline, in
// the same run, reads every date from today on and ranks them in memory (abroad::RankRisks).
// Each benchmark reports the mean and, as counters, the p50 and p95 page time.

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>

#include "server/abroad/console_abroad_pages.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::store {
namespace {

using namespace std::chrono;

constexpr int kPeople = 100'000;
constexpr int kEvents = 1'000'000;
const Date kToday{year{2026}, November, day{23}};

struct BigBoard {
  std::filesystem::path dir;
  std::unique_ptr<Store> store;
  ~BigBoard() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

// 100,000 people; a million events spread over two years around today: each person's end of
// stay (1% already past: overstaying), documents' expiry, and proceedings' events (past ones,
// and ahead a third of them watched by the board).
BigBoard& Board() {
  static const std::unique_ptr<BigBoard> big = [] {
    auto b = std::make_unique<BigBoard>();
    b->dir = std::filesystem::temp_directory_path() /
             ("lifeline-abroad-bench-" + std::to_string(getpid()));
    std::filesystem::remove_all(b->dir);
    b->store = OpenSqliteStore(b->dir.string(), true);
    b->store.reset();  // the schema exists; fill it in one transaction
    sqlite3* db = nullptr;
    sqlite3_open((b->dir / "lifeline.db").c_str(), &db);
    sqlite3_exec(db, "PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *person = nullptr, *event = nullptr;
    sqlite3_prepare_v2(db,
                       "INSERT INTO people_abroad (id, wanted, needs, updated_at, "
                       "ephemeral_public, key_generation, "
                       "wrapped_key, sealed_fields) VALUES (?, 'interstate_list', 'housing,legal', "
                       "0, zeroblob(32), 1, "
                       "zeroblob(72), zeroblob(400))",
                       -1, &person, nullptr);
    sqlite3_prepare_v2(
        db, "INSERT INTO abroad_events (person_id, kind, on_day, risk) VALUES (?, ?, ?, ?)", -1,
        &event, nullptr);
    std::mt19937 random(42);
    auto add_event = [&](int person_id, int offset, int risk) {
      const std::string day = FormatIsoDate(Date{sys_days{kToday} + days{offset}});
      sqlite3_bind_int64(event, 1, person_id);
      sqlite3_bind_text(event, 2, "synthetic", -1, SQLITE_STATIC);
      sqlite3_bind_text(event, 3, day.c_str(), -1, SQLITE_TRANSIENT);
      if (risk >= 0)
        sqlite3_bind_int64(event, 4, risk);
      else
        sqlite3_bind_null(event, 4);
      sqlite3_step(event);
      sqlite3_reset(event);
    };
    for (int id = 1; id <= kPeople; ++id) {
      sqlite3_bind_int64(person, 1, id);
      sqlite3_step(person);
      sqlite3_reset(person);
      const int stay_end = random() % 100 == 0 ? -static_cast<int>(random() % 30) - 1
                                               : static_cast<int>(random() % 365);
      add_event(id, stay_end, static_cast<int>(abroad::RiskKind::kStayEnds));
      add_event(id, static_cast<int>(random() % 730),
                static_cast<int>(abroad::RiskKind::kDocumentExpires));
    }
    for (int n = 2 * kPeople; n < kEvents; ++n) {
      const int offset = static_cast<int>(random() % 730) - 365;
      const int risk = offset >= 0 && random() % 3 == 0 ? static_cast<int>(random() % 7) : -1;
      add_event(1 + static_cast<int>(random() % kPeople), offset, risk);
    }
    sqlite3_finalize(person);
    sqlite3_finalize(event);
    sqlite3_exec(db, "COMMIT; ANALYZE", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    b->store = OpenSqliteStore(b->dir.string(), false);
    return b;
  }();
  return *big;
}

// Times each iteration of `page` and reports p50 and p95 (milliseconds) beside the mean.
template <typename Page>
void RunPages(benchmark::State& state, Page&& page) {
  std::vector<double> ms;
  for (auto _ : state) {
    const auto start = steady_clock::now();
    benchmark::DoNotOptimize(page());
    ms.push_back(duration<double, std::milli>(steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p95_ms"] = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
}

std::string RenderedPage(std::size_t page, bool alerts_only) {
  const app::SessionInfo session{app::Actor{1, "case.worker", Role::kCaseworker}, "synthetic-csrf",
                                 false};
  auto rows = Board().store->Abroad().RiskBoard(kToday, {}, page * 50, 50, alerts_only).value();
  std::vector<app::BoardLine> lines;
  for (auto& r : rows) lines.push_back({std::move(r), app::PersonAbroadNumber(r.line.person_id)});
  return server::ConsoleAbroadBoardPage(session, lines, page, alerts_only, {});
}

void BM_BoardFirstPage(benchmark::State& state) {
  Board();
  RunPages(state, [] { return RenderedPage(0, false); });
}
BENCHMARK(BM_BoardFirstPage)->Unit(benchmark::kMillisecond)->MinTime(2);

void BM_BoardAlertsOnly(benchmark::State& state) {
  Board();
  RunPages(state, [] { return RenderedPage(0, true); });
}
BENCHMARK(BM_BoardAlertsOnly)->Unit(benchmark::kMillisecond)->MinTime(2);

// Page 20: the lines 1,000 to 1,050, as far as anyone pages in a morning.
void BM_BoardPage20(benchmark::State& state) {
  Board();
  RunPages(state, [] { return RenderedPage(20, false); });
}
BENCHMARK(BM_BoardPage20)->Unit(benchmark::kMillisecond)->MinTime(2);

// Baseline: every watched date from today on, read and ranked in memory for one page.
void BM_Baseline_RankEverything(benchmark::State& state) {
  const std::string path = (Board().dir / "lifeline.db").string();
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* all = nullptr;
  sqlite3_prepare_v2(
      db,
      "SELECT person_id, on_day, risk FROM abroad_events WHERE risk IS NOT NULL AND on_day >= ?",
      -1, &all, nullptr);
  const std::string today = FormatIsoDate(kToday);
  RunPages(state, [&] {
    std::vector<abroad::RiskEvent> events;
    sqlite3_bind_text(all, 1, today.c_str(), -1, SQLITE_STATIC);
    while (sqlite3_step(all) == SQLITE_ROW) {
      const auto on = ParseIsoDate(reinterpret_cast<const char*>(sqlite3_column_text(all, 1)));
      events.push_back({sqlite3_column_int64(all, 0), sys_days{*on},
                        static_cast<abroad::RiskKind>(sqlite3_column_int(all, 2))});
    }
    sqlite3_reset(all);
    return abroad::RankRisks(events, sys_days{kToday}, {}, 50);
  });
  sqlite3_finalize(all);
  sqlite3_close(db);
}
BENCHMARK(BM_Baseline_RankEverything)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace
}  // namespace lifeline::store

BENCHMARK_MAIN();
