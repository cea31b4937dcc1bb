#include "store/sql/channel_store.hpp"

#include "store/sql/case_rows.hpp"
#include "store/sql/channel_sql.hpp"
#include "store/sql/row_macs.hpp"

namespace lifeline::store::sql {
namespace {

namespace q = channel_sql;

std::optional<ChannelSender> ReadSender(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  const Row row = rows[0];
  ChannelSender s;
  s.id = row.Int(0);
  s.sender_index = row.Blob32At(1);
  s.channel = row.Text(2);
  s.case_id = row.Int(3);
  s.language = row.Text(4);
  if (!row.IsNull(5)) s.address_sealed = row.Bytes(5);
  s.stopped = row.Int(6) != 0;
  s.blocked = row.Int(7) != 0;
  return s;
}

std::vector<StoredOutbound> ReadOutbound(const Rows& rows) {
  std::vector<StoredOutbound> out;
  for (const Row& row : rows) {
    StoredOutbound o;
    o.id = row.Int(0);
    o.sender_id = row.Int(1);
    o.state = row.Valid(ParseOutboundState(row.Text(2)));
    o.not_before = row.OptionalInt(3);
    o.created_at = row.Int(4);
    if (!row.IsNull(5)) o.text_sealed = row.Bytes(5);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

Result<std::optional<ChannelSender>> SqlChannelStore::FindSender(const Blob32& sender_index) {
  return Read(db_, [&](Session& s) -> Result<std::optional<ChannelSender>> {
    return ReadSender(s.Run(q::kFindSender, Params().AddBytes(sender_index)));
  });
}

Result<ChannelSender> SqlChannelStore::GetSender(std::int64_t id) {
  return Read(db_, [&](Session& s) -> Result<ChannelSender> {
    auto sender = ReadSender(s.Run(q::kGetSender, Params().Add(id)));
    if (!sender) return NotFound("no such sender");
    return *sender;
  });
}

Result<std::optional<ChannelSender>> SqlChannelStore::FindSenderOfCase(std::int64_t case_id) {
  return Read(db_, [&](Session& s) -> Result<std::optional<ChannelSender>> {
    return ReadSender(s.Run(q::kFindSenderOfCase, Params().Add(case_id)));
  });
}

Result<std::int64_t> SqlChannelStore::OpenConversation(const NewApplication& application,
                                                       const ChannelSender& sender,
                                                       const Blob32& message_key, std::int64_t at) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    s.ShareNewCasesLock();
    const std::int64_t case_id = InsertApplication(s, application, Origin::kApplicant);
    Params p;
    p.AddBytes(sender.sender_index).Add(sender.channel).Add(case_id).Add(sender.language);
    p.AddBytesOrNull(sender.address_sealed);
    const std::int64_t sender_id = s.Run(q::kInsertSender, p)[0].Int(0);
    s.Run(q::kInsertInbound, Params().AddBytes(message_key).Add(sender_id).Add(at));
    ResealRow(s, "channel_senders", sender_id);
    tx.Commit();
    return case_id;
  });
}

Result<bool> SqlChannelStore::RecordInbound(std::int64_t sender_id, const Blob32& message_key,
                                            std::int64_t at,
                                            const std::optional<NewMessage>& message) {
  return Write(db_, [&](Session& s) -> Result<bool> {
    Transaction tx(s);
    if (s.Run(q::kInsertInboundOnce, Params().AddBytes(message_key).Add(sender_id).Add(at))
            .empty()) {
      return false;  // taken in before: the rollback changes nothing
    }
    if (message) {
      Params p;
      p.Add(message->case_id)
          .Add(FormatIsoDate(message->created_on))
          .AddBytes(message->sealed_for_applicant);
      p.AddBytes(message->sealed_for_office);
      if (message->wrapping) {
        p.Add(message->wrapping->key_generation).AddBytes(message->wrapping->ephemeral_public);
        p.AddBytes(message->wrapping->wrapped_key);
      } else {
        p.AddNull().AddNull().AddNull();
      }
      const std::int64_t message_id = s.Run(q::kInsertMessage, p)[0].Int(0);
      ResealRow(s, "messages", message_id);
      ResealRow(s, "applications", message->case_id);  // it counts its MAC'd messages
    }
    s.Run(q::kReleaseSenderReplies, Params().Add(at).Add(sender_id));
    tx.Commit();
    return true;
  });
}

Result<std::int64_t> SqlChannelStore::CountInboundSince(std::int64_t sender_id,
                                                        std::int64_t since) {
  return Read(db_, [&](Session& s) -> Result<std::int64_t> {
    return s.Run(q::kCountInboundSince, Params().Add(sender_id).Add(since))[0].Int(0);
  });
}

// His address is overwritten and his unsent replies deleted; no readable copy may stay in
// the store's files (Session::MarkForErasure, Sessions::FinishErasure).
Status SqlChannelStore::StopSender(std::int64_t sender_id) {
  auto stopped = Write(db_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run(q::kStopSender, Params().Add(sender_id)).empty()) return NotFound("no such sender");
    ResealRow(s, "channel_senders", sender_id);
    s.Run(q::kDropUnsent, Params().Add(sender_id));
    s.MarkForErasure({"channel_senders", "channel_outbox"});
    tx.Commit();
    return OkStatus();
  });
  if (!stopped) return stopped;
  // He is stopped either way; a copy not erased now goes with the next erasure.
  (void)db_.FinishErasure("the sender was stopped, but the database log could not be cleared yet");
  return OkStatus();
}

