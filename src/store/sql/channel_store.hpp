#pragma once
// Conversations over SMS and messengers (store/channel_store.hpp), written once for both
// engines over the session port, on the SQL of channel_sql.hpp. Thread-safe, through the
// Sessions it is given.

#include "store/channel_store.hpp"
#include "store/sql/session.hpp"

namespace lifeline::store::sql {

class SqlChannelStore final : public ChannelStore {
 public:
  /// `sessions` must outlive this.
  explicit SqlChannelStore(Sessions& sessions) : db_(sessions) {}

  Result<std::optional<ChannelSender>> FindSender(const Blob32& sender_index) override;
  Result<ChannelSender> GetSender(std::int64_t id) override;
  Result<std::optional<ChannelSender>> FindSenderOfCase(std::int64_t case_id) override;
  Result<std::int64_t> OpenConversation(const NewApplication& application,
                                        const ChannelSender& sender, const Blob32& message_key,
                                        std::int64_t at) override;
  Result<bool> RecordInbound(std::int64_t sender_id, const Blob32& message_key, std::int64_t at,
                             const std::optional<NewMessage>& message) override;
  Result<std::int64_t> CountInboundSince(std::int64_t sender_id, std::int64_t since) override;
  Status StopSender(std::int64_t sender_id) override;
  Status BlockSender(std::int64_t sender_id) override;
  Result<std::int64_t> QueueOutbound(const NewOutbound& reply) override;
  Result<std::int64_t> ReleaseDue(std::int64_t now) override;
  Result<std::vector<StoredOutbound>> ListDue(int limit) override;
  Result<std::vector<StoredOutbound>> ListOutbound(std::int64_t sender_id) override;
  Status FinishOutbound(std::int64_t id, OutboundState state) override;
  Status RecordDeliveryReport(std::int64_t id, OutboundState state) override;

 private:
  Sessions& db_;
};

}  // namespace lifeline::store::sql
