// Accounts, settings, the installation with its office keys, and the audit log
// (store/store.hpp's UserStore, InstallationStore and AuditStore), written once for both
// engines (SqlStore in sql_store.hpp).
#include "store/key_generation_sql.hpp"
#include "store/sql/row_macs.hpp"
#include "store/sql/sql_store.hpp"

namespace lifeline::store::sql {
namespace {

constexpr std::string_view kUserSelect =
    "SELECT id, name, role, password_hash, disabled, totp_sealed, totp_pending_sealed, "
    "totp_last_step, console_language FROM users";
constexpr std::string_view kAuditSelect =
    "SELECT seq, at, actor_user_id, actor_name, action, target, mac FROM audit_log";

UserRecord ReadUser(const Row& row) {
  UserRecord u;
  u.id = row.Int(0);
  u.name = row.Text(1);
  u.role = row.Valid(ParseRole(row.Text(2)), "a stored role is unknown to this version");
  u.password_hash = row.Text(3);
  u.disabled = row.Int(4) != 0;
  u.totp_sealed = row.Bytes(5);
  u.totp_pending_sealed = row.Bytes(6);
  u.totp_last_step = row.Int(7);
  u.console_language =
      row.Valid(ParseLanguage(row.Text(8)), "a stored console language is unknown to this version");
  return u;
}

AuditRecord ReadAudit(const Row& row) {
  return {row.Int(0),  row.Int(1),  row.Int(2),     row.Text(3),
          row.Text(4), row.Text(5), row.Blob32At(6)};
}

void ReplaceRecoveryCodes(Session& s, std::int64_t user_id, const std::vector<Blob32>& hashes) {
  s.Run("DELETE FROM recovery_codes WHERE user_id = $1", Params().Add(user_id));
  for (const auto& hash : hashes) {
    s.Run("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)",
          Params().Add(user_id).AddBytes(hash));
  }
}

Result<UserRecord> OneUser(Session& s, std::string_view where, const Params& params) {
  auto rows = s.Run(std::string(kUserSelect) + std::string(where), params);
  if (rows.empty()) return NotFound("no such user");
  return ReadUser(rows[0]);
}

}  // namespace

Result<std::int64_t> SqlStore::AddUser(const UserRecord& user) {
  auto id = Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    Transaction tx(s);
    const std::int64_t id = s.Run(
                                 "INSERT INTO users (name, role, password_hash, disabled, "
                                 "console_language) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                 Params()
                                     .Add(user.name)
                                     .Add(ToString(user.role))
                                     .Add(user.password_hash)
                                     .Add(std::int64_t{user.disabled})
                                     .Add(std::string(ToString(user.console_language))))[0]
                                .Int(0);
    ResealRow(s, "users", id);
    tx.Commit();
    return id;
  });
  if (!id && id.error().code == ErrorCode::kConflict) {
    return Error{ErrorCode::kConflict, "a user with that name already exists"};
  }
  return id;
}

Result<UserRecord> SqlStore::FindUserByName(const std::string& name) {
  return Read(*sessions_,
              [&](Session& s) { return OneUser(s, " WHERE name = $1", Params().Add(name)); });
}

Result<UserRecord> SqlStore::FindUserById(std::int64_t id) {
  return Read(*sessions_,
              [&](Session& s) { return OneUser(s, " WHERE id = $1", Params().Add(id)); });
}

Result<std::vector<UserRecord>> SqlStore::ListUsers() {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<UserRecord>> {
    std::vector<UserRecord> users;
    for (const Row& row : s.Run(std::string(kUserSelect) + " ORDER BY name"))
      users.push_back(ReadUser(row));
    return users;
  });
}

// Changes one MAC'd column of an account and renews its row MAC in the same transaction.
Status SqlStore::UpdateUserColumn(std::int64_t user_id, std::string_view assignment,
                                  const Params& params) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run("UPDATE users SET " + std::string(assignment) + " WHERE id = $2", params)
            .affected() == 0) {
      return NotFound("no such user");
    }
    ResealRow(s, "users", user_id);
    tx.Commit();
    return OkStatus();
  });
}

