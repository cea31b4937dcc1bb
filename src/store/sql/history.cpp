#include "store/sql/history.hpp"

#include <fmt/format.h>

#include "store/readiness_sql.hpp"

namespace lifeline::store::sql {
namespace {

// 21: conversations over SMS and messengers (docs/channels.md): senders found only by a
// keyed blind index, their address sealed (NULL once they sent STOP); the message ids taken
// in, so that a redelivery is stored once; the outbox of operators' replies.
constexpr std::string_view kChannelTables = R"sql(
CREATE TABLE channel_senders (
  id {id},
  sender_index {bytes} NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  case_id {int} NOT NULL,
  language TEXT NOT NULL,
  address_sealed {bytes},
  stopped {int} NOT NULL,
  blocked {int} NOT NULL);
CREATE INDEX channel_senders_by_case ON channel_senders (case_id);
CREATE TABLE channel_inbound (
  message_key {bytes} PRIMARY KEY,
  sender_id {int} NOT NULL REFERENCES channel_senders(id),
  at {int} NOT NULL);
CREATE INDEX channel_inbound_by_sender ON channel_inbound (sender_id, at);
CREATE TABLE channel_outbox (
  id {id},
  sender_id {int} NOT NULL REFERENCES channel_senders(id),
  state TEXT NOT NULL,
  not_before {int},
  created_at {int} NOT NULL,
  text_sealed {bytes});
CREATE INDEX channel_outbox_by_state ON channel_outbox (state, not_before);
CREATE INDEX channel_outbox_by_sender ON channel_outbox (sender_id);
)sql";

// 23: tamper-evident rows (store/row_mac.hpp): a keyed MAC on every security-relevant row.
// Rows kept before this step are MAC'd at the first office start with the passphrase (the
// marker at the end).
constexpr std::string_view kRowMacColumns = R"sql(
ALTER TABLE users ADD COLUMN row_mac {bytes};
ALTER TABLE applications ADD COLUMN row_mac {bytes};
ALTER TABLE case_events ADD COLUMN row_mac {bytes};
ALTER TABLE messages ADD COLUMN row_mac {bytes};
ALTER TABLE group_events ADD COLUMN row_mac {bytes};
ALTER TABLE office_keys ADD COLUMN row_mac {bytes};
ALTER TABLE postings ADD COLUMN row_mac {bytes};
ALTER TABLE channel_senders ADD COLUMN row_mac {bytes};
)sql";
constexpr std::string_view kRowMacBackfillMarker =
    "INSERT INTO settings (key, value) VALUES ('row_mac_backfill', 'pending');\n";

std::string Spell(std::string_view sql, const Spelling& s) {
  return fmt::format(fmt::runtime(sql), fmt::arg("id", s.id), fmt::arg("int", s.int64),
                     fmt::arg("bytes", s.bytes));
}

static_assert(kHistoryEnd == 23, "StepsFrom20 ends where the history froze");

}  // namespace

std::vector<std::pair<int, std::string>> StepsFrom20(const Spelling& spelling,
                                                     std::string_view posting_legs_with_ids) {
  std::vector<std::pair<int, std::string>> steps;
  steps.emplace_back(21, Spell(kChannelTables, spelling));
  steps.emplace_back(22, std::string(readiness_sql::kCreateTable));
  steps.emplace_back(23, Spell(kRowMacColumns, spelling) + std::string(posting_legs_with_ids) +
                             std::string(kRowMacBackfillMarker));
  return steps;
}

}  // namespace lifeline::store::sql
