#pragma once

#include <chrono>
// The PostgreSQL store's accounts, installation and audit log (store/store.hpp's UserStore,
// InstallationStore and AuditStore). Thread-safe, through the pool it is given.

#include "store/postgres/pool.hpp"
#include "store/store.hpp"

namespace lifeline::store::postgres {

class PgCoreStore final : public UserStore, public InstallationStore, public AuditStore {
 public:
  /// `pool` must outlive this.
  explicit PgCoreStore(Pool& pool) : pool_(pool) {}

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
  /// ReadinessStore::ProbeWrite (PostgresStore forwards it here).
  Status ProbeWrite(std::chrono::milliseconds timeout);

  Status SaveInstallation(const Installation& installation) override;
  Result<Installation> LoadInstallation() override;
  Status AddOfficeKey(const StoredOfficeKey& key) override;
  Status SaveOfficeSecret(const Blob& sealed) override;
  Status RetireOfficeKeysBefore(std::int64_t generation) override;

  Result<std::optional<AuditRecord>> LastAuditRecord() override;
  Status AppendAuditRecord(const AuditRecord& record) override;
  Result<std::vector<AuditRecord>> ListAuditRecords(std::int64_t after_seq, int limit) override;

 private:
  Pool& pool_;
};

}  // namespace lifeline::store::postgres
