#include "store/sqlite/callback_rows.hpp"

#include "store/sqlite/rows.hpp"

namespace lifeline::store {
namespace sqlite {
namespace {

using namespace rows;

constexpr const char* kColumns =
    "id, seal_id, sealed, language, created_at, due_at, window_end, status, attempts FROM callbacks";

StoredCallback Read(const Statement& s) {
  StoredCallback c;
  c.id = s.Int(0);
  c.seal_id = ToBlob32(s.Blob(1));
  c.sealed = s.Blob(2);
  c.language = s.Text(3);
  c.created_at = s.Int(4);
  c.due_at = s.Int(5);
  c.window_end = s.Int(6);
  c.status = ParseEnum<CallbackStatus>(s.Text(7), ParseCallbackStatus);
  c.attempts = static_cast<int>(s.Int(8));
  return c;
}

std::vector<StoredCallback> ReadAll(Statement& s) {
  std::vector<StoredCallback> out;
  while (s.Step()) out.push_back(Read(s));
  return out;
}

}  // namespace

std::int64_t InsertCallback(Connection& writer, const NewCallback& c) {
  auto s = writer.Prepare(
      "INSERT INTO callbacks (seal_id, sealed, language, created_at, due_at, window_end, status) "
      "VALUES (?, ?, ?, ?, ?, ?, 'pending')");
  s.Bind(1, c.seal_id).Bind(2, c.sealed).Bind(3, c.language).Bind(4, c.created_at).Bind(5, c.due_at).Bind(6, c.window_end);
  s.Step();
  return writer.LastInsertId();
}

std::vector<StoredCallback> SelectDueCallbacks(Connection& reader, std::int64_t now, int limit) {
  auto s = reader.Prepare(std::string("SELECT ") + kColumns +
                          " WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?");
  s.Bind(1, now).Bind(2, std::int64_t{limit});
  return ReadAll(s);
}

std::vector<StoredCallback> SelectCallbacks(Connection& reader, CallbackStatus status, int limit) {
  auto s = reader.Prepare(std::string("SELECT ") + kColumns + " WHERE status = ? ORDER BY id DESC LIMIT ?");
  s.Bind(1, ToString(status)).Bind(2, std::int64_t{limit});
  return ReadAll(s);
}

Result<StoredCallback> SelectCallback(Connection& reader, std::int64_t id) {
  auto s = reader.Prepare(std::string("SELECT ") + kColumns + " WHERE id = ?");
  s.Bind(1, id);
  if (!s.Step()) return NotFound("no such callback");
  return Read(s);
}

Result<bool> ApplyCallbackUpdate(Connection& writer, const CallbackUpdate& u) {
  const bool over = u.to == CallbackStatus::kConnected || u.to == CallbackStatus::kLapsed;
  auto s = writer.Prepare(std::string("UPDATE callbacks SET status = ?, attempts = ?, due_at = ?, window_end = ?") +
                          (over ? ", sealed = NULL" : "") + " WHERE id = ? AND status = ?");
  s.Bind(1, ToString(u.to)).Bind(2, std::int64_t{u.attempts}).Bind(3, u.due_at).Bind(4, u.window_end);
  s.Bind(5, u.id).Bind(6, ToString(u.from));
  s.Step();
  if (sqlite3_changes(writer.raw()) > 0) return true;
  if (auto exists = SelectCallback(writer, u.id); !exists) return exists.error();
  return false;
}

void InsertQueueLog(Connection& writer, std::span<const QueueLogRecord> lines, double keep_after) {
  Transaction tx(writer);
  auto insert = writer.Prepare("INSERT INTO queue_log (at, call, operator, event) VALUES (?, ?, ?, ?)");
  for (const auto& line : lines) {
    insert.Reset();
    insert.BindDouble(1, line.at).Bind(2, line.call).Bind(3, line.operator_name).Bind(4, line.event);
    insert.Step();
  }
  auto prune = writer.Prepare("DELETE FROM queue_log WHERE at < ?");
  prune.BindDouble(1, keep_after);
  prune.Step();
  tx.Commit();
}

std::vector<QueueLogRecord> SelectQueueLog(Connection& reader, int limit) {
  auto s = reader.Prepare(
      "SELECT at, call, operator, event FROM (SELECT * FROM queue_log ORDER BY id DESC LIMIT ?) ORDER BY id");
  s.Bind(1, std::int64_t{limit});
  std::vector<QueueLogRecord> out;
  while (s.Step()) out.push_back({s.Double(0), s.Text(1), s.Text(2), s.Text(3)});
  return out;
}

void InsertOperator(Connection& writer, const OperatorRecord& op) {
  auto s = writer.Prepare("INSERT INTO contact_centre_operators (name, uri, languages) VALUES (?, ?, ?)");
  s.Bind(1, op.name).Bind(2, op.uri).Bind(3, op.languages);
  s.Step();
}

std::vector<OperatorRecord> SelectOperators(Connection& reader) {
  auto s = reader.Prepare("SELECT name, uri, languages FROM contact_centre_operators ORDER BY id");
  std::vector<OperatorRecord> out;
  while (s.Step()) out.push_back({s.Text(0), s.Text(1), s.Text(2)});
  return out;
}

void SaveLines(Connection& writer, int lines) {
  auto s = writer.Prepare(
      "INSERT INTO contact_centre_settings (key, value) VALUES ('lines', ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  s.Bind(1, std::int64_t{lines});
  s.Step();
}

void SaveOperatorAccount(Connection& writer, const std::string& name, std::int64_t user_id) {
  if (user_id == 0) {
    auto s = writer.Prepare("DELETE FROM contact_centre_settings WHERE key = ?");
    s.Bind(1, "account:" + name);
    s.Step();
    return;
  }
  auto s = writer.Prepare(
      "INSERT INTO contact_centre_settings (key, value) VALUES (?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  s.Bind(1, "account:" + name);
  s.Bind(2, user_id);
  s.Step();
}

std::vector<std::pair<std::string, std::int64_t>> SelectOperatorAccounts(Connection& reader) {
  auto s = reader.Prepare("SELECT key, value FROM contact_centre_settings WHERE key LIKE 'account:%' ORDER BY key");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (s.Step()) out.emplace_back(s.Text(0).substr(8), s.Int(1));
  return out;
}

std::optional<int> SelectLines(Connection& reader) {
  auto s = reader.Prepare("SELECT value FROM contact_centre_settings WHERE key = 'lines'");
  if (!s.Step()) return std::nullopt;
  return static_cast<int>(s.Int(0));
}

}  // namespace sqlite
}  // namespace lifeline::store
