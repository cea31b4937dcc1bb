#include "app/intake/import_file.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "domain/utf8.hpp"

namespace lifeline::app {
namespace {

using nlohmann::json;

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Sets column `name` of `row` to `value`; false for a column this format does not have.
bool SetColumn(ImportRow& row, const std::string& name, std::string value) {
  ApplicationDraft& d = row.draft;
  // Built once: this runs for every column of every record.
  using Draft = ApplicationDraft;
  static const std::map<std::string, std::string Draft::*, std::less<>> kDraftText = {
      {"situation", &Draft::situation},
      {"group_kind", &Draft::group_kind},
      {"deploy_by", &Draft::deploy_by},
      {"contact_channel", &Draft::contact_channel},
      {"contact_handle", &Draft::contact_handle},
      {"utc_offset", &Draft::utc_offset},
      {"name", &Draft::name},
      {"unit", &Draft::unit},
      {"rank", &Draft::rank},
      {"location", &Draft::location},
      {"message", &Draft::message},
      {"language", &Draft::language},
  };
  if (auto it = kDraftText.find(name); it != kDraftText.end()) {
    d.*(it->second) = std::move(value);
    return true;
  }
  if (name == "received_on" || name == "origin") {
    (name == "origin" ? row.origin : row.received_on) = std::move(value);
    return true;
  }
  if (name == "safe_windows") {  // "Mon-Fri 19:00-21:00; Sat 10:00-12:00"
    d.safe_windows.clear();
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t end = std::min(value.find(';', start), value.size());
      std::string window = value.substr(start, end - start);
      window.erase(0, window.find_first_not_of(' '));
      window.erase(window.find_last_not_of(' ') + 1);
      if (!window.empty()) d.safe_windows.push_back(std::move(window));
      start = end + 1;
    }
    return true;
  }
  return false;
}

// group_size is a number; everything else is text.
std::optional<ImportProblem> SetGroupSize(ImportRow& row, const std::string& value) {
  if (value.empty()) return std::nullopt;
  if (value.size() > 6 || !std::all_of(value.begin(), value.end(),
                                       [](unsigned char c) { return c >= '0' && c <= '9'; }))
    return ImportProblem{row.line, "group_size", "group_size: must be a whole number"};
  row.draft.group_size = std::stoll(value);
  return std::nullopt;
}

std::string KnownColumns() {
  std::string list;
  for (const auto& c : ImportColumns()) list += (list.empty() ? "" : ", ") + c;
  return list;
}

// --- CSV -----------------------------------------------------------------------------------

class CsvReader {
 public:
  CsvReader(const std::function<void(ImportRow)>& row,
            const std::function<void(ImportProblem)>& problem)
      : row_(row), problem_(problem) {
    Reset();
  }
  ~CsvReader() { csv_free(&parser_); }

  Status Read(std::istream& in) {
    std::string line;
    if (!std::getline(in, line)) return InvalidInput("the file is empty", "file");
    if (line.compare(0, kByteOrderMark.size(), kByteOrderMark) == 0)
      line.erase(0, kByteOrderMark.size());
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (auto header = ReadHeader(line); !header) return header;
    line_ = 1;
    while (std::getline(in, line)) {
      ++line_;
      if (!in.eof()) line += '\n';
      Feed(line);
    }
    // The last line had no line break, or a quote is still open.
    const std::size_t start = record_start_ ? record_start_ : line_;
    if (csv_fini(&parser_, &CsvReader::OnField, &CsvReader::OnRecordEnd, this) != 0)
      problem_({start, "", "a quoted field is not closed before the end of the file"});
    return OkStatus();
  }

 private:
  Status ReadHeader(const std::string& line) {
    if (!IsValidUtf8(line) || HasControlCharacters(line))
      return InvalidInput("the file is not CSV text in UTF-8: save it as \"CSV UTF-8\"", "file");
    // The separator the header uses: spreadsheets in many locales export ";".
    const auto count = [&](char c) { return std::count(line.begin(), line.end(), c); };
    const char separator = count('\t') > std::max(count(','), count(';')) ? '\t'
                           : count(';') > count(',')                      ? ';'
                                                                          : ',';
    separator_ = static_cast<unsigned char>(separator);
    csv_set_delim(&parser_, separator_);
    for (std::string_view rest = line; !rest.empty() || columns_.empty();) {
      const auto end = std::min(rest.find(separator), rest.size());
      std::string name(rest.substr(0, end));
      name.erase(0, name.find_first_not_of(" \""));
      name.erase(name.find_last_not_of(" \"") + 1);
      const auto& known = ImportColumns();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        return InvalidInput(
            // By position, not by its text: a file without a header has a record here.
            fmt::format("the first line must name the columns; column {} is not one of: {}",
                        columns_.size() + 1, KnownColumns()),
            "file");
      }
      if (std::find(columns_.begin(), columns_.end(), name) != columns_.end())
        return InvalidInput(fmt::format("the column \"{}\" is named twice", name), "file");
      columns_.push_back(name);
      if (end == rest.size()) break;
      rest.remove_prefix(end + 1);
    }
    return OkStatus();
  }

