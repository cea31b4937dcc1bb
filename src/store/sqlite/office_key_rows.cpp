#include "store/sqlite/office_key_rows.hpp"

#include <fmt/format.h>

#include <utility>

#include "store/key_generation_sql.hpp"
#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {

using rows::ToBlob32;

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
    out.push_back({Kind::kMessage,
                   messages.Int(0),
                   messages.Int(1),
                   {},
                   messages.Int(2),
                   ToBlob32(messages.Blob(3)),
                   messages.Blob(4)});
  }
  if (out.size() >= static_cast<std::size_t>(limit)) return out;
  // Records sealed alone (no receipt, no case): prisoners and people abroad.
  for (const auto& [kind, table] :
       {std::pair{Kind::kPrisoner, "prisoners"}, std::pair{Kind::kPersonAbroad, "people_abroad"}}) {
    if (out.size() >= static_cast<std::size_t>(limit)) return out;
    auto rows =
        reader.Prepare(fmt::format("SELECT id, key_generation, ephemeral_public, wrapped_key FROM "
                                   "{} WHERE key_generation < ? ORDER BY id LIMIT ?",
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
      "UPDATE prisoners SET key_generation = ?, ephemeral_public = ?, wrapped_key = ? WHERE id = "
      "?");
  auto person_abroad = writer.Prepare(
      "UPDATE people_abroad SET key_generation = ?, ephemeral_public = ?, wrapped_key = ? WHERE id "
      "= ?");
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
    if (k.kind == Kind::kMessage || k.kind == Kind::kApplication)
      ResealRow(writer, "applications", k.case_id);
  }
  tx.Commit();
}

}  // namespace lifeline::store::sqlite
