#pragma once
// Accounts, settings, the installation with its office keys, and the audit log
// (store/store.hpp's UserStore, InstallationStore and AuditStore), written once for both
// engines over the session port. Thread-safe, through the Sessions it is given.

#include "store/sql/session.hpp"
#include "store/store.hpp"

namespace lifeline::store::sql {

class SqlCoreStore final : public UserStore, public InstallationStore, public AuditStore {
 public:
  /// `sessions` must outlive this.
  explicit SqlCoreStore(Sessions& sessions) : db_(sessions) {}

  Result<std::int64_t> AddUser(const UserRecord& user) override;
  Result<UserRecord> FindUserByName(const std::string& name) override;
  Result<UserRecord> FindUserById(std::int64_t id) override;
  Status SetPendingTotp(std::int64_t user_id, const Blob& sealed) override;
  Status ActivateTotp(std::int64_t user_id, const Blob& sealed, std::int64_t step,
                      const std::vector<Blob32>& recovery_hashes) override;
  Status ClearTotp(std::int64_t user_id) override;
  Result<bool> AdvanceTotpStep(std::int64_t user_id, std::int64_t step) override;
  Result<bool> UseRecoveryCode(std::int64_t user_id, const Blob32& code_hash) override;
  Result<std::string> GetSetting(const std::string& key) override;
  Status PutSetting(const std::string& key, const std::string& value) override;

  Status SaveInstallation(const Installation& installation) override;
  Result<Installation> LoadInstallation() override;
  Status AddOfficeKey(const StoredOfficeKey& key) override;
  Status SaveOfficeSecret(const Blob& sealed) override;
  Status RetireOfficeKeysBefore(std::int64_t generation) override;

  Result<std::optional<AuditRecord>> LastAuditRecord() override;
  Status AppendAuditRecord(const AuditRecord& record) override;
  Result<std::vector<AuditRecord>> ListAuditRecords(std::int64_t after_seq, int limit) override;

 private:
  Sessions& db_;
};

}  // namespace lifeline::store::sql
