#pragma once
// Sends operators' replies once their window has come (app::ChannelConversations::TakeDue),
// each on its channel, at no more than the channel's configured rate, backing off while a
// gateway is down and trying again: a reply stays due in the store until its gateway takes
// it or refuses it for good, so a restart or an outage loses nothing. Due replies take turns
// across senders (the store lists them so), so one sender's backlog holds nobody else up.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "app/channels/channel_conversations.hpp"
#include "channels/outbound_channel.hpp"

namespace lifeline::channels {

struct OutboxOptions {
  int batch = 50;                                 // replies taken from the store per pass
  std::chrono::milliseconds poll{1000};           // how often the store is looked at unasked
  std::chrono::milliseconds first_backoff{1000};  // the first wait after a gateway failed
  std::chrono::milliseconds max_backoff{300000};  // the wait doubles up to this
};

class Outbox {
 public:
  using TakeDue = std::function<Result<std::vector<app::OutgoingReply>>(int limit)>;
  using ReportDelivery = std::function<Status(std::int64_t reply_id, bool delivered)>;
  using Clock = std::chrono::steady_clock;

  Outbox(TakeDue take_due, ReportDelivery report, OutboxOptions options = {});
  /// Takes its replies from `conversations` (which must outlive it).
  explicit Outbox(app::ChannelConversations& conversations, OutboxOptions options = {});
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  /// Sends `kind`'s replies through `channel` (which must outlive this), at most
  /// `per_second` a second (> 0) on average, in bursts of at most a second's worth
  /// (a token bucket). Call before Start.
  void Register(ContactChannel kind, OutboundChannel& channel, double per_second);

  /// Sends from a thread of its own until Stop (or destruction).
  void Start();
  void Stop();
  /// Looks at the store now (a reply was queued or made due).
  void Wake();

  /// One pass on the caller's thread at `now`: sends what is due on every channel whose rate
  /// and back-off allow it. Returns how long until the next pass is worth making.
  std::chrono::milliseconds SendDue(Clock::time_point now);

 private:
  struct ChannelState {
    OutboundChannel* channel = nullptr;
    double per_second = 1;                 // the rate, and the largest burst
    double tokens = 0;                     // sends allowed now (a token bucket)
    Clock::time_point refilled{};          // when tokens was last topped up
    Clock::time_point resume_at{};         // the end of a back-off
    std::chrono::milliseconds backoff{0};  // the current back-off, 0 when healthy
  };
  void Run();

  TakeDue take_due_;
  ReportDelivery report_;
  const OutboxOptions options_;
  std::map<ContactChannel, ChannelState> channels_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace lifeline::channels
