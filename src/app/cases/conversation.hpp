#pragma once
// Rules shared by both sides of a case's conversation: the office's replies and the
// applicant's messages written with the receipt.

#include <cstdint>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace lifeline::app {

inline constexpr std::size_t kMaxMessageCharacters = 2000;
/// An applicant may write this many messages a day in one case: enough for a conversation,
/// too few to flood a case's queue.
inline constexpr std::int64_t kMaxApplicantMessagesPerDay = 20;

/// OkStatus for 1 to kMaxMessageCharacters characters of UTF-8 text (line breaks and tabs
/// allowed, other control characters not); kInvalidInput naming `field` otherwise.
Status CheckMessageText(std::string_view text, const char* field);

/// Associated data that binds an applicant's sealed message to its case.
std::string ApplicantMessageAssociated(std::int64_t case_id);

/// Associated data of the office's copy of a staff reply (under the record key).
inline constexpr std::string_view kStaffReplyAssociated = "reply";

}  // namespace lifeline::app
