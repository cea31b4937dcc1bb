#include "channels/sms/delivery_token.hpp"

#include <fmt/format.h>

namespace lifeline::channels::sms {

DeliveryTokens::DeliveryTokens(std::string_view secret)
    : key_(crypto::Hash("lifeline/sms-delivery-report/v1", secret)) {}

std::string DeliveryTokens::TokenFor(std::int64_t reply_id) const {
  const crypto::Key32 mac = crypto::KeyedHash(key_, fmt::format("reply:{}", reply_id));
  std::string hex;
  for (std::size_t i = 0; i < 16; ++i) hex += fmt::format("{:02x}", mac[i]);
  return hex;
}

bool DeliveryTokens::Verify(std::int64_t reply_id, std::string_view token) const {
  return SecretEquals(token, TokenFor(reply_id));
}

bool SecretEquals(std::string_view given, std::string_view expected) {
  const crypto::Key32 a = crypto::Hash("lifeline/secret-compare/v1", given);
  const crypto::Key32 b = crypto::Hash("lifeline/secret-compare/v1", expected);
  return crypto::ConstantTimeEquals(a.data(), b.data(), a.size());
}

}  // namespace lifeline::channels::sms
