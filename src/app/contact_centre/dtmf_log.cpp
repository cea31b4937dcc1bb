#include "app/contact_centre/dtmf_log.hpp"

#include <nlohmann/json.hpp>

namespace lifeline::app {

std::optional<std::pair<std::string, int>> ParseDtmfLog(std::string_view datagram) {
  const auto doc = nlohmann::json::parse(datagram, nullptr, false);
  if (!doc.is_object()) return std::nullopt;
  const auto call = doc.value("callid", nlohmann::json());
  const auto event = doc.value("event", nlohmann::json());
  // Each member is read as json and compared, never with a typed default: json::value("type", "")
  // throws type_error when "type" holds a number, and that killed the listening thread.
  if (doc.value("type", nlohmann::json()) != "DTMF" || !call.is_string() ||
      !event.is_number_integer()) {
    return std::nullopt;
  }
  const int code = event.get<int>();
  if (code < 0 || code > 15) return std::nullopt;
  return std::pair{call.get<std::string>(), code};
}

}  // namespace lifeline::app
