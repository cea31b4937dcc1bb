#include "server/http_server.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstring>
#include <mutex>
#include <restinio/all.hpp>

#include "server/inspected_socket.hpp"
#include "server/response_padding.hpp"

namespace lifeline::server {
namespace {

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 303:
      return "See Other";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return status < 500 ? "Client Error" : "Server Error";
  }
}

// Sent with every answer unless it sets its own: no caching of pages that may show personal
// data, no framing, no referrer, no script at all (the public pages must work with
// JavaScript off anyway; only the console runs its own scripts, office_routes.cpp).
constexpr std::pair<const char*, const char*> kSecurityHeaders[] = {
    {"Content-Security-Policy",
     "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
     "frame-ancestors 'none'; base-uri 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
    {"Cache-Control", "no-store"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
};

struct Traits : restinio::traits_t<restinio::asio_timer_manager_t, restinio::null_logger_t,
                                   restinio::default_request_handler_t, restinio::default_strand_t,
                                   InspectedSocket> {
  using connection_state_listener_t = ConnectionGate;
  // Past max_parallel_connections RESTinio stops accepting: new connections wait in the
  // kernel's backlog.
  static constexpr bool use_connection_count_limiter = true;
};

// Connections accepted past the soft cap (ListenOptions::max_connections) get 503 and are
// closed after that one answer, except /healthz; they may take at most this many more
// places, beyond which new connections wait in the backlog.
std::size_t HardConnectionCap(std::size_t soft_cap) { return soft_cap + soft_cap / 4 + 16; }

// A chunked response kept open: each Send is a chunk, flushed at once.
class ChunkedEventStream final : public EventStream {
 public:
  explicit ChunkedEventStream(restinio::response_builder_t<restinio::chunked_output_t> builder)
      : builder_(std::move(builder)), gone_(std::make_shared<std::atomic<bool>>(false)) {}
  ~ChunkedEventStream() override {
    try {
      builder_.done();
    } catch (const std::exception&) {  // the connection is gone already
    }
  }

  bool Send(std::string_view text) override {
    std::lock_guard lock(mutex_);
    if (*gone_) return false;
    try {
      builder_.append_chunk(std::string(text));
      builder_.flush([gone = gone_](const asio::error_code& error) {
        if (error) *gone = true;
      });
    } catch (const std::exception&) {
      *gone_ = true;
    }
    return !*gone_;
  }

 private:
  std::mutex mutex_;
  restinio::response_builder_t<restinio::chunked_output_t> builder_;  // GUARDED_BY(mutex_)
  std::shared_ptr<std::atomic<bool>> gone_;
};

void AppendHeaders(auto& builder, const Response& response) {
  builder.append_header(restinio::http_field::content_type, response.content_type);
  // A response may replace a default (the console's pages allow their own scripts; its
  // scripts may be cached): names compare case-insensitively.
  for (const auto& [name, value] : kSecurityHeaders) {
    const bool replaced =
        std::any_of(response.headers.begin(), response.headers.end(), [name = name](const auto& h) {
          return std::equal(h.first.begin(), h.first.end(), name, name + std::strlen(name),
                            [](char a, char b) {
                              return std::tolower(static_cast<unsigned char>(a)) ==
                                     std::tolower(static_cast<unsigned char>(b));
                            });
        });
    if (!replaced) builder.append_header(name, value);
  }
  for (const auto& [name, value] : response.headers) builder.append_header(name, value);
}

void OpenStream(const restinio::request_handle_t& req, const Response& response) {
  auto builder = req->create_response<restinio::chunked_output_t>(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)},
      ReasonPhrase(response.status)});
  AppendHeaders(builder, response);
  if (!response.body.empty()) builder.append_chunk(response.body);
  builder.flush();
  response.opened(std::make_shared<ChunkedEventStream>(std::move(builder)));
}

restinio::http_status_line_t StatusLine(int status) {
  return {restinio::http_status_code_t{static_cast<std::uint16_t>(status)}, ReasonPhrase(status)};
}

enum class AfterAnswer { kKeepAlive, kClose };

