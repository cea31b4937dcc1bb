#pragma once
// An intake host's own store (issue 21; docs/security.md "Intake on its own store"): what the
// public intake needs, and nothing else.
//
// - Applications the office has not collected yet, as the intake sealed them: the identifying
//   fields under the office's public key, the receipt only as its lookup hash.
// - The applicant's messages the office has not collected yet, sealed likewise (and for the
//   applicant, under the receipt's reply key).
// - For each application the office has collected, what its applicant may see, as the office
//   last sent it: the stage (received, in progress, closed: never a screening outcome) and the
//   conversation, both sealed to the receipt's reply key, and the day received.
//
// No office key but the public one (which is not even stored here), no account, no case once
// it is collected and erased. Erasing runs under secure_delete and truncates the write-ahead
// log, so an erased row stays readable in no file of the store. SQLite only: one local file.
// Thread-safe (one connection behind a mutex: an intake's writes are batched by its group
// commit, and the office's collection is one request at a time).

#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/outbox_records.hpp"
#include "store/store.hpp"

namespace lifeline::store::sqlite {

class Connection;

class OutboxStore final : public IntakeStore {
 public:
  /// Opens the outbox file at `path`, creating it (and its tables) when missing. Throws
  /// std::runtime_error when it cannot.
  explicit OutboxStore(const std::string& path);
  ~OutboxStore() override;

  /// kConflict (nothing stored) if a lookup is already waiting or already collected.
  Result<std::vector<std::int64_t>> AppendApplications(
      std::span<const NewApplication> batch) override;
  /// A waiting application: "new", its day, no messages and case_id 0. A collected one: the
  /// office's view (its stage sealed, in sealed_stage), with the applicant's messages still
  /// waiting appended (unless the view
  /// holds them already: the office sends views before it erases). kNotFound else.
  Result<ApplicantView> FindByReceiptLookup(const Blob32& lookup) override;
  /// Keeps an applicant's message for the office. kUnavailable while the application itself
  /// has not been collected (case_id 0: the message could not be bound to its case yet);
  /// kNotFound for a case the office never sent a view of.
  Result<std::int64_t> AddMessage(const NewMessage& message) override;
  /// The applicant's messages of `day` in the case, collected or waiting.
  Result<std::int64_t> CountApplicantMessages(std::int64_t case_id, Date day) override;

  /// Keeps the lookups of status checks for the office, which alone knows a duress receipt's
  /// (every check's alike, real or duress: docs/security.md "Duress receipts").
  Status AddChecks(std::span<const Blob32> lookups);

  /// Up to `limit` applications, messages and status checks not yet collected, oldest first.
  Result<OutboxBatch> Pending(int limit);
  /// Erases these rows once the office holds them; ids no longer here are skipped (an erase
  /// may arrive twice). Then truncates the write-ahead log.
  Status Erase(std::span<const std::int64_t> applications, std::span<const std::int64_t> messages,
               std::span<const std::int64_t> checks = {},
               std::span<const std::int64_t> proof_requests = {});
  /// Keeps an applicant's request for a proof of application for the office (`id` unused).
  Status AddProofRequest(const OutboxProofRequest& request);
  /// Up to `limit` lookups the outbox holds views for, in byte order, after `after` (from the
  /// first when nullopt): the office walks them to keep every view current.
  Result<std::vector<Blob32>> ViewLookups(const std::optional<Blob32>& after, int limit);
  /// Replaces the views of these applications by the office's latest (forgets those gone).
  Status PutViews(std::span<const ApplicantViewUpdate> views);

 private:
  std::mutex mutex_;
  std::unique_ptr<Connection> db_;  // GUARDED_BY(mutex_)
};

}  // namespace lifeline::store::sqlite
