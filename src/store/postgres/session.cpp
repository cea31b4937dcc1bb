#include "store/postgres/session.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/postgres/erasure.hpp"

namespace lifeline::store::postgres {
namespace {

// Advisory locks' keys: any 64-bit numbers, the same in every lifeline.
constexpr std::int64_t kCampLockSpace = 0x63616d70;         // "camp": the first of the pair of keys
constexpr std::int64_t kNewCasesLock = 0x6e65772063617365;  // "new case"
constexpr std::int64_t kGroupsLock = 0x67726f757073;        // "groups"

// A PgResult read through the port; its reading rules (text format, hex bytea) are libpq's.
class PgRows final : public sql::RowSource {
 public:
  explicit PgRows(PgResult result) : r_(std::move(result)) {}

  int rows() const override { return r_.rows(); }
  bool IsNull(int row, int column) const override { return r_.IsNull(row, column); }
  std::int64_t Int(int row, int column) const override { return r_.Int(row, column); }
  double Double(int row, int column) const override { return r_.Double(row, column); }
  std::string Text(int row, int column) const override { return r_.Text(row, column); }
  std::vector<std::uint8_t> Bytes(int row, int column) const override {
    return r_.Bytes(row, column);
  }
  std::int64_t affected() const override { return r_.affected(); }
  [[noreturn]] void Corrupt(const char* what) const override { throw PgError("XX000", what); }

 private:
  PgResult r_;
};

Params ToPg(const sql::Params& params) {
  Params out;
  using Kind = sql::Params::Value::Kind;
  for (const auto& value : params.values()) {
    switch (value.kind) {
      case Kind::kInt:
        out.Add(value.integer);
        break;
      case Kind::kDouble:
        out.AddDouble(value.real);
        break;
      case Kind::kText:
        out.Add(value.data);
        break;
      case Kind::kBytes:
        out.AddBytes({reinterpret_cast<const std::uint8_t*>(value.data.data()), value.data.size()});
        break;
      case Kind::kNull:
        out.AddNull();
        break;
    }
  }
  return out;
}

}  // namespace

sql::Rows PgSession::Run(std::string_view sql, const sql::Params& params) {
  return sql::Rows(std::make_unique<PgRows>(c_.Exec(sql, ToPg(params))));
}

void PgSession::Walk(std::string_view sql, const sql::Params& params,
                     const std::function<bool(const sql::Row&)>& each) {
  const std::string cursor = "lifeline_walk_" + std::to_string(++cursors_);
  c_.Exec("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + std::string(sql), ToPg(params));
  bool more = true;
  while (more) {
    sql::Rows batch(std::make_unique<PgRows>(c_.Exec("FETCH 256 FROM " + cursor)));
    for (const sql::Row& row : batch) {
      if (!each(row)) {
        more = false;
        break;
      }
    }
    if (batch.size() < 256) more = false;
  }
  c_.Execute("CLOSE " + cursor);
}

void PgSession::Begin(sql::Access access) {
  // READ COMMITTED for writers, as every PostgreSQL write so far (their checks take locks);
  // REPEATABLE READ gives a reader one snapshot for all its statements.
  c_.Execute(access == sql::Access::kWrite ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ");
}

void PgSession::Rollback() noexcept {
  try {
    c_.Execute("ROLLBACK");
  } catch (const PgError&) {
    // The connection is gone; the server rolls back by itself.
  }
}

void PgSession::LockCampBooks(std::int64_t camp_id) {
  c_.Exec("SELECT pg_advisory_xact_lock($1::int, $2::int)",
          Params().Add(kCampLockSpace).Add(camp_id));
}

void PgSession::LockTablesAgainstWriters(const std::vector<std::string_view>& tables) {
  c_.Execute(fmt::format("LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE", fmt::join(tables, ", ")));
}

void PgSession::ShareNewCasesLock() {
  c_.Exec("SELECT pg_advisory_xact_lock_shared($1)", Params().Add(kNewCasesLock));
}

void PgSession::WaitOutNewCases() {
  c_.Exec("SELECT pg_advisory_xact_lock($1)", Params().Add(kNewCasesLock));
}

void PgSession::LockGroupChanges() {
  c_.Exec("SELECT pg_advisory_xact_lock($1)", Params().Add(kGroupsLock));
}

void PgSession::MarkForErasure(std::initializer_list<std::string_view> tables) {
  postgres::MarkForErasure(c_, tables);
}

// When it cannot run now, the mark stays and the store's sweeper finishes it; EraseMarked's
// own message says so.
Status PgSessions::FinishErasure(std::string_view) { return EraseMarked(pool_); }

Status PgSessions::Run(const std::function<void(sql::Session&)>& body) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgSession session(c);
    body(session);
    return OkStatus();
  });
}

}  // namespace lifeline::store::postgres