void Send(const restinio::request_handle_t& req, const Response& unpadded,
          AfterAnswer after = AfterAnswer::kKeepAlive) {
  Response padded_copy;
  if (unpadded.padded) {
    padded_copy = unpadded;
    padded_copy.body =
        PadBody(unpadded.body, VaryingBytes(unpadded, ReasonPhrase(unpadded.status)));
  }
  const Response& response = unpadded.padded ? padded_copy : unpadded;
  if (req->header().method() == restinio::http_method_head()) {
    // The GET answer's headers and length, without its body (RFC 9110 §9.3.2); a stream
    // is not opened.
    auto builder =
        req->create_response<restinio::user_controlled_output_t>(StatusLine(response.status));
    AppendHeaders(builder, response);
    if (after == AfterAnswer::kClose) builder.connection_close();
    builder.set_content_length(response.body.size());
    builder.done();
    return;
  }
  if (response.opened) return OpenStream(req, response);
  auto builder = req->create_response(StatusLine(response.status));
  AppendHeaders(builder, response);
  if (after == AfterAnswer::kClose) builder.connection_close();
  builder.set_body(response.body);
  builder.done();
}

}  // namespace

std::string InspectedSocket::RawClosingAnswer(const Response& response) {
  std::string raw = fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
      response.status, ReasonPhrase(response.status), response.content_type, response.body.size());
  for (const auto& [name, value] : kSecurityHeaders) raw += fmt::format("{}: {}\r\n", name, value);
  for (const auto& [name, value] : response.headers) raw += fmt::format("{}: {}\r\n", name, value);
  return raw + "\r\n" + response.body;
}

struct HttpServer::Impl {
  std::atomic<std::uint16_t> port{0};
  restinio::running_server_handle_t<Traits> handle;
  bool stopped = false;
};

HttpServer::HttpServer(const ListenOptions& options, const Router& router)
    : impl_(std::make_unique<Impl>()) {
  Impl* impl = impl_.get();
  auto gate = std::make_shared<ConnectionGate>(options.max_connections);
  auto handler = [&router, gate,
                  proxies = options.trusted_proxies](const restinio::request_handle_t& req) {
    if (gate->OverCap(req->connection_id()) && req->header().path() != "/healthz") {
      Response busy = JsonError(
          503, "busy", "the server has as many connections as it serves; try again shortly");
      busy.headers.emplace_back("Retry-After", "1");
      Send(req, busy, AfterAnswer::kClose);
      return restinio::request_accepted();
    }
    Request request;
    request.method = req->header().method().c_str();
    request.path = std::string(req->header().path());
    if (auto query = ParseForm(req->header().query())) request.query = std::move(*query);
    std::string forwarded_for;  // every X-Forwarded-For line, in order
    req->header().for_each_field([&](const restinio::http_header_field_t& field) {
      std::string name(field.name());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (name == "x-forwarded-for")
        forwarded_for += (forwarded_for.empty() ? "" : ",") + std::string(field.value());
      request.headers[name] = std::string(field.value());
    });
    request.source =
        proxies.ClientAddress(req->remote_endpoint().address().to_string(), forwarded_for);
    // Bodies up to EdgeLimits::kBodyBytes arrive; the router answers 413 past kMaxBodyBytes
    // unless the route renders that answer itself (the applicant's form).
    request.body = req->body();
    router.Dispatch(request, [req](Response response) { Send(req, response); });
    return restinio::request_accepted();
  };
  try {
    impl->handle = restinio::run_async<Traits>(
        restinio::own_io_context(),
        restinio::server_settings_t<Traits>{}
            .address(options.host)
            .port(options.port)
            // The same limits as the InspectedSocket's, which answers before these are hit.
            .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                          .max_body_size(EdgeLimits::kBodyBytes)
                                          .max_url_size(EdgeLimits::kUrlBytes)
                                          .max_field_name_size(EdgeLimits::kHeaderBytes)
                                          .max_field_value_size(EdgeLimits::kHeaderBytes)
                                          .max_field_count(EdgeLimits::kHeaderFields))
            .max_parallel_connections(HardConnectionCap(options.max_connections))
            .connection_state_listener(gate)
            // A client silent for this long between or within requests is disconnected.
            .read_next_http_message_timelimit(options.read_timeout)
            .acceptor_post_bind_hook([impl](asio::ip::tcp::acceptor& acceptor) {
              impl->port = acceptor.local_endpoint().port();
            })
            .request_handler(std::move(handler)),
        options.threads);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string("cannot listen on ") + options.host + ":" +
                             std::to_string(options.port) + ": " + e.what());
  }
}

HttpServer::~HttpServer() { Stop(); }

std::uint16_t HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->handle->stop();
  impl_->handle->wait();
}

}  // namespace lifeline::server
