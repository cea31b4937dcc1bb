#include "store/sqlite/office_key_rows.hpp"

#include <fmt/format.h>

#include <utility>

#include "store/key_generation_sql.hpp"
#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {

using rows::ToBlob32;

Status InsertInstallation(Connection& writer, const Installation& i) {
  if (i.office_keys.size() != 1 || i.office_keys.front().generation != 1) {
    return InvalidInput("a new installation has exactly office key generation 1");
  }
  Transaction tx(writer);
  auto exists = writer.Prepare("SELECT 1 FROM installation");
  if (exists.Step()) return Error{ErrorCode::kConflict, "this data folder is already initialised"};
  auto s = writer.Prepare(
      "INSERT INTO installation (id, passphrase_salt, passphrase_opslimit, passphrase_memlimit, "
      "office_secret_sealed, receipt_salt) VALUES (1, ?, ?, ?, ?, ?)");
  s.Bind(1, i.passphrase_salt)
      .Bind(2, static_cast<std::int64_t>(i.passphrase_opslimit))
      .Bind(3, static_cast<std::int64_t>(i.passphrase_memlimit));
  if (i.office_secret_sealed.empty()) s.BindNull(4); else s.Bind(4, i.office_secret_sealed);
  s.Bind(5, i.receipt_salt);
  s.Step();
  auto key = writer.Prepare(
      "INSERT INTO office_keys (generation, public_key, private_sealed) VALUES (1, ?, ?)");
  key.Bind(1, i.office_keys.front().public_key).Bind(2, i.office_keys.front().private_sealed);
  key.Step();
  ResealRow(writer, "office_keys", 1);
  tx.Commit();
  return OkStatus();
}

Result<Installation> SelectInstallation(Connection& reader) {
  // One read transaction, so that a concurrent rotation is seen whole or not at all.
  reader.Execute("BEGIN");
  struct End {
    Connection& c;
    ~End() { try { c.Execute("COMMIT"); } catch (const SqliteError&) {} }
  } end{reader};
  auto s = reader.Prepare(
      "SELECT passphrase_salt, passphrase_opslimit, passphrase_memlimit, office_secret_sealed, "
      "receipt_salt FROM installation");
  if (!s.Step()) return NotFound("this data folder has not been initialised (run lifeline init)");
  Installation i;
  i.passphrase_salt = s.Blob(0);
  i.passphrase_opslimit = static_cast<std::uint64_t>(s.Int(1));
  i.passphrase_memlimit = static_cast<std::uint64_t>(s.Int(2));
  i.office_secret_sealed = s.Blob(3);
  i.receipt_salt = s.Blob(4);
  auto keys = reader.Prepare(
      "SELECT generation, public_key, private_sealed FROM office_keys ORDER BY generation");
  while (keys.Step()) {
    i.office_keys.push_back({keys.Int(0), ToBlob32(keys.Blob(1)), keys.Blob(2)});
  }
  if (i.office_keys.empty()) throw SqliteError(SQLITE_CORRUPT, "the office keys are missing");
  return i;
}

Status InsertOfficeKey(Connection& writer, const StoredOfficeKey& key) {
  Transaction tx(writer);
  auto newest = writer.Prepare("SELECT coalesce(max(generation), 0) FROM office_keys");
  newest.Step();
  if (key.generation != newest.Int(0) + 1) {
    return Error{ErrorCode::kConflict, "another office key generation was added meanwhile"};
  }
  auto s = writer.Prepare(
      "INSERT INTO office_keys (generation, public_key, private_sealed) VALUES (?, ?, ?)");
  s.Bind(1, key.generation).Bind(2, key.public_key).Bind(3, key.private_sealed);
  s.Step();
  ResealRow(writer, "office_keys", key.generation);
  tx.Commit();
  return OkStatus();
}

Status UpdateOfficeSecret(Connection& writer, const Blob& sealed) {
  auto s = writer.Prepare(
      "UPDATE installation SET office_secret_sealed = ? WHERE office_secret_sealed IS NULL");
  s.Bind(1, sealed);
  s.Step();
  if (sqlite3_changes(writer.raw()) == 0) {
    return Error{ErrorCode::kConflict, "the office secret is already stored"};
  }
  return OkStatus();
}

