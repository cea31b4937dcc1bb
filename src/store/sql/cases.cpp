// A case's own rows, written once for both engines (SqlStore in sql_store.hpp): the
// application, its status changes, the conversation with the applicant, the custody
// circumstance, deletion, and the wrapped keys that office key rotation rewrites.
//
// GCC 12 warns, wrongly, that destroying FindByReceiptLookup's Result<ApplicantView> (its
// sealed_stage vector, always empty here) frees memory not from the heap. The warning is
// placed in the standard library's headers, so it is silenced before they are included.
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"

#include <fmt/format.h>

#include "store/key_generation_sql.hpp"
#include "store/sql/case_rows.hpp"
#include "store/sql/channel_sql.hpp"
#include "store/sql/row_macs.hpp"
#include "store/sql/sql_store.hpp"

namespace lifeline::store::sql {
namespace {

const Error kCaseChanged{ErrorCode::kConflict,
                         "the case changed since you opened it; reload it and try again"};

std::vector<StoredMessage> SelectMessages(Session& s, std::int64_t case_id) {
  std::vector<StoredMessage> out;
  for (const Row& row :
       s.Run("SELECT id, case_id, author_user_id, created_on, sealed_for_applicant, "
             "sealed_for_office, key_generation, ephemeral_public, wrapped_key FROM messages "
             "WHERE case_id = $1 ORDER BY id",
             Params().Add(case_id))) {
    StoredMessage m;
    m.id = row.Int(0);
    m.case_id = row.Int(1);
    m.author_user_id = row.OptionalInt(2);
    m.created_on = row.DateAt(3);
    m.sealed_for_applicant = row.Bytes(4);
    m.sealed_for_office = row.Bytes(5);
    if (auto generation = row.OptionalInt(6))
      m.wrapping = OfficeWrapping{*generation, row.Blob32At(7), row.Bytes(8)};
    out.push_back(std::move(m));
  }
  return out;
}

// The table that holds a record of this kind (a fixed name, never input).
const char* TableOf(WrappedRecordKey::Kind kind) {
  using Kind = WrappedRecordKey::Kind;
  switch (kind) {
    case Kind::kApplication:
      return "applications";
    case Kind::kMessage:
      return "messages";
    case Kind::kPrisoner:
      return "prisoners";
    case Kind::kPersonAbroad:
      return "people_abroad";
  }
  return "people_abroad";
}

}  // namespace

Result<std::vector<std::int64_t>> SqlStore::AppendApplications(
    std::span<const NewApplication> batch) {
  return Write(*sessions_, [&](Session& s) -> Result<std::vector<std::int64_t>> {
    Transaction tx(s);
    s.ShareNewCasesLock();
    std::vector<std::int64_t> ids;
    ids.reserve(batch.size());
    for (const auto& a : batch) ids.push_back(InsertApplication(s, a, Origin::kApplicant));
    tx.Commit();
    return ids;
  });
}

Result<StoredApplication> SqlStore::GetApplication(std::int64_t id) {
  return Read(*sessions_, [&](Session& s) -> Result<StoredApplication> {
    auto rows =
        s.Run(fmt::format("SELECT id, received_on, status, {}, receipt_lookup, reply_public, "
                          "ephemeral_public, wrapped_key, sealed_fields, assigned_user_id, "
                          "key_generation, custody_sealed, version, merged_into, group_case_id, "
                          "plan_sealed FROM applications WHERE id = $1",
                          kClearColumns),
              Params().Add(id));
    if (rows.empty()) return NotFound("no such case");
    const Row row = rows[0];
    StoredApplication a;
    a.id = row.Int(0);
    a.received_on = row.DateAt(1);
    a.status = row.Valid(ParseCaseStatus(row.Text(2)));
    a.clear = ReadClear(row, 3);
    a.receipt_lookup = row.Blob32At(9);
    a.reply_public = row.Blob32At(10);
    a.ephemeral_public = row.Blob32At(11);
    a.wrapped_key = row.Bytes(12);
    a.sealed_fields = row.Bytes(13);
    a.assigned_user_id = row.OptionalInt(14);
    a.key_generation = row.Int(15);
    a.custody_sealed = row.Bytes(16);
    a.version = row.Int(17);
    a.merged_into = row.OptionalInt(18);
    a.group_case_id = row.OptionalInt(19);
    a.plan_sealed = row.Bytes(20);
    return a;
  });
}

Result<ApplicantView> SqlStore::FindByReceiptLookup(const Blob32& lookup) {
  return Read(*sessions_, [&](Session& s) -> Result<ApplicantView> {
    Transaction tx(s, Access::kConsistentRead);  // the case and its messages as of one moment
    // Both queries always run, so that a duress receipt's check does the same work as a real
    // one's (docs/security.md, "Duress receipts").
    auto rows = s.Run("SELECT id, status, received_on FROM applications WHERE receipt_lookup = $1",
                      Params().AddBytes(lookup));
    auto duress = s.Run(
        "SELECT a.id, a.received_on FROM duress_receipts d JOIN applications a ON a.id = "
        "d.case_id WHERE d.lookup = $1",
        Params().AddBytes(lookup));
    if (rows.empty() && duress.empty()) return NotFound("no application has that receipt");
    ApplicantView view;
    if (!rows.empty()) {
      view.case_id = rows[0].Int(0);
      view.status = rows[0].Valid(ParseCaseStatus(rows[0].Text(1)));
      view.received_on = rows[0].DateAt(2);
    } else {  // the harmless view: received, nothing more
      view.case_id = duress[0].Int(0);
      view.status = CaseStatus::kNew;
      view.received_on = duress[0].DateAt(1);
    }
    view.messages = SelectMessages(s, view.case_id);
    tx.Commit();
    return view;
  });
}

Result<std::optional<DuressReceipt>> SqlStore::DuressReceiptOf(std::int64_t case_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::optional<DuressReceipt>> {
    auto rows = s.Run("SELECT lookup, reply_public FROM duress_receipts WHERE case_id = $1",
                      Params().Add(case_id));
    if (rows.empty()) return std::optional<DuressReceipt>();
    return std::optional<DuressReceipt>(DuressReceipt{rows[0].Blob32At(0), rows[0].Blob32At(1)});
  });
}

