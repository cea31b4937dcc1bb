#pragma once
// `lifeline import` (docs/import.md): records read from a file (import_file.hpp) are checked
// by the intake's own rules, as on the day each was received, flagged where they may be a
// person already stored (or another line of the file), then sealed exactly as the intake
// seals an application and stored in batches.
//
// An imported record has no receipt: nobody can check its status or reply on it. Its lookup
// hash (the column a receipt's hash would fill) is a keyed hash of the record's content under
// a key derived from the office secret, so running the same import again (after an
// interruption, or with its bad lines mended) skips the records already stored and stores
// the rest, and an exact repeat of a record inside the file is stored once. Without the office
// key nobody can test whether a given record was imported.

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "app/cases/office.hpp"
#include "app/cases/search_index.hpp"
#include "app/clock.hpp"
#include "app/intake/import_file.hpp"
#include "crypto/record_sealer.hpp"

namespace lifeline::app {

/// A record that may be a person already known: a stored case, or an earlier line of the
/// same file (case_id 0 then).
struct ImportDuplicate {
  std::size_t line = 0;
  std::int64_t case_id = 0;
  std::size_t earlier_line = 0;
  std::vector<std::string> reasons;
};

struct ImportReport {
  std::size_t records = 0;  // read from the file, good or bad
  std::vector<ImportProblem> problems;
  std::vector<ImportDuplicate> duplicates;
  std::size_t repeated = 0;       // exact repeats of an earlier line, stored once
  std::size_t stored = 0;         // stored by this run
  std::size_t stored_before = 0;  // stored by an earlier run of the same import
};

class Importer {
 public:
  /// `office` (unlocked) finds duplicates among stored cases; `record_key` is the office's
  /// subkey for imported records' lookups (kRecordKeyPurpose). All must outlive this.
  Importer(store::ApplicationStore& store, OfficeService& office, const Clock& clock,
           crypto::OfficePublicKey office_key, const crypto::Key32& record_key);

  /// Flags no likely duplicates, neither stored cases nor earlier lines (exact repeats are
  /// still stored once): for a first import into an empty store, or a very large file.
  void SkipDuplicateFlags() { flag_duplicates_ = false; }
  ~Importer();

  static constexpr std::string_view kRecordKeyPurpose = "lifeline/import/record/v1";

  /// First pass: checks `row` and flags it against stored cases and earlier lines; the
  /// problem, if it is bad (also added to report().problems).
  void Check(const ImportRow& row);

  /// Second pass: stores `row` (batched), unless it is bad, a repeat, or already stored.
  Status Store(const ImportRow& row);
  /// Stores what is still batched and audits the run ("cases_imported"). Call once.
  Status Finish(AuditLog& audit);

  ImportReport& report() { return report_; }

 private:
  struct Checked {
    ValidApplication application;
    std::chrono::sys_seconds received_at;
    crypto::Key32 lookup;
  };
  std::optional<Checked> Validate(const ImportRow& row, ImportProblem* problem) const;
  Status Flush();

  store::ApplicationStore& store_;
  OfficeService& office_;
  const Clock& clock_;
  crypto::IntakeSealer sealer_;
  crypto::Key32 record_key_;
  ImportReport report_;
  bool flag_duplicates_ = true;
  // First pass: the file's records so far, for duplicates between lines (by line).
  SearchIndex file_index_;  // names only, by line
  std::unordered_map<std::int64_t, std::string> names_by_line_;
  std::unordered_map<std::string, std::vector<std::int64_t>> lines_by_contact_;
  std::unordered_map<std::string, std::size_t> line_of_lookup_;
  // Second pass.
  std::unordered_set<std::string> lookups_stored_;
  std::vector<store::NewApplication> batch_;
};

}  // namespace lifeline::app