Status SqlChannelStore::BlockSender(std::int64_t sender_id) {
  return Write(db_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run(q::kBlockSender, Params().Add(sender_id)).empty()) return NotFound("no such sender");
    ResealRow(s, "channel_senders", sender_id);
    tx.Commit();
    return OkStatus();
  });
}

Result<std::int64_t> SqlChannelStore::QueueOutbound(const NewOutbound& reply) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    return s
        .Run(q::kQueueOutbound, Params()
                                    .Add(reply.sender_id)
                                    .Add(reply.not_before)
                                    .Add(reply.created_at)
                                    .AddBytes(reply.text_sealed))[0]
        .Int(0);
  });
}

Result<std::int64_t> SqlChannelStore::ReleaseDue(std::int64_t now) {
  return Write(db_, [&](Session& s) -> Result<std::int64_t> {
    return std::int64_t{s.Run(q::kReleaseDue, Params().Add(now)).size()};
  });
}

Result<std::vector<StoredOutbound>> SqlChannelStore::ListDue(int limit) {
  return Read(db_, [&](Session& s) -> Result<std::vector<StoredOutbound>> {
    return ReadOutbound(s.Run(q::kListDue, Params().Add(std::int64_t{limit})));
  });
}

Result<std::vector<StoredOutbound>> SqlChannelStore::ListOutbound(std::int64_t sender_id) {
  return Read(db_, [&](Session& s) -> Result<std::vector<StoredOutbound>> {
    return ReadOutbound(s.Run(q::kListOutbound, Params().Add(sender_id)));
  });
}

Status SqlChannelStore::FinishOutbound(std::int64_t id, OutboundState state) {
  if (state != OutboundState::kSent && state != OutboundState::kFailed) {
    return InvalidInput("a reply finishes as sent or failed", "state");
  }
  return Write(db_, [&](Session& s) -> Status {
    if (s.Run(q::kFinishOutbound, Params().Add(ToString(state)).Add(id)).empty()) {
      return Error{ErrorCode::kConflict, "the reply is not waiting to be sent"};
    }
    return OkStatus();
  });
}

Status SqlChannelStore::RecordDeliveryReport(std::int64_t id, OutboundState state) {
  if (state != OutboundState::kDelivered && state != OutboundState::kUndelivered) {
    return InvalidInput("a delivery report says delivered or undelivered", "state");
  }
  return Write(db_, [&](Session& s) -> Status {
    if (s.Run(q::kRecordDeliveryReport, Params().Add(ToString(state)).Add(id)).empty()) {
      return Error{ErrorCode::kConflict, "the reply was not sent, or has another delivery report"};
    }
    return OkStatus();
  });
}

}  // namespace lifeline::store::sql
