#include "cli/import_command.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "app/accounts/setup.hpp"
#include "app/audit/audit_log.hpp"
#include "app/cases/office.hpp"
#include "app/intake/importer.hpp"
#include "cli/secrets.hpp"
#include "cli/store_options.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::cli {
namespace {

// "12%, 4,200 records" on the terminal's one line; nothing when stderr is not a terminal.
class Progress {
 public:
  Progress(std::string what, std::uintmax_t bytes)
      : what_(std::move(what)), bytes_(bytes), on_(::isatty(STDERR_FILENO)) {}
  void Update(std::ifstream& in, std::size_t records) {
    if (!on_ || records % 500 != 0) return;
    const auto at = static_cast<double>(std::max<std::streamoff>(0, in.tellg()));
    const double share = bytes_ ? std::min(1.0, at / static_cast<double>(bytes_)) : 1.0;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(share * kWidth);
    std::fprintf(stderr, "\r%s [%s%s] %3.0f%%, %zu records", what_.c_str(),
                 std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(kWidth - filled), ' ').c_str(), 100 * share,
                 records);
  }
  void Done(std::size_t records) {
    if (on_) std::fprintf(stderr, "\r%s: %zu records%40s\n", what_.c_str(), records, "");
  }

 private:
  std::string what_;
  std::uintmax_t bytes_;
  bool on_;
};

// Problems and flags listed one per line before the rest are summed up.
constexpr std::size_t kShownLines = 100;

std::string Reasons(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& r : reasons) out += (out.empty() ? "" : "; ") + r;
  return out;
}

class Command final : public ImportCommand {
 public:
  explicit Command(CLI::App& cli) {
    import_ = cli.add_subcommand(
        "import",
        "Move applications from a CSV or JSON Lines file into the store (docs/import.md)");
    AddStoreOptions(*import_, where_);
    import_->add_option("--passphrase-file", unlock_.passphrase_file, "Office passphrase file");
    AddCustodianOption(*import_, unlock_);
    import_->add_option("--format", format_, "csv or jsonl (by default from the file's ending)")
        ->check(CLI::IsMember({"csv", "jsonl"}));
    import_->add_flag("--dry-run", dry_run_,
                      "Check every record and flag likely duplicates; store nothing");
    import_->add_flag("--skip-bad-lines", skip_bad_lines_,
                      "Store the good records even when some lines have problems");
    import_->add_flag("--no-duplicate-check", no_duplicate_check_,
                      "Flag no likely duplicates, neither among the cases already stored nor "
                      "among the file's lines (exact repeats are still stored once)");
    import_->add_option("FILE", file_, "The file to import")->required();
  }

  std::optional<int> RunIfChosen() const override {
    if (!*import_) return std::nullopt;
    try {
      return Run();
    } catch (const std::exception& e) {
      std::cerr << "lifeline: " << e.what() << "\n";
      return 1;
    }
  }

 private:
  int Fail(const std::string& message) const {
    std::cerr << "lifeline import: " << message << "\n";
    return 1;
  }

  std::optional<app::ImportFormat> Format() const {
    std::string chosen = format_;
    if (chosen.empty()) {
      const std::string ending = std::filesystem::path(file_).extension().string();
      if (ending == ".csv" || ending == ".tsv" || ending == ".txt") chosen = "csv";
      if (ending == ".jsonl" || ending == ".ndjson" || ending == ".json") chosen = "jsonl";
    }
    if (chosen == "csv") return app::ImportFormat::kCsv;
    if (chosen == "jsonl") return app::ImportFormat::kJsonLines;
    return std::nullopt;
  }

