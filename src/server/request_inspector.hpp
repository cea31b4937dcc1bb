#pragma once
// Reads the bytes of a connection before RESTinio does, with the same HTTP parser, to find
// requests the server refuses at the edge: too long a URL, too large headers or body, or
// bytes that are not HTTP. RESTinio itself, on a parser error or a limit, closes the socket
// without a word (restinio/impl/connection.hpp, consume_data -> trigger_error_and_close),
// and it has no hook there; so the listener looks first and answers 400/413/414/431 itself
// (http_server.cpp, InspectedSocket). No Asio here.

#include <http_parser.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "server/http.hpp"

namespace lifeline::server {

/// The edge's limits, one source of truth: http_server.cpp gives RESTinio the same ones.
struct EdgeLimits {
  static constexpr std::size_t kUrlBytes = 8192;
  static constexpr std::size_t kHeaderBytes = 16 * 1024;  // names and values together
  static constexpr std::size_t kHeaderFields = 100;
  // Above kMaxBodyBytes so that the applicant's form can still answer a too-long message
  // with the form and the text (public_routes.cpp); everything else answers 413 at
  // kMaxBodyBytes (http_server.cpp).
  static constexpr std::uint64_t kBodyBytes = 1024 * 1024;
};

enum class EdgeRefusal { kNone, kMalformed, kBodyTooLarge, kUrlTooLong, kHeadersTooLarge };

/// Follows one connection's requests. Not thread-safe (one per connection, used on the
/// connection's strand).
class RequestInspector {
 public:
  RequestInspector();
  RequestInspector(const RequestInspector&) = delete;
  RequestInspector& operator=(const RequestInspector&) = delete;

  struct Verdict {
    EdgeRefusal refusal = EdgeRefusal::kNone;
    // Bytes of whole requests before the refused one (they may be answered first).
    std::size_t accepted_bytes = 0;
    std::string_view detail;  // the parser's words for kMalformed (static text)
  };
  /// Looks at the next `bytes` read from the connection. Once a refusal is returned, or the
  /// connection stops being plain HTTP/1 (an upgrade, or a request that closes it), every
  /// later call returns kNone.
  Verdict Inspect(std::string_view bytes);

 private:
  static int OnUrl(http_parser* parser, const char* at, std::size_t length);
  static int OnHeaderField(http_parser* parser, const char* at, std::size_t length);
  static int OnHeaderValue(http_parser* parser, const char* at, std::size_t length);
  static int OnHeadersComplete(http_parser* parser);
  static int OnBody(http_parser* parser, const char* at, std::size_t length);
  static int OnMessageComplete(http_parser* parser);
  int Refuse(EdgeRefusal refusal, const char* detail = nullptr);

  http_parser parser_;
  http_parser_settings settings_;
  bool done_ = false;      // refused, upgraded or closing: stop looking
  bool in_value_ = false;  // the last header callback was a value
  std::size_t url_bytes_ = 0;
  std::size_t header_bytes_ = 0;
  std::size_t header_fields_ = 0;
  std::uint64_t body_bytes_ = 0;
  EdgeRefusal refusal_ = EdgeRefusal::kNone;
  const char* detail_ = nullptr;  // our words for a kMalformed the parser let through
};

/// The answer to a refused request, in the API's error format {"error": {...}}.
Response EdgeRefusalResponse(EdgeRefusal refusal, std::string_view parser_detail = {});

}  // namespace lifeline::server
