#include "server/client_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace lifeline::server {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string CanonicalAddress(std::string_view text) {
  text = Trim(text);
  if (text.size() > 64) return {};
  if (!text.empty() && text.front() == '[') {  // [v6] or [v6]:port
    const auto close = text.find(']');
    if (close == std::string_view::npos) return {};
    text = text.substr(1, close - 1);
  } else if (std::count(text.begin(), text.end(), ':') == 1) {  // v4:port
    text = text.substr(0, text.find(':'));
  }
  const std::string input(text);
  char out[INET6_ADDRSTRLEN] = {};
  unsigned char v4[4];
  if (inet_pton(AF_INET, input.c_str(), v4) == 1) {
    return inet_ntop(AF_INET, v4, out, sizeof out) ? std::string(out) : std::string();
  }
  unsigned char v6[16];
  if (inet_pton(AF_INET6, input.c_str(), v6) != 1) return {};
  static constexpr unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(v6, kMapped, sizeof kMapped) == 0) {
    return inet_ntop(AF_INET, v6 + 12, out, sizeof out) ? std::string(out) : std::string();
  }
  return inet_ntop(AF_INET6, v6, out, sizeof out) ? std::string(out) : std::string();
}

Result<TrustedProxies> TrustedProxies::Parse(const std::vector<std::string>& values) {
  TrustedProxies proxies;
  for (const auto& value : values) {
    std::string_view rest = value;
    while (true) {
      const auto comma = rest.find(',');
      const std::string_view item = Trim(rest.substr(0, comma));
      const std::string address = CanonicalAddress(item);
      const bool with_port = item.find('[') != std::string_view::npos ||
                             std::count(item.begin(), item.end(), ':') == 1;
      if (address.empty() || with_port) {
        return Error{
            ErrorCode::kInvalidInput,
            "--trusted-proxy: \"" + std::string(item) + "\" is not an IPv4 or IPv6 address",
            "trusted-proxy"};
      }
      proxies.addresses_.push_back(address);
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  return proxies;
}

bool TrustedProxies::Contains(std::string_view address) const {
  return std::find(addresses_.begin(), addresses_.end(), address) != addresses_.end();
}

std::string TrustedProxies::ClientAddress(std::string_view peer,
                                          std::string_view forwarded_for) const {
  std::string client = CanonicalAddress(peer);
  if (client.empty()) client = std::string(peer);
  if (!Contains(client)) return client;
  // Right to left: each trusted hop vouches for the address to its left.
  while (!forwarded_for.empty()) {
    const auto comma = forwarded_for.rfind(',');
    const std::string_view item =
        comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1);
    forwarded_for =
        comma == std::string_view::npos ? std::string_view{} : forwarded_for.substr(0, comma);
    const std::string address = CanonicalAddress(item);
    if (address.empty()) return client;  // a hop we cannot read: stay with the last trusted one
    if (!Contains(address)) return address;
    client = address;
  }
  return client;
}

}  // namespace lifeline::server
