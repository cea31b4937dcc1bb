#pragma once
// QR codes as inline SVG (no script, no image fetch), for second-factor enrolment.

#include <string>
#include <string_view>

namespace lifeline::server {

/// An SVG rendering of `text` as a QR code (error correction M), or empty if it does not fit.
std::string QrSvg(std::string_view text);

}  // namespace lifeline::server
