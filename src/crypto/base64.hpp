#pragma once
// Standard base64 (RFC 4648 §4, with padding) over libsodium's constant-time codec: for
// sealed bytes carried in JSON (the intake link, channels/intake_link/).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lifeline::crypto {

std::string ToBase64(std::span<const std::uint8_t> bytes);
/// nullopt unless `text` is base64 whole (no spaces, correct padding).
std::optional<std::vector<std::uint8_t>> FromBase64(std::string_view text);

}  // namespace lifeline::crypto
