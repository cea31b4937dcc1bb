#pragma once
// Calls out to a channel's gateway over HTTP(S): Kannel's sendsms interface, Telegram's Bot
// API. A thin wrapper over libcurl, so that no other file sees it. A URL may carry a token or
// a phone number, so no error message here ever contains it.

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.hpp"

namespace lifeline::channels {

struct HttpCall {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;
  std::string content_type;  // for a POST body, e.g. "application/json"
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::chrono::milliseconds timeout{10000};
  /// e.g. "socks5h://127.0.0.1:9050" to reach the gateway through tor; empty: direct.
  std::string proxy;
  /// Largest response body kept; a longer one fails the call (kTooLarge).
  std::size_t max_response_bytes = 1 << 20;
};

struct HttpReply {
  long status = 0;
  std::string body;
};

/// Performs the call. Any HTTP status is a reply; kUnavailable when the gateway cannot be
/// reached or does not answer in time, kInvalidInput for a method other than GET or POST,
/// kTooLarge for an oversized answer. Thread-safe.
Result<HttpReply> Fetch(const HttpCall& call);

/// Percent-encodes `text` for a URL's query (RFC 3986 unreserved characters kept).
std::string UrlEncode(std::string_view text);

}  // namespace lifeline::channels
