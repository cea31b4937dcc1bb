#pragma once
// The HTTP listener. The only translation unit that includes RESTinio/Asio (with its
// private inspected_socket.hpp). Requests past the edge's limits (request_inspector.hpp)
// are answered 400, 413, 414 or 431 and the connection closed.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "server/client_address.hpp"
#include "server/http.hpp"

namespace lifeline::server {

struct ListenOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; port() tells which
  std::size_t threads = 2;
  // Connections served at once. Past it a new connection is answered 503 with Retry-After
  // (GET /healthz still answered) and closed; a quarter more than that wait in the backlog.
  std::size_t max_connections = 1024;
  std::chrono::seconds read_timeout{60};  // a silent client is disconnected after this
  // Peers whose X-Forwarded-For names the client (Request::source); none by default.
  TrustedProxies trusted_proxies;
};

/// Serves `router` until Stop(). Requests are handled on `threads` threads; handlers may
/// answer later from another thread (reply-after-commit). Thread-safe.
class HttpServer {
 public:
  /// Binds and starts; throws std::runtime_error if the address cannot be bound.
  HttpServer(const ListenOptions& options, const Router& router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  std::uint16_t port() const;
  /// Stops accepting, closes connections and joins the threads. Idempotent.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lifeline::server