Status SqlStore::SetUserDisabled(std::int64_t user_id, bool disabled) {
  return UpdateUserColumn(user_id, "disabled = $1",
                          Params().Add(std::int64_t{disabled}).Add(user_id));
}

Status SqlStore::SetConsoleLanguage(std::int64_t user_id, Language language) {
  return Write(*sessions_, [&](Session& s) -> Status {
    if (s.Run("UPDATE users SET console_language = $1 WHERE id = $2",
              Params().Add(std::string(ToString(language))).Add(user_id))
            .affected() == 0) {
      return NotFound("no such user");
    }
    return OkStatus();
  });
}

Status SqlStore::SetPasswordHash(std::int64_t user_id, const std::string& password_hash) {
  return UpdateUserColumn(user_id, "password_hash = $1", Params().Add(password_hash).Add(user_id));
}

Status SqlStore::ResetCredentials(std::int64_t user_id, const std::string& password_hash) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run("UPDATE users SET password_hash = $1, totp_sealed = NULL, totp_pending_sealed = NULL "
              "WHERE id = $2",
              Params().Add(password_hash).Add(user_id))
            .affected() == 0) {
      return NotFound("no such user");
    }
    ReplaceRecoveryCodes(s, user_id, {});
    ResealRow(s, "users", user_id);
    tx.Commit();
    return OkStatus();
  });
}

Status SqlStore::SetPendingTotp(std::int64_t user_id, const Blob& sealed) {
  return Write(*sessions_, [&](Session& s) -> Status {
    s.Run("UPDATE users SET totp_pending_sealed = $1 WHERE id = $2",
          Params().AddBytes(sealed).Add(user_id));
    return OkStatus();
  });
}

Status SqlStore::ActivateTotp(std::int64_t user_id, const Blob& sealed, std::int64_t step,
                              const std::vector<Blob32>& recovery_hashes) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    s.Run(
        "UPDATE users SET totp_sealed = $1, totp_pending_sealed = NULL, totp_last_step = $2 WHERE "
        "id = $3",
        Params().AddBytes(sealed).Add(step).Add(user_id));
    ReplaceRecoveryCodes(s, user_id, recovery_hashes);
    tx.Commit();
    return OkStatus();
  });
}

Status SqlStore::ClearTotp(std::int64_t user_id) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    s.Run("UPDATE users SET totp_sealed = NULL, totp_pending_sealed = NULL WHERE id = $1",
          Params().Add(user_id));
    ReplaceRecoveryCodes(s, user_id, {});
    tx.Commit();
    return OkStatus();
  });
}

// One statement: the check and the write are atomic (a code's step is used once).
Result<bool> SqlStore::AdvanceTotpStep(std::int64_t user_id, std::int64_t step) {
  return Write(*sessions_, [&](Session& s) -> Result<bool> {
    return s.Run("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
                 Params().Add(step).Add(user_id))
               .affected() > 0;
  });
}

Result<bool> SqlStore::UseRecoveryCode(std::int64_t user_id, const Blob32& code_hash) {
  return Write(*sessions_, [&](Session& s) -> Result<bool> {
    return s.Run(
                "UPDATE recovery_codes SET used = 1 WHERE user_id = $1 AND code_hash = $2 AND used "
                "= 0",
                Params().Add(user_id).AddBytes(code_hash))
               .affected() > 0;
  });
}

Result<std::string> SqlStore::GetSetting(const std::string& key) {
  return Read(*sessions_, [&](Session& s) -> Result<std::string> {
    auto rows = s.Run("SELECT value FROM settings WHERE key = $1", Params().Add(key));
    return rows.empty() ? std::string() : rows[0].Text(0);
  });
}

