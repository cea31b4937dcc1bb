#pragma once
// PostgreSQL's side of the store's session port (store/sql/session.hpp): a Session over one
// pooled connection, and the pool as Sessions.

#include "store/postgres/pg.hpp"
#include "store/postgres/pool.hpp"
#include "store/sql/session.hpp"

namespace lifeline::store::postgres {

/// A session on `connection`, which must outlive it.
class PgSession final : public sql::Session {
 public:
  explicit PgSession(PgConnection& connection) : c_(connection) {}

  sql::Rows Run(std::string_view sql, const sql::Params& params = {}) override;
  void Begin(sql::Access access) override;
  void Commit() override { c_.Execute("COMMIT"); }
  void Rollback() noexcept override;
  const RowSealer* row_sealer() const override { return c_.row_sealer(); }
  void LockCampBooks(std::int64_t camp_id) override;
  std::string_view LockRowsClause(sql::RowLock lock) const override {
    return lock == sql::RowLock::kUpdate ? " FOR NO KEY UPDATE" : " FOR SHARE";
  }
  std::string IndexHint(std::string_view) const override { return {}; }
  void Walk(std::string_view sql, const sql::Params& params,
            const std::function<bool(const sql::Row&)>& each) override;
  void LockTablesAgainstWriters(const std::vector<std::string_view>& tables) override;
  void ShareNewCasesLock() override;
  void WaitOutNewCases() override;
  void LockGroupChanges() override;
  void MarkForErasure(std::initializer_list<std::string_view> tables) override;

 private:
  PgConnection& c_;
  int cursors_ = 0;  // names this session's cursors
};

/// The pool as the session port lends it: every session is a pooled connection (reads and
/// writes alike), retried on serialization failures, PgError mapped by ToError.
class PgSessions final : public sql::Sessions {
 public:
  /// `pool` must outlive this.
  explicit PgSessions(Pool& pool) : pool_(pool) {}
  Status RunWrite(const std::function<void(sql::Session&)>& body) override { return Run(body); }
  Status RunRead(const std::function<void(sql::Session&)>& body) override { return Run(body); }
  Status FinishErasure(std::string_view retry_message) override;

 private:
  Status Run(const std::function<void(sql::Session&)>& body);
  Pool& pool_;
};

}  // namespace lifeline::store::postgres
