#include "store/postgres/core_store.hpp"
#include "store/postgres/row_mac_rows.hpp"

#include <algorithm>

#include "store/key_generation_sql.hpp"
#include "store/readiness_sql.hpp"
#include "store/postgres/erasure.hpp"
#include "store/postgres/rows.hpp"

namespace lifeline::store::postgres {
namespace {

constexpr std::string_view kUserSelect =
    "SELECT id, name, role, password_hash, disabled, totp_sealed, totp_pending_sealed, totp_last_step FROM users";
constexpr std::string_view kAuditSelect = "SELECT seq, at, actor_user_id, actor_name, action, target, mac FROM audit_log";


UserRecord ReadUser(const PgResult& r, int row) {
  UserRecord u;
  u.id = r.Int(row, 0);
  u.name = r.Text(row, 1);
  auto role = ParseRole(r.Text(row, 2));
  if (!role) throw PgError("XX000", "a stored role is unknown to this version");
  u.role = *role;
  u.password_hash = r.Text(row, 3);
  u.disabled = r.Int(row, 4) != 0;
  u.totp_sealed = r.Bytes(row, 5);
  u.totp_pending_sealed = r.Bytes(row, 6);
  u.totp_last_step = r.Int(row, 7);
  return u;
}

AuditRecord ReadAudit(const PgResult& r, int row) {
  return {r.Int(row, 0), r.Int(row, 1), r.Int(row, 2), r.Text(row, 3), r.Text(row, 4), r.Text(row, 5),
          rows::ReadBlob32(r, row, 6)};
}

void ReplaceRecoveryCodes(PgConnection& c, std::int64_t user_id, const std::vector<Blob32>& hashes) {
  c.Exec("DELETE FROM recovery_codes WHERE user_id = $1", Params().Add(user_id));
  for (const auto& hash : hashes) {
    c.Exec("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)", Params().Add(user_id).AddBytes(hash));
  }
}

}  // namespace

Result<std::int64_t> PgCoreStore::AddUser(const UserRecord& user) {
  auto id = pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    PgTransaction tx(c);
    const std::int64_t id =
        c.Exec("INSERT INTO users (name, role, password_hash, disabled) VALUES ($1, $2, $3, $4) RETURNING id",
               Params().Add(user.name).Add(ToString(user.role)).Add(user.password_hash).Add(std::int64_t{user.disabled}))
            .Int(0, 0);
    ResealRow(c, "users", id);
    tx.Commit();
    return id;
  });
  if (!id && id.error().code == ErrorCode::kConflict) return Error{ErrorCode::kConflict, "a user with that name already exists"};
  return id;
}

Result<UserRecord> PgCoreStore::FindUserByName(const std::string& name) {
  return pool_.With([&](PgConnection& c) -> Result<UserRecord> {
    auto r = c.Exec(std::string(kUserSelect) + " WHERE name = $1", Params().Add(name));
    if (r.rows() == 0) return NotFound("no such user");
    return ReadUser(r, 0);
  });
}

Result<UserRecord> PgCoreStore::FindUserById(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<UserRecord> {
    auto r = c.Exec(std::string(kUserSelect) + " WHERE id = $1", Params().Add(id));
    if (r.rows() == 0) return NotFound("no such user");
    return ReadUser(r, 0);
  });
}

Status PgCoreStore::SetPendingTotp(std::int64_t user_id, const Blob& sealed) {
  return pool_.With([&](PgConnection& c) -> Status {
    c.Exec("UPDATE users SET totp_pending_sealed = $1 WHERE id = $2", Params().AddBytes(sealed).Add(user_id));
    return OkStatus();
  });
}

Status PgCoreStore::ActivateTotp(std::int64_t user_id, const Blob& sealed, std::int64_t step,
                                 const std::vector<Blob32>& recovery_hashes) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    c.Exec("UPDATE users SET totp_sealed = $1, totp_pending_sealed = NULL, totp_last_step = $2 WHERE id = $3",
           Params().AddBytes(sealed).Add(step).Add(user_id));
    ReplaceRecoveryCodes(c, user_id, recovery_hashes);
    tx.Commit();
    return OkStatus();
  });
}

Status PgCoreStore::ClearTotp(std::int64_t user_id) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    c.Exec("UPDATE users SET totp_sealed = NULL, totp_pending_sealed = NULL WHERE id = $1", Params().Add(user_id));
    ReplaceRecoveryCodes(c, user_id, {});
    tx.Commit();
    return OkStatus();
  });
}

