#pragma once
// What a call's SIP headers say about how to queue it. An IVR or border controller in front
// of the hotline marks the caller's choice in standard headers, and the proxy passes them on:
//   Priority (RFC 3261 §20.26): "emergency" — at the front, in danger now; "urgent" —
//     deployment imminent; anything else is normal.
//   Accept-Language (RFC 3261 §20.3): the language the caller chose.

#include <optional>
#include <string_view>

#include "domain/application.hpp"

namespace lifeline::contact_centre {

inline constexpr int kEmergencyPriority = 9;
inline constexpr int kUrgentPriority = 5;

/// The queue priority (0–9, higher first) for a Priority header's value; 0 when empty or
/// unknown.
int PriorityFromSipPriority(std::string_view header);

/// The most preferred language the hotline speaks (ru, be, uk, en; "uk-UA" counts as uk) in
/// an Accept-Language value, by q-value and then order; nullopt when none is (or q=0).
std::optional<Language> LanguageFromAcceptLanguage(std::string_view header);

/// True for a call id the contact centre takes from the telephony side (Kamailio's Call-ID,
/// passed on as "call"): 1 to 200 printable ASCII characters without spaces.
bool IsValidCallId(std::string_view call);

}  // namespace lifeline::contact_centre
