#include "channels/outbox.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace lifeline::channels {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

Outbox::Outbox(TakeDue take_due, ReportDelivery report, OutboxOptions options)
    : take_due_(std::move(take_due)), report_(std::move(report)), options_(options) {}

Outbox::Outbox(app::ChannelConversations& conversations, OutboxOptions options)
    : Outbox([&conversations](int limit) { return conversations.TakeDue(limit); },
             [&conversations](std::int64_t id, bool delivered) {
               return conversations.ReportDelivery(id, delivered);
             },
             options) {}

Outbox::~Outbox() { Stop(); }

void Outbox::Register(ContactChannel kind, OutboundChannel& channel, double per_second) {
  if (!(per_second > 0))
    throw std::invalid_argument("a channel's send rate must be above 0 a second");
  ChannelState state;
  state.channel = &channel;
  state.per_second = per_second;
  state.tokens = std::max(1.0, per_second);
  state.refilled = Clock::now();
  channels_[kind] = state;
}

void Outbox::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void Outbox::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Outbox::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void Outbox::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    const milliseconds wait = SendDue(Clock::now());
    lock.lock();
    if (wait.count() > 0) wake_.wait_for(lock, wait, [this] { return stopping_ || woken_; });
  }
}

milliseconds Outbox::SendDue(Clock::time_point now) {
  auto due = take_due_(options_.batch);
  if (!due) {
    std::fprintf(stderr, "outbox: the store could not list due replies; trying again\n");
    return options_.poll;
  }
  Clock::time_point next_pass = now + options_.poll;
  bool held_back = false;
  bool finished_any = false;
  for (const app::OutgoingReply& reply : *due) {
    auto found = channels_.find(reply.channel);
    if (found == channels_.end()) continue;  // a channel this server does not run: it stays due
    ChannelState& state = found->second;
    if (now > state.refilled) {
      const double elapsed = std::chrono::duration<double>(now - state.refilled).count();
      state.tokens =
          std::min(std::max(1.0, state.per_second), state.tokens + elapsed * state.per_second);
      state.refilled = now;
    }
    if (state.resume_at > now || state.tokens < 1) {
      const auto next_token = now + duration_cast<Clock::duration>(std::chrono::duration<double>(
                                        (1 - state.tokens) / state.per_second));
      held_back = true;
      next_pass = std::min(next_pass, std::max(state.resume_at, next_token));
      continue;
    }
    const SendResult result = state.channel->Send(reply);
    switch (result.outcome) {
      case SendOutcome::kAccepted:
      case SendOutcome::kRejected:
        state.backoff = milliseconds(0);
        state.tokens -= 1;
        finished_any = true;
        if (auto reported = report_(reply.id, result.outcome == SendOutcome::kAccepted);
            !reported) {
          std::fprintf(stderr,
                       "outbox: a reply's delivery could not be recorded; it may be sent again\n");
        }
        break;
      case SendOutcome::kRetryLater: {
        state.backoff = state.backoff.count() == 0
                            ? options_.first_backoff
                            : std::min(options_.max_backoff, state.backoff * 2);
        const milliseconds asked = std::chrono::seconds(result.retry_after_seconds);
        state.resume_at = now + std::max(state.backoff, asked);
        held_back = true;
        next_pass = std::min(next_pass, state.resume_at);
        break;
      }
    }
  }
  // A full batch may have more behind it: go again at once, unless a channel is held back or
  // the batch holds only replies this server cannot send (that would spin).
  if (static_cast<int>(due->size()) >= options_.batch && finished_any && !held_back)
    return milliseconds(0);
  return std::max(milliseconds(1), std::chrono::ceil<milliseconds>(next_pass - now));
}

}  // namespace lifeline::channels
