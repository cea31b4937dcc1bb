#pragma once
// The contact centre's lasting state (store/store.hpp's ContactCentreStore), written once
// for both engines over the session port: the queue log, operators, the number of lines
// and the operators' accounts. Thread-safe, through the Sessions it is given.

#include "store/sql/session.hpp"
#include "store/store.hpp"

namespace lifeline::store::sql {

class SqlContactCentreStore final : public ContactCentreStore {
 public:
  /// `sessions` must outlive this.
  explicit SqlContactCentreStore(Sessions& sessions) : db_(sessions) {}

  Status AppendQueueLog(std::span<const QueueLogRecord> lines, double keep_after) override;
  Result<std::vector<QueueLogRecord>> ListQueueLog(int limit) override;
  Status InsertOperator(const OperatorRecord& op) override;
  Result<std::vector<OperatorRecord>> ListOperators() override;
  Status SaveLines(int lines) override;
  Result<std::optional<int>> LoadLines() override;
  Status SaveOperatorAccount(const std::string& name, std::int64_t user_id) override;
  Result<std::vector<std::pair<std::string, std::int64_t>>> ListOperatorAccounts() override;

 private:
  Sessions& db_;
};

}  // namespace lifeline::store::sql
