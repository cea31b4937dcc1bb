// rtpengine's DTMF log datagrams (app/contact_centre/dtmf_log.hpp): one UDP datagram is one JSON
// object; any bytes give (call id, digit) or nothing, never a crash of the listening thread.

#include <nlohmann/json.hpp>

#include "app/contact_centre/dtmf_log.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto digit = lifeline::app::ParseDtmfLog(lifeline::fuzz::AsText(data, size));
  if (!digit) return 0;
  FUZZ_CHECK(digit->second >= 0 && digit->second <= 15);
  const nlohmann::json again = {
      {"callid", digit->first}, {"type", "DTMF"}, {"event", digit->second}};
  FUZZ_CHECK(lifeline::app::ParseDtmfLog(again.dump()) == digit);
  return 0;
}
