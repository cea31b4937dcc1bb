#include "store/sqlite/callback_rows.hpp"

#include "store/sqlite/rows.hpp"

namespace lifeline::store {
namespace sqlite {
namespace {

using namespace rows;

constexpr const char* kColumns =
    "id, seal_id, sealed, language, created_at, due_at, window_end, status, attempts FROM "
    "callbacks";

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
  s.Bind(1, c.seal_id)
      .Bind(2, c.sealed)
      .Bind(3, c.language)
      .Bind(4, c.created_at)
      .Bind(5, c.due_at)
      .Bind(6, c.window_end);
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
  auto s = reader.Prepare(std::string("SELECT ") + kColumns +
                          " WHERE status = ? ORDER BY id DESC LIMIT ?");
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
  auto s = writer.Prepare(
      std::string("UPDATE callbacks SET status = ?, attempts = ?, due_at = ?, window_end = ?") +
      (over ? ", sealed = NULL" : "") + " WHERE id = ? AND status = ?");
  s.Bind(1, ToString(u.to))
      .Bind(2, std::int64_t{u.attempts})
      .Bind(3, u.due_at)
      .Bind(4, u.window_end);
  s.Bind(5, u.id).Bind(6, ToString(u.from));
  s.Step();
  if (sqlite3_changes(writer.raw()) > 0) return true;
  if (auto exists = SelectCallback(writer, u.id); !exists) return exists.error();
  return false;
}

}  // namespace sqlite
}  // namespace lifeline::store
