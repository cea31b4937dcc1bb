// The outbox's pacing, back-off and bookkeeping, against channels that record what they are
// given (the gateways themselves are exercised end to end in tests/e2e).
#include "channels/outbox.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace lifeline::channels {
namespace {

using namespace std::chrono_literals;

class RecordingChannel : public OutboundChannel {
 public:
  SendResult Send(const app::OutgoingReply& reply) override {
    sent.push_back(reply.id);
    if (answers.empty()) return {SendOutcome::kAccepted};
    SendResult next = answers.front();
    answers.pop_front();
    return next;
  }
  std::vector<std::int64_t> sent;
  std::deque<SendResult> answers;  // what the gateway says next; empty: accepted
};

// The store's side: due replies until reported, in order.
class DueReplies {
 public:
  void Add(std::int64_t id, ContactChannel channel) {
    due_.push_back({id, id * 10, channel, "+70000000000", "text"});
  }
  Outbox::TakeDue Taker() {
    return [this](int limit) -> Result<std::vector<app::OutgoingReply>> {
      std::vector<app::OutgoingReply> out(due_.begin(),
                                          due_.begin() + std::min<std::size_t>(limit, due_.size()));
      return out;
    };
  }
  Outbox::ReportDelivery Reporter() {
    return [this](std::int64_t id, bool delivered) -> Status {
      std::erase_if(due_, [id](const app::OutgoingReply& r) { return r.id == id; });
      (delivered ? delivered_ : failed_).push_back(id);
      return OkStatus();
    };
  }
  std::size_t waiting() const { return due_.size(); }
  std::vector<std::int64_t> delivered_, failed_;

