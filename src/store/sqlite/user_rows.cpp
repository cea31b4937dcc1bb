#include "store/sqlite/user_rows.hpp"

#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {
namespace {

using rows::ParseEnum;

constexpr std::string_view kUserSelect =
    "SELECT id, name, role, password_hash, disabled, totp_sealed, totp_pending_sealed, totp_last_step FROM users";

UserRecord ReadUser(const Statement& s) {
  UserRecord u;
  u.id = s.Int(0);
  u.name = s.Text(1);
  u.role = ParseEnum<Role>(s.Text(2), ParseRole);
  u.password_hash = s.Text(3);
  u.disabled = s.Int(4) != 0;
  u.totp_sealed = s.Blob(5);
  u.totp_pending_sealed = s.Blob(6);
  u.totp_last_step = s.Int(7);
  return u;
}

void ReplaceRecoveryCodes(Connection& writer, std::int64_t user_id, const std::vector<Blob32>& hashes) {
  auto clear = writer.Prepare("DELETE FROM recovery_codes WHERE user_id = ?");
  clear.Bind(1, user_id);
  clear.Step();
  auto insert = writer.Prepare("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)");
  for (const auto& hash : hashes) {
    insert.Reset();
    insert.Bind(1, user_id).Bind(2, hash);
    insert.Step();
  }
}

}  // namespace

Result<std::int64_t> InsertUser(Connection& writer, const UserRecord& user) {
  Transaction tx(writer);
  auto s = writer.Prepare("INSERT INTO users (name, role, password_hash, disabled) VALUES (?, ?, ?, ?)");
  s.Bind(1, user.name).Bind(2, ToString(user.role)).Bind(3, user.password_hash).Bind(4, std::int64_t{user.disabled});
  try {
    s.Step();
  } catch (const SqliteError& e) {
    if ((e.code & 0xFF) == SQLITE_CONSTRAINT) return Error{ErrorCode::kConflict, "a user with that name already exists"};
    throw;
  }
  const std::int64_t id = writer.LastInsertId();
  ResealRow(writer, "users", id);
  tx.Commit();
  return id;
}

Result<UserRecord> SelectUserByName(Connection& reader, const std::string& name) {
  auto s = reader.Prepare(std::string(kUserSelect) + " WHERE name = ?");
  s.Bind(1, name);
  if (!s.Step()) return NotFound("no such user");
  return ReadUser(s);
}

Result<UserRecord> SelectUserById(Connection& reader, std::int64_t id) {
  auto s = reader.Prepare(std::string(kUserSelect) + " WHERE id = ?");
  s.Bind(1, id);
  if (!s.Step()) return NotFound("no such user");
  return ReadUser(s);
}

Status UpdateTotpActive(Connection& writer, std::int64_t user_id, const Blob& sealed, std::int64_t step,
                        const std::vector<Blob32>& recovery_hashes) {
  Transaction tx(writer);
  auto update = writer.Prepare(
      "UPDATE users SET totp_sealed = ?, totp_pending_sealed = NULL, totp_last_step = ? WHERE id = ?");
  update.Bind(1, sealed).Bind(2, step).Bind(3, user_id);
  update.Step();
  ReplaceRecoveryCodes(writer, user_id, recovery_hashes);
  tx.Commit();
  return OkStatus();
}

Status UpdateTotpCleared(Connection& writer, std::int64_t user_id) {
  Transaction tx(writer);
  auto update = writer.Prepare("UPDATE users SET totp_sealed = NULL, totp_pending_sealed = NULL WHERE id = ?");
  update.Bind(1, user_id);
  update.Step();
  ReplaceRecoveryCodes(writer, user_id, {});
  tx.Commit();
  return OkStatus();
}

}  // namespace lifeline::store::sqlite