Status SqlStore::PutSetting(const std::string& key, const std::string& value) {
  return Write(*sessions_, [&](Session& s) -> Status {
    s.Run(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value",
        Params().Add(key).Add(value));
    return OkStatus();
  });
}

Status SqlStore::SaveInstallation(const Installation& i) {
  if (i.office_keys.size() != 1 || i.office_keys.front().generation != 1) {
    return InvalidInput("a new installation has exactly office key generation 1");
  }
  auto saved = Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    // The row's key is fixed (id = 1): a second installation is a unique violation.
    s.Run(
        "INSERT INTO installation (id, passphrase_salt, passphrase_opslimit, passphrase_memlimit, "
        "office_secret_sealed, receipt_salt) VALUES (1, $1, $2, $3, $4, $5)",
        [&] {
          Params p;
          p.AddBytes(i.passphrase_salt)
              .Add(static_cast<std::int64_t>(i.passphrase_opslimit))
              .Add(static_cast<std::int64_t>(i.passphrase_memlimit));
          p.AddBytesOrNull(i.office_secret_sealed);
          return p.AddBytes(i.receipt_salt);
        }());
    s.Run("INSERT INTO office_keys (generation, public_key, private_sealed) VALUES (1, $1, $2)",
          Params()
              .AddBytes(i.office_keys.front().public_key)
              .AddBytes(i.office_keys.front().private_sealed));
    ResealRow(s, "office_keys", 1);
    if (!i.custodians.empty()) {
      s.Run(
          "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET "
          "value = excluded.value",
          Params().Add(std::string(kCustodiansSetting)).Add(i.custodians));
    }
    tx.Commit();
    return OkStatus();
  });
  if (!saved && saved.error().code == ErrorCode::kConflict) {
    return Error{ErrorCode::kConflict, "this store is already initialised"};
  }
  return saved;
}

Result<Installation> SqlStore::LoadInstallation() {
  return Read(*sessions_, [&](Session& s) -> Result<Installation> {
    // One snapshot, so that a concurrent rotation is seen whole or not at all.
    Transaction tx(s, Access::kConsistentRead);
    auto rows = s.Run(
        "SELECT passphrase_salt, passphrase_opslimit, passphrase_memlimit, office_secret_sealed, "
        "receipt_salt "
        "FROM installation");
    if (rows.empty()) return NotFound("this store has not been initialised (run lifeline init)");
    const Row row = rows[0];
    Installation i;
    i.passphrase_salt = row.Bytes(0);
    i.passphrase_opslimit = static_cast<std::uint64_t>(row.Int(1));
    i.passphrase_memlimit = static_cast<std::uint64_t>(row.Int(2));
    i.office_secret_sealed = row.Bytes(3);
    i.receipt_salt = row.Bytes(4);
    auto keys =
        s.Run("SELECT generation, public_key, private_sealed FROM office_keys ORDER BY generation");
    for (const Row& key : keys)
      i.office_keys.push_back({key.Int(0), key.Blob32At(1), key.Bytes(2)});
    if (i.office_keys.empty()) row.Corrupt("the office keys are missing");
    auto custodians = s.Run("SELECT value FROM settings WHERE key = $1",
                            Params().Add(std::string(kCustodiansSetting)));
    if (!custodians.empty()) i.custodians = custodians[0].Text(0);
    tx.Commit();
    return i;
  });
}

Status SqlStore::AddOfficeKey(const StoredOfficeKey& key) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    s.LockTablesAgainstWriters({"office_keys"});  // two rotations cannot both add generation n+1
    const std::int64_t newest =
        s.Run("SELECT COALESCE(MAX(generation), 0) FROM office_keys")[0].Int(0);
    if (key.generation != newest + 1) {
      return Error{ErrorCode::kConflict, "another office key generation was added meanwhile"};
    }
    s.Run("INSERT INTO office_keys (generation, public_key, private_sealed) VALUES ($1, $2, $3)",
          Params().Add(key.generation).AddBytes(key.public_key).AddBytes(key.private_sealed));
    ResealRow(s, "office_keys", key.generation);
    tx.Commit();
    return OkStatus();
  });
}