  int Run() const {
    const auto format = Format();
    if (!format)
      return Fail("say --format csv or --format jsonl (the file's ending names neither)");
    std::error_code error;
    const auto bytes = std::filesystem::file_size(file_, error);
    if (error) return Fail("cannot read " + file_ + ": " + error.message());
    auto store = OpenStore(where_, false);
    // Shared, as servers hold it: an office key rotation cannot start meanwhile.
    const auto lock = LockStore(where_, false, "the office key is being rotated; import after it");
    auto keys = app::LoadInstallationKeys(*store);
    if (!keys) return Fail(keys.error().message);
    auto opener = app::UnlockOffice(*store, ReadOfficeCredentials(unlock_));
    if (!opener) return Fail(opener.error().message);
    const crypto::Key32 record_key = opener->DeriveSubkey(app::Importer::kRecordKeyPurpose);
    app::SystemClock clock;
    auto anchor = OpenAuditAnchor(where_, *opener);
    app::AuditLog audit(*store, clock, app::AuditKey(*opener), anchor.get());
    app::OfficeService office(*store, audit, clock, std::move(*opener));
    if (!no_duplicate_check_) {
      std::size_t indexed = 0;
      for (;;) {
        auto added = office.IndexPending(2000);
        if (!added) return Fail(added.error().message);
        if (*added == 0) break;
        indexed += static_cast<std::size_t>(*added);
        if (::isatty(STDERR_FILENO))
          std::fprintf(stderr, "\rreading the stored cases for duplicates: %zu", indexed);
      }
      if (::isatty(STDERR_FILENO)) std::fputc('\n', stderr);
    }
    app::Importer importer(*store, office, clock, keys->office_public, record_key);
    if (no_duplicate_check_) importer.SkipDuplicateFlags();
    auto& report = importer.report();

    // First pass: read and check everything; nothing is stored.
    {
      std::ifstream in(file_, std::ios::binary);
      if (!in) return Fail("cannot open " + file_);
      Progress progress("checking", bytes);
      auto read = app::ReadImportFile(
          in, *format,
          [&](app::ImportRow row) {
            importer.Check(row);
            progress.Update(in, report.records);
          },
          [&](app::ImportProblem problem) {
            ++report.records;
            report.problems.push_back(std::move(problem));
          });
      if (!read) return Fail(read.error().message);
      progress.Done(report.records);
    }
    std::sort(report.problems.begin(), report.problems.end(),
              [](const auto& a, const auto& b) { return a.line < b.line; });
    // Every line with a problem up to kShownLines, then, for the same problem on many lines,
    // how many and from which line to which.
    std::map<std::string, std::pair<std::size_t, std::size_t>> repeated;  // message -> count, last
    for (std::size_t i = 0; i < report.problems.size(); ++i) {
      const auto& p = report.problems[i];
      // Most messages begin with their field's name already.
      const bool named = p.field.empty() || p.message.rfind(p.field + ":", 0) == 0;
      const std::string what = named ? p.message : p.field + ": " + p.message;
      if (i < kShownLines) {
        std::cout << fmt::format("line {}: {}\n", p.line, what);
      } else {
        auto& [count, last] = repeated[what];
        ++count;
        last = p.line;
      }
    }
    for (const auto& [what, seen] : repeated)
      std::cout << fmt::format("... and {} more lines up to line {}: {}\n", seen.first, seen.second,
                               what);
    for (std::size_t i = 0; i < report.duplicates.size(); ++i) {
      const auto& d = report.duplicates[i];
      if (i == kShownLines) {
        std::cout << fmt::format("... and {} more flags of a likely duplicate\n",
                                 report.duplicates.size() - kShownLines);
        break;
      }
      std::cout << (d.case_id ? fmt::format("line {}: may be the same person as case {} ({})\n",
                                            d.line, d.case_id, Reasons(d.reasons))
                              : fmt::format("line {}: may be the same person as line {} ({})\n",
                                            d.line, d.earlier_line, Reasons(d.reasons)));
    }
    const std::size_t good = report.records - report.problems.size();
    std::cout << fmt::format(
        "{} records: {} good, {} with problems, {} exact repeats; {} flags of a likely "
        "duplicate\n",
        report.records, good, report.problems.size(), report.repeated, report.duplicates.size());
    if (dry_run_) {
      std::cout << "dry run: nothing was stored\n";
      return report.problems.empty() ? 0 : 1;
    }
    if (!report.problems.empty() && !skip_bad_lines_) {
      std::cout << "nothing was stored: mend the lines above, or run again with "
                   "--skip-bad-lines to store the good records\n";
      return 1;
    }

    // Second pass: store, in batches; a record stored by an earlier run is skipped.
    std::ifstream in(file_, std::ios::binary);
    if (!in) return Fail("cannot open " + file_);
    Progress progress("storing", bytes);
    Status stored = OkStatus();
    std::size_t seen = 0;
    auto read = app::ReadImportFile(
        in, *format,
        [&](app::ImportRow row) {
          if (!stored) return;
          stored = importer.Store(row);
          progress.Update(in, ++seen);
        },
        [](app::ImportProblem) {});
    if (stored) stored = importer.Finish(audit);
    if (!read || !stored) {
      return Fail(fmt::format(
          "stopped after storing {} records: {}; run the same command again to store the rest",
          report.stored, (!read ? read : stored).error().message));
    }
    progress.Done(seen);
    // Screened now, as the office screens new applications: their contacts and names go into
    // the blind indexes, so a search by telephone number finds them at once.
    for (std::size_t screened = 0;;) {
      auto done = office.ScreenPending(2000);
      if (!done)
        return Fail("stored, but not screened yet (the office will): " + done.error().message);
      if (*done == 0) break;
      screened += static_cast<std::size_t>(*done);
      if (::isatty(STDERR_FILENO)) std::fprintf(stderr, "\rscreening: %zu", screened);
    }
    if (::isatty(STDERR_FILENO)) std::fputc('\n', stderr);
    std::cout << fmt::format("stored {} records", report.stored);
    if (report.stored_before)
      std::cout << fmt::format(" ({} were stored by an earlier run)", report.stored_before);
    std::cout << "\n";
    return 0;
  }

  CLI::App* import_ = nullptr;
  StoreOptions where_;
  OfficeUnlock unlock_;
  std::string format_, file_;
  bool dry_run_ = false, skip_bad_lines_ = false, no_duplicate_check_ = false;
};

}  // namespace

std::unique_ptr<ImportCommand> AddImportCommand(CLI::App& cli) {
  return std::make_unique<Command>(cli);
}

}  // namespace lifeline::cli
