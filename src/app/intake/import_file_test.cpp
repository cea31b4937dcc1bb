// Reading import files: every way a spreadsheet export or a hand-made file goes wrong is a
// problem naming its line (and field), and reading goes on at the next line.

#include "app/intake/import_file.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace lifeline::app {
namespace {

struct Read {
  Status status = OkStatus();
  std::vector<ImportRow> rows;
  std::vector<ImportProblem> problems;
};

Read ReadText(const std::string& text, ImportFormat format = ImportFormat::kCsv) {
  Read read;
  std::istringstream in(text);
  read.status = ReadImportFile(
      in, format, [&](ImportRow row) { read.rows.push_back(std::move(row)); },
      [&](ImportProblem problem) { read.problems.push_back(std::move(problem)); });
  return read;
}

std::vector<std::size_t> Lines(const std::vector<ImportProblem>& problems) {
  std::vector<std::size_t> lines;
  for (const auto& p : problems) lines.push_back(p.line);
  return lines;
}

TEST(ImportFile, ReadsCsvWithQuotesSeparatorsAndLineBreaksInFields) {
  const auto read = ReadText(
      "\xEF\xBB\xBFname,situation,message,safe_windows,group_size\n"
      "Синтет Первый,serving,\"одна, с запятой\",Mon-Fri 19:00-21:00; Sat 10:00-12:00,\n"
      "\"Синтет \"\"Второй\"\"\",serving,\"две\nстроки\",,3\r\n"
      "\n"
      "Синтет Третий,abroad,,,\n");
  ASSERT_TRUE(read.status.ok()) << read.status.error().message;
  ASSERT_EQ(read.rows.size(), 3u);
  EXPECT_TRUE(read.problems.empty());
  EXPECT_EQ(read.rows[0].line, 2u);
  EXPECT_EQ(read.rows[0].draft.message, "одна, с запятой");
  EXPECT_EQ(read.rows[0].draft.safe_windows,
            (std::vector<std::string>{"Mon-Fri 19:00-21:00", "Sat 10:00-12:00"}));
  EXPECT_EQ(read.rows[1].line, 3u);
  EXPECT_EQ(read.rows[1].draft.name, "Синтет \"Второй\"");
  EXPECT_EQ(read.rows[1].draft.message, "две\nстроки");
  EXPECT_EQ(read.rows[1].draft.group_size, 3);
  EXPECT_EQ(read.rows[2].line, 6u);  // after a record of two lines and a blank one
  EXPECT_EQ(read.rows[2].draft.situation, "abroad");
}

TEST(ImportFile, ASemicolonOrTabSeparatedExportIsReadToo) {
  const auto semicolons = ReadText("name;unit;origin\nСинтет Первый;в/ч 1, рота 2;таблица\n");
  ASSERT_EQ(semicolons.rows.size(), 1u);
  EXPECT_EQ(semicolons.rows[0].draft.unit, "в/ч 1, рота 2");
  EXPECT_EQ(semicolons.rows[0].origin, "таблица");
  const auto tabs = ReadText("name\tunit\nСинтет\tв/ч 1; рота 2\n");
  ASSERT_EQ(tabs.rows.size(), 1u);
  EXPECT_EQ(tabs.rows[0].draft.unit, "в/ч 1; рота 2");
}

TEST(ImportFile, BadLinesAreReportedByLineAndTheRestIsRead) {
  const auto read = ReadText(
      "name,situation,group_size\n"
      "Синтет Первый,serving\n"          // 2: a field missing
      "Синтет Второй,serving,2,extra\n"  // 3: one too many
      "\"Синтет\" Третий,serving,\n"     // 4: a quote closed mid-field
      "Синтет \xff\xfe,serving,\n"       // 5: not UTF-8 (a Windows-1251 export)
      "Синтет Шестой,serving,много\n"    // 6: not a number
      "Синтет Седьмой,serving,\n");      // 7: good
  ASSERT_TRUE(read.status.ok());
  EXPECT_EQ(Lines(read.problems), (std::vector<std::size_t>{2, 3, 4, 5, 6}));
  EXPECT_EQ(read.problems[4].field, "group_size");
  ASSERT_EQ(read.rows.size(), 1u);
  EXPECT_EQ(read.rows[0].line, 7u);
  for (const auto& p : read.problems) {
    EXPECT_EQ(p.message.find("Синтет"), std::string::npos) << "no data in a problem";
  }
}

TEST(ImportFile, AnOpenQuoteOrAnEnormousRecordStopsAtItsLimit) {
  const auto open = ReadText("name,message\nСинтет,\"никогда не закрыта\n");
  EXPECT_EQ(Lines(open.problems), (std::vector<std::size_t>{2}));
  EXPECT_TRUE(open.rows.empty());
  const auto huge = ReadText("name,message\nСинтет," + std::string(70'000, 'x') + "\nСинтет,ok\n");
  EXPECT_EQ(Lines(huge.problems), (std::vector<std::size_t>{2}));
  ASSERT_EQ(huge.rows.size(), 1u);
  EXPECT_EQ(huge.rows[0].line, 3u);
}

TEST(ImportFile, AFileThatIsNotThisFormatIsRefusedWhole) {
  for (const std::string& text :
       {std::string(""), std::string("\x89PNG\r\n\x1a\n\0\0", 10),
        std::string("имя,часть\nСинтет,1\n"), std::string("name,name\nСинтет,Синтет\n")}) {
    const auto read = ReadText(text);
    EXPECT_FALSE(read.status.ok()) << text.substr(0, 10);
    EXPECT_EQ(read.status.error().field, "file");
    EXPECT_TRUE(read.rows.empty());
  }
}

TEST(ImportFile, JsonLinesWithTheSameNames) {
  const auto read = ReadText(
      "{\"name\": \"Синтет Первый\", \"situation\": \"serving\", \"safe_windows\": [\"Mon "
      "19:00-21:00\"], \"group_size\": 2}\n"
      "\n"
      "{\"name\": 5}\n"
      "not json\n"
      "{\"nickname\": \"x\"}\n"
      "[1, 2]\n"
      "{\"group_size\": \"two\"}\n"
      "{\"name\": \"Синтет Второй\", \"received_on\": \"2026-01-15\", \"unit\": null}\n",
      ImportFormat::kJsonLines);
  ASSERT_TRUE(read.status.ok());
  ASSERT_EQ(read.rows.size(), 2u);
  EXPECT_EQ(read.rows[0].draft.safe_windows, (std::vector<std::string>{"Mon 19:00-21:00"}));
  EXPECT_EQ(read.rows[0].draft.group_size, 2);
  EXPECT_EQ(read.rows[1].line, 8u);
  EXPECT_EQ(read.rows[1].received_on, "2026-01-15");
  EXPECT_EQ(Lines(read.problems), (std::vector<std::size_t>{3, 4, 5, 6, 7}));
  EXPECT_EQ(read.problems[0].field, "name");
  EXPECT_EQ(read.problems[2].field, "nickname");
  EXPECT_EQ(read.problems[4].field, "group_size");
}

}  // namespace
}  // namespace lifeline::app
