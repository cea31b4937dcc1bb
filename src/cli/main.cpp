// lifeline: the composition root. Each subcommand wires the layers together and nothing else.

#include <fmt/format.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "app/accounts/setup.hpp"
#include "app/audit/audit_log.hpp"
#include "app/audit/row_integrity.hpp"
#include "app/backup.hpp"
#include "app/cases/key_rotation.hpp"
#include "app/cases/office.hpp"
#include "app/cases/retention.hpp"
#include "app/demo_data.hpp"
#include "app/intake/intake.hpp"
#include "cli/camp_commands.hpp"
#include "cli/contact_centre_commands.hpp"
#include "cli/data_lock.hpp"
#include "cli/db_commands.hpp"
#include "cli/import_command.hpp"
#include "cli/intake_link_commands.hpp"
#include "cli/office_key_commands.hpp"
#include "cli/partner_commands.hpp"
#include "cli/proof_commands.hpp"
#include "cli/secrets.hpp"
#include "cli/serve.hpp"
#include "cli/store_options.hpp"
#include "crypto/crypto.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace {

using namespace lifeline;

using cli::Fail;
using cli::OpenAudit;

int Init(const cli::StoreOptions& where, const cli::OfficeUnlock& unlock, int threshold,
         const std::string& strength_name, const std::string& admin,
         const std::string& admin_password_file) {
  if (unlock.passphrase_file.empty() == unlock.custodians.empty()) {
    return Fail("give either --passphrase-file, or --custodian NAME=FILE for each custodian");
  }
  const auto strength = crypto::ParsePassphraseStrength(strength_name);
  if (!strength) return Fail("--passphrase-strength: interactive, moderate or sensitive");
  if (*strength != crypto::PassphraseStrength::kModerate && !unlock.custodians.empty()) {
    return Fail(
        "--passphrase-strength is for --passphrase-file; custodians' shares are sealed "
        "at the default strength");
  }
  if (!unlock.custodians.empty() && threshold == 0) {
    return Fail("--threshold: how many custodians together open the office");
  }
  app::CustodianDeal deal{threshold, cli::ReadCustodians(unlock.custodians)};
  const std::string passphrase = unlock.passphrase_file.empty()
                                     ? std::string()
                                     : cli::ReadSecret(unlock.passphrase_file, "office passphrase");
  const std::string password = cli::ReadSecret(admin_password_file, "administrator password");
  auto store = cli::OpenStore(where, true);
  // Creates the lock file now, so that later commands never write it into a ready folder.
  const auto lock = cli::LockStore(where, true, "a lifeline server is using this store");
  if (auto s = app::InitialiseInstallation(*store, passphrase, admin, password,
                                           cli::AuditAnchorPath(where),
                                           deal.custodians.empty() ? nullptr : &deal, *strength);
      !s) {
    return Fail(s.error().message);
  }
  fmt::print("initialised {}: office keys created, administrator \"{}\" added\n",
             where.postgres() ? "the database" : where.data, admin);
  if (*strength == crypto::PassphraseStrength::kInteractive) {
    fmt::print(
        "the office passphrase is hashed at the interactive strength (64 MiB): each "
        "guess at it costs about a sixth of the default's\n");
  }
  if (!deal.custodians.empty()) {
    fmt::print("the office key is split among {} custodians; any {} of them open the office\n",
               deal.custodians.size(), threshold);
  }
  return 0;
}

int AddUser(const cli::StoreOptions& where, const cli::OfficeUnlock& unlock,
            const std::string& name, const std::string& role_name,
            const std::string& password_file) {
  auto role = ParseRole(role_name);
  if (!role) return Fail("--role must be one of " + AllRoleNames());
  const std::string password = cli::ReadSecret(password_file, "password");
  auto store = cli::OpenStore(where, false);
  app::SystemClock clock;
  auto audit = OpenAudit(where, *store, cli::ReadOfficeCredentials(unlock), clock);
  auto id = app::AddUser(*store, *audit.log, name, *role, password);
  if (!id) return Fail(id.error().message);
  fmt::print("user \"{}\" added as {}\n", name, role_name);
  return 0;
}

