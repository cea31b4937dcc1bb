// The unavoidable per-record cryptography at intake, and the baseline it replaces: one
// libsodium sealed box per record. Ratios against the baseline go to docs/PERFORMANCE.md.

#include <benchmark/benchmark.h>
#include <sodium.h>

#include "app/sealed_fields.hpp"
#include "crypto/crypto.hpp"
#include "crypto/password.hpp"
#include "crypto/receipt_keys.hpp"
#include "crypto/record_sealer.hpp"

namespace {

using namespace lifeline;

const IdentifyingFields& SampleFields() {
  static const IdentifyingFields fields = [] {
    IdentifyingFields f;
    f.name = "Синтетический Пример";
    f.unit = "часть-пример №101";
    f.rank = "рядовой";
    f.location = "населённый пункт-пример 7";
    f.contact_handle = "@synthetic_bench";
    f.message = std::string(300, 'x');
    return f;
  }();
  return fields;
}

void BM_ReceiptHash(benchmark::State& state) {
  const auto salt = crypto::RandomBytes(crypto::kReceiptSaltBytes);
  for (auto _ : state) {
    benchmark::DoNotOptimize(crypto::DeriveReceiptKeys("1234567890123456", salt));
  }
}
BENCHMARK(BM_ReceiptHash)->Unit(benchmark::kMillisecond);
// Both cores at once: the throughput bound that intake is measured against.
BENCHMARK(BM_ReceiptHash)->Unit(benchmark::kMillisecond)->Threads(2)->UseRealTime();

// Baseline: a sealed box (ephemeral X25519 + XSalsa20-Poly1305) for every record.
void BM_SealedBoxPerRecord(benchmark::State& state) {
  auto office = crypto::GenerateOfficeKeyPair();
  const auto plaintext = app::EncodeSealedFields(SampleFields(), 0);
  std::vector<std::uint8_t> out(plaintext.size() + crypto_box_SEALBYTES);
  for (auto _ : state) {
    crypto_box_seal(out.data(), plaintext.data(), plaintext.size(), office.public_key.bytes.data());
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_SealedBoxPerRecord)->Unit(benchmark::kMicrosecond);

// What intake does: encode, then seal under a record key wrapped by the window key.
void BM_WindowSealPerRecord(benchmark::State& state) {
  auto office = crypto::GenerateOfficeKeyPair();
  crypto::IntakeSealer sealer(office.public_key, std::chrono::seconds(1), 512);
  for (auto _ : state) {
    const auto plaintext = app::EncodeSealedFields(SampleFields(), 0);
    benchmark::DoNotOptimize(sealer.Seal(plaintext.view(), "lookup-hash-32-bytes-long-......"));
  }
}
BENCHMARK(BM_WindowSealPerRecord)->Unit(benchmark::kMicrosecond);

// The office opening one record (X25519 per record, then two AEAD).
void BM_OfficeOpenRecord(benchmark::State& state) {
  auto office = crypto::GenerateOfficeKeyPair();
  crypto::IntakeSealer sealer(office.public_key, std::chrono::seconds(1), 512);
  const auto plaintext = app::EncodeSealedFields(SampleFields(), 0);
  const auto sealed = sealer.Seal(plaintext.view(), "lookup");
  crypto::OfficeOpener opener(std::move(office.private_key), office.public_key);
  for (auto _ : state) benchmark::DoNotOptimize(opener.Open(sealed, "lookup"));
}
BENCHMARK(BM_OfficeOpenRecord)->Unit(benchmark::kMicrosecond);

// Key rotation per case: open the record key under the old generation, wrap it under the new.
void BM_RewrapRecordKey(benchmark::State& state) {
  auto old_office = crypto::GenerateOfficeKeyPair(1);
  auto new_office = crypto::GenerateOfficeKeyPair(2);
  crypto::IntakeSealer old_sealer(old_office.public_key, std::chrono::seconds(1), 512);
  const auto sealed = old_sealer.Seal("fields", "lookup");
  crypto::OfficeOpener opener(std::move(old_office.private_key), old_office.public_key);
  crypto::IntakeSealer new_sealer(new_office.public_key, std::chrono::hours(1), 512);
  for (auto _ : state) {
    auto key = opener.OpenRecordKey(sealed, "lookup");
    benchmark::DoNotOptimize(new_sealer.Wrap(*key, "lookup"));
  }
}
BENCHMARK(BM_RewrapRecordKey)->Unit(benchmark::kMicrosecond);

// Window key derivation, paid once per window (1 s or 512 records).
void BM_WindowKeyDerivation(benchmark::State& state) {
  auto office = crypto::GenerateOfficeKeyPair();
  for (auto _ : state) {
    crypto::IntakeSealer sealer(office.public_key, std::chrono::seconds(1), 512);
    benchmark::DoNotOptimize(sealer.Seal("x", "y"));
  }
}
BENCHMARK(BM_WindowKeyDerivation)->Unit(benchmark::kMicrosecond);

void BM_OperatorPasswordHash(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(crypto::HashPassword("synthetic-password"));
}
BENCHMARK(BM_OperatorPasswordHash)->Unit(benchmark::kMillisecond)->Iterations(5);

}  // namespace
