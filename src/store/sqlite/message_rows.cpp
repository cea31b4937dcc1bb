#include "store/sqlite/message_rows.hpp"

#include "store/sqlite/row_mac_rows.hpp"
#include "store/sqlite/rows.hpp"

namespace lifeline::store::sqlite {

using rows::ParseDate;
using rows::ToBlob32;

std::int64_t InsertMessage(Connection& writer, const NewMessage& m) {
  Transaction tx(writer);
  auto s = writer.Prepare(
      "INSERT INTO messages (case_id, author_user_id, created_on, sealed_for_applicant, "
      "sealed_for_office, key_generation, ephemeral_public, wrapped_key) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  s.Bind(1, m.case_id);
  if (m.author_user_id)
    s.Bind(2, *m.author_user_id);
  else
    s.BindNull(2);
  s.Bind(3, FormatIsoDate(m.created_on))
      .Bind(4, m.sealed_for_applicant)
      .Bind(5, m.sealed_for_office);
  if (m.wrapping) {
    s.Bind(6, m.wrapping->key_generation)
        .Bind(7, m.wrapping->ephemeral_public)
        .Bind(8, m.wrapping->wrapped_key);
  } else {
    s.BindNull(6).BindNull(7).BindNull(8);
  }
  s.Step();
  const std::int64_t id = writer.LastInsertId();
  ResealRow(writer, "messages", id);
  ResealRow(writer, "applications", m.case_id);  // it counts its MAC'd messages
  tx.Commit();
  return id;
}

std::vector<StoredMessage> SelectMessages(Connection& reader, std::int64_t case_id) {
  auto s = reader.Prepare(
      "SELECT id, case_id, author_user_id, created_on, sealed_for_applicant, sealed_for_office, "
      "key_generation, ephemeral_public, wrapped_key FROM messages WHERE case_id = ? ORDER BY id");
  s.Bind(1, case_id);
  std::vector<StoredMessage> messages;
  while (s.Step()) {
    StoredMessage m;
    m.id = s.Int(0);
    m.case_id = s.Int(1);
    m.author_user_id = s.OptionalInt(2);
    m.created_on = ParseDate(s.Text(3));
    m.sealed_for_applicant = s.Blob(4);
    m.sealed_for_office = s.Blob(5);
    if (auto generation = s.OptionalInt(6)) {
      m.wrapping = OfficeWrapping{*generation, ToBlob32(s.Blob(7)), s.Blob(8)};
    }
    messages.push_back(std::move(m));
  }
  return messages;
}

std::int64_t CountApplicantMessages(Connection& reader, std::int64_t case_id, Date day) {
  auto s = reader.Prepare(
      "SELECT count(*) FROM messages WHERE case_id = ? AND author_user_id IS NULL AND created_on = "
      "?");
  s.Bind(1, case_id).Bind(2, FormatIsoDate(day));
  s.Step();
  return s.Int(0);
}

}  // namespace lifeline::store::sqlite
