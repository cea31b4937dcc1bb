#pragma once
// The client's address for sign-in throttling, behind a reverse proxy or not.
//
// X-Forwarded-For is believed only when the TCP peer is a configured trusted proxy
// (`serve --trusted-proxy`), and then only its right-most address that is not itself a
// trusted proxy: everything to the left of what our own proxies appended is whatever the
// client chose to send. `Forwarded` (RFC 7239) is never read: a proxy that appends one header
// passes the other through unchanged, so reading both would let the client pick its address.
// The address is used in memory only; never logged or stored (docs/security.md).

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace lifeline::server {

class TrustedProxies {
 public:
  TrustedProxies() = default;
  /// From `serve --trusted-proxy` values, each one address or a comma list (IPv4 or IPv6,
  /// no ranges). kInvalidInput naming the value that is not an address.
  static Result<TrustedProxies> Parse(const std::vector<std::string>& values);

  bool empty() const { return addresses_.empty(); }
  bool Contains(std::string_view address) const;

  /// The client address for a request from TCP peer `peer` carrying `forwarded_for` (all its
  /// X-Forwarded-For lines joined by commas, in order; empty if none): the peer itself unless
  /// the peer is trusted; else the right-most forwarded address not trusted; the peer when
  /// that entry is missing or is not an address. Addresses come back in canonical form
  /// (IPv4-mapped IPv6 as IPv4). Thread-safe.
  std::string ClientAddress(std::string_view peer, std::string_view forwarded_for) const;

 private:
  std::vector<std::string> addresses_;  // canonical
};

/// The canonical text of an IPv4 or IPv6 address (an IPv4-mapped IPv6 address as IPv4;
/// "[v6]", "[v6]:port" and "v4:port" accepted); empty when `text` is not an address.
std::string CanonicalAddress(std::string_view text);

}  // namespace lifeline::server
