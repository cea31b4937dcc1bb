#include "cli/office_key_commands.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "app/accounts/setup.hpp"
#include "app/audit/row_integrity.hpp"
#include "app/backup.hpp"
#include "app/cases/key_rotation.hpp"
#include "cli/data_lock.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::cli {
namespace {
// Progress on a terminal only: scripts and logs get the final line alone.
app::Progress TerminalProgress(const char* what) {
  if (!::isatty(STDERR_FILENO)) return {};
  return [what](std::uint64_t done, std::uint64_t total) {
    const double mib = 1024.0 * 1024.0;
    std::fprintf(stderr, "\r%s: %3.0f%% (%.1f of %.1f MiB)", what,
                 total ? 100.0 * done / total : 100.0, done / mib, total / mib);
    if (done >= total) std::fputc('\n', stderr);
  };
}

app::Progress TerminalCountProgress(const char* what, const char* unit) {
  if (!::isatty(STDERR_FILENO)) return {};
  return [what, unit](std::uint64_t done, std::uint64_t total) {
    std::fprintf(stderr, "\r%s: %3.0f%% (%llu of %llu %s)", what,
                 total ? 100.0 * done / total : 100.0, static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total), unit);
    if (done >= total) std::fputc('\n', stderr);
  };
}

}  // namespace

int Fail(const std::string& message) {
  std::cerr << "lifeline: " << message << "\n";
  return 1;
}

CommandAudit OpenAudit(const cli::StoreOptions& where, store::Store& store,
                       const app::OfficeCredentials& credentials, const app::Clock& clock) {
  auto office = app::UnlockOffice(store, credentials);
  if (!office) throw std::runtime_error(office.error().message);
  CommandAudit audit;
  audit.anchor = cli::OpenAuditAnchor(where, *office);
  audit.log =
      std::make_unique<app::AuditLog>(store, clock, app::AuditKey(*office), audit.anchor.get());
  // The account added is sealed (docs/security.md, "Tamper-evident rows").
  if (auto enabled = app::EnableRowIntegrity(store, *office, *audit.log); !enabled)
    throw std::runtime_error(enabled.error().message);
  return audit;
}

int RotateKey(const cli::StoreOptions& where, const cli::OfficeUnlock& unlock, bool retire,
              int batch_size) {
  const app::OfficeCredentials passphrase = cli::ReadOfficeCredentials(unlock);
  auto store = cli::OpenStore(where, false);
  const auto lock =
      cli::LockStore(where, true,
                     "a lifeline server is using this store; stop every server before rotating the "
                     "office key (servers keep the old key in memory)");
  app::SystemClock clock;
  if (retire) {
    auto retired = app::RetireOldOfficeKeys(*store, passphrase, clock);
    if (!retired) return Fail(retired.error().message);
    fmt::print("{} older office key generation(s) retired\n", *retired);
    return 0;
  }
  const auto started = std::chrono::steady_clock::now();
  auto rotated = app::RotateOfficeKey(*store, passphrase, clock, batch_size,
                                      TerminalCountProgress("re-sealing keys", "keys"));
  if (!rotated) return Fail(rotated.error().message);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  fmt::print("{} office key generation {}: {} keys re-sealed in {:.2f} s ({:.0f} keys/s)\n",
             rotated->resumed ? "finished rotating to" : "rotated to", rotated->generation,
             rotated->rewrapped, seconds, seconds > 0 ? rotated->rewrapped / seconds : 0.0);
  fmt::print("when the servers run again, destroy the old key with lifeline rotate-key --retire\n");
  return 0;
}

int Backup(const cli::StoreOptions& where, const cli::OfficeUnlock& unlock,
           const std::string& out) {
  const app::OfficeCredentials passphrase = cli::ReadOfficeCredentials(unlock);
  auto store = cli::OpenStore(where, false);
  if (auto s = app::WriteBackup(*store, passphrase, out, TerminalProgress("backup")); !s) {
    return Fail(s.error().message);
  }
  fmt::print("backup written to {}\n", out);
  return 0;
}

int Restore(const std::string& in, const cli::OfficeUnlock& unlock, const std::string& data) {
  if (unlock.passphrase_file.empty())
    return Fail("--passphrase-file: the passphrase the backup file is encrypted under");
  const app::OfficeCredentials passphrase = cli::ReadOfficeCredentials(unlock);
  if (std::filesystem::exists(std::filesystem::path(data) / "lifeline.db")) {
    return Fail("the data folder already holds a store; restore into an empty folder");
  }
  auto snapshot = app::ReadBackup(in, passphrase.passphrase, TerminalProgress("restore"));
  if (!snapshot) return Fail(snapshot.error().message);
  auto restored = store::RestoreSqliteStore(data, *snapshot);
  explicit_bzero(snapshot->data(), snapshot->size());
  if (!restored) return Fail(restored.error().message);
  const cli::DataFolderLock lock(data, cli::DataFolderLock::Mode::kExclusive,
                                 "a lifeline server is using this data folder");
  auto store = store::OpenSqliteStore(data, false);
  if (auto s = app::FinishRestore(*store, passphrase); !s) return Fail(s.error().message);
  fmt::print("restored {} into {}\n", in, data);
  return 0;
}

int DealCustodians(const cli::StoreOptions& where, const cli::OfficeUnlock& unlock,
                   const std::vector<std::string>& new_custodians, int threshold) {
  const app::OfficeCredentials current = cli::ReadOfficeCredentials(unlock);
  const app::CustodianDeal deal{threshold, cli::ReadCustodians(new_custodians)};
  if (auto ok = app::CheckCustodianDeal(deal); !ok) return Fail(ok.error().message);
  auto store = cli::OpenStore(where, false);
  const auto lock = cli::LockStore(
      where, true, "a lifeline server is using this store; stop every server before the deal");
  app::SystemClock clock;
  auto audit = OpenAudit(where, *store, current, clock);
  auto dealt = app::DealCustodians(*store, current, deal, clock, *audit.log);
  if (!dealt) return Fail(dealt.error().message);
  std::string names;
  for (const auto& c : dealt->custodians) names += (names.empty() ? "" : ", ") + c.name;
  fmt::print(
      "the office key is dealt anew: any {} of {} custodians ({}) open the office; the "
      "former passphrase or shares no longer do\n",
      dealt->threshold, dealt->custodians.size(), names);
  return 0;
}

}  // namespace lifeline::cli
