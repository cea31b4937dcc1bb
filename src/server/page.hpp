#pragma once
// The HTML shell shared by the public pages and the console. The public pages run no script:
// they must work in Tor Browser's "safest" mode, and their CSP forbids script outright. The
// console's pages may load the console's own scripts (server/console_assets.hpp).

#include <string>
#include <string_view>

#include "server/http.hpp"

namespace lifeline::server {

/// A complete HTML document; `body_html` must already be escaped.
std::string HtmlPage(std::string_view lang_code, std::string_view title,
                     std::string_view body_html);

Response HtmlResponse(int status, std::string html);

/// The stylesheet served at /static/style.css.
std::string_view StyleSheet();

}  // namespace lifeline::server
