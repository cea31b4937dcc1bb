// Fills an initialised data folder with synthetic sealed applications, fast: sealed to the
// installation's office key like real ones, but with random receipt lookups instead of the
// Argon2id receipt hash (which would take an hour for a million). For benchmarks only.
// Usage: fill_store DATA_DIR COUNT

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "app/accounts/setup.hpp"
#include "app/sealed_fields.hpp"
#include "crypto/crypto.hpp"
#include "crypto/record_sealer.hpp"
#include "store/sqlite/sqlite_store.hpp"

int main(int argc, char** argv) {
  using namespace lifeline;
  if (argc != 3) {
    std::fprintf(stderr, "usage: fill_store DATA_DIR COUNT\n");
    return 2;
  }
  crypto::Initialise();
  const long count = std::atol(argv[2]);
  auto store = store::OpenSqliteStore(argv[1], false);
  auto keys = app::LoadInstallationKeys(*store);
  if (!keys) {
    std::fprintf(stderr, "fill_store: %s\n", keys.error().message.c_str());
    return 1;
  }
  crypto::IntakeSealer sealer(keys->office_public, std::chrono::seconds(1), 512);
  std::mt19937 rng(11);
  const char* syllables[] = {"ка", "ро", "ми", "ла", "то", "не",
                             "ва", "си", "ру", "го", "зе", "ду"};
  std::vector<store::NewApplication> batch;
  for (long i = 0; i < count; ++i) {
    IdentifyingFields f;
    f.name = "Синтет ";
    for (int s = 0; s < 3; ++s) f.name += syllables[rng() % std::size(syllables)];
    f.name += "ов";
    f.unit = "часть-пример " + std::to_string(rng() % 5000);
    f.contact_handle = "@synthetic_" + std::to_string(rng() % 900000);
    f.message = "Синтетическое сообщение для замера.";
    store::NewApplication a;
    a.clear.situation = static_cast<Situation>(rng() % 5);
    a.clear.contact_channel = static_cast<ContactChannel>(rng() % 4);
    a.received_on =
        std::chrono::year_month_day{std::chrono::sys_days{std::chrono::year{2026} / 11 / 22} -
                                    std::chrono::days{static_cast<int>(rng() % 300)}};
    const auto lookup = crypto::RandomBytes(32);
    std::copy(lookup.begin(), lookup.end(), a.receipt_lookup.begin());
    const auto reply = crypto::RandomBytes(32);
    std::copy(reply.begin(), reply.end(), a.reply_public.begin());
    auto sealed =
        sealer.Seal(app::EncodeSealedFields(f, 0).view(),
                    std::string_view(reinterpret_cast<const char*>(a.receipt_lookup.data()), 32));
    a.ephemeral_public = sealed.ephemeral_public;
    a.key_generation = sealed.key_generation;
    a.wrapped_key = std::move(sealed.wrapped_key);
    a.sealed_fields = std::move(sealed.ciphertext);
    batch.push_back(std::move(a));
    if (batch.size() == 5000 || i + 1 == count) {
      if (auto ids = store->AppendApplications(batch); !ids) {
        std::fprintf(stderr, "fill_store: %s\n", ids.error().message.c_str());
        return 1;
      }
      batch.clear();
    }
  }
  std::printf("stored %ld synthetic applications\n", count);
  return 0;
}
