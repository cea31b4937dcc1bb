#pragma once
// Answers padded to a few fixed sizes on the wire (issue 21), so that someone who sees only
// how many bytes came back (through TLS or a Tor circuit) cannot tell applying from checking a
// status or sending a message, nor a refusal from a success.
//
// What counts is the whole answer: status line, headers and body. Between two answers of the
// public pages only some of it differs in length: the status line's reason ("OK", "Not
// Found"), the content type, the headers the route adds (Retry-After, Clear-Site-Data) and
// the body. The rest (the security headers, Connection, a Content-Length of the same number
// of digits) is the same for every answer on one connection. So the body is padded with
// trailing spaces (harmless after an HTML document or a JSON value) until the varying part
// plus the body is the smallest of kPaddedSizes that holds it, less kHeaderAllowance.

#include <cstddef>
#include <string>
#include <string_view>

#include "server/http.hpp"

namespace lifeline::server {

/// The sizes an answer is padded to: 32 KiB, then doubling (a long conversation on the status
/// page needs more; how much more is what an observer learns).
inline constexpr std::size_t kSmallestPaddedSize = 32 * 1024;
/// Room left in each size for the headers every answer shares (about 450 bytes today).
inline constexpr std::size_t kHeaderAllowance = 1024;

/// The bytes of `response` whose length may differ from one padded answer to another, with
/// `reason` its status line's reason phrase.
std::size_t VaryingBytes(const Response& response, std::string_view reason);

/// `body` followed by spaces so that `varying` + its size is a padded size less the allowance.
std::string PadBody(std::string body, std::size_t varying);

}  // namespace lifeline::server
