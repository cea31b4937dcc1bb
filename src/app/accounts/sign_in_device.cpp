#include "app/accounts/sign_in_device.hpp"

#include <vector>

#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kExpiryBytes = 8;
constexpr std::size_t kMacBytes = 32;
constexpr std::size_t kTokenHexChars = 2 * (kNonceBytes + kExpiryBytes + kMacBytes);

std::string ExpiryBytes(std::int64_t expiry) {
  std::string out(kExpiryBytes, '\0');
  for (std::size_t i = 0; i < kExpiryBytes; ++i) {
    out[kExpiryBytes - 1 - i] =
        static_cast<char>((static_cast<std::uint64_t>(expiry) >> (8 * i)) & 0xFF);
  }
  return out;
}

std::int64_t ExpiryFrom(const std::uint8_t* bytes) {
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < kExpiryBytes; ++i) value = (value << 8) | bytes[i];
  return static_cast<std::int64_t>(value);
}

std::vector<std::string_view> Tokens(std::string_view cookie) {
  std::vector<std::string_view> tokens;
  while (!cookie.empty() && tokens.size() < SignInDevices::kMaxAccounts) {
    const auto dot = cookie.find('.');
    tokens.push_back(cookie.substr(0, dot));
    cookie = dot == std::string_view::npos ? std::string_view{} : cookie.substr(dot + 1);
  }
  return tokens;
}

// The nonce and expiry of a token of the right shape; nullopt otherwise. Checks no MAC.
struct Shape {
  std::string nonce;
  std::int64_t expiry = 0;
  crypto::Bytes mac;
};
std::optional<Shape> ShapeOf(std::string_view token) {
  if (token.size() != kTokenHexChars) return std::nullopt;
  const crypto::Bytes raw = crypto::FromHex(token);
  if (raw.size() != kTokenHexChars / 2) return std::nullopt;
  Shape shape;
  shape.nonce.assign(reinterpret_cast<const char*>(raw.data()), kNonceBytes);
  shape.expiry = ExpiryFrom(raw.data() + kNonceBytes);
  shape.mac.assign(raw.begin() + kNonceBytes + kExpiryBytes, raw.end());
  return shape;
}

}  // namespace

crypto::Key32 SignInDeviceKey(const crypto::OfficeOpener& office) {
  return office.DeriveSubkey("lifeline/sign-in-device/v1");
}

SignInDevices::~SignInDevices() { crypto::Wipe(key_); }

std::string SignInDevices::Mac(std::string_view account, std::string_view nonce,
                               std::int64_t expiry) const {
  // Length-prefixed fields: no two (account, nonce, expiry) share an input.
  std::string data = "lifeline/sign-in-device/v1";
  data += '\0';
  data += std::to_string(account.size());
  data += ':';
  data += account;
  data += nonce;
  data += ExpiryBytes(expiry);
  const auto mac = crypto::KeyedHash(key_, data);
  return std::string(reinterpret_cast<const char*>(mac.data()), mac.size());
}

std::optional<SignInDevices::Parsed> SignInDevices::ValidFor(std::string_view token,
                                                             std::string_view account) const {
  auto shape = ShapeOf(token);
  if (!shape) return std::nullopt;
  const std::string expected = Mac(account, shape->nonce, shape->expiry);
  if (!crypto::ConstantTimeEquals(reinterpret_cast<const std::uint8_t*>(expected.data()),
                                  shape->mac.data(), kMacBytes)) {
    return std::nullopt;
  }
  return Parsed{std::move(shape->nonce), shape->expiry};
}

std::optional<std::string> SignInDevices::Recognise(std::string_view cookie,
                                                    std::string_view account,
                                                    std::chrono::sys_seconds now) const {
  for (const auto token : Tokens(cookie)) {
    auto parsed = ValidFor(token, account);
    if (parsed && parsed->expiry > now.time_since_epoch().count()) return std::move(parsed->nonce);
  }
  return std::nullopt;
}

std::string SignInDevices::Issue(std::string_view cookie, std::string_view account,
                                 std::chrono::sys_seconds now) const {
  const auto nonce_bytes = crypto::RandomBytes(kNonceBytes);
  const std::string nonce(nonce_bytes.begin(), nonce_bytes.end());
  const std::int64_t expiry = (now + kLifetime).time_since_epoch().count();
  const std::string raw = nonce + ExpiryBytes(expiry) + Mac(account, nonce, expiry);
  std::string out = crypto::ToHex(reinterpret_cast<const std::uint8_t*>(raw.data()), raw.size());
  std::size_t kept = 1;
  for (const auto token : Tokens(cookie)) {
    if (kept == kMaxAccounts) break;
    const auto shape = ShapeOf(token);
    if (!shape || shape->expiry <= now.time_since_epoch().count() || ValidFor(token, account))
      continue;
    out += '.';
    out += token;
    ++kept;
  }
  return out;
}

}  // namespace lifeline::app
