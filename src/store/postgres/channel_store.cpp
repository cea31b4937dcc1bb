#include "store/postgres/channel_store.hpp"

#include "store/channel_sql.hpp"
#include "store/postgres/case_rows.hpp"
#include "store/postgres/erasure.hpp"
#include "store/postgres/row_mac_rows.hpp"
#include "store/postgres/rows.hpp"

namespace lifeline::store::postgres {
namespace {

namespace sql = channel_sql;

std::optional<ChannelSender> ReadSender(const PgResult& r) {
  if (r.rows() == 0) return std::nullopt;
  ChannelSender s;
  s.id = r.Int(0, 0);
  s.sender_index = rows::ReadBlob32(r, 0, 1);
  s.channel = r.Text(0, 2);
  s.case_id = r.Int(0, 3);
  s.language = r.Text(0, 4);
  if (!r.IsNull(0, 5)) s.address_sealed = r.Bytes(0, 5);
  s.stopped = r.Int(0, 6) != 0;
  s.blocked = r.Int(0, 7) != 0;
  return s;
}

std::vector<StoredOutbound> ReadOutbound(const PgResult& r) {
  std::vector<StoredOutbound> out;
  for (int i = 0; i < r.rows(); ++i) {
    StoredOutbound o;
    o.id = r.Int(i, 0);
    o.sender_id = r.Int(i, 1);
    o.state = rows::OrCorrupt(ParseOutboundState(r.Text(i, 2)));
    o.not_before = r.OptionalInt(i, 3);
    o.created_at = r.Int(i, 4);
    if (!r.IsNull(i, 5)) o.text_sealed = r.Bytes(i, 5);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

Result<std::optional<ChannelSender>> PgChannelStore::FindSender(const Blob32& sender_index) {
  return pool_.With([&](PgConnection& c) -> Result<std::optional<ChannelSender>> {
    return ReadSender(c.Exec(sql::kFindSender, Params().AddBytes(sender_index)));
  });
}

Result<ChannelSender> PgChannelStore::GetSender(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<ChannelSender> {
    auto sender = ReadSender(c.Exec(sql::kGetSender, Params().Add(id)));
    if (!sender) return NotFound("no such sender");
    return *sender;
  });
}

Result<std::optional<ChannelSender>> PgChannelStore::FindSenderOfCase(std::int64_t case_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::optional<ChannelSender>> {
    return ReadSender(c.Exec(sql::kFindSenderOfCase, Params().Add(case_id)));
  });
}

Result<std::int64_t> PgChannelStore::OpenConversation(const NewApplication& application, const ChannelSender& sender,
                                                      const Blob32& message_key, std::int64_t at) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    c.Exec("SELECT pg_advisory_xact_lock_shared($1)", Params().Add(rows::kNewCasesLock));
    const std::int64_t case_id = rows::InsertApplication(c, application, rows::Origin::kApplicant);
    Params p;
    p.AddBytes(sender.sender_index).Add(sender.channel).Add(case_id).Add(sender.language);
    if (sender.address_sealed) {
      p.AddBytes(*sender.address_sealed);
    } else {
      p.AddNull();
    }
    const std::int64_t sender_id = c.Exec(sql::kInsertSender, p).Int(0, 0);
    c.Exec(sql::kInsertInbound, Params().AddBytes(message_key).Add(sender_id).Add(at));
    ResealRow(c, "channel_senders", sender_id);
    tx.Commit();
    return case_id;
  });
}

Result<bool> PgChannelStore::RecordInbound(std::int64_t sender_id, const Blob32& message_key, std::int64_t at,
                                           const std::optional<NewMessage>& message) {
  return pool_.With([&](PgConnection& c) -> Result<bool> {
    PgTransaction tx(c);
    if (c.Exec(sql::kInsertInboundOnce, Params().AddBytes(message_key).Add(sender_id).Add(at)).rows() == 0) {
      return false;  // taken in before: the rollback changes nothing
    }
    if (message) {
      Params p;
      p.Add(message->case_id).Add(FormatIsoDate(message->created_on)).AddBytes(message->sealed_for_applicant);
      p.AddBytes(message->sealed_for_office);
      if (message->wrapping) {
        p.Add(message->wrapping->key_generation).AddBytes(message->wrapping->ephemeral_public);
        p.AddBytes(message->wrapping->wrapped_key);
      } else {
        p.AddNull().AddNull().AddNull();
      }
      c.Exec(sql::kInsertMessage, p);
      ResealRow(c, "messages", c.Exec("SELECT lastval()").Int(0, 0));
      ResealRow(c, "applications", message->case_id);  // it counts its MAC'd messages
    }
    c.Exec(sql::kReleaseSenderReplies, Params().Add(at).Add(sender_id));
    tx.Commit();
    return true;
  });
}

