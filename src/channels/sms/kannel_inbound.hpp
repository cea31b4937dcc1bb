#pragma once
// What Kannel's smsbox hands lifeline for one inbound SMS (docs/channels.md, "SMS through
// Kannel"): its sms-service calls lifeline's inbound URL with the sender, Kannel's message id,
// the text, its coding and its charset as query parameters:
//
//   get-url =
//   "http://127.0.0.1:8080/channels/sms/inbound?token=…&from=%p&id=%I&text=%a&coding=%c&charset=%C"
//
// A 7-bit or 8-bit-text message arrives as UTF-8 (coding 0, charset UTF-8); a UCS-2 one as the
// raw UTF-16BE bytes (coding 2, charset UTF-16BE), which this decodes. Pure: no I/O.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace lifeline::channels::sms {

struct KannelInbound {
  std::string sender;      // the phone number as Kannel gives it (%p)
  std::string message_id;  // Kannel's id of the message (%I): the same id again is stored once
  std::string text;        // UTF-8
};

/// Largest text taken in, in bytes as received (before decoding): 2048 UCS-2 characters, past
/// ChannelConversations' 2000. Percent-encoded in the get-url it takes up to three times that,
/// and the HTTP edge refuses URLs over 8 KiB (414): a UCS-2 SMS of more than about 1300
/// characters (20 parts) does not get through.
inline constexpr std::size_t kMaxInboundTextBytes = 4096;

/// Reads the call's query. kInvalidInput naming the field ("from", "id", "text", "coding",
/// "charset") for a missing or malformed one: a binary message (coding 1), an unknown charset,
/// invalid UTF-8 or UTF-16 (an odd length, a lone surrogate). kTooLarge ("text") past
/// kMaxInboundTextBytes. The messages never quote the sender or the text.
Result<KannelInbound> ParseKannelInbound(const std::multimap<std::string, std::string>& query);

/// UTF-16BE (UCS-2 with surrogate pairs) as UTF-8; nullopt for an odd length or a lone
/// surrogate.
std::optional<std::string> Utf16BeToUtf8(std::string_view bytes);

}  // namespace lifeline::channels::sms
