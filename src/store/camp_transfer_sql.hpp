#pragma once
// The SQL of a prisoner's transfer between camps (CampStore::TransferPrisoner) and of the
// rule that his postings go to the camp that holds him, written once for both engines
// ($1, $2… are PostgreSQL's parameters and, bound by position, SQLite's too).

#include <cstdint>
#include <string>
#include <string_view>

namespace lifeline::store::camp_transfer_sql {

/// $1 prisoner → the camp that holds him (and keeps his account); no row if none.
inline constexpr std::string_view kPrisonerCamp = "SELECT camp_id FROM prisoners WHERE id = $1";

/// $1 the new camp, $2 the day he arrives there (YYYY-MM-DD), $3 prisoner. Art. 70: the
/// week for his capture card runs again from that day, and no card is sent for it yet.
inline constexpr std::string_view kMoveToCamp =
    "UPDATE prisoners SET camp_id = $1, status = 'held', arrived_on = $2, capture_card_sent_on = NULL WHERE id = $3";

/// $1 camp → whether it exists.
inline constexpr std::string_view kCampExists = "SELECT 1 FROM camps WHERE id = $1";

/// The idempotency key both halves of a transfer carry: one transfer, one movement.
inline std::string TransferKey(std::int64_t movement_id) { return "transfer:" + std::to_string(movement_id); }

}  // namespace lifeline::store::camp_transfer_sql
