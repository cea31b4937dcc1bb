#pragma once

#include <signal.h>

#include <string>
#include <vector>

#include "cli/secrets.hpp"
#include "cli/store_options.hpp"
#include "server/http_server.hpp"

namespace lifeline::cli {

struct ServeOptions {
  StoreOptions store;  // --data or --db
  std::string listen = "127.0.0.1:8080";
  std::string role = "all";            // all | intake | office
  OfficeUnlock unlock;                 // the office role's: passphrase or custodians
  std::size_t threads = 0;             // 0: one per core
  std::size_t max_connections = 1024;  // server::ListenOptions::max_connections
  int read_timeout_seconds = 60;
  bool secure_cookies = false;
  std::vector<std::string> trusted_proxies;  // --trusted-proxy: server::TrustedProxies::Parse
  std::size_t intake_queue = 256;  // submissions and status checks waiting for a receipt hash
  int retention_days = 0;          // 0: no scheduled retention; else delete uncontacted cases older
  std::string telephony_token_file;  // empty: no telephony client may send events
  std::string metrics_token_file;    // empty: /metrics is not served
  std::string queue_strategy = "longest_idle";
  int wrap_up_seconds = 10;
  // Issue 15 (docs/contact-centre.md, "When nobody can answer"): 0 turns a limit off.
  // By default nobody waits in silence for long: after two minutes any operator may take the
  // call, after ten a safe callback is offered (0 turns either off).
  int queue_overflow_after = 120;          // seconds; then any logged-in operator may take the call
  int queue_offer_callback_after = 600;    // seconds; then the caller is offered a safe callback
  std::string queue_join_empty = "wait";   // wait or offer_callback
  std::string queue_leave_empty = "wait";  // wait or offer_callback
  // Issue 16 (docs/contact-centre.md, "The voice line"): empty prompt folder: no voice line.
  std::string voice_prompts;                          // made by scripts/make-voice-prompts.sh
  std::string voice_dtmf_listen = "127.0.0.1:22223";  // UDP, rtpengine's --dtmf-log-dest
  int voice_announce_every = 30;                      // seconds between announcements
  // Telegram (docs/channels.md, "Telegram"); it runs when telegram_token_file is set.
  std::string telegram_token_file;
  std::string telegram_api_base = "https://api.telegram.org";
  std::string telegram_mode = "webhook";     // webhook or poll
  std::string telegram_webhook_secret_file;  // webhook mode: setWebhook's secret_token
  std::string telegram_webhook_url;          // when set, serve calls setWebhook with it at start
  std::string telegram_proxy;                // e.g. socks5h://127.0.0.1:9050
  std::string telegram_onion;                // the onion form's address, named in the first answer
  double telegram_per_second = 20;           // operators' replies sent a second, at most
  int telegram_poll_seconds = 25;            // getUpdates' long-poll wait
  // SMS through Kannel (docs/channels.md): on with sms_inbound_token_file (office role).
  std::string sms_inbound_token_file;    // the secret smsbox's sms-service sends as `token`
  std::string sendsms_url;               // smsbox's sendsms URL; empty: replies are not sent by SMS
  std::string sendsms_credentials_file;  // "username:password" of Kannel's sendsms-user
  std::string sms_dlr_base_url;  // lifeline as Kannel reaches it, for delivery reports; empty: none
  double sms_per_second = 1;     // replies handed to smsbox a second
  // The intake on its own store (issue 21; docs/deploy.md "An intake on its own store").
  std::string outbox;                     // intake role: the outbox's folder; empty: shared store
  std::string intake_bundle;              // intake role with --outbox: made by intake-bundle
  std::vector<std::string> collect_from;  // office role: intake hosts' base URLs to collect from
  std::string collect_proxy;              // e.g. socks5h://127.0.0.1:9050 for onion addresses
  int collect_every_ms = 1000;
};

/// The listener's options from --listen, --threads, --max-connections, --read-timeout and
/// --trusted-proxy; throws std::runtime_error naming the option that is wrong.
server::ListenOptions ListenOptionsOf(const ServeOptions& options);
/// Blocks SIGINT and SIGTERM for this thread and every thread it starts later, so that only
/// the caller's sigwait on the returned set receives them. Call before any thread starts.
sigset_t BlockStopSignals();

/// Runs the server until SIGINT or SIGTERM, then stops intake first (every queued
/// application is committed and answered) and the listener second. Returns the exit code.
int Serve(const ServeOptions& options);

}  // namespace lifeline::cli