Result<std::optional<std::int64_t>> SqlStore::CaseOfDuressLookup(const Blob32& lookup) {
  return Read(*sessions_, [&](Session& s) -> Result<std::optional<std::int64_t>> {
    auto rows =
        s.Run("SELECT case_id FROM duress_receipts WHERE lookup = $1", Params().AddBytes(lookup));
    if (rows.empty()) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(rows[0].Int(0));
  });
}

namespace {

constexpr std::string_view kProofSelect =
    "SELECT seq, case_id, logged_on, received_on, commitment, salt, previous, signature FROM "
    "application_proofs";

ProofRecord ReadProof(const Row& row) {
  return ProofRecord{.seq = row.Int(0),
                     .case_id = row.OptionalInt(1),
                     .logged_on = row.DateAt(2),
                     .received_on = row.DateAt(3),
                     .commitment = row.Blob32At(4),
                     .salt = row.Bytes(5),
                     .previous = row.Blob32At(6),
                     .signature = row.Bytes(7)};
}

std::optional<ProofRecord> FirstProof(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return ReadProof(rows[0]);
}

}  // namespace

Result<std::optional<ProofRecord>> SqlStore::LastProof() {
  return Read(*sessions_, [&](Session& s) -> Result<std::optional<ProofRecord>> {
    return FirstProof(s.Run(std::string(kProofSelect) + " ORDER BY seq DESC LIMIT 1"));
  });
}

Result<std::optional<ProofRecord>> SqlStore::ProofOfCase(std::int64_t case_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::optional<ProofRecord>> {
    return FirstProof(
        s.Run(std::string(kProofSelect) + " WHERE case_id = $1", Params().Add(case_id)));
  });
}

