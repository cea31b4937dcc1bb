#pragma once
// The console's scripts, embedded in the binary at build time (cmake/embed_assets.cmake):
// Chart.js from npm (web/package.json) and lifeline's own console.js and statistics.js. The
// public pages use none of them. Also the console's message catalogues.

#include <cstddef>
#include <optional>
#include <string_view>

namespace lifeline::server {

struct ConsoleAsset {
  std::string_view name;  // as in /console/assets/{name}
  std::string_view content;
};

extern const ConsoleAsset kConsoleAssets[];
extern const std::size_t kConsoleAssetCount;
/// The console's translations, gettext .mo files built from po/console/ ("console/uk.mo");
/// server/console_text.cpp reads them. Not served.
extern const ConsoleAsset kConsoleCatalogues[];
extern const std::size_t kConsoleCatalogueCount;

/// The asset called `name`, or nullopt.
std::optional<std::string_view> FindConsoleAsset(std::string_view name);

}  // namespace lifeline::server
