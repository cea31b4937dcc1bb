#pragma once
// CSV for the console's and the API's downloads (statistics, the audit log): libcsv's writer,
// RFC 4180 quoting, CRLF line ends. Internal to server/.

#include <string>
#include <string_view>

#include "server/http.hpp"

namespace lifeline::server {

/// One field, quoted where it must be.
std::string CsvField(std::string_view text);

/// A 200 download of `csv` as `filename` (ASCII, no quotes).
Response CsvDownload(std::string csv, std::string_view filename);

}  // namespace lifeline::server
