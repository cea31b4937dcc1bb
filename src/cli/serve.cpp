#include "cli/serve.hpp"

#include <fmt/format.h>
#include <signal.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "app/accounts/account_admin.hpp"
#include "app/accounts/sessions.hpp"
#include "app/accounts/setup.hpp"
#include "app/audit/row_integrity.hpp"
#include "app/cases/office.hpp"
#include "app/cases/retention.hpp"
#include "app/channels/channel_conversations.hpp"
#include "app/deadline_timer.hpp"
#include "app/intake/collection.hpp"
#include "app/intake/intake.hpp"
#include "app/intake/proof_issuer.hpp"
#include "app/intake/status_check_notes.hpp"
#include "app/periodic.hpp"
#include "app/readiness.hpp"
#include "channels/intake_link/collector.hpp"
#include "channels/outbox.hpp"
#include "channels/telegram/telegram_bot.hpp"
#include "channels/telegram/telegram_poller.hpp"
#include "cli/intake_link_commands.hpp"
#include "cli/secrets.hpp"
#include "cli/serve_sms.hpp"
#include "cli/serve_voice.hpp"
#include "crypto/crypto.hpp"
#include "server/accounts/operations_routes.hpp"
#include "server/contact_centre/wallboard_feed.hpp"
#include "server/http_server.hpp"
#include "server/intake/public_routes.hpp"
#include "server/metrics.hpp"
#include "server/office_routes.hpp"

namespace lifeline::cli {
namespace {

server::ListenOptions ParseListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
  server::ListenOptions options;
  options.host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    throw std::runtime_error("--listen must be HOST:PORT with a port from 0 to 65535");
  }
  options.port = static_cast<std::uint16_t>(std::stoi(port));
  return options;
}

}  // namespace

server::ListenOptions ListenOptionsOf(const ServeOptions& options) {
  server::ListenOptions listen = ParseListen(options.listen);
  listen.threads =
      options.threads ? options.threads : std::max(2u, std::thread::hardware_concurrency());
  if (options.max_connections == 0)
    throw std::runtime_error("--max-connections must be at least 1");
  if (options.read_timeout_seconds < 1)
    throw std::runtime_error("--read-timeout must be at least 1 second");
  listen.max_connections = options.max_connections;
  listen.read_timeout = std::chrono::seconds(options.read_timeout_seconds);
  auto proxies = server::TrustedProxies::Parse(options.trusted_proxies);
  if (!proxies) throw std::runtime_error(proxies.error().message);
  listen.trusted_proxies = std::move(*proxies);
  return listen;
}

sigset_t BlockStopSignals() {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  return stop_signals;
}