int VerifyAudit(const cli::StoreOptions& where, const cli::OfficeUnlock& unlock,
                const std::string& expected_head) {
  auto store = cli::OpenStore(where, false);
  auto office = app::UnlockOffice(*store, cli::ReadOfficeCredentials(unlock));
  if (!office) return Fail(office.error().message);
  // The checkpoint file is read with the public key only: it needs nothing secret.
  std::optional<app::CheckpointFile> checkpoints;
  const std::string anchor_path = cli::AuditAnchorPath(where);
  std::vector<app::AuditProblem> missing;
  if (anchor_path.empty()) {
    fmt::print("no --audit-anchor given: a cut end of the log is found only with --expect-head\n");
  } else {
    auto read = app::ReadCheckpoints(anchor_path, app::AuditCheckpointKey(*office).public_key);
    if (read) {
      checkpoints = std::move(*read);
    } else if (read.error().code == ErrorCode::kNotFound) {
      missing.push_back({0, read.error().message + ": a cut end of the log cannot be ruled out"});
    } else {
      return Fail(read.error().message);
    }
  }
  auto result = app::VerifyAuditLog(*store, app::AuditKey(*office), expected_head,
                                    checkpoints ? &*checkpoints : nullptr);
  if (!result) return Fail(result.error().message);
  if (result->entries > 0)
    result->problems.insert(result->problems.begin(), missing.begin(), missing.end());
  if (result->entries == 0) {  // `init` writes the first entries: an empty log was emptied
    result->problems.push_back(
        {0,
         "the log has no entries, though every installation starts with its creation "
         "entry: it was emptied"});
  }
  for (const auto& problem : result->problems) {
    if (problem.seq == 0) {
      fmt::print("{}\n", problem.what);
    } else {
      fmt::print("entry {}: {}\n", problem.seq, problem.what);
    }
  }
  if (checkpoints && !checkpoints->checkpoints.empty()) {
    const auto highest =
        std::max_element(checkpoints->checkpoints.begin(), checkpoints->checkpoints.end(),
                         [](const auto& a, const auto& b) { return a.seq < b.seq; });
    fmt::print("{} signed checkpoints, the highest at entry {}\n", checkpoints->checkpoints.size(),
               highest->seq);
  }
  fmt::print("{} entries, {}; head {}\n", result->entries,
             result->problems.empty() ? "chain intact"
                                      : fmt::format("{} problems", result->problems.size()),
             result->head_mac_hex);
  return result->problems.empty() ? 0 : 3;
}

// Checks every tamper-evident row; names each bad one as table:id (never its content).
int VerifyRows(const cli::StoreOptions& where, const cli::OfficeUnlock& unlock) {
  auto store = cli::OpenStore(where, false);
  auto office = app::UnlockOffice(*store, cli::ReadOfficeCredentials(unlock));
  if (!office) return Fail(office.error().message);
  const crypto::Key32 key = app::RowMacKey(*office);
  auto result = app::VerifyStoreRows(*store, key);
  if (!result) return Fail(result.error().message);
  for (const auto& bad : result->bad) fmt::print("{}:{}: {}\n", bad.table, bad.id, bad.what);
  if (result->backfill_pending) {
    fmt::print(
        "rows kept before this lifeline's upgrade get their MAC when the office first starts with "
        "the passphrase: start it, then verify again\n");
  }
  fmt::print("{} rows, {}\n", result->rows,
             result->bad.empty() ? "all intact"
                                 : fmt::format("{} failed their tamper check", result->bad.size()));
  return result->bad.empty() ? 0 : 3;
}

int Purge(const cli::StoreOptions& where, const cli::OfficeUnlock& unlock, int days, bool dry_run) {
  auto store = cli::OpenStore(where, false);
  app::SystemClock clock;
  auto candidates = app::RetentionCandidates(*store, clock, days);
  if (!candidates) return Fail(candidates.error().message);
  if (dry_run) {
    for (const auto& c : *candidates) {
      fmt::print("case {} received {} ({})\n", c.id, FormatIsoDate(c.received_on),
                 ToString(c.clear.situation));
    }
    fmt::print("{} uncontacted applications older than {} days would be deleted\n",
               candidates->size(), days);
    return 0;
  }
  if (!unlock.given())
    return Fail("deleting needs --passphrase-file or the custodians (or use --dry-run)");
  auto office = app::UnlockOffice(*store, cli::ReadOfficeCredentials(unlock));
  if (!office) return Fail(office.error().message);
  auto anchor = cli::OpenAuditAnchor(where, *office);
  app::AuditLog audit(*store, clock, app::AuditKey(*office), anchor.get());
  app::OfficeService service(*store, audit, clock, std::move(*office));
  auto deleted = app::ApplyRetention(*store, service, clock, days);
  if (!deleted) return Fail(deleted.error().message);
  fmt::print("{} uncontacted applications older than {} days deleted\n", *deleted, days);
  return 0;
}

