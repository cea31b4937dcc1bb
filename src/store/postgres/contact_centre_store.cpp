#include "store/postgres/contact_centre_store.hpp"

namespace lifeline::store::postgres {

Status PgContactCentreStore::AppendQueueLog(std::span<const QueueLogRecord> lines, double keep_after) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    for (const auto& line : lines) {
      c.Exec("INSERT INTO queue_log (at, call, operator, event) VALUES ($1, $2, $3, $4)",
             Params().AddDouble(line.at).Add(line.call).Add(line.operator_name).Add(line.event));
    }
    c.Exec("DELETE FROM queue_log WHERE at < $1", Params().AddDouble(keep_after));
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<QueueLogRecord>> PgContactCentreStore::ListQueueLog(int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<QueueLogRecord>> {
    auto r = c.Exec("SELECT at, call, operator, event FROM (SELECT * FROM queue_log ORDER BY id DESC LIMIT $1) AS latest "
                    "ORDER BY id",
                    Params().Add(std::int64_t{limit}));
    std::vector<QueueLogRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.Double(i, 0), r.Text(i, 1), r.Text(i, 2), r.Text(i, 3)});
    return out;
  });
}

Status PgContactCentreStore::InsertOperator(const OperatorRecord& op) {
  return pool_.With([&](PgConnection& c) -> Status {
    c.Exec("INSERT INTO contact_centre_operators (name, uri, languages) VALUES ($1, $2, $3)",
           Params().Add(op.name).Add(op.uri).Add(op.languages));
    return OkStatus();
  });
}

Result<std::vector<OperatorRecord>> PgContactCentreStore::ListOperators() {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<OperatorRecord>> {
    auto r = c.Exec("SELECT name, uri, languages FROM contact_centre_operators ORDER BY id");
    std::vector<OperatorRecord> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.Text(i, 0), r.Text(i, 1), r.Text(i, 2)});
    return out;
  });
}

Status PgContactCentreStore::SaveLines(int lines) {
  return pool_.With([&](PgConnection& c) -> Status {
    c.Exec("INSERT INTO contact_centre_settings (key, value) VALUES ('lines', $1) "
           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
           Params().Add(std::int64_t{lines}));
    return OkStatus();
  });
}

Result<std::optional<int>> PgContactCentreStore::LoadLines() {
  return pool_.With([&](PgConnection& c) -> Result<std::optional<int>> {
    auto r = c.Exec("SELECT value FROM contact_centre_settings WHERE key = 'lines'");
    if (r.rows() == 0) return std::optional<int>();
    return std::optional<int>(static_cast<int>(r.Int(0, 0)));
  });
}

Status PgContactCentreStore::SaveOperatorAccount(const std::string& name, std::int64_t user_id) {
  return pool_.With([&](PgConnection& c) -> Status {
    if (user_id == 0) {
      c.Exec("DELETE FROM contact_centre_settings WHERE key = $1", Params().Add("account:" + name));
      return OkStatus();
    }
    c.Exec("INSERT INTO contact_centre_settings (key, value) VALUES ($1, $2) "
           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
           Params().Add("account:" + name).Add(user_id));
    return OkStatus();
  });
}

Result<std::vector<std::pair<std::string, std::int64_t>>> PgContactCentreStore::ListOperatorAccounts() {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<std::pair<std::string, std::int64_t>>> {
    auto r = c.Exec("SELECT key, value FROM contact_centre_settings WHERE key LIKE 'account:%' ORDER BY key");
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.Text(i, 0).substr(8), r.Int(i, 1));
    return out;
  });
}

}  // namespace lifeline::store::postgres
