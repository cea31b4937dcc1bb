#pragma once
// getUpdates long polling, for where Telegram cannot reach a public webhook (a server behind
// tor, no public HTTPS). Telegram keeps every update it has not seen confirmed for 24 hours,
// and an update counts as confirmed once getUpdates is called with a higher offset; the
// poller asks with the offset after the last update it has handled (Receive committed and the
// answer sent), so a restart or a crash gets the unconfirmed ones again and Receive, which is
// idempotent on the message id, stores each once. No offset is kept on disk: Telegram's is
// the durable one.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "channels/telegram/telegram_bot.hpp"

namespace lifeline::channels::telegram {

struct PollerOptions {
  int long_poll_seconds = 25;                     // getUpdates' timeout
  std::chrono::milliseconds first_backoff{1000};  // after a failed call; doubles
  std::chrono::milliseconds max_backoff{60000};
};

class TelegramPoller {
 public:
  /// `bot` must outlive this.
  TelegramPoller(TelegramBot& bot, PollerOptions options = {});
  ~TelegramPoller();
  TelegramPoller(const TelegramPoller&) = delete;
  TelegramPoller& operator=(const TelegramPoller&) = delete;

  /// Polls from a thread of its own until Stop (which waits for the call under way, at most
  /// the long-poll time).
  void Start();
  void Stop();

  /// One getUpdates and the handling of what it brought, on the caller's thread. The wait
  /// before the next call: 0 after success, the back-off (or the API's retry_after) after a
  /// failure.
  std::chrono::milliseconds PollOnce();

 private:
  void Run();

  TelegramBot& bot_;
  const PollerOptions options_;
  std::int64_t offset_ = 0;  // the poller thread's alone
  std::chrono::milliseconds backoff_{0};

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lifeline::channels::telegram
