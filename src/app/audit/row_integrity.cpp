#include "app/audit/row_integrity.hpp"

#include <fmt/format.h>

#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

class OfficeRowSealer final : public store::RowSealer {
 public:
  explicit OfficeRowSealer(crypto::Key32 key) : key_(key) {}
  ~OfficeRowSealer() override { crypto::Wipe(key_); }
  store::Blob32 Mac(std::span<const std::uint8_t> canonical) const override {
    return crypto::KeyedHash(
        key_, std::string_view(reinterpret_cast<const char*>(canonical.data()), canonical.size()));
  }

 private:
  crypto::Key32 key_;
};

// Whether the audit log holds an entry of this action (read as stored: `audit verify` checks
// the chain). Read only at an upgrade's sealing, so a full scan is affordable.
Result<bool> AuditLogHolds(store::AuditStore& store, AuditAction action) {
  const std::string_view name = ToString(action);
  for (std::int64_t after = 0;;) {
    auto entries = store.ListAuditRecords(after, 1000);
    if (!entries) return entries.error();
    if (entries->empty()) return false;
    for (const auto& e : *entries) {
      if (e.action == name) return true;
      after = e.seq;
    }
  }
}

}  // namespace

crypto::Key32 RowMacKey(const crypto::OfficeOpener& office) {
  return office.DeriveSubkey("lifeline/row-mac/v1");
}

std::shared_ptr<const store::RowSealer> MakeRowSealer(const crypto::OfficeOpener& office) {
  return std::make_shared<OfficeRowSealer>(RowMacKey(office));
}

bool RowIsSound(const crypto::Key32& key, const store::SealedRow& row) {
  if (!row.mac) return row.may_lack_mac;
  const auto expected = crypto::KeyedHash(
      key,
      std::string_view(reinterpret_cast<const char*>(row.canonical.data()), row.canonical.size()));
  return crypto::ConstantTimeEquals(expected.data(), row.mac->data(), expected.size());
}

Error IntegrityError(std::string_view table, std::int64_t id) {
  return Error{
      ErrorCode::kIntegrity,
      fmt::format("stored record {}:{} failed its tamper check and was not used; an administrator "
                  "must run lifeline verify",
                  table, id)};
}

Status EnableRowIntegrity(store::Store& store, const crypto::OfficeOpener& office,
                          AuditLog& audit) {
  store.SetRowSealer(MakeRowSealer(office));
  auto pending = store.GetSetting(std::string(kRowMacBackfillSetting));
  if (!pending) return pending.error();
  if (*pending == "pending") {
    auto sealed_before = AuditLogHolds(store, AuditAction::kRowsSealed);
    if (!sealed_before) return sealed_before.error();
    if (*sealed_before) {
      return Error{ErrorCode::kIntegrity,
                   "the store asks for its rows to be sealed again, but they were sealed once "
                   "already (audit log): "
                   "it was edited; run lifeline verify and lifeline audit verify"};
    }
    auto sealed = store.SealRowsWithoutMac();
    if (!sealed) return sealed.error();
    if (auto audited = audit.Record(
            {.action = AuditAction::kRowsSealed, .target = fmt::format("rows:{}", *sealed)});
        !audited) {
      return audited;
    }
    if (auto done = store.PutSetting(std::string(kRowMacBackfillSetting), "done"); !done)
      return done;
  }
  crypto::Key32 key = RowMacKey(office);
  Status result = OkStatus();
  for (std::int64_t after = 0;;) {
    auto rows = store.ReadSealedRows("office_keys", after, 100);
    if (!rows) {
      result = rows.error();
      break;
    }
    if (rows->empty()) break;
    for (const auto& row : *rows) {
      if (!RowIsSound(key, row)) {
        result = IntegrityError("office_keys", row.id);
        break;
      }
      after = row.id;
    }
    if (!result) break;
  }
  crypto::Wipe(key);
  return result;
}

RowIntegrity::RowIntegrity(store::RowMacStore& store, AuditLog& audit,
                           const crypto::OfficeOpener& office)
    : store_(store), audit_(audit), key_(RowMacKey(office)) {}

RowIntegrity::~RowIntegrity() { crypto::Wipe(key_); }

Status RowIntegrity::Check(std::string_view table, std::int64_t id) const {
  auto row = store_.ReadSealedRow(table, id);
  if (!row) return row.error();
  if (RowIsSound(key_, *row)) return OkStatus();
  // The entry names the row, never its content; if it cannot be written the row still fails.
  (void)audit_.Record(
      {.action = AuditAction::kIntegrityFailure, .target = fmt::format("{}:{}", table, id)});
  return IntegrityError(table, id);
}

Result<StoreVerification> VerifyStoreRows(store::Store& store, const crypto::Key32& key,
                                          int batch) {
  StoreVerification out;
  auto pending = store.GetSetting(std::string(kRowMacBackfillSetting));
  if (!pending) return pending.error();
  out.backfill_pending = *pending == "pending";
  for (const auto& table : store::kRowMacTables) {
    for (std::int64_t after = 0;;) {
      auto rows = store.ReadSealedRows(table.name, after, batch);
      if (!rows) return rows.error();
      if (rows->empty()) break;
      for (const auto& row : *rows) {
        ++out.rows;
        if (!RowIsSound(key, row)) {
          out.bad.push_back(
              {std::string(table.name), row.id, row.mac ? "MAC does not match" : "no MAC"});
        }
        after = row.id;
      }
    }
  }
  return out;
}

}  // namespace lifeline::app