// One statement: PostgreSQL's row lock makes the check and the write atomic.
Result<bool> PgCoreStore::AdvanceTotpStep(std::int64_t user_id, std::int64_t step) {
  return pool_.With([&](PgConnection& c) -> Result<bool> {
    return c.Exec("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
                  Params().Add(step).Add(user_id))
               .affected() > 0;
  });
}

Result<bool> PgCoreStore::UseRecoveryCode(std::int64_t user_id, const Blob32& code_hash) {
  return pool_.With([&](PgConnection& c) -> Result<bool> {
    return c.Exec("UPDATE recovery_codes SET used = 1 WHERE user_id = $1 AND code_hash = $2 AND used = 0",
                  Params().Add(user_id).AddBytes(code_hash))
               .affected() > 0;
  });
}

Result<std::string> PgCoreStore::GetSetting(const std::string& key) {
  return pool_.With([&](PgConnection& c) -> Result<std::string> {
    auto r = c.Exec("SELECT value FROM settings WHERE key = $1", Params().Add(key));
    return r.rows() ? r.Text(0, 0) : std::string();
  });
}

Status PgCoreStore::PutSetting(const std::string& key, const std::string& value) {
  return pool_.With([&](PgConnection& c) -> Status {
    c.Exec("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
           Params().Add(key).Add(value));
    return OkStatus();
  });
}

// statement_timeout does not cover a commit waiting for a synchronous standby, so the client
// keeps the time itself (PgConnection::ExecuteWithin) and cancels the wait.
Status PgCoreStore::ProbeWrite(std::chrono::milliseconds timeout) {
  return pool_.With([&](PgConnection& c) -> Status {
    c.ExecuteWithin(readiness_sql::kProbe, timeout);
    return OkStatus();
  });
}

Status PgCoreStore::SaveInstallation(const Installation& i) {
  if (i.office_keys.size() != 1 || i.office_keys.front().generation != 1) {
    return InvalidInput("a new installation has exactly office key generation 1");
  }
  auto saved = pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    Params p;
    p.AddBytes(i.passphrase_salt).Add(static_cast<std::int64_t>(i.passphrase_opslimit));
    p.Add(static_cast<std::int64_t>(i.passphrase_memlimit));
    if (i.office_secret_sealed.empty()) p.AddNull(); else p.AddBytes(i.office_secret_sealed);
    p.AddBytes(i.receipt_salt);
    // The row's key is fixed (id = 1): a second installation is a unique violation.
    c.Exec("INSERT INTO installation (id, passphrase_salt, passphrase_opslimit, passphrase_memlimit, "
           "office_secret_sealed, receipt_salt) VALUES (1, $1, $2, $3, $4, $5)",
           p);
    c.Exec("INSERT INTO office_keys (generation, public_key, private_sealed) VALUES (1, $1, $2)",
           Params().AddBytes(i.office_keys.front().public_key).AddBytes(i.office_keys.front().private_sealed));
    ResealRow(c, "office_keys", 1);
    tx.Commit();
    return OkStatus();
  });
  if (!saved && saved.error().code == ErrorCode::kConflict) {
    return Error{ErrorCode::kConflict, "this database is already initialised"};
  }
  return saved;
}

Result<Installation> PgCoreStore::LoadInstallation() {
  return pool_.With([&](PgConnection& c) -> Result<Installation> {
    // One snapshot, so that a concurrent rotation is seen whole or not at all.
    PgTransaction tx(c, PgTransaction::Isolation::kRepeatableRead);
    auto r = c.Exec("SELECT passphrase_salt, passphrase_opslimit, passphrase_memlimit, office_secret_sealed, "
                    "receipt_salt FROM installation");
    if (r.rows() == 0) return NotFound("this database has not been initialised (run lifeline init)");
    Installation i;
    i.passphrase_salt = r.Bytes(0, 0);
    i.passphrase_opslimit = static_cast<std::uint64_t>(r.Int(0, 1));
    i.passphrase_memlimit = static_cast<std::uint64_t>(r.Int(0, 2));
    i.office_secret_sealed = r.Bytes(0, 3);
    i.receipt_salt = r.Bytes(0, 4);
    auto keys = c.Exec("SELECT generation, public_key, private_sealed FROM office_keys ORDER BY generation");
    for (int row = 0; row < keys.rows(); ++row) {
      i.office_keys.push_back({keys.Int(row, 0), rows::ReadBlob32(keys, row, 1), keys.Bytes(row, 2)});
    }
    if (i.office_keys.empty()) throw PgError("XX000", "the office keys are missing");
    tx.Commit();
    return i;
  });
}

