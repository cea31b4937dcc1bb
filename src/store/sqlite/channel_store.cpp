#include "store/sqlite/channel_store.hpp"

#include <algorithm>

#include "store/channel_sql.hpp"
#include "store/sqlite/application_rows.hpp"
#include "store/sqlite/row_mac_rows.hpp"

namespace lifeline::store::sqlite {
namespace {

namespace sql = channel_sql;

// The shared SQL's $N as SQLite's numbered ?N.
Statement Prepare(Connection& c, std::string_view text) {
  std::string own(text);
  std::replace(own.begin(), own.end(), '$', '?');
  return c.Prepare(own);
}

ChannelSender ReadSender(const Statement& s) {
  ChannelSender r;
  r.id = s.Int(0);
  r.sender_index = rows::ToBlob32(s.Blob(1));
  r.channel = s.Text(2);
  r.case_id = s.Int(3);
  r.language = s.Text(4);
  if (s.OptionalText(5)) r.address_sealed = s.Blob(5);
  r.stopped = s.Int(6) != 0;
  r.blocked = s.Int(7) != 0;
  return r;
}

StoredOutbound ReadOutbound(const Statement& s) {
  StoredOutbound r;
  r.id = s.Int(0);
  r.sender_id = s.Int(1);
  r.state = rows::ParseEnum<OutboundState>(s.Text(2), ParseOutboundState);
  r.not_before = s.OptionalInt(3);
  r.created_at = s.Int(4);
  r.text_sealed = s.Blob(5);
  return r;
}

std::optional<ChannelSender> OneSender(Connection& c, std::string_view query, auto bind) {
  auto s = Prepare(c, query);
  bind(s);
  if (!s.Step()) return std::nullopt;
  return ReadSender(s);
}

}  // namespace

Result<std::optional<ChannelSender>> SqliteChannelStore::FindSender(const Blob32& sender_index) {
  return db_.WithReader([&](Connection& c) -> Result<std::optional<ChannelSender>> {
    return OneSender(c, sql::kFindSender, [&](Statement& s) { s.Bind(1, sender_index); });
  });
}

Result<ChannelSender> SqliteChannelStore::GetSender(std::int64_t id) {
  return db_.WithReader([&](Connection& c) -> Result<ChannelSender> {
    auto sender = OneSender(c, sql::kGetSender, [&](Statement& s) { s.Bind(1, id); });
    if (!sender) return NotFound("no such sender");
    return *sender;
  });
}

Result<std::optional<ChannelSender>> SqliteChannelStore::FindSenderOfCase(std::int64_t case_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::optional<ChannelSender>> {
    return OneSender(c, sql::kFindSenderOfCase, [&](Statement& s) { s.Bind(1, case_id); });
  });
}

Result<std::int64_t> SqliteChannelStore::OpenConversation(const NewApplication& application,
                                                          const ChannelSender& sender, const Blob32& message_key,
                                                          std::int64_t at) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    Transaction tx(c);
    const std::int64_t case_id = InsertApplication(c, application, Origin::kApplicant);
    auto insert = Prepare(c, sql::kInsertSender);
    insert.Bind(1, sender.sender_index).Bind(2, sender.channel).Bind(3, case_id).Bind(4, sender.language);
    if (sender.address_sealed) {
      insert.Bind(5, *sender.address_sealed);
    } else {
      insert.BindNull(5);
    }
    insert.Step();
    const std::int64_t sender_id = insert.Int(0);
    insert.Reset();
    auto inbound = Prepare(c, sql::kInsertInbound);
    inbound.Bind(1, message_key).Bind(2, sender_id).Bind(3, at);
    inbound.Step();
    ResealRow(c, "channel_senders", sender_id);
    tx.Commit();
    return case_id;
  });
}

Result<bool> SqliteChannelStore::RecordInbound(std::int64_t sender_id, const Blob32& message_key, std::int64_t at,
                                               const std::optional<NewMessage>& message) {
  return db_.Write([&](Connection& c) -> Result<bool> {
    Transaction tx(c);
    {
      auto inbound = Prepare(c, sql::kInsertInboundOnce);
      inbound.Bind(1, message_key).Bind(2, sender_id).Bind(3, at);
      if (!inbound.Step()) return false;  // taken in before: the rollback changes nothing
    }
    if (message) {
      auto add = Prepare(c, sql::kInsertMessage);
      add.Bind(1, message->case_id).Bind(2, FormatIsoDate(message->created_on));
      add.Bind(3, message->sealed_for_applicant).Bind(4, message->sealed_for_office);
      if (message->wrapping) {
        add.Bind(5, message->wrapping->key_generation).Bind(6, message->wrapping->ephemeral_public);
        add.Bind(7, message->wrapping->wrapped_key);
      } else {
        add.BindNull(5).BindNull(6).BindNull(7);
      }
      add.Step();
      ResealRow(c, "messages", c.LastInsertId());
      ResealRow(c, "applications", message->case_id);  // it counts its MAC'd messages
    }
    auto release = Prepare(c, sql::kReleaseSenderReplies);
    release.Bind(1, at).Bind(2, sender_id);
    release.Step();
    tx.Commit();
    return true;
  });
}

