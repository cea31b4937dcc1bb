// The channel storage contract (store/channel_store.hpp), run against SQLite and PostgreSQL:
// a new sender's application, sender row and message id arrive together or not at all; a
// message id is taken in once; STOP leaves no address and no unsent reply; replies wait for
// their time (or his next message), are due once, and finish once.
#include <gtest/gtest.h>

#include <filesystem>

#include "store/store_conformance_fixture.hpp"
#include "store/test_engines.hpp"

namespace lifeline::store {
namespace {

using conformance::kDay;
using testing::Engine;
using testing::EngineStore;

// A case that came in by SMS.
NewApplication MakeApplication(std::uint8_t tag) {
  NewApplication a = conformance::MakeApplication(tag);
  a.clear.contact_channel = ContactChannel::kSms;
  return a;
}

ChannelSender MakeSender(std::uint8_t tag) {
  ChannelSender s;
  s.sender_index.fill(tag);
  s.channel = "sms";
  s.language = "ru";
  s.address_sealed = Blob{9, 9, tag};
  return s;
}

Blob32 Key(std::uint8_t tag) {
  Blob32 k;
  k.fill(tag);
  return k;
}

class ChannelStoreConformance : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (!EngineStore::Runs(GetParam())) GTEST_SKIP() << EngineStore::kNoPostgres;
    engine_ = std::make_unique<EngineStore>(GetParam(), "channel-store");
    ASSERT_TRUE(engine_->opened()) << engine_->opened().error().message;
    store_ = engine_->get();
    channels_ = &store_->Channels();
    applications_ = store_;
  }
  void TearDown() override { engine_.reset(); }
  ChannelStore& channels() { return *channels_; }

  // A sender with his case, as his first message leaves them.
  ChannelSender Open(std::uint8_t tag) {
    auto case_id =
        channels().OpenConversation(MakeApplication(tag), MakeSender(tag), Key(tag), 1000);
    EXPECT_TRUE(case_id.ok());
    auto sender = channels().FindSender(MakeSender(tag).sender_index);
    EXPECT_TRUE(sender.ok() && sender->has_value());
    EXPECT_EQ((*sender)->case_id, *case_id);
    return **sender;
  }
  NewMessage Message(std::int64_t case_id) {
    NewMessage m;
    m.case_id = case_id;
    m.created_on = kDay;
    m.sealed_for_applicant = {1};
    m.sealed_for_office = {2};
    m.wrapping = OfficeWrapping{1, Key(3), {4, 5}};
    return m;
  }

  std::unique_ptr<EngineStore> engine_;
  Store* store_ = nullptr;
  ChannelStore* channels_ = nullptr;
  ApplicationStore* applications_ = nullptr;
};

TEST_P(ChannelStoreConformance, OpensACaseWithItsSenderAndFindsHimByIndexAndByCase) {
  const ChannelSender sender = Open(7);
  EXPECT_EQ(sender.channel, "sms");
  EXPECT_EQ(sender.language, "ru");
  EXPECT_EQ(sender.address_sealed, (Blob{9, 9, 7}));
  EXPECT_FALSE(sender.stopped);
  EXPECT_FALSE(sender.blocked);
  EXPECT_TRUE(applications_->GetApplication(sender.case_id).ok());
  auto by_case = channels().FindSenderOfCase(sender.case_id);
  ASSERT_TRUE(by_case.ok() && by_case->has_value());
  EXPECT_EQ((*by_case)->id, sender.id);
  EXPECT_FALSE(channels().FindSender(Key(8))->has_value());
  EXPECT_EQ(channels().GetSender(sender.id + 100).error().code, ErrorCode::kNotFound);
}

TEST_P(ChannelStoreConformance, ASecondOpeningForTheSameSenderOrMessageStoresNothing) {
  const ChannelSender sender = Open(7);
  // The same sender again (a concurrent first message), and another sender reusing the message key.
  EXPECT_EQ(
      channels().OpenConversation(MakeApplication(8), MakeSender(7), Key(8), 1000).error().code,
      ErrorCode::kConflict);
  EXPECT_EQ(
      channels().OpenConversation(MakeApplication(9), MakeSender(9), Key(7), 1000).error().code,
      ErrorCode::kConflict);
  EXPECT_FALSE(channels().FindSender(Key(9))->has_value());
  CaseFilter all;
  EXPECT_EQ(applications_->ListCases(all)->total, 1);
  (void)sender;
}

