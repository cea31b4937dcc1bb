// The contact centre's lasting state (store/store.hpp's ContactCentreStore), written once
// for both engines (SqlStore in sql_store.hpp): the queue log, operators, the number of
// lines and the operators' accounts.
#include "store/sql/sql_store.hpp"

namespace lifeline::store::sql {
namespace {

constexpr std::string_view kSaveSetting =
    "INSERT INTO contact_centre_settings (key, value) VALUES ($1, $2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
constexpr std::string_view kAccountPrefix = "account:";

}  // namespace

// The log keeps what happened after `keep_after`; older lines go in the same transaction.
Status SqlStore::AppendQueueLog(std::span<const QueueLogRecord> lines, double keep_after) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    for (const auto& line : lines) {
      s.Run("INSERT INTO queue_log (at, call, operator, event) VALUES ($1, $2, $3, $4)",
            Params().AddDouble(line.at).Add(line.call).Add(line.operator_name).Add(line.event));
    }
    s.Run("DELETE FROM queue_log WHERE at < $1", Params().AddDouble(keep_after));
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<QueueLogRecord>> SqlStore::ListQueueLog(int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<QueueLogRecord>> {
    std::vector<QueueLogRecord> out;
    for (const Row& row :
         s.Run("SELECT at, call, operator, event FROM "
               "(SELECT * FROM queue_log ORDER BY id DESC LIMIT $1) AS latest ORDER BY id",
               Params().Add(std::int64_t{limit}))) {
      out.push_back({row.Double(0), row.Text(1), row.Text(2), row.Text(3)});
    }
    return out;
  });
}

Status SqlStore::InsertOperator(const OperatorRecord& op) {
  return Write(*sessions_, [&](Session& s) -> Status {
    s.Run("INSERT INTO contact_centre_operators (name, uri, languages) VALUES ($1, $2, $3)",
          Params().Add(op.name).Add(op.uri).Add(op.languages));
    return OkStatus();
  });
}

Result<std::vector<OperatorRecord>> SqlStore::ListOperators() {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<OperatorRecord>> {
    std::vector<OperatorRecord> out;
    for (const Row& row :
         s.Run("SELECT name, uri, languages FROM contact_centre_operators ORDER BY id")) {
      out.push_back({row.Text(0), row.Text(1), row.Text(2)});
    }
    return out;
  });
}

Status SqlStore::SaveLines(int lines) {
  return Write(*sessions_, [&](Session& s) -> Status {
    s.Run(kSaveSetting, Params().Add("lines").Add(std::int64_t{lines}));
    return OkStatus();
  });
}

Result<std::optional<int>> SqlStore::LoadLines() {
  return Read(*sessions_, [&](Session& s) -> Result<std::optional<int>> {
    auto rows = s.Run("SELECT value FROM contact_centre_settings WHERE key = 'lines'");
    if (rows.empty()) return std::optional<int>();
    return std::optional<int>(static_cast<int>(rows[0].Int(0)));
  });
}

// Account 0 unlinks the operator.
Status SqlStore::SaveOperatorAccount(const std::string& name, std::int64_t user_id) {
  return Write(*sessions_, [&](Session& s) -> Status {
    const std::string key = std::string(kAccountPrefix) + name;
    if (user_id == 0) {
      s.Run("DELETE FROM contact_centre_settings WHERE key = $1", Params().Add(key));
    } else {
      s.Run(kSaveSetting, Params().Add(key).Add(user_id));
    }
    return OkStatus();
  });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> SqlStore::ListOperatorAccounts() {
  return Read(
      *sessions_, [&](Session& s) -> Result<std::vector<std::pair<std::string, std::int64_t>>> {
        std::vector<std::pair<std::string, std::int64_t>> out;
        for (const Row& row : s.Run("SELECT key, value FROM contact_centre_settings WHERE key LIKE "
                                    "'account:%' ORDER BY key")) {
          out.emplace_back(row.Text(0).substr(kAccountPrefix.size()), row.Int(1));
        }
        return out;
      });
}

}  // namespace lifeline::store::sql