 private:
  std::vector<app::OutgoingReply> due_;
};

TEST(Outbox, SendsEachReplyOnItsChannelAndRecordsWhatTheGatewaySaid) {
  DueReplies store;
  store.Add(1, ContactChannel::kSms);
  store.Add(2, ContactChannel::kTelegram);
  store.Add(3, ContactChannel::kSms);
  RecordingChannel sms, telegram;
  sms.answers = {{SendOutcome::kAccepted}, {SendOutcome::kRejected}};
  Outbox outbox(store.Taker(), store.Reporter());
  outbox.Register(ContactChannel::kSms, sms, 1000);
  outbox.Register(ContactChannel::kTelegram, telegram, 1000);

  auto t = Outbox::Clock::now();
  outbox.SendDue(t);
  outbox.SendDue(t + 1ms);
  EXPECT_EQ(sms.sent, (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(telegram.sent, (std::vector<std::int64_t>{2}));
  EXPECT_EQ(store.delivered_, (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(store.failed_, (std::vector<std::int64_t>{3}));
  EXPECT_EQ(store.waiting(), 0u);
}

TEST(Outbox, SendsNoFasterThanTheChannelsRate) {
  DueReplies store;
  for (int i = 1; i <= 5; ++i) store.Add(i, ContactChannel::kSms);
  RecordingChannel sms;
  Outbox outbox(store.Taker(), store.Reporter(), {.poll = 60000ms});
  outbox.Register(ContactChannel::kSms, sms, 2);  // one every 500 ms

  // A second's worth (2) at once, then one every 500 ms; an idle spell saves up no more
  // than a second's worth.
  const auto t = Outbox::Clock::now();
  EXPECT_EQ(outbox.SendDue(t), 500ms);
  EXPECT_EQ(sms.sent.size(), 2u);
  outbox.SendDue(t + 499ms);
  EXPECT_EQ(sms.sent.size(), 2u);
  outbox.SendDue(t + 500ms);
  EXPECT_EQ(sms.sent.size(), 3u);
  outbox.SendDue(t + 5000ms);
  EXPECT_EQ(sms.sent.size(), 5u);
  EXPECT_EQ(store.waiting(), 0u);
}

TEST(Outbox, BacksOffWhileTheGatewayIsDownAndLosesNothing) {
  DueReplies store;
  store.Add(1, ContactChannel::kSms);
  RecordingChannel sms;
  sms.answers = {
      {SendOutcome::kRetryLater}, {SendOutcome::kRetryLater}, {SendOutcome::kRetryLater}};
  Outbox outbox(store.Taker(), store.Reporter(),
                {.poll = 60000ms, .first_backoff = 1000ms, .max_backoff = 3000ms});
  outbox.Register(ContactChannel::kSms, sms, 100);

  const auto t = Outbox::Clock::now();
  EXPECT_EQ(outbox.SendDue(t), 1000ms);  // down: wait 1 s
  outbox.SendDue(t + 999ms);
  EXPECT_EQ(sms.sent.size(), 1u);
  EXPECT_EQ(outbox.SendDue(t + 1000ms), 2000ms);  // still down: 2 s
  EXPECT_EQ(outbox.SendDue(t + 3000ms), 3000ms);  // capped at 3 s
  EXPECT_EQ(store.waiting(), 1u);                 // still due, nothing reported
  EXPECT_TRUE(store.delivered_.empty() && store.failed_.empty());
  outbox.SendDue(t + 6000ms);  // back up
  EXPECT_EQ(sms.sent.size(), 4u);
  EXPECT_EQ(store.delivered_, (std::vector<std::int64_t>{1}));
}

TEST(Outbox, WaitsAsLongAsTheGatewayAsks) {
  DueReplies store;
  store.Add(1, ContactChannel::kTelegram);
  RecordingChannel telegram;
  telegram.answers = {{SendOutcome::kRetryLater, 7}};
  Outbox outbox(store.Taker(), store.Reporter(), {.poll = 60000ms});
  outbox.Register(ContactChannel::kTelegram, telegram, 30);
  const auto t = Outbox::Clock::now();
  EXPECT_EQ(outbox.SendDue(t), 7000ms);
  outbox.SendDue(t + 6999ms);
  EXPECT_EQ(telegram.sent.size(), 1u);
  outbox.SendDue(t + 7000ms);
  EXPECT_EQ(store.delivered_, (std::vector<std::int64_t>{1}));
}

TEST(Outbox, LeavesRepliesForAChannelItDoesNotRunDueWithoutSpinning) {
  DueReplies store;
  for (int i = 1; i <= 3; ++i) store.Add(i, ContactChannel::kTelegram);
  RecordingChannel sms;
  Outbox outbox(store.Taker(), store.Reporter(), {.batch = 3, .poll = 1000ms});
  outbox.Register(ContactChannel::kSms, sms, 10);
  EXPECT_EQ(outbox.SendDue(Outbox::Clock::now()), 1000ms);
  EXPECT_EQ(store.waiting(), 3u);
  EXPECT_TRUE(sms.sent.empty());
}

TEST(Outbox, AFullBatchIsFollowedAtOnceByTheNext) {
  DueReplies store;
  for (int i = 1; i <= 4; ++i) store.Add(i, ContactChannel::kSms);
  RecordingChannel sms;
  Outbox outbox(store.Taker(), store.Reporter(), {.batch = 2});
  outbox.Register(ContactChannel::kSms, sms, 1e9);
  EXPECT_EQ(outbox.SendDue(Outbox::Clock::now()), 0ms);
  EXPECT_EQ(sms.sent.size(), 2u);
}

TEST(Outbox, ItsThreadSendsWhenWoken) {
  DueReplies store;
  RecordingChannel sms;
  std::mutex m;
  Outbox outbox(
      [&](int limit) {
        std::lock_guard lock(m);
        return store.Taker()(limit);
      },
      [&](std::int64_t id, bool delivered) {
        std::lock_guard lock(m);
        return store.Reporter()(id, delivered);
      },
      {.poll = 60000ms});
  outbox.Register(ContactChannel::kSms, sms, 1000);
  outbox.Start();
  {
    std::lock_guard lock(m);
    store.Add(1, ContactChannel::kSms);
  }
  outbox.Wake();
  for (int i = 0; i < 200; ++i) {
    {
      std::lock_guard lock(m);
      if (!store.delivered_.empty()) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  outbox.Stop();
  std::lock_guard lock(m);
  EXPECT_EQ(store.delivered_, (std::vector<std::int64_t>{1}));
}

TEST(Outbox, RefusesARateOfZero) {
  DueReplies store;
  RecordingChannel sms;
  Outbox outbox(store.Taker(), store.Reporter());
  EXPECT_THROW(outbox.Register(ContactChannel::kSms, sms, 0), std::invalid_argument);
}

}  // namespace
}  // namespace lifeline::channels
