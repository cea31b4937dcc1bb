#pragma once
// Tamper-evident rows (docs/security.md, "Tamper-evident rows"; store/row_mac.hpp).
//
// The office MACs every security-relevant row it writes with a key derived from the office
// secret, and checks a row before it relies on it: an account at sign-in and on each
// request, a case before any use. A row that fails is never used: the caller gets
// kIntegrity ("integrity", HTTP 409) and the audit log an integrity_failure entry naming
// the row ("users:3"), never its content. `lifeline verify` checks every row.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/audit/audit_log.hpp"
#include "crypto/bytes.hpp"
#include "crypto/record_sealer.hpp"
#include "store/store.hpp"

namespace lifeline::app {

/// The setting that says whether the rows kept before row MACs still wait to be sealed:
/// "pending" (set by the schema step that added them) or "done".
inline constexpr std::string_view kRowMacBackfillSetting = "row_mac_backfill";

/// The row-MAC key, derived from the office secret: only the office computes it.
crypto::Key32 RowMacKey(const crypto::OfficeOpener& office);

/// A sealer of rows with the office's row-MAC key (store::RowMacStore::SetRowSealer).
std::shared_ptr<const store::RowSealer> MakeRowSealer(const crypto::OfficeOpener& office);

/// Whether `row` of `table` passes: its MAC matches, or it has none and may lack one (an
/// application or an applicant's message the intake role wrote, untouched by the office).
bool RowIsSound(const crypto::Key32& key, const store::SealedRow& row);

/// The error a failed row gives: kIntegrity naming the row, never its content.
Error IntegrityError(std::string_view table, std::int64_t id);

/// From now on the store seals what it writes with the office's row-MAC key. At the first
/// start after the upgrade that added row MACs (the store's "row_mac_backfill" setting), it
/// first seals every row kept before: that moment is trusted, and `audit` records it
/// (rows_sealed). The setting is a plain row, so someone who edits the store could set it
/// back to launder an edit: once the audit log holds rows_sealed, a second sealing is refused
/// with kIntegrity (deleting that entry breaks the audit chain, which `audit verify` reports).
/// Then it checks the office key rows: kIntegrity when one fails (a swapped public key would
/// seal new cases to someone else), and the office must not start.
Status EnableRowIntegrity(store::Store& store, const crypto::OfficeOpener& office, AuditLog& audit);

/// Checks rows as the office reads them. Thread-safe; `store` and `audit` outlive it.
class RowIntegrity {
 public:
  RowIntegrity(store::RowMacStore& store, AuditLog& audit, const crypto::OfficeOpener& office);
  ~RowIntegrity();
  RowIntegrity(const RowIntegrity&) = delete;
  RowIntegrity& operator=(const RowIntegrity&) = delete;

  /// OkStatus when the row is sound; kIntegrity (and an integrity_failure audit entry) when
  /// it fails; kNotFound when there is no such row.
  Status Check(std::string_view table, std::int64_t id) const;

 private:
  store::RowMacStore& store_;
  AuditLog& audit_;
  crypto::Key32 key_;
};

/// One row that failed, as `lifeline verify` names it: "applications:42".
struct BadRow {
  std::string table;
  std::int64_t id = 0;
  std::string what;  // "MAC does not match" or "no MAC"
};

struct StoreVerification {
  std::int64_t rows = 0;  // rows checked
  std::vector<BadRow> bad;
  bool backfill_pending = false;  // upgraded, and no office has started since
};

/// Checks every row of every MAC'd table, `batch` rows at a time.
Result<StoreVerification> VerifyStoreRows(store::Store& store, const crypto::Key32& key,
                                          int batch = 1000);

}  // namespace lifeline::app
