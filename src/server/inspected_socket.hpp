#pragma once
// Private to http_server.cpp (includes Asio and RESTinio): the listener's socket type and
// its connection count.

#include <cstddef>
#include <memory>
#include <mutex>
#include <restinio/all.hpp>
#include <string>
#include <unordered_set>

#include "server/request_inspector.hpp"

namespace lifeline::server {

/// A TCP socket that RESTinio reads through (traits' stream_socket_t, as RESTinio's own TLS
/// socket does). Every read is shown to a RequestInspector first. When it refuses a request,
/// the socket writes the refusal itself (Connection: close), shuts its sending side, reads
/// and discards what the client still sends (so that closing does not reset the connection
/// before the client has read the answer; at most kDrainBytes, and RESTinio's read timeout
/// still applies), and then tells RESTinio the peer has gone, which closes the connection.
///
/// Why here: RESTinio 0.6 closes the socket on a parser error or a limit without any hook
/// (impl/connection.hpp, consume_data), so no handler could answer. RESTinio's own limits
/// are the same as the inspector's and are never reached first.
///
/// Used on the connection's strand only; `this` outlives every operation because RESTinio's
/// handler, kept in each, holds the connection that owns the socket.
class InspectedSocket {
 public:
  using executor_type = restinio::default_asio_executor;
  static constexpr std::size_t kDrainBytes = 4 * 1024 * 1024;

  explicit InspectedSocket(asio::io_context& io_context) : socket_(io_context) {}
  InspectedSocket(InspectedSocket&&) = default;
  InspectedSocket& operator=(InspectedSocket&&) = default;

  asio::ip::tcp::socket& lowest_layer() { return socket_; }
  const asio::ip::tcp::socket& lowest_layer() const { return socket_; }
  auto get_executor() { return socket_.get_executor(); }
  auto remote_endpoint() const { return socket_.remote_endpoint(); }
  bool is_open() const { return socket_.is_open(); }
  template <typename... Args>
  void cancel(Args&&... args) {
    socket_.cancel(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void shutdown(Args&&... args) {
    socket_.shutdown(std::forward<Args>(args)...);
  }
  template <typename... Args>
  void close(Args&&... args) {
    socket_.close(std::forward<Args>(args)...);
  }
  template <typename... Args>
  auto async_write_some(Args&&... args) {
    return socket_.async_write_some(std::forward<Args>(args)...);
  }

  template <typename Handler>
  void async_read_some(asio::mutable_buffer buffer, Handler handler) {
    auto executor = asio::get_associated_executor(handler, socket_.get_executor());
    if (!refusal_.empty()) return Refuse(executor, buffer, std::move(handler));
    // Made on first use: the acceptor's pool keeps moved-from sockets.
    if (!inspector_) inspector_ = std::make_unique<RequestInspector>();
    socket_.async_read_some(
        buffer, asio::bind_executor(
                    executor, [this, executor, buffer, handler = std::move(handler)](
                                  const asio::error_code& error, std::size_t length) mutable {
                      if (error) return handler(error, length);
                      const auto verdict =
                          inspector_->Inspect({static_cast<const char*>(buffer.data()), length});
                      if (verdict.refusal == EdgeRefusal::kNone) return handler(error, length);
                      refusal_ =
                          RawClosingAnswer(EdgeRefusalResponse(verdict.refusal, verdict.detail));
                      // Whole requests before the refused one are answered first; RESTinio reads
                      // again only after answering them (one request at a time), and then gets the
                      // refusal.
                      if (verdict.accepted_bytes > 0) return handler(error, verdict.accepted_bytes);
                      Refuse(executor, buffer, std::move(handler));
                    }));
  }

  /// The bytes of `response` as a complete HTTP/1.1 answer that closes the connection.
  /// Defined in http_server.cpp, beside the headers every answer carries.
  static std::string RawClosingAnswer(const Response& response);

 private:
  template <typename Executor, typename Handler>
  void Refuse(Executor executor, asio::mutable_buffer buffer, Handler handler) {
    auto answer = std::make_shared<std::string>(std::move(refusal_));
    refusal_ = "sent";  // non-empty: any later read ends at once
    asio::async_write(socket_, asio::buffer(*answer),
                      asio::bind_executor(
                          executor, [this, executor, buffer, answer, handler = std::move(handler)](
                                        const asio::error_code& error, std::size_t) mutable {
                            if (error) return handler(error, 0);
                            asio::error_code ignored;
                            socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
                            Drain(executor, buffer, 0, std::move(handler));
                          }));
  }

  template <typename Executor, typename Handler>
  void Drain(Executor executor, asio::mutable_buffer buffer, std::size_t drained, Handler handler) {
    if (drained > kDrainBytes) return handler(asio::error::eof, 0);
    socket_.async_read_some(
        buffer, asio::bind_executor(executor,
                                    [this, executor, buffer, drained, handler = std::move(handler)](
                                        const asio::error_code& error, std::size_t length) mutable {
                                      if (error == asio::error::operation_aborted)
                                        return handler(error, 0);
                                      if (error) return handler(asio::error::eof, 0);
                                      Drain(executor, buffer, drained + length, std::move(handler));
                                    }));
  }

  asio::ip::tcp::socket socket_;
  std::unique_ptr<RequestInspector> inspector_;
  std::string refusal_;  // the answer to send instead of the next read, or "sent"
};

// What RESTinio's connection calls for each kind of socket (found by argument-dependent
// lookup, as its own overloads for TCP and TLS sockets are): nothing to prepare, no TLS.
template <typename Connection, typename StartRead, typename Failed>
void prepare_connection_and_start_read(InspectedSocket&, Connection&, StartRead start_read,
                                       Failed) {
  start_read();
}
inline restinio::tls_socket_t* make_tls_socket_pointer_for_state_listener(
    InspectedSocket&) noexcept {
  return nullptr;
}

/// Counts open connections (RESTinio's connection_state_listener_t) and remembers which
/// were accepted past the soft cap. Thread-safe.
///
/// Open connections are kept by id, not as a bare counter: RESTinio may report one
/// connection closed more than once (a finished write and a failed read can both close it),
/// and a counter decremented twice wraps below zero and turns every later connection away
/// as "busy". A set makes each notice idempotent.
class ConnectionGate {
 public:
  explicit ConnectionGate(std::size_t soft_cap) : soft_cap_(soft_cap) {}

  void state_changed(const restinio::connection_state::notice_t& notice) noexcept {
    std::lock_guard lock(mutex_);
    const auto& cause = notice.cause();
    if (restinio::get_if<restinio::connection_state::accepted_t>(&cause)) {
      if (open_.size() >= soft_cap_) over_cap_.insert(notice.connection_id());
      open_.insert(notice.connection_id());
    } else if (restinio::get_if<restinio::connection_state::closed_t>(&cause)) {
      open_.erase(notice.connection_id());
      over_cap_.erase(notice.connection_id());
    }
  }

  /// True for a connection accepted while `soft_cap` others were open.
  bool OverCap(restinio::connection_id_t id) const {
    std::lock_guard lock(mutex_);
    return over_cap_.count(id) != 0;
  }

  /// How many connections are open now.
  std::size_t Open() const {
    std::lock_guard lock(mutex_);
    return open_.size();
  }

 private:
  const std::size_t soft_cap_;
  mutable std::mutex mutex_;
  std::unordered_set<restinio::connection_id_t> open_;      // GUARDED_BY(mutex_)
  std::unordered_set<restinio::connection_id_t> over_cap_;  // GUARDED_BY(mutex_)
};

}  // namespace lifeline::server