Status SqlStore::SaveOfficeSecret(const Blob& sealed) {
  return Write(*sessions_, [&](Session& s) -> Status {
    if (s.Run(
             "UPDATE installation SET office_secret_sealed = $1 WHERE office_secret_sealed IS NULL",
             Params().AddBytes(sealed))
            .affected() == 0) {
      return Error{ErrorCode::kConflict, "the office secret is already stored"};
    }
    return OkStatus();
  });
}

// The retired keys' private halves are overwritten, and no readable copy may stay in the
// store's files (Session::MarkForErasure, Sessions::FinishErasure).
Status SqlStore::RetireOfficeKeysBefore(std::int64_t generation) {
  auto retired = Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    s.LockTablesAgainstWriters({"office_keys"});
    if (s.Run(kCountKeysOlderThanSql, Params().Add(generation))[0].Int(0) > 0) {
      return Error{ErrorCode::kConflict,
                   "some cases are still sealed under an older office key; finish the rotation "
                   "(lifeline rotate-key) "
                   "before retiring it"};
    }
    auto secret = s.Run("SELECT office_secret_sealed IS NOT NULL FROM installation");
    if (secret.empty() || secret[0].Int(0) == 0) {
      return Error{ErrorCode::kConflict,
                   "the office secret is not stored yet; run lifeline rotate-key"};
    }
    s.Run(
        "UPDATE office_keys SET private_sealed = NULL WHERE generation < $1 AND private_sealed IS "
        "NOT NULL",
        Params().Add(generation));
    std::vector<std::int64_t> keys;
    for (std::int64_t g = 1; g < generation; ++g) keys.push_back(g);
    ResealRows(s, "office_keys", keys);
    s.MarkForErasure({"office_keys"});
    tx.Commit();
    return OkStatus();
  });
  if (!retired) return retired;
  return sessions_->FinishErasure(
      "the old office key was retired, but its copy could not be erased from the database files "
      "yet; run the "
      "retirement again shortly");
}

Status SqlStore::RewrapOffice(const OfficeRewrap& rewrap) {
  auto rewrapped = Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    s.LockTablesAgainstWriters({"office_keys"});  // no generation is added or retired meanwhile
    std::vector<std::int64_t> live;
    for (const Row& row :
         s.Run("SELECT generation FROM office_keys WHERE private_sealed IS NOT NULL ORDER BY "
               "generation"))
      live.push_back(row.Int(0));
    std::vector<std::int64_t> given;
    for (const auto& key : rewrap.keys) given.push_back(key.generation);
    if (live != given) {
      return Error{ErrorCode::kConflict, "the office keys changed meanwhile; deal again"};
    }
    if (s.Run("UPDATE installation SET office_secret_sealed = $1 WHERE office_secret_sealed IS "
              "NOT NULL",
              Params().AddBytes(rewrap.office_secret_sealed))
            .affected() == 0) {
      return Error{ErrorCode::kConflict,
                   "the office secret is not stored yet; run lifeline rotate-key first"};
    }
    for (const auto& key : rewrap.keys) {
      s.Run("UPDATE office_keys SET private_sealed = $1 WHERE generation = $2",
            Params().AddBytes(key.private_sealed).Add(key.generation));
    }
    ResealRows(s, "office_keys", given);
    s.Run(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
        "excluded.value",
        Params().Add(std::string(kCustodiansSetting)).Add(rewrap.custodians));
    s.MarkForErasure({"office_keys", "installation", "settings"});
    tx.Commit();
    return OkStatus();
  });
  if (!rewrapped) return rewrapped;
  return sessions_->FinishErasure(
      "the office keys were wrapped anew, but the old wrapping could not be erased from the "
      "database files yet; run the deal again shortly");
}