Result<std::vector<ProofRecord>> SqlStore::ListProofs(std::int64_t after_seq, int limit) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<ProofRecord>> {
    std::vector<ProofRecord> out;
    for (const Row& row : s.Run(std::string(kProofSelect) + " WHERE seq > $1 ORDER BY seq LIMIT $2",
                                Params().Add(after_seq).Add(std::int64_t{limit})))
      out.push_back(ReadProof(row));
    return out;
  });
}

Status SqlStore::AppendProof(const ProofRecord& r) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    // The seq must follow the newest entry's and the case must have none: a gap or a second
    // entry would be a log the office did not mean to keep.
    const auto last = s.Run("SELECT COALESCE(MAX(seq), 0) FROM application_proofs");
    if (last[0].Int(0) != r.seq - 1) return Error{ErrorCode::kConflict, "the proof log moved on"};
    if (r.case_id &&
        !s.Run("SELECT seq FROM application_proofs WHERE case_id = $1", Params().Add(*r.case_id))
             .empty())
      return Error{ErrorCode::kConflict, "the case has a proof already"};
    s.Run(
        "INSERT INTO application_proofs (seq, case_id, logged_on, received_on, commitment, salt, "
        "previous, signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        Params()
            .Add(r.seq)
            .Add(r.case_id)
            .Add(FormatIsoDate(r.logged_on))
            .Add(FormatIsoDate(r.received_on))
            .AddBytes(r.commitment)
            .AddBytes(r.salt)
            .AddBytes(r.previous)
            .AddBytes(r.signature));
    tx.Commit();
    return OkStatus();
  });
}

Result<bool> SqlStore::ClaimApplication(std::int64_t id, std::int64_t user_id) {
  return Write(*sessions_, [&](Session& s) -> Result<bool> {
    Transaction tx(s);
    if (s.Run("UPDATE applications SET assigned_user_id = $1 WHERE id = $2 AND assigned_user_id "
              "IS NULL",
              Params().Add(user_id).Add(id))
            .affected() > 0) {
      ResealRow(s, "applications", id);
      tx.Commit();
      return true;
    }
    auto holder =
        s.Run("SELECT assigned_user_id FROM applications WHERE id = $1", Params().Add(id));
    if (holder.empty()) return NotFound("no such case");
    return holder[0].OptionalInt(0) == user_id;
  });
}

Status SqlStore::DeleteApplication(std::int64_t id) {
  auto deleted = Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    // Cases whose MAC'd content changes with this one's deletion: those merged into it, its
    // members, and the groups whose history it appears in.
    const std::vector<std::int64_t> touched = ReadIds(
        s.Run("SELECT id FROM applications WHERE (merged_into = $1 OR group_case_id = $1) AND "
              "id != $1 UNION SELECT group_case_id FROM group_events WHERE member_case_id = $1 "
              "AND group_case_id != $1",
              Params().Add(id)));
    for (std::string_view sql :
         {"DELETE FROM messages WHERE case_id = $1", "DELETE FROM tasks WHERE case_id = $1",
          "DELETE FROM duress_receipts WHERE case_id = $1",
          "UPDATE applications SET merged_into = NULL WHERE merged_into = $1",
          "DELETE FROM case_events WHERE case_id = $1",
          "UPDATE applications SET group_case_id = NULL WHERE group_case_id = $1",
          "DELETE FROM group_events WHERE group_case_id = $1 OR member_case_id = $1"}) {
      s.Run(sql, Params().Add(id));
    }
    for (std::string_view sql : channel_sql::kDeleteCaseSender) s.Run(sql, Params().Add(id));
    // The proof log is append-only: the case's entry stays, without its case or its salt.
    s.Run("UPDATE application_proofs SET case_id = NULL, salt = $2 WHERE case_id = $1",
          Params().Add(id).AddBytes(Blob{}));
    if (s.Run("DELETE FROM applications WHERE id = $1", Params().Add(id)).affected() == 0)
      return NotFound("no such case");
    ResealRows(s, "applications", touched);
    s.MarkForErasure({"applications", "messages", "tasks", "case_events", "group_events",
                      "channel_senders", "channel_outbox", "duress_receipts",
                      "application_proofs"});
    tx.Commit();
    return OkStatus();
  });
  if (!deleted) return deleted;
  return sessions_->FinishErasure(
      "the case was deleted, but the database log could not be cleared yet; run the deletion "
      "again shortly");
}

