#pragma once
// Reading one rtpengine DTMF log datagram (contact_centre_dtmf.hpp): pure, so that it can be
// tested and fuzzed without a socket (fuzz/dtmf_log_fuzzer.cpp).

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace lifeline::app {

/// The (call id, event) of one rtpengine DTMF log datagram, or nullopt when it is not one.
/// Any bytes may arrive: never throws.
std::optional<std::pair<std::string, int>> ParseDtmfLog(std::string_view datagram);

}  // namespace lifeline::app