TEST_P(ChannelStoreConformance, AMessageIdIsTakenInOnce) {
  const ChannelSender sender = Open(7);
  EXPECT_TRUE(*channels().RecordInbound(sender.id, Key(20), 2000, Message(sender.case_id)));
  EXPECT_FALSE(*channels().RecordInbound(sender.id, Key(20), 2001, Message(sender.case_id)));
  EXPECT_EQ(applications_->ListMessages(sender.case_id)->size(), 1u);
  EXPECT_EQ(*channels().CountInboundSince(sender.id, 0), 2);  // the first message and this one
  EXPECT_EQ(*channels().CountInboundSince(sender.id, 1500), 1);
}

TEST_P(ChannelStoreConformance, RepliesWaitForTheirTimeOrHisNextMessageAndFinishOnce) {
  const ChannelSender sender = Open(7);
  const auto later = channels().QueueOutbound({sender.id, {1, 2}, 5000, 100});
  const auto until_he_writes = channels().QueueOutbound({sender.id, {3, 4}, std::nullopt, 100});
  ASSERT_TRUE(later.ok() && until_he_writes.ok());
  EXPECT_EQ(*channels().ReleaseDue(4999), 0);
  EXPECT_TRUE(channels().ListDue(10)->empty());
  EXPECT_EQ(*channels().ReleaseDue(5000), 1);
  auto due = channels().ListDue(10);
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ(due->front().id, *later);
  EXPECT_EQ(due->front().text_sealed, (Blob{1, 2}));

  ASSERT_TRUE(*channels().RecordInbound(sender.id, Key(21), 6000, std::nullopt));
  EXPECT_EQ(channels().ListDue(10)->size(), 2u);

  EXPECT_TRUE(channels().FinishOutbound(*later, OutboundState::kSent).ok());
  EXPECT_EQ(channels().FinishOutbound(*later, OutboundState::kFailed).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(channels().FinishOutbound(*until_he_writes, OutboundState::kDue).error().code,
            ErrorCode::kInvalidInput);
  auto all = channels().ListOutbound(sender.id);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).state, OutboundState::kSent);
  EXPECT_TRUE(all->at(0).text_sealed.empty());  // the conversation keeps the reply
  EXPECT_EQ(all->at(1).state, OutboundState::kDue);
}

TEST_P(ChannelStoreConformance, DueRepliesTakeTurnsAcrossSenders) {
  const ChannelSender busy = Open(7);
  const ChannelSender quiet = Open(8);
  std::vector<std::int64_t> busy_ids;
  for (int i = 0; i < 3; ++i)
    busy_ids.push_back(*channels().QueueOutbound({busy.id, {1}, 100, 100}));
  const auto quiet_id = *channels().QueueOutbound({quiet.id, {2}, 100, 100});
  busy_ids.push_back(*channels().QueueOutbound({busy.id, {1}, 100, 100}));
  ASSERT_EQ(*channels().ReleaseDue(100), 5);

  // Each sender's oldest first, then each one's second, and so on: the quiet sender's one
  // reply is taken in the first two however many the busy one has waiting.
  auto first_two = channels().ListDue(2);
  ASSERT_EQ(first_two->size(), 2u);
  EXPECT_EQ(first_two->at(0).id, busy_ids[0]);
  EXPECT_EQ(first_two->at(1).id, quiet_id);
  auto all = channels().ListDue(10);
  std::vector<std::int64_t> order;
  for (const auto& o : *all) order.push_back(o.id);
  EXPECT_EQ(order, (std::vector<std::int64_t>{busy_ids[0], quiet_id, busy_ids[1], busy_ids[2],
                                              busy_ids[3]}));
}