Status SqlStore::ChangeStatus(std::int64_t expected_version, const NewCaseEvent& event) {
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    // Compare and set: a concurrent change bumped the version, so this one must not land.
    if (s.Run("UPDATE applications SET status = $1, version = version + 1 WHERE id = $2 AND "
              "version = $3 AND status = $4",
              Params()
                  .Add(ToString(event.to))
                  .Add(event.case_id)
                  .Add(expected_version)
                  .Add(ToString(event.from)))
            .affected() == 0) {
      if (!RowExists(s, "applications", event.case_id)) return NotFound("no such case");
      return kCaseChanged;
    }
    Params p;
    p.Add(event.case_id)
        .Add(event.at)
        .Add(event.actor_user_id)
        .Add(ToString(event.from))
        .Add(ToString(event.to));
    p.AddBytesOrNull(event.reason_sealed);
    const std::int64_t event_id =
        s.Run(
             "INSERT INTO case_events (case_id, at, actor_user_id, from_status, to_status, "
             "reason_sealed) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
             p)[0]
            .Int(0);
    ResealRow(s, "case_events", event_id);
    ResealRow(s, "applications", event.case_id);
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<StoredCaseEvent>> SqlStore::ListCaseEvents(std::int64_t case_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<StoredCaseEvent>> {
    std::vector<StoredCaseEvent> out;
    for (const Row& row : s.Run("SELECT id, case_id, at, actor_user_id, from_status, to_status, "
                                "reason_sealed FROM case_events WHERE case_id = $1 ORDER BY id",
                                Params().Add(case_id))) {
      StoredCaseEvent e;
      e.id = row.Int(0);
      e.case_id = row.Int(1);
      e.at = row.Int(2);
      e.actor_user_id = row.Int(3);
      e.from = row.Valid(ParseCaseStatus(row.Text(4)));
      e.to = row.Valid(ParseCaseStatus(row.Text(5)));
      e.reason_sealed = row.Bytes(6);
      out.push_back(std::move(e));
    }
    return out;
  });
}

Status SqlStore::SetCustodySealed(std::int64_t id, const Blob& sealed) {
  auto updated = Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    if (s.Run("UPDATE applications SET custody_sealed = $1 WHERE id = $2",
              Params().AddBytes(sealed).Add(id))
            .affected() == 0) {
      return NotFound("no such case");
    }
    ResealRow(s, "applications", id);
    s.MarkForErasure({"applications"});  // the circumstance it replaces
    tx.Commit();
    return OkStatus();
  });
  if (!updated) return updated;
  return sessions_->FinishErasure(
      "the circumstance was recorded, but the database log could not be cleared yet; record it "
      "again shortly");
}

Result<std::int64_t> SqlStore::AddMessage(const NewMessage& m) {
  return Write(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    Params p;
    p.Add(m.case_id)
        .Add(m.author_user_id)
        .Add(FormatIsoDate(m.created_on))
        .AddBytes(m.sealed_for_applicant)
        .AddBytes(m.sealed_for_office);
    if (m.wrapping) {
      p.Add(m.wrapping->key_generation)
          .AddBytes(m.wrapping->ephemeral_public)
          .AddBytes(m.wrapping->wrapped_key);
    } else {
      p.AddNull().AddNull().AddNull();
    }
    Transaction tx(s);
    const std::int64_t id =
        s.Run(
             "INSERT INTO messages (case_id, author_user_id, created_on, sealed_for_applicant, "
             "sealed_for_office, key_generation, ephemeral_public, wrapped_key) VALUES ($1, $2, "
             "$3, $4, $5, $6, $7, $8) RETURNING id",
             p)[0]
            .Int(0);
    ResealRow(s, "messages", id);
    ResealRow(s, "applications", m.case_id);  // it counts its MAC'd messages
    tx.Commit();
    return id;
  });
}

