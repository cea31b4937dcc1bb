// Catalogues are gettext .mo files built from po/console/*.po and embedded in the binary
// (cmake/embed_assets.cmake); Boost.Locale's gettext reader is given them from memory, so no
// file or system locale is needed at run time. Boost.Locale appears in this file only.

#include "server/console_text.hpp"

#include <array>
#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/message.hpp>
#include <locale>
#include <optional>
#include <string>

#include "server/console_assets.hpp"

namespace lifeline::server::console {

namespace {

// The embedded catalogue for `language` ("console/uk.mo"), if the build has one.
std::optional<std::string_view> EmbeddedCatalogue(std::string_view code) {
  const std::string name = "console/" + std::string(code) + ".mo";
  for (std::size_t i = 0; i < kConsoleCatalogueCount; ++i)
    if (kConsoleCatalogues[i].name == name) return kConsoleCatalogues[i].content;
  return std::nullopt;
}

// A locale holding the console's messages facet for `language`, read from the embedded copy.
std::locale CatalogueLocale(Language language) {
  namespace gettext = boost::locale::gnu_gettext;
  gettext::messages_info info;
  info.language = std::string(ToString(language));
  info.encoding = "UTF-8";
  info.domains.emplace_back("console/UTF-8");  // the keys (Russian) are UTF-8 too
  info.paths.emplace_back("embedded");
  const std::string wanted = "embedded/" + info.language + "/LC_MESSAGES/console.mo";
  info.callback = [wanted, code = info.language](const std::string& file,
                                                 const std::string&) -> std::vector<char> {
    if (file != wanted) return {};
    const auto catalogue = EmbeddedCatalogue(code);
    if (!catalogue) return {};
    return {catalogue->begin(), catalogue->end()};
  };
  return std::locale(std::locale::classic(), gettext::create_messages_facet<char>(info));
}

// One locale per console language, made once (thread-safe static initialisation).
const std::locale& CatalogueFor(Language language) {
  static const std::array<std::locale, 4> locales = {
      CatalogueLocale(Language::kRu), CatalogueLocale(Language::kBe),
      CatalogueLocale(Language::kUk), CatalogueLocale(Language::kEn)};
  return locales[static_cast<std::size_t>(language)];
}

}  // namespace

std::string_view TextIn(Language language, std::string_view russian) {
  if (language == Language::kRu || russian.empty()) return russian;
  const auto& messages =
      std::use_facet<boost::locale::message_format<char>>(CatalogueFor(language));
  const std::string key(russian);
  const char* translated = messages.get(0, nullptr, key.c_str());
  return translated != nullptr && *translated != '\0' ? std::string_view(translated) : russian;
}

std::string FormatTranslated(std::string_view russian, std::string_view translated,
                             fmt::format_args args) {
  try {
    return fmt::vformat(translated, args);
  } catch (const fmt::format_error&) {
    // A translation whose values do not match the source's (the catalogue check refuses
    // these before they are built in): say it in Russian rather than fail the page.
    return fmt::vformat(russian, args);
  }
}

}  // namespace lifeline::server::console
