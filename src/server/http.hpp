#pragma once
// Plain request/response values and a small router, so that only http_server.cpp sees the
// HTTP library (RESTinio) and its heavy templates.

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace lifeline::server {

struct Request {
  std::string method;
  std::string path;                               // without the query string
  std::multimap<std::string, std::string> query;  // decoded
  std::map<std::string, std::string> headers;     // lower-case names
  std::string body;
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {id}
  // The client's address: the peer's, or behind a trusted proxy the one it forwarded
  // (client_address.hpp). Used only in memory to slow password guessing; never logged or
  // stored (docs/security.md).
  std::string source;

  std::string Header(const std::string& lower_name) const;
  std::string Query(const std::string& name) const;
  /// The value of cookie `name`, or empty.
  std::string Cookie(std::string_view name) const;
};

/// A response that stays open and sends more as it happens (Server-Sent Events).
/// Thread-safe.
class EventStream {
 public:
  virtual ~EventStream() = default;
  /// Queues `text` for the client; false once the client has gone (then drop the stream).
  virtual bool Send(std::string_view text) = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // When set, the body is padded before it is sent, so that the answer's bytes on the wire
  // are one of a few sizes (the public pages: response_padding.hpp).
  bool padded = false;
  // When set, the response is a stream: the status and headers (and `body`, if any) go out
  // at once, and `opened` receives the stream, which stays open while anyone holds it.
  std::function<void(std::shared_ptr<EventStream>)> opened;
};

/// Answers a request, now or later and from any thread; call exactly once.
using Respond = std::function<void(Response)>;
using Handler = std::function<void(Request&, Respond)>;

/// Routes by method and path pattern ("/api/v1/cases/{id}"). Patterns match whole segments.
class Metrics;

class Router {
 public:
  /// A GET route answers HEAD too (the server sends the headers without the body).
  /// Bodies over kMaxBodyBytes are answered 413 before `handler` runs.
  void Add(std::string method, std::string pattern, Handler handler);
  /// Like Add, but `handler` also gets bodies over kMaxBodyBytes (up to the edge's
  /// EdgeLimits::kBodyBytes) and must answer 413 itself: for a form that shows itself again.
  void AddTakingOversizedBodies(std::string method, std::string pattern, Handler handler);
  /// Counts every response in `metrics` (which must outlive the router) from now on.
  void CountWith(Metrics* metrics) { metrics_ = metrics; }
  /// Dispatches, filling request.params; 404 or 405 when nothing matches, 413 for a body
  /// over kMaxBodyBytes.
  void Dispatch(Request& request, Respond respond) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
    Handler handler;
    bool takes_oversized_bodies = false;
  };
  std::vector<Route> routes_;
  Metrics* metrics_ = nullptr;
};

/// Largest request body a handler accepts; larger ones get 413 (Router::Dispatch).
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

/// The HTTP status for an error code (one place for the whole server).
int HttpStatusOf(ErrorCode code);

/// A JSON response {"error": {"code", "message", "field"?}}.
Response JsonError(const Error& error);
Response JsonError(int status, std::string_view code, std::string_view message);

/// Decodes application/x-www-form-urlencoded text; nullopt if malformed (bad % escape).
std::optional<std::multimap<std::string, std::string>> ParseForm(std::string_view body);

/// Encodes a query-string value: every byte but A-Z a-z 0-9 - _ . ~ as %XX (ParseForm
/// decodes it back).
std::string UrlEncode(std::string_view text);

/// Escapes text for HTML element content and attribute values.
std::string HtmlEscape(std::string_view text);

/// True when the Content-Type's media type equals `expected` (parameters ignored).
bool HasMediaType(const Request& request, std::string_view expected);

}  // namespace lifeline::server
