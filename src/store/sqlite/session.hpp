#pragma once
// SQLite's side of the store's session port (store/sql/session.hpp): a Session over one
// Connection, and the Database's writer and readers as Sessions.

#include "store/sql/session.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/database.hpp"

namespace lifeline::store::sqlite {

/// A session on `connection`, which must outlive it. Statements bind `$n` by name, so a
/// parameter may appear more than once and in any order, as on PostgreSQL.
class SqliteSession final : public sql::Session {
 public:
  explicit SqliteSession(Connection& connection) : c_(connection) {}

  sql::Rows Run(std::string_view sql, const sql::Params& params = {}) override;
  void Begin(sql::Access access) override;
  void Commit() override { c_.Execute("COMMIT"); }
  void Rollback() noexcept override;
  const RowSealer* row_sealer() const override { return c_.row_sealer(); }
  void LockCampBooks(std::int64_t) override {}
  std::string_view LockRowsClause(sql::RowLock) const override { return ""; }
  std::string IndexHint(std::string_view index) const override {
    return " INDEXED BY " + std::string(index);
  }
  void Walk(std::string_view sql, const sql::Params& params,
            const std::function<bool(const sql::Row&)>& each) override;
  void LockTablesAgainstWriters(const std::vector<std::string_view>&) override {}
  void ShareNewCasesLock() override {}
  void WaitOutNewCases() override {}
  void LockGroupChanges() override {}
  void MarkForErasure(std::initializer_list<std::string_view>) override {}

 private:
  Connection& c_;
};

/// Checkpoints and truncates the write-ahead log so that rows just deleted or cleared
/// survive in no file (secure_delete has zeroed them in the database itself). Readers that
/// still use old pages can hold the checkpoint back, so it is retried for about a second;
/// then kUnavailable with `retry_message`. The caller holds the writer lock.
Status ScrubWriteAheadLog(Connection& writer, std::string_view retry_message);

/// The Database's connections as the session port lends them: writes on the writer under
/// its lock, reads on a pooled reader; SqliteError becomes an Error (ToError).
class SqliteSessions final : public sql::Sessions {
 public:
  /// `db` must outlive this.
  explicit SqliteSessions(Database& db) : db_(db) {}
  Status RunWrite(const std::function<void(sql::Session&)>& body) override;
  Status RunRead(const std::function<void(sql::Session&)>& body) override;
  Status FinishErasure(std::string_view retry_message) override;

 private:
  Database& db_;
};

}  // namespace lifeline::store::sqlite
