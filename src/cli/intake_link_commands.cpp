#include "cli/intake_link_commands.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "app/accounts/setup.hpp"
#include "app/intake/collection.hpp"
#include "app/intake/intake.hpp"
#include "app/intake/status_check_notes.hpp"
#include "channels/intake_link/link_routes.hpp"
#include "cli/secrets.hpp"
#include "cli/store_options.hpp"
#include "crypto/base64.hpp"
#include "server/http_server.hpp"
#include "server/intake/public_routes.hpp"
#include "store/sqlite/outbox_store.hpp"

namespace lifeline::cli {
namespace {

using nlohmann::json;
constexpr std::string_view kBundleFormat = "lifeline-intake-bundle/1";

// What the intake host needs from the office.
struct Bundle {
  crypto::OfficePublicKey office_public;
  crypto::Bytes receipt_salt;
  crypto::Key32 link_public{};
};

crypto::Key32 Key32From(const json& j, const char* name) {
  auto bytes = crypto::FromBase64(j.at(name).get<std::string>());
  if (!bytes || bytes->size() != 32)
    throw std::runtime_error(std::string("the bundle's ") + name + " is malformed");
  crypto::Key32 key{};
  std::copy(bytes->begin(), bytes->end(), key.begin());
  return key;
}

Bundle ReadBundle(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the intake bundle " + path);
  try {
    const json j = json::parse(std::string(std::istreambuf_iterator<char>(in), {}));
    if (j.at("format").get<std::string>() != kBundleFormat)
      throw std::runtime_error("not an intake bundle of this version");
    Bundle b;
    b.office_public.bytes = Key32From(j, "office_public");
    b.office_public.generation = j.at("generation").get<std::int64_t>();
    auto salt = crypto::FromBase64(j.at("receipt_salt").get<std::string>());
    if (!salt || salt->empty()) throw std::runtime_error("the bundle's receipt salt is malformed");
    b.receipt_salt = std::move(*salt);
    b.link_public = Key32From(j, "link_public");
    return b;
  } catch (const json::exception&) {
    throw std::runtime_error("the intake bundle " + path + " is malformed");
  }
}

class Command final : public IntakeBundleCommand {
 public:
  explicit Command(CLI::App& cli) {
    app_ = cli.add_subcommand(
        "intake-bundle",
        "Write what an intake host on its own store needs from the office (nothing secret)");
    AddStoreOptions(*app_, where_);
    app_->add_option("--passphrase-file", unlock_.passphrase_file, "Office passphrase file");
    AddCustodianOption(*app_, unlock_);
    app_->add_option("--out", out_, "The bundle file to write")->required();
  }

  std::optional<int> RunIfChosen() const override {
    if (!*app_) return std::nullopt;
    try {
      return Run();
    } catch (const std::exception& e) {
      std::cerr << "lifeline intake-bundle: " << e.what() << "\n";
      return 1;
    }
  }

 private:
  int Run() const {
    auto store = OpenStore(where_, false);
    auto keys = app::LoadInstallationKeys(*store);
    if (!keys) throw std::runtime_error(keys.error().message);
    auto opener = app::UnlockOffice(*store, ReadOfficeCredentials(unlock_));
    if (!opener) throw std::runtime_error(opener.error().message);
    const crypto::SigningKey link = app::IntakeLinkKey(*opener);
    const json bundle{{"format", kBundleFormat},
                      {"office_public", crypto::ToBase64(keys->office_public.bytes)},
                      {"generation", keys->office_public.generation},
                      {"receipt_salt", crypto::ToBase64(keys->receipt_salt)},
                      {"link_public", crypto::ToBase64(link.public_key)}};
    const std::string text = bundle.dump(2) + "\n";
    const int fd = ::open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ::write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size()) ||
        ::fsync(fd) != 0 || ::close(fd) != 0) {
      throw std::runtime_error("cannot write " + out_);
    }
    std::cout << "intake bundle written to " << out_
              << ": give it to each intake host (serve --role intake --outbox DIR "
                 "--intake-bundle FILE); make a new one after rotate-key\n";
    return 0;
  }

  CLI::App* app_ = nullptr;
  StoreOptions where_;
  OfficeUnlock unlock_;
  std::string out_;
};

}  // namespace

std::unique_ptr<IntakeBundleCommand> AddIntakeBundleCommand(CLI::App& cli) {
  return std::make_unique<Command>(cli);
}

int ServeOutboxIntake(const ServeOptions& options) {
  if (options.role != "intake") throw std::runtime_error("--outbox is for --role intake");
  if (options.intake_bundle.empty())
    throw std::runtime_error("--outbox needs --intake-bundle (made by lifeline intake-bundle)");
  const server::ListenOptions listen = ListenOptionsOf(options);  // checked before anything
  const Bundle bundle = ReadBundle(options.intake_bundle);
  std::filesystem::create_directories(options.outbox);
  std::filesystem::permissions(options.outbox, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::replace);

  const sigset_t stop_signals = BlockStopSignals();
  store::sqlite::OutboxStore outbox((std::filesystem::path(options.outbox) / "outbox.db").string());
  app::SystemClock clock;
  server::Router router;
  router.Add("GET", "/healthz", [](server::Request&, server::Respond respond) {
    respond({200, "application/json", R"({"status":"ok","role":"intake"})", {}});
  });
  // Every status check is kept for the office, which alone tells a duress receipt's: so this
  // intake issues duress receipts too. Kept in batches once a second, as the office notes them
  // (app/intake/status_check_notes.hpp).
  app::StatusCheckNotes checks([&outbox](std::span<const store::Blob32> lookups) -> std::size_t {
    if (outbox.AddChecks(lookups)) return 0;
    std::fprintf(stderr, "duress receipts: %zu status checks could not be kept\n", lookups.size());
    return lookups.size();
  });
  app::IntakeService intake(
      outbox, clock, bundle.office_public, bundle.receipt_salt,
      app::IntakeOptions{.max_waiting_hashes = options.intake_queue,
                         .on_status_check =
                             [&checks](const store::Blob32& lookup) {
                               if (!checks.Add(lookup))
                                 std::fprintf(stderr,
                                              "duress receipts: too many status checks to keep\n");
                             },
                         // Proofs are signed by the office, which sends each back in its view.
                         .request_proof =
                             [&outbox](const store::OutboxProofRequest& request) {
                               return outbox.AddProofRequest(request);
                             }});
  server::AddPublicRoutes(router, intake);
  channels::intake_link::RequestVerifier verifier(bundle.link_public);
  channels::intake_link::AddIntakeLinkRoutes(router, outbox, verifier, clock);

  server::HttpServer http(listen, router);
  fmt::print("lifeline listening on http://{}:{} (role intake)\n", listen.host, http.port());
  std::fflush(stdout);
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  fmt::print("lifeline stopping\n");
  intake.Stop();
  http.Stop();
  fmt::print("lifeline stopped\n");
  return 0;
}

}  // namespace lifeline::cli
