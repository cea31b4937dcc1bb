// Screening throughput: the office's pass over new cases (blind index, signals, score) on a
// store of synthetic sealed cases, against the baseline of only reading and opening each
// case, which any pass must do.

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "app/audit/audit_log.hpp"
#include "app/cases/office.hpp"
#include "app/sealed_fields.hpp"
#include "crypto/crypto.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

using namespace lifeline;

constexpr int kCases = 20000;

class FixedClock final : public app::Clock {
 public:
  std::chrono::sys_seconds Now() const override {
    return std::chrono::sys_seconds{std::chrono::seconds{1'795'000'000}};
  }
};

std::string_view AsText(const store::Blob32& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// A store of kCases sealed cases, built once: handles repeat every 997 cases, so some
// reused-contact signals fire, as they would in life.
struct Fixture {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("lifeline-screening-bench-" + std::to_string(::getpid()));
  std::unique_ptr<store::Store> store;
  crypto::OfficeKeyPair keys = crypto::GenerateOfficeKeyPair();
  FixedClock clock;

  Fixture() {
    crypto::Initialise();
    std::filesystem::remove_all(dir);
    store = store::OpenSqliteStore(dir.string(), true);
    crypto::IntakeSealer sealer(keys.public_key, std::chrono::seconds(1), 512);
    std::vector<store::NewApplication> batch;
    for (int i = 0; i < kCases; ++i) {
      IdentifyingFields f;
      f.name = "Синтетический Заявитель " + std::to_string(i);
      f.unit = "часть-пример " + std::to_string(i % 50);
      f.contact_handle = "@synthetic_" + std::to_string(i % 997);
      f.message = "Синтетическое сообщение для замера.";
      store::NewApplication a;
      a.clear.situation = static_cast<Situation>(i % 5);
      a.clear.contact_channel = ContactChannel::kTelegram;
      a.received_on = std::chrono::year_month_day{
          std::chrono::sys_days{std::chrono::year{2026} / 11 / 1} + std::chrono::days{i % 20}};
      const auto lookup = crypto::RandomBytes(32);
      std::copy(lookup.begin(), lookup.end(), a.receipt_lookup.begin());
      auto sealed = sealer.Seal(app::EncodeSealedFields(f, 0).view(), AsText(a.receipt_lookup));
      a.ephemeral_public = sealed.ephemeral_public;
      a.wrapped_key = std::move(sealed.wrapped_key);
      a.sealed_fields = std::move(sealed.ciphertext);
      batch.push_back(std::move(a));
      if (batch.size() == 1000) {
        if (!store->AppendApplications(batch)) std::abort();
        batch.clear();
      }
    }
  }
  ~Fixture() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
  void ForgetScreening() {
    sqlite3* db = nullptr;
    sqlite3_open((dir / "lifeline.db").c_str(), &db);
    sqlite3_exec(db, "UPDATE applications SET screening_score = NULL, handle_index = NULL", nullptr,
                 nullptr, nullptr);
    sqlite3_close(db);
  }
};

Fixture& Shared() {
  static Fixture fixture;
  return fixture;
}

// Baseline: read every case and open its sealed fields.
void BM_OpenEveryCase(benchmark::State& state) {
  auto& f = Shared();
  const crypto::OfficeOpener opener(crypto::OfficePrivateKey{f.keys.private_key.bytes},
                                    f.keys.public_key);
  for (auto _ : state) {
    for (std::int64_t id = 1; id <= kCases; ++id) {
      auto stored = f.store->GetApplication(id);
      auto opened =
          opener.Open({stored->ephemeral_public, stored->wrapped_key, stored->sealed_fields, 1},
                      AsText(stored->receipt_lookup));
      benchmark::DoNotOptimize(opened);
    }
  }
  state.SetItemsProcessed(state.iterations() * kCases);
}
BENCHMARK(BM_OpenEveryCase)->Unit(benchmark::kMillisecond)->Iterations(3);

// The screening pass over every case, in the office's batches of 500.
void BM_ScreenEveryCase(benchmark::State& state) {
  auto& f = Shared();
  app::AuditLog audit(*f.store, f.clock, crypto::Key32{3});
  app::OfficeService office(
      *f.store, audit, f.clock,
      crypto::OfficeOpener(crypto::OfficePrivateKey{f.keys.private_key.bytes}, f.keys.public_key));
  for (auto _ : state) {
    state.PauseTiming();
    f.ForgetScreening();
    state.ResumeTiming();
    int screened = 0;
    for (;;) {
      auto n = office.ScreenPending(500);
      if (!n || *n == 0) break;
      screened += *n;
    }
    if (screened != kCases) state.SkipWithError("not every case was screened");
  }
  state.SetItemsProcessed(state.iterations() * kCases);
}
BENCHMARK(BM_ScreenEveryCase)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
