#include "server/response_padding.hpp"

namespace lifeline::server {

std::size_t VaryingBytes(const Response& response, std::string_view reason) {
  std::size_t bytes = reason.size() + response.content_type.size();
  for (const auto& [name, value] : response.headers) bytes += name.size() + 2 + value.size() + 2;
  return bytes;
}

std::string PadBody(std::string body, std::size_t varying) {
  std::size_t size = kSmallestPaddedSize;
  while (size - kHeaderAllowance < varying + body.size()) size *= 2;
  body.append(size - kHeaderAllowance - varying - body.size(), ' ');
  return body;
}

}  // namespace lifeline::server