Result<std::int64_t> SqliteChannelStore::CountInboundSince(std::int64_t sender_id, std::int64_t since) {
  return db_.WithReader([&](Connection& c) -> Result<std::int64_t> {
    auto s = Prepare(c, sql::kCountInboundSince);
    s.Bind(1, sender_id).Bind(2, since);
    s.Step();
    return s.Int(0);
  });
}

// secure_delete is on (connection.cpp): the overwritten address and the deleted replies
// leave no readable copy in the file; the WAL's copy is overwritten at its next checkpoint.
Status SqliteChannelStore::StopSender(std::int64_t sender_id) {
  return db_.Write([&](Connection& c) -> Status {
    Transaction tx(c);
    {
      auto stop = Prepare(c, sql::kStopSender);
      stop.Bind(1, sender_id);
      if (!stop.Step()) return NotFound("no such sender");
    }
    ResealRow(c, "channel_senders", sender_id);
    auto drop = Prepare(c, sql::kDropUnsent);
    drop.Bind(1, sender_id);
    drop.Step();
    tx.Commit();
    c.Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    return OkStatus();
  });
}

Status SqliteChannelStore::BlockSender(std::int64_t sender_id) {
  return db_.Write([&](Connection& c) -> Status {
    Transaction tx(c);
    {
      auto block = Prepare(c, sql::kBlockSender);
      block.Bind(1, sender_id);
      if (!block.Step()) return NotFound("no such sender");
    }
    ResealRow(c, "channel_senders", sender_id);
    tx.Commit();
    return OkStatus();
  });
}

Result<std::int64_t> SqliteChannelStore::QueueOutbound(const NewOutbound& reply) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto s = Prepare(c, sql::kQueueOutbound);
    s.Bind(1, reply.sender_id);
    if (reply.not_before) {
      s.Bind(2, *reply.not_before);
    } else {
      s.BindNull(2);
    }
    s.Bind(3, reply.created_at).Bind(4, reply.text_sealed);
    s.Step();
    const std::int64_t id = s.Int(0);
    s.Reset();
    return id;
  });
}

Result<std::int64_t> SqliteChannelStore::ReleaseDue(std::int64_t now) {
  return db_.Write([&](Connection& c) -> Result<std::int64_t> {
    auto s = Prepare(c, sql::kReleaseDue);
    s.Bind(1, now);
    std::int64_t released = 0;
    while (s.Step()) ++released;
    return released;
  });
}

Result<std::vector<StoredOutbound>> SqliteChannelStore::ListDue(int limit) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<StoredOutbound>> {
    auto s = Prepare(c, sql::kListDue);
    s.Bind(1, std::int64_t{limit});
    std::vector<StoredOutbound> out;
    while (s.Step()) out.push_back(ReadOutbound(s));
    return out;
  });
}

Result<std::vector<StoredOutbound>> SqliteChannelStore::ListOutbound(std::int64_t sender_id) {
  return db_.WithReader([&](Connection& c) -> Result<std::vector<StoredOutbound>> {
    auto s = Prepare(c, sql::kListOutbound);
    s.Bind(1, sender_id);
    std::vector<StoredOutbound> out;
    while (s.Step()) out.push_back(ReadOutbound(s));
    return out;
  });
}

Status SqliteChannelStore::FinishOutbound(std::int64_t id, OutboundState state) {
  if (state != OutboundState::kSent && state != OutboundState::kFailed) {
    return InvalidInput("a reply finishes as sent or failed", "state");
  }
  return db_.Write([&](Connection& c) -> Status {
    auto s = Prepare(c, sql::kFinishOutbound);
    s.Bind(1, ToString(state)).Bind(2, id);
    if (!s.Step()) return Error{ErrorCode::kConflict, "the reply is not waiting to be sent"};
    s.Reset();
    return OkStatus();
  });
}

Status SqliteChannelStore::RecordDeliveryReport(std::int64_t id, OutboundState state) {
  if (state != OutboundState::kDelivered && state != OutboundState::kUndelivered) {
    return InvalidInput("a delivery report says delivered or undelivered", "state");
  }
  return db_.Write([&](Connection& c) -> Status {
    auto s = Prepare(c, sql::kRecordDeliveryReport);
    s.Bind(1, ToString(state)).Bind(2, id);
    if (!s.Step()) return Error{ErrorCode::kConflict, "the reply was not sent, or has another delivery report"};
    s.Reset();
    return OkStatus();
  });
}

}  // namespace lifeline::store::sqlite
