#pragma once
// The channel part of the PostgreSQL store (store/channel_store.hpp), on the shared SQL of
// store/channel_sql.hpp. Thread-safe, through the pool it is given.

#include "store/channel_store.hpp"
#include "store/postgres/pool.hpp"

namespace lifeline::store::postgres {

class PgChannelStore final : public ChannelStore {
 public:
  /// `pool` must outlive this.
  explicit PgChannelStore(Pool& pool) : pool_(pool) {}

  Result<std::optional<ChannelSender>> FindSender(const Blob32& sender_index) override;
  Result<ChannelSender> GetSender(std::int64_t id) override;
  Result<std::optional<ChannelSender>> FindSenderOfCase(std::int64_t case_id) override;
  Result<std::int64_t> OpenConversation(const NewApplication& application, const ChannelSender& sender,
                                        const Blob32& message_key, std::int64_t at) override;
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
  Pool& pool_;
};

}  // namespace lifeline::store::postgres