Result<std::int64_t> PgChannelStore::CountInboundSince(std::int64_t sender_id, std::int64_t since) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c.Exec(sql::kCountInboundSince, Params().Add(sender_id).Add(since)).Int(0, 0);
  });
}

// The old row versions stay in the table files until VACUUM FULL: the tables are marked in
// the same transaction and erased by EraseMarked (erasure.hpp), now and on any later run.
Status PgChannelStore::StopSender(std::int64_t sender_id) {
  auto stopped = pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    if (c.Exec(sql::kStopSender, Params().Add(sender_id)).rows() == 0) return NotFound("no such sender");
    ResealRow(c, "channel_senders", sender_id);
    c.Exec(sql::kDropUnsent, Params().Add(sender_id));
    MarkForErasure(c, {"channel_senders", "channel_outbox"});
    tx.Commit();
    return OkStatus();
  });
  if (!stopped) return stopped;
  (void)EraseMarked(pool_);  // when it cannot run now, the mark stays and a later run finishes it
  return OkStatus();
}

Status PgChannelStore::BlockSender(std::int64_t sender_id) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    if (c.Exec(sql::kBlockSender, Params().Add(sender_id)).rows() == 0) return NotFound("no such sender");
    ResealRow(c, "channel_senders", sender_id);
    tx.Commit();
    return OkStatus();
  });
}

Result<std::int64_t> PgChannelStore::QueueOutbound(const NewOutbound& reply) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    Params p;
    p.Add(reply.sender_id).Add(reply.not_before).Add(reply.created_at).AddBytes(reply.text_sealed);
    return c.Exec(sql::kQueueOutbound, p).Int(0, 0);
  });
}

Result<std::int64_t> PgChannelStore::ReleaseDue(std::int64_t now) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return std::int64_t{c.Exec(sql::kReleaseDue, Params().Add(now)).rows()};
  });
}

Result<std::vector<StoredOutbound>> PgChannelStore::ListDue(int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredOutbound>> {
    return ReadOutbound(c.Exec(sql::kListDue, Params().Add(std::int64_t{limit})));
  });
}

Result<std::vector<StoredOutbound>> PgChannelStore::ListOutbound(std::int64_t sender_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredOutbound>> {
    return ReadOutbound(c.Exec(sql::kListOutbound, Params().Add(sender_id)));
  });
}

Status PgChannelStore::FinishOutbound(std::int64_t id, OutboundState state) {
  if (state != OutboundState::kSent && state != OutboundState::kFailed) {
    return InvalidInput("a reply finishes as sent or failed", "state");
  }
  return pool_.With([&](PgConnection& c) -> Status {
    if (c.Exec(sql::kFinishOutbound, Params().Add(ToString(state)).Add(id)).rows() == 0) {
      return Error{ErrorCode::kConflict, "the reply is not waiting to be sent"};
    }
    return OkStatus();
  });
}

Status PgChannelStore::RecordDeliveryReport(std::int64_t id, OutboundState state) {
  if (state != OutboundState::kDelivered && state != OutboundState::kUndelivered) {
    return InvalidInput("a delivery report says delivered or undelivered", "state");
  }
  return pool_.With([&](PgConnection& c) -> Status {
    if (c.Exec(sql::kRecordDeliveryReport, Params().Add(ToString(state)).Add(id)).rows() == 0) {
      return Error{ErrorCode::kConflict, "the reply was not sent, or has another delivery report"};
    }
    return OkStatus();
  });
}

}  // namespace lifeline::store::postgres