Status ClearOfficeKeysBefore(Connection& writer, std::int64_t generation) {
  Transaction tx(writer);
  if (CountKeysOlderThan(writer, generation) > 0) {
    return Error{ErrorCode::kConflict,
                 "some cases are still sealed under an older office key; finish the rotation "
                 "(lifeline rotate-key) before retiring it"};
  }
  auto secret = writer.Prepare("SELECT office_secret_sealed IS NOT NULL FROM installation");
  if (!secret.Step() || secret.Int(0) == 0) {
    return Error{ErrorCode::kConflict, "the office secret is not stored yet; run lifeline rotate-key"};
  }
  auto s = writer.Prepare(
      "UPDATE office_keys SET private_sealed = NULL WHERE generation < ? AND private_sealed IS NOT NULL");
  s.Bind(1, generation);
  s.Step();
  std::vector<std::int64_t> retired;
  for (std::int64_t g = 1; g < generation; ++g) retired.push_back(g);
  ResealRows(writer, "office_keys", retired);
  tx.Commit();
  return OkStatus();
}

std::vector<WrappedRecordKey> SelectKeysOlderThan(Connection& reader, std::int64_t generation,
                                                  int limit) {
  using Kind = WrappedRecordKey::Kind;
  std::vector<WrappedRecordKey> out;
  auto applications = reader.Prepare(
      "SELECT id, receipt_lookup, key_generation, ephemeral_public, wrapped_key FROM applications "
      "WHERE key_generation < ? ORDER BY id LIMIT ?");
  applications.Bind(1, generation).Bind(2, std::int64_t{limit});
  while (applications.Step()) {
    out.push_back({Kind::kApplication, applications.Int(0), applications.Int(0),
                   ToBlob32(applications.Blob(1)), applications.Int(2),
                   ToBlob32(applications.Blob(3)), applications.Blob(4)});
  }
  if (out.size() >= static_cast<std::size_t>(limit)) return out;
  auto messages = reader.Prepare(
      "SELECT id, case_id, key_generation, ephemeral_public, wrapped_key FROM messages "
      "WHERE key_generation < ? ORDER BY id LIMIT ?");
  messages.Bind(1, generation).Bind(2, static_cast<std::int64_t>(limit - out.size()));
  while (messages.Step()) {
    out.push_back({Kind::kMessage, messages.Int(0), messages.Int(1), {}, messages.Int(2),
                   ToBlob32(messages.Blob(3)), messages.Blob(4)});
  }
  if (out.size() >= static_cast<std::size_t>(limit)) return out;
  // Records sealed alone (no receipt, no case): prisoners and people abroad.
  for (const auto& [kind, table] : {std::pair{Kind::kPrisoner, "prisoners"}, std::pair{Kind::kPersonAbroad, "people_abroad"}}) {
    if (out.size() >= static_cast<std::size_t>(limit)) return out;
    auto rows = reader.Prepare(fmt::format(
        "SELECT id, key_generation, ephemeral_public, wrapped_key FROM {} WHERE key_generation < ? ORDER BY id LIMIT ?",
        table));
    rows.Bind(1, generation).Bind(2, static_cast<std::int64_t>(limit - out.size()));
    while (rows.Step()) {
      out.push_back({kind, rows.Int(0), 0, {}, rows.Int(1), ToBlob32(rows.Blob(2)), rows.Blob(3)});
    }
  }
  return out;
}

std::int64_t CountKeysOlderThan(Connection& reader, std::int64_t generation) {
  auto s = reader.Prepare(kCountKeysOlderThanSql);
  s.Bind(1, generation);
  s.Step();
  return s.Int(0);
}

void UpdateWrappedKeys(Connection& writer, std::span<const WrappedRecordKey> keys) {
  Transaction tx(writer);
  auto application = writer.Prepare(
      "UPDATE applications SET key_generation = ?, ephemeral_public = ?, wrapped_key = ? "
      "WHERE id = ?");
  auto message = writer.Prepare(
      "UPDATE messages SET key_generation = ?, ephemeral_public = ?, wrapped_key = ? WHERE id = ?");
  auto prisoner = writer.Prepare(
      "UPDATE prisoners SET key_generation = ?, ephemeral_public = ?, wrapped_key = ? WHERE id = ?");
  auto person_abroad = writer.Prepare(
      "UPDATE people_abroad SET key_generation = ?, ephemeral_public = ?, wrapped_key = ? WHERE id = ?");
  for (const auto& k : keys) {
    using Kind = WrappedRecordKey::Kind;
    Statement& s = k.kind == Kind::kApplication ? application
                   : k.kind == Kind::kMessage   ? message
                   : k.kind == Kind::kPrisoner  ? prisoner
                                                : person_abroad;
    s.Reset();
    s.Bind(1, k.key_generation).Bind(2, k.ephemeral_public).Bind(3, k.wrapped_key).Bind(4, k.id);
    s.Step();
    if (k.kind == Kind::kMessage) ResealRow(writer, "messages", k.id);
    if (k.kind == Kind::kMessage || k.kind == Kind::kApplication) ResealRow(writer, "applications", k.case_id);
  }
  tx.Commit();
}

}  // namespace lifeline::store::sqlite
