#pragma once
// The HTTP listener. The only translation unit that includes RESTinio/Asio.

#include <cstdint>
#include <memory>
#include <string>

#include "server/http.hpp"

namespace lifeline::server {

struct ListenOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; port() tells which
  std::size_t threads = 2;
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