  void Feed(const std::string& line) {
    if (record_bytes_ == 0 && line.find_first_not_of("\r\n") == std::string::npos) return;
    if (record_start_ == 0) record_start_ = line_;
    record_bytes_ += line.size();
    if (!IsValidUtf8(line)) {
      Skip("", "the line is not UTF-8 text: save the file as \"CSV UTF-8\"");
      return;
    }
    if (record_bytes_ > kMaxImportRecordBytes) {
      Skip("", fmt::format("the record is longer than {} bytes (is a quote left open?)",
                           kMaxImportRecordBytes));
      return;
    }
    if (csv_parse(&parser_, line.data(), line.size(), &CsvReader::OnField, &CsvReader::OnRecordEnd,
                  this) != line.size()) {
      Skip("",
           "broken quoting: a field that starts with \" must end with \" before the next "
           "separator, and a \" inside it is written \"\"");
    }
  }

  // Reports the record being read and starts afresh on the next line.
  void Skip(std::string field, std::string message) {
    problem_({record_start_ ? record_start_ : line_, std::move(field), std::move(message)});
    csv_free(&parser_);
    Reset();
  }

  void Reset() {
    csv_init(&parser_, CSV_STRICT | CSV_STRICT_FINI);
    csv_set_delim(&parser_, separator_);
    fields_.clear();
    record_start_ = 0;
    record_bytes_ = 0;
  }

  static void OnField(void* data, std::size_t size, void* self) {
    auto& reader = *static_cast<CsvReader*>(self);
    // A record can begin mid-line: a lone CR ends the one before.
    if (reader.record_start_ == 0) reader.record_start_ = reader.line_;
    reader.fields_.emplace_back(static_cast<const char*>(data), size);
  }

  static void OnRecordEnd(int, void* self) { static_cast<CsvReader*>(self)->EndRecord(); }

  void EndRecord() {
    const std::size_t start = record_start_ ? record_start_ : line_;
    std::vector<std::string> fields = std::move(fields_);
    fields_.clear();
    record_start_ = 0;
    record_bytes_ = 0;
    if (fields.size() == 1 && fields[0].empty()) return;  // a blank line
    if (fields.size() != columns_.size()) {
      problem_({start, "",
                fmt::format("{} fields where the header names {} columns", fields.size(),
                            columns_.size())});
      return;
    }
    ImportRow row;
    row.line = start;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (columns_[i] == "group_size") {
        if (auto bad = SetGroupSize(row, fields[i])) return problem_(*bad);
      } else {
        SetColumn(row, columns_[i], std::move(fields[i]));
      }
    }
    row_(std::move(row));
  }

  const std::function<void(ImportRow)>& row_;
  const std::function<void(ImportProblem)>& problem_;
  csv_parser parser_{};
  unsigned char separator_ = ',';
  std::vector<std::string> columns_;
  std::vector<std::string> fields_;
  std::size_t line_ = 0, record_start_ = 0, record_bytes_ = 0;
};

// --- JSON Lines ----------------------------------------------------------------------------

std::optional<ImportProblem> ReadJsonLine(std::size_t line_number, const std::string& line,
                                          ImportRow& row) {
  row.line = line_number;
  if (line.size() > kMaxImportRecordBytes) {
    return ImportProblem{line_number, "",
                         fmt::format("the record is longer than {} bytes", kMaxImportRecordBytes)};
  }
  if (!IsValidUtf8(line))
    return ImportProblem{line_number, "", "the line is not UTF-8 text: save the file as UTF-8"};
  const json doc = json::parse(line, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return ImportProblem{line_number, "", "the line is not one JSON object"};
  const auto& known = ImportColumns();
  for (const auto& [key, value] : doc.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return ImportProblem{line_number, key.substr(0, 40),
                           fmt::format("not a known field; the fields are: {}", KnownColumns())};
    }
    if (value.is_null()) continue;
    if (key == "group_size") {
      if (!value.is_number_integer())
        return ImportProblem{line_number, key, "group_size: must be a whole number"};
      row.draft.group_size = value.get<std::int64_t>();
    } else if (key == "safe_windows" && value.is_array()) {
      for (const auto& w : value) {
        if (!w.is_string())
          return ImportProblem{line_number, key, "safe_windows: must be a list of text"};
        row.draft.safe_windows.push_back(w.get<std::string>());
      }
    } else if (!value.is_string()) {
      return ImportProblem{line_number, key, key + ": must be text"};
    } else {
      SetColumn(row, key, value.get<std::string>());
    }
  }
  return std::nullopt;
}

Status ReadJsonLines(std::istream& in, const std::function<void(ImportRow)>& row,
                     const std::function<void(ImportProblem)>& problem) {
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (number == 1 && line.compare(0, kByteOrderMark.size(), kByteOrderMark) == 0)
      line.erase(0, kByteOrderMark.size());
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ImportRow read;
    if (auto bad = ReadJsonLine(number, line, read))
      problem(std::move(*bad));
    else
      row(std::move(read));
  }
  return OkStatus();
}

}  // namespace

const std::vector<std::string>& ImportColumns() {
  static const std::vector<std::string> kColumns = {
      "situation",      "group_kind",   "group_size", "deploy_by", "contact_channel",
      "contact_handle", "safe_windows", "utc_offset", "name",      "unit",
      "rank",           "location",     "message",    "language",  "received_on",
      "origin"};
  return kColumns;
}

Status ReadImportFile(std::istream& in, ImportFormat format,
                      const std::function<void(ImportRow)>& row,
                      const std::function<void(ImportProblem)>& problem) {
  if (format == ImportFormat::kJsonLines) return ReadJsonLines(in, row, problem);
  CsvReader reader(row, problem);
  return reader.Read(in);
}

}  // namespace lifeline::app
