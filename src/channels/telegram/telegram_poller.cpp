#include "channels/telegram/telegram_poller.hpp"

#include <algorithm>
#include <cstdio>

namespace lifeline::channels::telegram {

using std::chrono::milliseconds;

TelegramPoller::TelegramPoller(TelegramBot& bot, PollerOptions options)
    : bot_(bot), options_(options) {}

TelegramPoller::~TelegramPoller() { Stop(); }

void TelegramPoller::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void TelegramPoller::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void TelegramPoller::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    const milliseconds wait = PollOnce();
    lock.lock();
    if (wait.count() > 0) wake_.wait_for(lock, wait, [this] { return stopping_; });
  }
}

milliseconds TelegramPoller::PollOnce() {
  auto failed = [this](const char* what, int retry_after_seconds) {
    backoff_ = backoff_.count() == 0 ? options_.first_backoff
                                     : std::min(options_.max_backoff, backoff_ * 2);
    std::fprintf(stderr, "telegram: %s; trying again later\n", what);
    return std::max(backoff_, milliseconds(std::chrono::seconds(retry_after_seconds)));
  };
  auto updates = bot_.GetUpdates(offset_, options_.long_poll_seconds);
  if (!updates) {
    switch (updates.error().code) {
      case ErrorCode::kUnauthenticated:
        return failed("getUpdates: the bot token was refused", 0);
      case ErrorCode::kConflict:
        return failed("getUpdates is refused while a webhook is set (deleteWebhook)", 0);
      default:
        return failed("getUpdates failed", updates.error().retry_after_seconds);
    }
  }
  for (const Update& update : *updates) {
    auto answer = bot_.Handle(update);
    // Not confirmed: Telegram hands it over again on the next call.
    if (!answer) return failed("an update could not be stored", 0);
    if (*answer) {
      SendResult sent = bot_.SendAnswer(**answer);
      if (sent.outcome == SendOutcome::kRetryLater && sent.retry_after_seconds > 0 &&
          sent.retry_after_seconds <= 5) {
        std::this_thread::sleep_for(std::chrono::seconds(sent.retry_after_seconds));
        sent = bot_.SendAnswer(**answer);
      }
      // An automatic answer that Telegram does not take is not sent again: the message is
      // stored, and he may ask STATUS or HELP again.
      if (sent.outcome != SendOutcome::kAccepted)
        std::fprintf(stderr, "telegram: an automatic answer was not sent\n");
    }
    offset_ = std::max(offset_, update.update_id + 1);
  }
  backoff_ = milliseconds(0);
  return milliseconds(0);
}

}  // namespace lifeline::channels::telegram
