#pragma once
// The channel store's SQL (store/channel_store.hpp; channel_store.cpp and the deletion of a
// case). Booleans are 0/1 integers on both engines.

#include <string_view>

namespace lifeline::store::sql::channel_sql {

#define LIFELINE_SENDER_COLUMNS \
  "id, sender_index, channel, case_id, language, address_sealed, stopped, blocked"
#define LIFELINE_OUTBOUND_COLUMNS "id, sender_id, state, not_before, created_at, text_sealed"

inline constexpr std::string_view kFindSender =
    "SELECT " LIFELINE_SENDER_COLUMNS " FROM channel_senders WHERE sender_index = $1";
inline constexpr std::string_view kGetSender =
    "SELECT " LIFELINE_SENDER_COLUMNS " FROM channel_senders WHERE id = $1";
inline constexpr std::string_view kFindSenderOfCase =
    "SELECT " LIFELINE_SENDER_COLUMNS " FROM channel_senders WHERE case_id = $1";
inline constexpr std::string_view kInsertSender =
    "INSERT INTO channel_senders (sender_index, channel, case_id, language, address_sealed, "
    "stopped, blocked) "
    "VALUES ($1, $2, $3, $4, $5, 0, 0) RETURNING id";
inline constexpr std::string_view kInsertInbound =
    "INSERT INTO channel_inbound (message_key, sender_id, at) VALUES ($1, $2, $3)";
// A redelivered message id returns no row and changes nothing.
inline constexpr std::string_view kInsertInboundOnce =
    "INSERT INTO channel_inbound (message_key, sender_id, at) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING RETURNING sender_id";
inline constexpr std::string_view kInsertMessage =
    "INSERT INTO messages (case_id, author_user_id, created_on, sealed_for_applicant, "
    "sealed_for_office, "
    "key_generation, ephemeral_public, wrapped_key) VALUES ($1, NULL, $2, $3, $4, $5, $6, $7) "
    "RETURNING id";
// He writes: his phone is in his hand, so what waits for him may go now.
inline constexpr std::string_view kReleaseSenderReplies =
    "UPDATE channel_outbox SET state = 'due', not_before = $1 WHERE sender_id = $2 AND state = "
    "'queued'";
inline constexpr std::string_view kCountInboundSince =
    "SELECT COUNT(*) FROM channel_inbound WHERE sender_id = $1 AND at >= $2";
inline constexpr std::string_view kStopSender =
    "UPDATE channel_senders SET address_sealed = NULL, stopped = 1 WHERE id = $1 RETURNING id";
inline constexpr std::string_view kDropUnsent =
    "DELETE FROM channel_outbox WHERE sender_id = $1 AND state IN ('queued', 'due')";
inline constexpr std::string_view kBlockSender =
    "UPDATE channel_senders SET blocked = 1 WHERE id = $1 RETURNING id";
inline constexpr std::string_view kQueueOutbound =
    "INSERT INTO channel_outbox (sender_id, state, not_before, created_at, text_sealed) "
    "VALUES ($1, 'queued', $2, $3, $4) RETURNING id";
inline constexpr std::string_view kReleaseDue =
    "UPDATE channel_outbox SET state = 'due' WHERE state = 'queued' AND not_before <= $1 RETURNING "
    "id";
// Fair across senders: every sender's oldest due reply comes before anyone's second, so one
// sender with many replies waiting cannot hold back everybody else's.
inline constexpr std::string_view kListDue =
    "SELECT " LIFELINE_OUTBOUND_COLUMNS " FROM (SELECT " LIFELINE_OUTBOUND_COLUMNS
    ", ROW_NUMBER() OVER (PARTITION BY sender_id ORDER BY id) AS turn FROM channel_outbox WHERE "
    "state = 'due') "
    "AS due ORDER BY turn, id LIMIT $1";
inline constexpr std::string_view kListOutbound =
    "SELECT " LIFELINE_OUTBOUND_COLUMNS " FROM channel_outbox WHERE sender_id = $1 ORDER BY id";
// The text goes with the state change: the case's conversation keeps the reply.
inline constexpr std::string_view kFinishOutbound =
    "UPDATE channel_outbox SET state = $1, text_sealed = NULL WHERE id = $2 AND state = 'due' "
    "RETURNING id";
// A delivery report: once the gateway took the reply (a repeated report matches too). It may
// overtake the sender's own FinishOutbound (Kannel reports within milliseconds), so a due
// reply takes it as well, and drops its text as the sending would.
inline constexpr std::string_view kRecordDeliveryReport =
    "UPDATE channel_outbox SET state = $1, text_sealed = NULL WHERE id = $2 AND state IN ('due', "
    "'sent', $1) "
    "RETURNING id";

// Deleting a case takes its sender with it (his address, ids and replies), before the case.
inline constexpr std::string_view kDeleteCaseSender[] = {
    "DELETE FROM channel_outbox WHERE sender_id IN (SELECT id FROM channel_senders WHERE case_id = "
    "$1)",
    "DELETE FROM channel_inbound WHERE sender_id IN (SELECT id FROM channel_senders WHERE case_id "
    "= $1)",
    "DELETE FROM channel_senders WHERE case_id = $1"};

#undef LIFELINE_SENDER_COLUMNS
#undef LIFELINE_OUTBOUND_COLUMNS

}  // namespace lifeline::store::sql::channel_sql
