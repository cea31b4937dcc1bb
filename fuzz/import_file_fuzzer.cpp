// `lifeline import`'s reader (app/intake/import_file.cpp) on any bytes, as CSV and as JSON
// Lines: records come in file order, each on a line the file has (a lone CR ends a CSV
// record too, so two may share a line); a problem names a line
// the file has and never carries the record's text; a file refused whole passes nothing on.

#include <algorithm>
#include <sstream>

#include "app/intake/import_file.hpp"
#include "fuzz_check.hpp"

using namespace lifeline;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::size_t lines =
      static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  for (auto format : {app::ImportFormat::kCsv, app::ImportFormat::kJsonLines}) {
    std::istringstream in(text);
    std::size_t last_row = 0, passed = 0;
    auto status = app::ReadImportFile(
        in, format,
        [&](app::ImportRow row) {
          // Non-decreasing: a lone CR ends a CSV record too, so two may share a file line.
          FUZZ_CHECK(row.line >= 1 && row.line <= lines && row.line >= last_row);
          last_row = row.line;
          ++passed;
        },
        [&](app::ImportProblem problem) {
          FUZZ_CHECK(problem.line >= 1 && problem.line <= lines);
          FUZZ_CHECK(!problem.message.empty() && problem.message.size() < 400);
          ++passed;
        });
    if (!status) FUZZ_CHECK(passed == 0 && status.error().field == "file");
  }
  return 0;
}