Result<std::optional<AuditRecord>> SqlStore::LastAuditRecord() {
  return Read(*sessions_, [&](Session& s) -> Result<std::optional<AuditRecord>> {
    auto rows = s.Run(std::string(kAuditSelect) + " ORDER BY seq DESC LIMIT 1");
    if (rows.empty()) return std::optional<AuditRecord>();
    return std::optional<AuditRecord>(ReadAudit(rows[0]));
  });
}

Status SqlStore::AppendAuditRecord(const AuditRecord& r) {
  return Write(*sessions_, [&](Session& s) -> Status {
    s.Run(
        "INSERT INTO audit_log (seq, at, actor_user_id, actor_name, action, target, mac) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7)",
        Params()
            .Add(r.seq)
            .Add(r.at)
            .Add(r.actor_user_id)
            .Add(r.actor_name)
            .Add(r.action)
            .Add(r.target)
            .AddBytes(r.mac));
    return OkStatus();
  });
}

Result<std::vector<AuditRecord>> SqlStore::ListAuditRecords(std::int64_t after_seq, int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<AuditRecord>> {
    std::vector<AuditRecord> out;
    for (const Row& row : s.Run(std::string(kAuditSelect) + " WHERE seq > $1 ORDER BY seq LIMIT $2",
                                Params().Add(after_seq).Add(std::int64_t{limit}))) {
      out.push_back(ReadAudit(row));
    }
    return out;
  });
}

Result<AuditMatches> SqlStore::FindAuditRecords(const AuditFilter& filter, std::int64_t offset,
                                                int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<AuditMatches> {
    std::string where = " WHERE 1 = 1";
    Params params;
    int n = 0;
    const auto condition = [&](std::string_view sql) {
      where += " AND " + std::string(sql) + " $" + std::to_string(++n);
    };
    if (!filter.actor_name.empty()) {
      condition("actor_name =");
      params.Add(filter.actor_name);
    }
    if (!filter.action.empty()) {
      condition("action =");
      params.Add(filter.action);
    }
    if (filter.from_at) {
      condition("at >=");
      params.Add(*filter.from_at);
    }
    if (filter.until_at) {
      condition("at <");
      params.Add(*filter.until_at);
    }
    Transaction tx(s, Access::kConsistentRead);  // the page and its count from one snapshot
    AuditMatches matches;
    // Without a filter the count is the newest seq (the log has no gaps), not a scan.
    matches.total = s.Run(filter.empty() ? "SELECT COALESCE(MAX(seq), 0) FROM audit_log"
                                         : "SELECT COUNT(*) FROM audit_log" + where,
                          params)[0]
                        .Int(0);
    Params page = params;
    page.Add(std::int64_t{limit}).Add(offset);
    for (const Row& row : s.Run(std::string(kAuditSelect) + where + " ORDER BY seq DESC LIMIT $" +
                                    std::to_string(n + 1) + " OFFSET $" + std::to_string(n + 2),
                                page)) {
      matches.entries.push_back(ReadAudit(row));
    }
    tx.Commit();
    return matches;
  });
}

// Each account's latest entry of one kind: the last sign-in the accounts page shows.
Result<std::vector<std::pair<std::int64_t, std::int64_t>>> SqlStore::LatestAuditByActor(
    std::string_view action) {
  return Read(
      *sessions_, [&](Session& s) -> Result<std::vector<std::pair<std::int64_t, std::int64_t>>> {
        std::vector<std::pair<std::int64_t, std::int64_t>> out;
        for (const Row& row : s.Run(
                 "SELECT actor_user_id, MAX(at) FROM audit_log WHERE action = $1 AND actor_user_id "
                 "<> 0 GROUP BY actor_user_id ORDER BY actor_user_id",
                 Params().Add(std::string(action)))) {
          out.emplace_back(row.Int(0), row.Int(1));
        }
        return out;
      });
}

}  // namespace lifeline::store::sql
