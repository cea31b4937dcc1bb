#pragma once
// The contact centre's lasting state on PostgreSQL (store/store.hpp's ContactCentreStore):
// the queue log, the operators managers added, and the number of lines. Thread-safe,
// through the pool it is given.

#include "store/postgres/pool.hpp"
#include "store/store.hpp"

namespace lifeline::store::postgres {

class PgContactCentreStore final : public ContactCentreStore {
 public:
  /// `pool` must outlive this.
  explicit PgContactCentreStore(Pool& pool) : pool_(pool) {}

  Status AppendQueueLog(std::span<const QueueLogRecord> lines, double keep_after) override;
  Result<std::vector<QueueLogRecord>> ListQueueLog(int limit) override;
  Status InsertOperator(const OperatorRecord& op) override;
  Result<std::vector<OperatorRecord>> ListOperators() override;
  Status SaveLines(int lines) override;
  Result<std::optional<int>> LoadLines() override;
  Status SaveOperatorAccount(const std::string& name, std::int64_t user_id) override;
  Result<std::vector<std::pair<std::string, std::int64_t>>> ListOperatorAccounts() override;

 private:
  Pool& pool_;
};

}  // namespace lifeline::store::postgres
