#include "server/csv.hpp"

#include <csv.h>

namespace lifeline::server {

std::string CsvField(std::string_view text) {
  std::string out(text.size() * 2 + 2, '\0');
  out.resize(csv_write(out.data(), out.size(), text.data(), text.size()));
  return out;
}

Response CsvDownload(std::string csv, std::string_view filename) {
  Response response{200, "text/csv; charset=utf-8", std::move(csv), {}};
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"" + std::string(filename) + "\"");
  return response;
}

}  // namespace lifeline::server