int SeedDemo(const cli::StoreOptions& where, int count) {
  if (count < 1 || count > 1'000'000) return Fail("--applications must be between 1 and 1000000");
  auto store = cli::OpenStore(where, false);
  auto keys = app::LoadInstallationKeys(*store);
  if (!keys) return Fail(keys.error().message);
  app::SystemClock clock;
  app::IntakeService intake(*store, clock, keys->office_public, keys->receipt_salt);
  app::DemoOptions options;
  options.applications = count;
  auto stored = app::SeedDemoApplications(intake, clock, options);
  intake.Stop();
  if (!stored) return Fail(stored.error().message);
  fmt::print("stored {} synthetic applications\n", *stored);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  ::umask(077);  // everything lifeline writes is for its own user only
  // No core dumps: a crash must not write decrypted cases or keys to disk.
  const rlimit no_core{0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  CLI::App cli{"lifeline: secure hotline and case management"};
  cli.require_subcommand(1);

  std::string data;  // restore's target folder
  cli::StoreOptions where;
  cli::OfficeUnlock unlock;
  std::string admin = "admin", admin_password_file, passphrase_strength = "moderate";
  int threshold = 0;
  auto* init =
      cli.add_subcommand("init", "Create the store, the office keys and the first administrator");
  cli::AddStoreOptions(*init, where);
  init->add_option("--passphrase-file", unlock.passphrase_file,
                   "File holding the office passphrase ('-' for stdin)");
  cli::AddCustodianOption(*init, unlock,
                          "NAME=FILE: instead of a passphrase, split the office key among "
                          "custodians, each with the passphrase in FILE (repeat for each)");
  init->add_option("--threshold", threshold, "With --custodian: how many of them open the office")
      ->check(CLI::Range(2, 255));
  init->add_option("--passphrase-strength", passphrase_strength,
                   "The passphrase's Argon2id: moderate (default, 256 MiB), sensitive (1 GiB) or "
                   "interactive (64 MiB: hosts short of memory, throwaway stores)");
  init->add_option("--admin", admin, "Administrator user name");
  init->add_option("--admin-password-file", admin_password_file,
                   "File holding the administrator's password")
      ->required();

  cli::ServeOptions serve_options;
  auto* serve = cli.add_subcommand("serve", "Run the HTTP server until SIGINT or SIGTERM");
  cli::AddStoreOptions(*serve, serve_options.store);
  serve->add_option("--listen", serve_options.listen, "HOST:PORT (port 0 picks a free one)");
  serve->add_option("--role", serve_options.role, "all, intake (public key only) or office")
      ->check(CLI::IsMember({"all", "intake", "office"}));
  serve->add_option("--passphrase-file", serve_options.unlock.passphrase_file,
                    "Office passphrase file (office and all roles)");
  cli::AddCustodianOption(*serve, serve_options.unlock);
  serve->add_option("--outbox", serve_options.outbox,
                    "intake role: keep applications in this folder's own outbox until the office "
                    "collects them, instead of the shared store (docs/deploy.md)");
  serve->add_option("--intake-bundle", serve_options.intake_bundle,
                    "with --outbox: the file lifeline intake-bundle made from the office");
  serve->add_option("--collect-from", serve_options.collect_from,
                    "office role: an intake host on its own outbox to collect from (its base "
                    "URL; repeatable)");
  serve->add_option("--collect-proxy", serve_options.collect_proxy,
                    "proxy for --collect-from, e.g. socks5h://127.0.0.1:9050 for onion addresses");
  serve->add_option("--collect-every-ms", serve_options.collect_every_ms,
                    "milliseconds between collection rounds (default 1000)");
  serve->add_option("--threads", serve_options.threads,
                    "HTTP worker threads (default: one per core)");
  serve->add_option(
      "--max-connections", serve_options.max_connections,
      "connections served at once; past it new ones get 503 with Retry-After, /healthz still "
      "answers (default 1024)");
  serve->add_option("--read-timeout", serve_options.read_timeout_seconds,
                    "seconds a client may stay silent before it is disconnected (default 60)");
  serve->add_flag("--secure-cookies", serve_options.secure_cookies,
                  "Mark cookies Secure (behind TLS)");
  serve->add_option(
      "--trusted-proxy", serve_options.trusted_proxies,
      "Address of a reverse proxy whose X-Forwarded-For names the client, for sign-in throttling "
      "(repeatable or a comma list; default: none, the peer is the client)");
  serve->add_option("--telephony-token-file", serve_options.telephony_token_file,
                    "File holding the token the telephony side (Kamailio) sends as Bearer");
  serve->add_option("--metrics-token-file", serve_options.metrics_token_file,
                    "File holding the token a Prometheus scraper sends as Bearer to /metrics "
                    "(without it, no /metrics)");
  serve->add_option("--queue-strategy", serve_options.queue_strategy,
                    "longest_idle, fewest_calls, round_robin or ring_all");
  serve
      ->add_option("--wrap-up-seconds", serve_options.wrap_up_seconds,
                   "Operators' wrap-up after each call")
      ->check(CLI::Range(0, 3600));
  serve
      ->add_option("--queue-overflow-after", serve_options.queue_overflow_after,
                   "Seconds a call waits for its language before any logged-in operator may take "
                   "it (0: never)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600));
  serve
      ->add_option("--queue-offer-callback-after", serve_options.queue_offer_callback_after,
                   "Seconds a caller waits before being offered a safe callback instead (0: never)")
      ->capture_default_str()
      ->check(CLI::Range(0, 3600));
  serve
      ->add_option(
          "--queue-join-empty", serve_options.queue_join_empty,
          "A new call when no operator who could take it is logged in: wait or offer_callback")
      ->check(CLI::IsMember({"wait", "offer_callback"}));
  serve
      ->add_option("--queue-leave-empty", serve_options.queue_leave_empty,
                   "Waiting calls when the last operator who could take them logs out: wait or "
                   "offer_callback")
      ->check(CLI::IsMember({"wait", "offer_callback"}));
  serve->add_option("--voice-prompts", serve_options.voice_prompts,
                    "Folder of the voice line's prompts (scripts/make-voice-prompts.sh); without "
                    "it, held callers hear "
                    "nothing from lifeline");
  serve->add_option("--voice-dtmf-listen", serve_options.voice_dtmf_listen,
                    "UDP address where rtpengine (--dtmf-log-dest) reports callers' digits "
                    "(default 127.0.0.1:22223)");
  serve
      ->add_option("--voice-announce-every", serve_options.voice_announce_every,
                   "Seconds of music between announcements of position and wait")
      ->capture_default_str()
      ->check(CLI::Range(5, 3600));
  serve
      ->add_option(
          "--retention-days", serve_options.retention_days,
          "Delete applications never contacted for this many days, every 6 hours (office role)")
      ->check(CLI::Range(30, 100000));
  serve->add_option(
      "--sms-inbound-token-file", serve_options.sms_inbound_token_file,
      "File holding the secret Kannel's sms-service sends as token= (turns SMS on; office role)");
  serve->add_option("--sendsms-url", serve_options.sendsms_url,
                    "Kannel smsbox's sendsms URL for operators' replies, e.g. "
                    "http://127.0.0.1:13013/cgi-bin/sendsms");
  serve->add_option("--sendsms-credentials-file", serve_options.sendsms_credentials_file,
                    "File holding username:password of Kannel's sendsms-user");
  serve->add_option(
      "--sms-dlr-base-url", serve_options.sms_dlr_base_url,
      "lifeline's URL as Kannel reaches it, for delivery reports (empty: none asked for)");
  serve
      ->add_option("--sms-per-second", serve_options.sms_per_second,
                   "Replies handed to smsbox a second")
      ->capture_default_str()
      ->check(CLI::Range(0.01, 1000.0));
  serve
      ->add_option("--intake-queue", serve_options.intake_queue,
                   "Submissions and status checks that may wait for a receipt hash before 503")
      ->check(CLI::Range(1, 100000));
  // Telegram (docs/channels.md, "Telegram"): runs when --telegram-token-file is given.
  const std::string telegram_group = "Telegram bot (docs/channels.md)";
  serve
      ->add_option("--telegram-token-file", serve_options.telegram_token_file,
                   "File holding the bot token from BotFather; without it the bot does not run")
      ->group(telegram_group);
  serve
      ->add_option("--telegram-mode", serve_options.telegram_mode,
                   "webhook (Telegram POSTs to /channels/telegram/webhook) or poll (getUpdates)")
      ->check(CLI::IsMember({"webhook", "poll"}))
      ->capture_default_str()
      ->group(telegram_group);
  serve
      ->add_option(
          "--telegram-webhook-secret-file", serve_options.telegram_webhook_secret_file,
          "File holding the webhook's secret_token (1-256 of A-Z a-z 0-9 _ -); webhook mode")
      ->group(telegram_group);
  serve
      ->add_option(
          "--telegram-webhook-url", serve_options.telegram_webhook_url,
          "Public HTTPS URL of the webhook: serve calls setWebhook with it and the secret at start")
      ->group(telegram_group);
  serve
      ->add_option("--telegram-api-base", serve_options.telegram_api_base, "The Bot API's base URL")
      ->capture_default_str()
      ->group(telegram_group);
  serve
      ->add_option("--telegram-proxy", serve_options.telegram_proxy,
                   "Proxy for calls to the Bot API, e.g. socks5h://127.0.0.1:9050 (tor)")
      ->group(telegram_group);
  serve
      ->add_option("--telegram-onion", serve_options.telegram_onion,
                   "The onion form's address, named in the bot's first answer")
      ->group(telegram_group);
  serve
      ->add_option("--telegram-per-second", serve_options.telegram_per_second,
                   "Operators' replies sent to Telegram a second, at most")
      ->check(CLI::Range(0.01, 1000.0))
      ->capture_default_str()
      ->group(telegram_group);
  serve
      ->add_option("--telegram-poll-seconds", serve_options.telegram_poll_seconds,
                   "getUpdates' long-poll wait in poll mode (stopping waits for it)")
      ->check(CLI::Range(0, 50))
      ->capture_default_str()
      ->group(telegram_group);

  std::string user_name, user_role = "operator", user_password_file;
  auto* user = cli.add_subcommand("user", "Manage operator accounts");
  user->require_subcommand(1);
  auto* user_add = user->add_subcommand("add", "Add an operator account");
  cli::AddStoreOptions(*user_add, where);
  user_add->add_option("--passphrase-file", unlock.passphrase_file,
                       "Office passphrase file (the audit log is keyed with the office key)");
  cli::AddCustodianOption(*user_add, unlock);
  user_add->add_option("--name", user_name, "User name (a-z 0-9 . _ -)")->required();
  user_add->add_option("--role", user_role, "Role: " + AllRoleNames());
  user_add
      ->add_option("--password-file", user_password_file,
                   "File holding the password ('-' for stdin)")
      ->required();

  std::string expected_head;
  auto* audit = cli.add_subcommand("audit", "The tamper-evident audit log");
  audit->require_subcommand(1);
  auto* audit_verify = audit->add_subcommand(
      "verify", "Check the whole chain; exit 0 if intact, 3 naming each broken entry otherwise");
  cli::AddStoreOptions(*audit_verify, where);
  audit_verify->add_option("--passphrase-file", unlock.passphrase_file, "Office passphrase file");
  cli::AddCustodianOption(*audit_verify, unlock);
  audit_verify->add_option("--expect-head", expected_head,
                           "Head MAC printed by an earlier verify: reports a cut tail");

  auto* verify = cli.add_subcommand(
      "verify",
      "Check every tamper-evident row (accounts, cases, their history and conversations, group "
      "membership, office keys, ledger postings); exit 0 if all are intact, 3 naming each bad row "
      "as table:id otherwise");
  cli::AddStoreOptions(*verify, where);
  verify->add_option("--passphrase-file", unlock.passphrase_file,
                     "Office passphrase file (the row MACs are keyed with the office key)");
  cli::AddCustodianOption(*verify, unlock);

  std::string backup_file;
  auto* backup =
      cli.add_subcommand("backup", "Write an encrypted, consistent snapshot of the store");
  cli::AddStoreOptions(*backup, where);
  backup->add_option("--passphrase-file", unlock.passphrase_file,
                     "Office passphrase file (the backup is encrypted under it)");
  cli::AddCustodianOption(*backup, unlock);
  backup->add_option("--out", backup_file, "Backup file to create (must not exist)")->required();
  auto* restore = cli.add_subcommand("restore", "Restore a backup into an empty data folder");
  restore->add_option("--in", backup_file, "Backup file")->required()->check(CLI::ExistingFile);
  restore->add_option("--data", data, "Empty data folder to restore into")->required();
  restore->add_option("--passphrase-file", unlock.passphrase_file, "Office passphrase file");
  cli::AddCustodianOption(*restore, unlock);

  int purge_days = 180;
  bool purge_dry_run = false;
  cli::OfficeUnlock purge_unlock;
  auto* purge = cli.add_subcommand(
      "purge", "Delete applications never contacted for longer than the retention period");
  cli::AddStoreOptions(*purge, where);
  purge->add_option("--older-than-days", purge_days, "Retention period in days (at least 30)");
  purge->add_flag("--dry-run", purge_dry_run, "Only list what would be deleted");
  purge->add_option("--passphrase-file", purge_unlock.passphrase_file,
                    "Office passphrase file (needed to delete)");
  cli::AddCustodianOption(*purge, purge_unlock);

  std::vector<std::string> new_custodians;
  int deal_threshold = 0;
  auto* custodians = cli.add_subcommand(
      "custodians",
      "Deal the office key anew among custodians: any --threshold of them open the office, "
      "fewer learn nothing; cases are not re-encrypted (stop servers first)");
  cli::AddStoreOptions(*custodians, where);
  custodians->add_option("--passphrase-file", unlock.passphrase_file,
                         "The office passphrase, if no custodians hold the key yet");
  cli::AddCustodianOption(*custodians, unlock,
                          "NAME=FILE: a present custodian's passphrase file (enough of them to "
                          "open the office)");
  custodians
      ->add_option("--new-custodian", new_custodians,
                   "NAME=FILE: a custodian of the new deal and the passphrase in FILE (repeat "
                   "for each; a custodian who stays is named again)")
      ->required();
  custodians->add_option("--threshold", deal_threshold, "How many custodians open the office")
      ->required()
      ->check(CLI::Range(2, 255));

  bool rotate_retire = false;
  int rotate_batch = 500;
  auto* rotate = cli.add_subcommand(
      "rotate-key",
      "Rotate the office key and re-seal every case key (resumable); stop servers first");
  cli::AddStoreOptions(*rotate, where);
  rotate->add_option("--passphrase-file", unlock.passphrase_file, "Office passphrase file");
  cli::AddCustodianOption(*rotate, unlock);
  rotate->add_flag("--retire", rotate_retire,
                   "Destroy the older generations' private keys once no case needs them");
  rotate->add_option("--batch", rotate_batch, "Cases committed per transaction")
      ->check(CLI::Range(1, 100000));

  int demo_count = 3000;
  auto* demo = cli.add_subcommand("demo", "Fill the store with synthetic demo applications");
  cli::AddStoreOptions(*demo, where);
  demo->add_option("--applications", demo_count, "How many applications");

  const auto contact_centre = cli::AddContactCentreCommands(cli);
  const auto camps = cli::AddCampCommands(cli);
  const auto partners = cli::AddPartnerCommands(cli);
  const auto databases = cli::AddDbCommands(cli);
  const auto importing = cli::AddImportCommand(cli);
  const auto intake_bundle = cli::AddIntakeBundleCommand(cli);
  const auto proofs = cli::AddProofCommands(cli);

  CLI11_PARSE(cli, argc, argv);
  if (auto code = contact_centre->RunIfChosen()) return *code;
  if (auto code = camps->RunIfChosen()) return *code;
  if (auto code = partners->RunIfChosen()) return *code;
  if (auto code = databases->RunIfChosen()) return *code;
  crypto::Initialise();
  if (auto code = importing->RunIfChosen()) return *code;
  if (auto code = intake_bundle->RunIfChosen()) return *code;
  if (auto code = proofs->RunIfChosen()) return *code;
  try {
    crypto::Initialise();
    if (*init)
      return Init(where, unlock, threshold, passphrase_strength, admin, admin_password_file);
    if (*custodians) return cli::DealCustodians(where, unlock, new_custodians, deal_threshold);
    if (*serve) return cli::Serve(serve_options);
    if (*user_add) return AddUser(where, unlock, user_name, user_role, user_password_file);
    if (*audit_verify) return VerifyAudit(where, unlock, expected_head);
    if (*verify) return VerifyRows(where, unlock);
    if (*backup) return cli::Backup(where, unlock, backup_file);
    if (*purge) return Purge(where, purge_unlock, purge_days, purge_dry_run);
    if (*restore) return cli::Restore(backup_file, unlock, data);
    if (*demo) return SeedDemo(where, demo_count);
    if (*rotate) return cli::RotateKey(where, unlock, rotate_retire, rotate_batch);
  } catch (const std::exception& e) {
    return Fail(e.what());
  }
  return 1;
}