int Serve(const ServeOptions& options) {
  if (!options.outbox.empty()) return ServeOutboxIntake(options);
  if (!options.intake_bundle.empty()) throw std::runtime_error("--intake-bundle needs --outbox");
  const bool intake_role = options.role == "all" || options.role == "intake";
  const bool office_role = options.role == "all" || options.role == "office";
  if (!intake_role && !office_role)
    throw std::runtime_error("--role must be all, intake or office");
  if (office_role && !options.unlock.given()) {
    throw std::runtime_error(
        "the office role needs --passphrase-file or its custodians' --custodian NAME=FILE (use "
        "--role intake to run without it)");
  }
  const server::ListenOptions listen = ListenOptionsOf(options);
  const sigset_t stop_signals = BlockStopSignals();

  auto store = OpenStore(options.store, false);
  const auto lock =
      LockStore(options.store, false,
                "the office key is being rotated in this store; start the server when lifeline "
                "rotate-key has finished");
  app::SystemClock clock;
  auto keys = app::LoadInstallationKeys(*store);
  if (!keys) throw std::runtime_error(keys.error().message);

  server::Router router;
  server::Metrics metrics;
  router.CountWith(&metrics);
  app::Readiness readiness(*store);  // outlives intake, whose group commit reports to it
  server::AddOperationsRoutes(router, metrics, readiness,
                              options.metrics_token_file.empty()
                                  ? std::string()
                                  : ReadSecret(options.metrics_token_file, "metrics token"));
  router.Add("GET", "/healthz", [role = options.role](server::Request&, server::Respond respond) {
    respond(
        {200, "application/json", fmt::format("{{\"status\":\"ok\",\"role\":\"{}\"}}", role), {}});
  });

  std::unique_ptr<app::AuditAnchor> anchor;
  std::unique_ptr<app::AuditLog> audit;
  std::unique_ptr<app::TwoFactor> two_factor;
  std::unique_ptr<app::OfficeService> office;
  std::unique_ptr<app::Sessions> sessions;
  std::unique_ptr<app::AccountAdmin> accounts;
  std::unique_ptr<app::ContactCentreService> centre;
  std::unique_ptr<app::CampService> camps;
  std::unique_ptr<app::AbroadService> abroad;
  std::unique_ptr<server::WallboardFeed> wallboard;
  std::unique_ptr<app::ChannelConversations> conversations;
  std::unique_ptr<app::VoiceLine> voice;
  std::unique_ptr<app::DtmfListener> dtmf;
  if (office_role) {
    auto opener = app::UnlockOffice(*store, ReadOfficeCredentials(options.unlock));
    if (!opener) throw std::runtime_error(opener.error().message);
    if (const std::string path = AuditAnchorPath(options.store); !path.empty()) {
      anchor = std::make_unique<app::AuditAnchor>(path, app::AuditCheckpointKey(*opener));
    } else {
      std::cerr << "lifeline: no --audit-anchor: nothing outside the database records the audit "
                   "log's head, so a "
                   "cut end of the log goes unnoticed (docs/deploy.md)\n";
    }
    audit = std::make_unique<app::AuditLog>(*store, clock, app::AuditKey(*opener), anchor.get());
    // Seals rows from now on (and, once after the upgrade, those kept before); refuses to
    // start on an office key row that fails its check.
    if (auto enabled = app::EnableRowIntegrity(*store, *opener, *audit); !enabled) {
      throw std::runtime_error(enabled.error().message);
    }
    // The head as found now: a new or restored checkpoint file holds it from the start.
    if (auto anchored = audit->Checkpoint(); !anchored)
      throw std::runtime_error(anchored.error().message);
    auto device_key = app::SignInDeviceKey(*opener);
    two_factor = std::make_unique<app::TwoFactor>(*store, *audit, clock, *opener);
    office = std::make_unique<app::OfficeService>(*store, *audit, clock, std::move(*opener));
    sessions = std::make_unique<app::Sessions>(*store, *audit, *two_factor, clock, device_key,
                                               app::SessionLimits{}, app::ThrottleLimits{},
                                               &office->integrity());
    crypto::Wipe(device_key);
    accounts = std::make_unique<app::AccountAdmin>(*store, *store, *audit, *sessions, clock);
    auto strategy = contact_centre::ParseStrategy(options.queue_strategy);
    if (!strategy)
      throw std::runtime_error(
          "--queue-strategy must be longest_idle, fewest_calls, round_robin or ring_all");
    contact_centre::QueueOptions queue{
        .strategy = *strategy, .wrap_up_seconds = static_cast<double>(options.wrap_up_seconds)};
    queue.overflow_after_seconds = options.queue_overflow_after;
    queue.offer_callback_after_seconds = options.queue_offer_callback_after;
    queue.join_empty = contact_centre::ParseWhenEmpty(options.queue_join_empty)
                           .value_or(contact_centre::WhenEmpty::kWait);
    queue.leave_empty = contact_centre::ParseWhenEmpty(options.queue_leave_empty)
                            .value_or(contact_centre::WhenEmpty::kWait);
    centre = std::make_unique<app::ContactCentreService>(
        clock, *audit, *store, *store, queue,
        options.telephony_token_file.empty()
            ? std::string()
            : ReadSecret(options.telephony_token_file, "telephony token"));
    if (auto restored = centre->Restore(); !restored)
      throw std::runtime_error(restored.error().message);
    metrics.AddGauge("lifeline_calls_waiting", "Calls waiting for an operator.",
                     [&centre] { return static_cast<double>(centre->CallsWaiting()); });
    wallboard = std::make_unique<server::WallboardFeed>(*centre, *sessions);
    camps = std::make_unique<app::CampService>(*store, *audit, clock, *office);
    abroad = std::make_unique<app::AbroadService>(*store, *audit, clock, *office);
    conversations = std::make_unique<app::ChannelConversations>(*store, *office, *audit, clock,
                                                                keys->receipt_salt);
    if (!options.voice_prompts.empty()) {
      StartVoiceLine(options, clock, *centre, *office, *conversations, voice, dtmf);
    }
    server::AddOfficeRoutes(router, *office, *sessions, *audit, *two_factor,
                            {.secure_cookies = options.secure_cookies,
                             .contact_centre = centre.get(),
                             .wallboard_feed = wallboard.get(),
                             .camp = camps.get(),
                             .abroad = abroad.get(),
                             .conversations = conversations.get(),
                             .accounts = accounts.get()});
  }

  // After the office, which it tells of status checks (duress receipts: they are issued only
  // where an office hears them, so not by an intake-only process on the shared store).
  // Status checks are noted in batches on a thread of their own, never on the hash threads
  // (status_check_notes.hpp says why).
  std::unique_ptr<app::StatusCheckNotes> check_notes;
  // Proofs of application are signed where the office secret is held: for this process's
  // intake, and for the intakes it collects from.
  std::unique_ptr<app::ProofIssuer> proofs;
  if (office) {
    proofs = std::make_unique<app::ProofIssuer>(*store, *audit, clock,
                                                app::ProofSigningKey(office->Opener()));
    server::AddProofLogRoute(router, *proofs);
  }
  std::unique_ptr<app::IntakeService> intake;
  if (intake_role) {
    app::IntakeOptions intake_options{
        .group_commit = {.on_batch =
                             [&readiness](bool committed) { readiness.NoteWrite(committed); }},
        .max_waiting_hashes = options.intake_queue};
    if (office) {
      check_notes = std::make_unique<app::StatusCheckNotes>(
          [&office](std::span<const store::Blob32> lookups) {
            const std::size_t failed = office->NoteStatusChecks(lookups);
            if (failed)
              std::fprintf(stderr, "duress receipts: %zu status checks could not be noted\n",
                           failed);
            return failed;
          });
      intake_options.on_status_check = [&check_notes](const store::Blob32& lookup) {
        if (!check_notes->Add(lookup))
          std::fprintf(stderr, "duress receipts: too many status checks to note\n");
      };
      intake_options.issue_proof = [&proofs](const store::Blob32& lookup,
                                             std::string_view digits) -> Result<std::string> {
        auto proof = proofs->ProofFor(lookup, digits);
        if (!proof) {
          // The errors name entry numbers at most; a duress receipt's refusal is not logged.
          if (proof.error().code == ErrorCode::kInternal)
            std::fprintf(stderr, "proof of application: %s\n", proof.error().message.c_str());
          return proof.error();
        }
        return app::ProofText(*proof);
      };
    }
    intake = std::make_unique<app::IntakeService>(*store, clock, keys->office_public,
                                                  keys->receipt_salt, std::move(intake_options));
    server::AddPublicRoutes(router, *intake);
    metrics.AddGauge("lifeline_intake_waiting_hashes",
                     "Submissions and status checks waiting for a receipt hash.",
                     [&intake] { return static_cast<double>(intake->WaitingHashes()); });
  }

  // Intake hosts on their own store: the office collects from each (channels/intake_link/).
  std::unique_ptr<channels::intake_link::IntakeCollector> collector;
  if (!options.collect_from.empty()) {
    if (!office) throw std::runtime_error("--collect-from is for the office role (all or office)");
    collector = std::make_unique<channels::intake_link::IntakeCollector>(
        *store, app::IntakeLinkKey(office->Opener()), clock,
        channels::intake_link::CollectorOptions{
            .intakes = options.collect_from,
            .proxy = options.collect_proxy,
            .interval = std::chrono::milliseconds(std::max(50, options.collect_every_ms)),
            .note_checks =
                [&office](std::span<const store::Blob32> lookups) {
                  return office->NoteStatusChecks(lookups);
                },
            .proofs = proofs.get()});
  }

  // The office indexes cases for search (in memory) and screens new ones: it alone holds
  // the keys. A run indexes at most 50,000 cases, so that stopping never waits long.
  std::unique_ptr<app::PeriodicTask> screening;
  if (office_role) {
    screening = std::make_unique<app::PeriodicTask>(std::chrono::seconds(2), [&office] {
      for (int batch = 0; batch < 50; ++batch) {
        auto indexed = office->IndexPending(1000);
        if (!indexed) std::fprintf(stderr, "search index: the run failed; it will be retried\n");
        if (!indexed || *indexed == 0) break;
      }
      auto screened = office->ScreenPending(500);
      if (!screened) std::fprintf(stderr, "screening: the run failed; it will be retried\n");
    });
  }
  // Each operator's access pattern against their own baseline (app/audit/access_alerts.hpp):
  // the day so far, every ten minutes; an alert is recorded once.
  std::unique_ptr<app::PeriodicTask> access_patterns;
  if (office_role) {
    access_patterns = std::make_unique<app::PeriodicTask>(std::chrono::minutes(10), [&] {
      if (!app::ScanAccessPatterns(*store, *audit, clock))
        std::fprintf(stderr, "access alerts: the scan failed; it will be retried\n");
    });
  }
  // Ring timeouts, wrap-ups, overflows and wait limits end on time, at their deadline (a
  // wrap-up's end rings the next caller at once), even when no event arrives; the queue log
  // is written at least every second.
  std::unique_ptr<app::DeadlineTimer> queue_timers;
  if (centre) {
    queue_timers = std::make_unique<app::DeadlineTimer>(
        clock, [&centre] { return centre->NextDeadline(); }, [&centre] { centre->Tick(); },
        std::chrono::seconds(1));
    centre->OnDeadlineMoved([timers = queue_timers.get()] { timers->Wake(); });
  }
  std::unique_ptr<app::RetentionSchedule> retention;
  if (office_role && options.retention_days > 0) {
    retention =
        std::make_unique<app::RetentionSchedule>(*store, *office, clock, options.retention_days);
  }

  // The Telegram bot (docs/channels.md, "Telegram"): its webhook route goes on the router
  // before the server starts.
  std::unique_ptr<channels::telegram::TelegramBot> telegram;
  if (!options.telegram_token_file.empty()) {
    if (!conversations)
      throw std::runtime_error("the Telegram bot runs in the office role (--role all or office)");
    channels::telegram::TelegramOptions bot{
        .token = ReadSecret(options.telegram_token_file, "Telegram bot token"),
        .api_base = options.telegram_api_base,
        .proxy = options.telegram_proxy,
        .onion = options.telegram_onion};
    if (options.telegram_mode == "webhook") {
      if (options.telegram_webhook_secret_file.empty()) {
        throw std::runtime_error("--telegram-mode webhook needs --telegram-webhook-secret-file");
      }
      bot.webhook_secret =
          ReadSecret(options.telegram_webhook_secret_file, "Telegram webhook secret");
      if (!channels::telegram::IsValidSecretToken(bot.webhook_secret)) {
        throw std::runtime_error(
            "the Telegram webhook secret must be 1-256 characters of A-Z a-z 0-9 _ -");
      }
    }
    telegram = std::make_unique<channels::telegram::TelegramBot>(*conversations, std::move(bot));
    if (options.telegram_mode == "webhook") channels::telegram::AddWebhookRoute(router, *telegram);
  }

  // Operators' replies over SMS and messengers go out from the outbox, each on its channel
  // (docs/channels.md); it runs when a channel is configured.
  SmsChannelHandle sms;  // outlives the outbox, which sends through it
  std::unique_ptr<channels::Outbox> outbox;
  if (conversations) outbox = std::make_unique<channels::Outbox>(*conversations);
  if (telegram) outbox->Register(ContactChannel::kTelegram, *telegram, options.telegram_per_second);
  sms = AddSmsChannel(options, router, conversations.get(), outbox.get());
  // Started once every channel that sends is registered.
  if (telegram || (sms && !options.sendsms_url.empty())) outbox->Start();

  server::HttpServer http(listen, router);
  std::unique_ptr<channels::telegram::TelegramPoller> telegram_poller;
  if (telegram && options.telegram_mode == "poll") {
    telegram_poller = std::make_unique<channels::telegram::TelegramPoller>(
        *telegram,
        channels::telegram::PollerOptions{.long_poll_seconds = options.telegram_poll_seconds});
    telegram_poller->Start();
  }
  if (telegram && options.telegram_mode == "webhook" && !options.telegram_webhook_url.empty()) {
    // Not fatal: Telegram keeps the webhook it was given last, and an operator can set it.
    if (auto set = telegram->SetWebhook(options.telegram_webhook_url); !set) {
      std::fprintf(stderr, "telegram: setWebhook failed (%s); the webhook Telegram has stays\n",
                   set.error().message.c_str());
    }
  }
  if (collector) collector->Start();
  fmt::print("lifeline listening on http://{}:{} (role {})\n", listen.host, http.port(),
             options.role);
  std::fflush(stdout);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  fmt::print("lifeline stopping\n");
  if (intake) intake->Stop();  // commit and answer everything accepted so far
  collector.reset();           // finishes the round under way
  if (wallboard) wallboard->Close();
  http.Stop();
  telegram_poller.reset();
  outbox.reset();
  telegram.reset();
  retention.reset();
  screening.reset();
  if (centre) centre->OnDeadlineMoved({});
  queue_timers.reset();
  dtmf.reset();
  if (centre) centre->SetVoiceLine(nullptr);
  voice.reset();
  fmt::print("lifeline stopped\n");
  return 0;
}

}  // namespace lifeline::cli
