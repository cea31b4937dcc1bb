#include "server/console_assets.hpp"

namespace lifeline::server {

std::optional<std::string_view> FindConsoleAsset(std::string_view name) {
  for (std::size_t i = 0; i < kConsoleAssetCount; ++i) {
    if (kConsoleAssets[i].name == name) return kConsoleAssets[i].content;
  }
  return std::nullopt;
}

}  // namespace lifeline::server