Status PgCoreStore::AddOfficeKey(const StoredOfficeKey& key) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    c.Execute("LOCK TABLE office_keys IN EXCLUSIVE MODE");  // two rotations cannot both add generation n+1
    const std::int64_t newest = c.Exec("SELECT coalesce(max(generation), 0) FROM office_keys").Int(0, 0);
    if (key.generation != newest + 1) return Error{ErrorCode::kConflict, "another office key generation was added meanwhile"};
    c.Exec("INSERT INTO office_keys (generation, public_key, private_sealed) VALUES ($1, $2, $3)",
           Params().Add(key.generation).AddBytes(key.public_key).AddBytes(key.private_sealed));
    ResealRow(c, "office_keys", key.generation);
    tx.Commit();
    return OkStatus();
  });
}

Status PgCoreStore::SaveOfficeSecret(const Blob& sealed) {
  return pool_.With([&](PgConnection& c) -> Status {
    auto r = c.Exec("UPDATE installation SET office_secret_sealed = $1 WHERE office_secret_sealed IS NULL",
                    Params().AddBytes(sealed));
    if (r.affected() == 0) return Error{ErrorCode::kConflict, "the office secret is already stored"};
    return OkStatus();
  });
}

// PostgreSQL keeps old row versions until VACUUM: the retired keys' rows are overwritten and
// the table rewritten (erasure.hpp), so that no readable copy stays in its pages (the WAL
// is the operator's to expire: docs/deploy.md).
Status PgCoreStore::RetireOfficeKeysBefore(std::int64_t generation) {
  auto retired = pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    c.Execute("LOCK TABLE office_keys IN EXCLUSIVE MODE");
    if (c.Exec(kCountKeysOlderThanSql, Params().Add(generation)).Int(0, 0) > 0) {
      return Error{ErrorCode::kConflict,
                   "some cases are still sealed under an older office key; finish the rotation (lifeline rotate-key) "
                   "before retiring it"};
    }
    auto secret = c.Exec("SELECT office_secret_sealed IS NOT NULL FROM installation");
    if (secret.rows() == 0 || secret.Int(0, 0) == 0) {
      return Error{ErrorCode::kConflict, "the office secret is not stored yet; run lifeline rotate-key"};
    }
    c.Exec("UPDATE office_keys SET private_sealed = NULL WHERE generation < $1", Params().Add(generation));
    std::vector<std::int64_t> retired;
    for (std::int64_t g = 1; g < generation; ++g) retired.push_back(g);
    ResealRows(c, "office_keys", retired);
    MarkForErasure(c, {"office_keys"});
    tx.Commit();
    return OkStatus();
  });
  if (!retired) return retired;
  return EraseMarked(pool_);
}

Result<std::optional<AuditRecord>> PgCoreStore::LastAuditRecord() {
  return pool_.With([&](PgConnection& c) -> Result<std::optional<AuditRecord>> {
    auto r = c.Exec(std::string(kAuditSelect) + " ORDER BY seq DESC LIMIT 1");
    if (r.rows() == 0) return std::optional<AuditRecord>();
    return std::optional<AuditRecord>(ReadAudit(r, 0));
  });
}

Status PgCoreStore::AppendAuditRecord(const AuditRecord& r) {
  return pool_.With([&](PgConnection& c) -> Status {
    c.Exec("INSERT INTO audit_log (seq, at, actor_user_id, actor_name, action, target, mac) "
           "VALUES ($1, $2, $3, $4, $5, $6, $7)",
           Params().Add(r.seq).Add(r.at).Add(r.actor_user_id).Add(r.actor_name).Add(r.action).Add(r.target).AddBytes(r.mac));
    return OkStatus();
  });
}

Result<std::vector<AuditRecord>> PgCoreStore::ListAuditRecords(std::int64_t after_seq, int limit) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<AuditRecord>> {
    auto r = c.Exec(std::string(kAuditSelect) + " WHERE seq > $1 ORDER BY seq LIMIT $2",
                    Params().Add(after_seq).Add(std::int64_t{limit}));
    std::vector<AuditRecord> out;
    for (int row = 0; row < r.rows(); ++row) out.push_back(ReadAudit(r, row));
    return out;
  });
}

}  // namespace lifeline::store::postgres