Result<std::vector<StoredMessage>> SqlStore::ListMessages(std::int64_t case_id) {
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<StoredMessage>> {
    return SelectMessages(s, case_id);
  });
}

Result<std::int64_t> SqlStore::CountApplicantMessages(std::int64_t case_id, Date day) {
  return Read(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    return s
        .Run(
            "SELECT count(*) FROM messages WHERE case_id = $1 AND author_user_id IS NULL AND "
            "created_on = $2",
            Params().Add(case_id).Add(FormatIsoDate(day)))[0]
        .Int(0);
  });
}

Result<std::vector<WrappedRecordKey>> SqlStore::ListKeysOlderThan(std::int64_t generation,
                                                                  int limit) {
  using Kind = WrappedRecordKey::Kind;
  return Read(*sessions_, [&](Session& s) -> Result<std::vector<WrappedRecordKey>> {
    std::vector<WrappedRecordKey> out;
    auto left = [&] {
      return static_cast<std::int64_t>(limit) - static_cast<std::int64_t>(out.size());
    };
    for (const Row& row :
         s.Run("SELECT id, receipt_lookup, key_generation, ephemeral_public, wrapped_key FROM "
               "applications WHERE key_generation < $1 ORDER BY id LIMIT $2",
               Params().Add(generation).Add(left()))) {
      out.push_back({Kind::kApplication, row.Int(0), row.Int(0), row.Blob32At(1), row.Int(2),
                     row.Blob32At(3), row.Bytes(4)});
    }
    if (left() <= 0) return out;
    for (const Row& row :
         s.Run("SELECT id, case_id, key_generation, ephemeral_public, wrapped_key FROM messages "
               "WHERE key_generation < $1 ORDER BY id LIMIT $2",
               Params().Add(generation).Add(left()))) {
      out.push_back(
          {Kind::kMessage, row.Int(0), row.Int(1), {}, row.Int(2), row.Blob32At(3), row.Bytes(4)});
    }
    // Records sealed alone (no receipt, no case): prisoners and people abroad.
    for (Kind kind : {Kind::kPrisoner, Kind::kPersonAbroad}) {
      if (left() <= 0) return out;
      for (const Row& row :
           s.Run(fmt::format("SELECT id, key_generation, ephemeral_public, wrapped_key FROM {} "
                             "WHERE key_generation < $1 ORDER BY id LIMIT $2",
                             TableOf(kind)),
                 Params().Add(generation).Add(left()))) {
        out.push_back({kind, row.Int(0), 0, {}, row.Int(1), row.Blob32At(2), row.Bytes(3)});
      }
    }
    return out;
  });
}

Result<std::int64_t> SqlStore::CountKeysOlderThan(std::int64_t generation) {
  return Read(*sessions_, [&](Session& s) -> Result<std::int64_t> {
    return s.Run(kCountKeysOlderThanSql, Params().Add(generation))[0].Int(0);
  });
}

Status SqlStore::ReplaceWrappedKeys(std::span<const WrappedRecordKey> keys) {
  using Kind = WrappedRecordKey::Kind;
  return Write(*sessions_, [&](Session& s) -> Status {
    Transaction tx(s);
    // Messages' and applications' MACs cover their wrapped keys, and a case's covers its
    // messages, so a rewrapped key reseals them.
    for (const auto& k : keys) {
      s.Run(fmt::format("UPDATE {} SET key_generation = $1, ephemeral_public = $2, "
                        "wrapped_key = $3 WHERE id = $4",
                        TableOf(k.kind)),
            Params()
                .Add(k.key_generation)
                .AddBytes(k.ephemeral_public)
                .AddBytes(k.wrapped_key)
                .Add(k.id));
      if (k.kind == Kind::kMessage) ResealRow(s, "messages", k.id);
      if (k.kind == Kind::kMessage || k.kind == Kind::kApplication)
        ResealRow(s, "applications", k.case_id);
    }
    tx.Commit();
    return OkStatus();
  });
}

}  // namespace lifeline::store::sql