TEST_P(ChannelStoreConformance, ADeliveryReportFollowsTheSendingOnceAndOnlyOnce) {
  const ChannelSender sender = Open(8);
  const auto reply = channels().QueueOutbound({sender.id, {1}, 0, 100});
  const auto waiting = channels().QueueOutbound({sender.id, {2}, 9000, 100});
  const auto overtaken = channels().QueueOutbound({sender.id, {3}, 0, 100});
  ASSERT_EQ(*channels().ReleaseDue(100), 2);
  // Still waiting for his window: no report can land on it.
  EXPECT_EQ(channels().RecordDeliveryReport(*waiting, OutboundState::kDelivered).error().code,
            ErrorCode::kConflict);
  // A report that overtakes the sender's own word finishes the reply; the word then conflicts.
  ASSERT_TRUE(channels().RecordDeliveryReport(*overtaken, OutboundState::kUndelivered).ok());
  EXPECT_EQ(channels().FinishOutbound(*overtaken, OutboundState::kSent).error().code,
            ErrorCode::kConflict);
  EXPECT_TRUE(channels().ListOutbound(sender.id)->at(2).text_sealed.empty());
  ASSERT_TRUE(channels().FinishOutbound(*reply, OutboundState::kSent).ok());
  EXPECT_EQ(channels().RecordDeliveryReport(*reply, OutboundState::kSent).error().code,
            ErrorCode::kInvalidInput);
  ASSERT_TRUE(channels().RecordDeliveryReport(*reply, OutboundState::kDelivered).ok());
  EXPECT_TRUE(channels()
                  .RecordDeliveryReport(*reply, OutboundState::kDelivered)
                  .ok());  // a repeated report
  EXPECT_EQ(channels().RecordDeliveryReport(*reply, OutboundState::kUndelivered).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(channels().ListOutbound(sender.id)->front().state, OutboundState::kDelivered);
}

TEST_P(ChannelStoreConformance, StopDestroysTheAddressAndTheUnsentRepliesButKeepsTheSentOnes) {
  const ChannelSender sender = Open(7);
  const auto sent = channels().QueueOutbound({sender.id, {1}, 0, 100});
  ASSERT_EQ(*channels().ReleaseDue(100), 1);
  ASSERT_TRUE(channels().FinishOutbound(*sent, OutboundState::kSent).ok());
  ASSERT_TRUE(channels().QueueOutbound({sender.id, {2}, 9000, 100}).ok());
  ASSERT_TRUE(channels().StopSender(sender.id).ok());
  ASSERT_TRUE(channels().StopSender(sender.id).ok());  // idempotent
  auto stopped = channels().GetSender(sender.id);
  EXPECT_TRUE(stopped->stopped);
  EXPECT_FALSE(stopped->address_sealed.has_value());
  auto left = channels().ListOutbound(sender.id);
  ASSERT_EQ(left->size(), 1u);
  EXPECT_EQ(left->front().state, OutboundState::kSent);
  EXPECT_EQ(channels().StopSender(sender.id + 100).error().code, ErrorCode::kNotFound);
}

TEST_P(ChannelStoreConformance, BlocksASender) {
  const ChannelSender sender = Open(7);
  ASSERT_TRUE(channels().BlockSender(sender.id).ok());
  EXPECT_TRUE(channels().GetSender(sender.id)->blocked);
  EXPECT_EQ(channels().BlockSender(sender.id + 100).error().code, ErrorCode::kNotFound);
}

TEST_P(ChannelStoreConformance, DeletingACaseTakesItsSenderWithIt) {
  const ChannelSender sender = Open(7);
  ASSERT_TRUE(channels().QueueOutbound({sender.id, {1}, 0, 100}).ok());
  ASSERT_TRUE(applications_->DeleteApplication(sender.case_id).ok());
  EXPECT_FALSE(channels().FindSender(sender.sender_index)->has_value());
  EXPECT_TRUE(channels().ListOutbound(sender.id)->empty());
  // His message id is gone too: he starts again as a new sender.
  EXPECT_TRUE(channels().OpenConversation(MakeApplication(8), MakeSender(7), Key(7), 2000).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, ChannelStoreConformance,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineName);

}  // namespace
}  // namespace lifeline::store
