#pragma once
// Reading an import file (docs/import.md): CSV with a header line naming the columns (comma,
// semicolon or tab separated, as spreadsheets export them) or JSON Lines, one object per line,
// with the same names as keys. Each record becomes an application draft plus the day it was
// received and where it came from; what cannot be read is a problem naming its line and
// field. Nothing here validates an application's rules (importer.hpp does).

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "domain/application.hpp"
#include "domain/result.hpp"

namespace lifeline::app {

/// One record of an import file, read but not yet validated.
struct ImportRow {
  std::size_t line = 0;  // the file line the record starts on, from 1
  ApplicationDraft draft;
  std::string received_on;  // YYYY-MM-DD; empty: the day of the import
  std::string origin;       // where the record came from ("spreadsheet 2025"); may be empty
};

/// Why a record cannot be imported: its line, the column at fault (empty for the record as
/// a whole) and what to do, in words an operator can act on. Never holds the record's data.
struct ImportProblem {
  std::size_t line = 0;
  std::string field;
  std::string message;
};

enum class ImportFormat { kCsv, kJsonLines };

/// The columns an import file may have, in the documented order.
const std::vector<std::string>& ImportColumns();

/// The longest record accepted, in bytes (a message of 4,000 characters fits in a quarter).
inline constexpr std::size_t kMaxImportRecordBytes = 64 * 1024;

/// Reads `in` to its end, calling `row` for each record read and `problem` for each that
/// cannot be (then reading goes on at the next line). kInvalidInput, and nothing passed on,
/// when the file as a whole is not one of these formats: not UTF-8, no header naming known
/// columns, an unknown column. A UTF-8 byte order mark is skipped.
Status ReadImportFile(std::istream& in, ImportFormat format,
                      const std::function<void(ImportRow)>& row,
                      const std::function<void(ImportProblem)>& problem);

}  // namespace lifeline::app
