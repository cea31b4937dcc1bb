#include "server/accounts/qr_svg.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

namespace lifeline::server {

std::string QrSvg(std::string_view text) {
  const std::string input(text);
  std::unique_ptr<QRcode, void (*)(QRcode*)> code(
      QRcode_encodeString(input.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), QRcode_free);
  if (!code) return {};
  constexpr int kQuiet = 4;  // the quiet zone the standard asks for, in modules
  const int size = code->width + 2 * kQuiet;
  std::string path;
  for (int y = 0; y < code->width; ++y) {
    for (int x = 0; x < code->width; ++x) {
      if (code->data[y * code->width + x] & 1)
        path += fmt::format("M{} {}h1v1h-1z", x + kQuiet, y + kQuiet);
    }
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" width=\"240\" "
      "height=\"240\" "
      "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR\"><rect width=\"{0}\" "
      "height=\"{0}\" "
      "fill=\"#fff\"/><path d=\"{1}\" fill=\"#000\"/></svg>",
      size, path);
}

}  // namespace lifeline::server
