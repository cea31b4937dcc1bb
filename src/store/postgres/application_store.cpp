#include "store/postgres/application_store.hpp"

#include <fmt/format.h>

#include "store/key_generation_sql.hpp"
#include "store/postgres/case_rows.hpp"
#include "store/postgres/erasure.hpp"
#include "store/postgres/row_mac_rows.hpp"
#include "store/postgres/session.hpp"
#include "store/sql/channel_sql.hpp"

namespace lifeline::store::postgres {

using namespace rows;

namespace rows {

std::int64_t InsertApplication(PgConnection& c, const NewApplication& a, Origin origin,
                               std::optional<std::int64_t> group_case_id,
                               std::optional<std::int64_t> assigned_user_id) {
  PgSession s(c);
  return sql::InsertApplication(s, a, origin, group_case_id, assigned_user_id);
}

}  // namespace rows

namespace {

std::vector<StoredMessage> SelectMessages(PgConnection& c, std::int64_t case_id) {
  auto r = c.Exec(
      "SELECT id, case_id, author_user_id, created_on, sealed_for_applicant, sealed_for_office, "
      "key_generation, "
      "ephemeral_public, wrapped_key FROM messages WHERE case_id = $1 ORDER BY id",
      Params().Add(case_id));
  std::vector<StoredMessage> out;
  for (int i = 0; i < r.rows(); ++i) {
    StoredMessage m;
    m.id = r.Int(i, 0);
    m.case_id = r.Int(i, 1);
    m.author_user_id = r.OptionalInt(i, 2);
    m.created_on = ReadDate(r, i, 3);
    m.sealed_for_applicant = r.Bytes(i, 4);
    m.sealed_for_office = r.Bytes(i, 5);
    if (auto generation = r.OptionalInt(i, 6))
      m.wrapping = OfficeWrapping{*generation, ReadBlob32(r, i, 7), r.Bytes(i, 8)};
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

Result<std::vector<std::int64_t>> PgApplicationStore::AppendApplications(
    std::span<const NewApplication> batch) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<std::int64_t>> {
    PgTransaction tx(c);
    c.Exec("SELECT pg_advisory_xact_lock_shared($1)", Params().Add(kNewCasesLock));
    std::vector<std::int64_t> ids;
    ids.reserve(batch.size());
    for (const auto& a : batch) ids.push_back(InsertApplication(c, a, Origin::kApplicant));
    tx.Commit();
    return ids;
  });
}

Result<StoredApplication> PgApplicationStore::GetApplication(std::int64_t id) {
  return pool_.With([&](PgConnection& c) -> Result<StoredApplication> {
    auto r = c.Exec(
        fmt::format(
            "SELECT id, received_on, status, {}, receipt_lookup, reply_public, ephemeral_public, "
            "wrapped_key, sealed_fields, assigned_user_id, key_generation, custody_sealed, "
            "version, "
            "merged_into, group_case_id, plan_sealed FROM applications WHERE id = $1",
            kClearColumns),
        Params().Add(id));
    if (r.rows() == 0) return NotFound("no such case");
    StoredApplication a;
    a.id = r.Int(0, 0);
    a.received_on = ReadDate(r, 0, 1);
    a.status = OrCorrupt(ParseCaseStatus(r.Text(0, 2)));
    a.clear = ReadClear(r, 0, 3);
    a.receipt_lookup = ReadBlob32(r, 0, 9);
    a.reply_public = ReadBlob32(r, 0, 10);
    a.ephemeral_public = ReadBlob32(r, 0, 11);
    a.wrapped_key = r.Bytes(0, 12);
    a.sealed_fields = r.Bytes(0, 13);
    a.assigned_user_id = r.OptionalInt(0, 14);
    a.key_generation = r.Int(0, 15);
    a.custody_sealed = r.Bytes(0, 16);
    a.version = r.Int(0, 17);
    a.merged_into = r.OptionalInt(0, 18);
    a.group_case_id = r.OptionalInt(0, 19);
    a.plan_sealed = r.Bytes(0, 20);
    return a;
  });
}

Result<ApplicantView> PgApplicationStore::FindByReceiptLookup(const Blob32& lookup) {
  return pool_.With([&](PgConnection& c) -> Result<ApplicantView> {
    PgTransaction tx(
        c,
        PgTransaction::Isolation::kRepeatableRead);  // the case and its messages as of one moment
    auto r = c.Exec("SELECT id, status, received_on FROM applications WHERE receipt_lookup = $1",
                    Params().AddBytes(lookup));
    if (r.rows() == 0) return NotFound("no application has that receipt");
    ApplicantView view;
    view.case_id = r.Int(0, 0);
    view.status = OrCorrupt(ParseCaseStatus(r.Text(0, 1)));
    view.received_on = ReadDate(r, 0, 2);
    view.messages = SelectMessages(c, view.case_id);
    tx.Commit();
    return view;
  });
}

Result<bool> PgApplicationStore::ClaimApplication(std::int64_t id, std::int64_t user_id) {
  return pool_.With([&](PgConnection& c) -> Result<bool> {
    PgTransaction tx(c);
    auto claimed = c.Exec(
        "UPDATE applications SET assigned_user_id = $1 WHERE id = $2 AND assigned_user_id IS NULL",
        Params().Add(user_id).Add(id));
    if (claimed.affected() > 0) {
      ResealRow(c, "applications", id);
      tx.Commit();
      return true;
    }
    auto holder =
        c.Exec("SELECT assigned_user_id FROM applications WHERE id = $1", Params().Add(id));
    if (holder.rows() == 0) return NotFound("no such case");
    return holder.OptionalInt(0, 0) == user_id;
  });
}

Status PgApplicationStore::DeleteApplication(std::int64_t id) {
  auto deleted = pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    // Cases whose MAC'd content changes with this one's deletion: those merged into it, its
    // members, and the groups whose history it appears in.
    std::vector<std::int64_t> touched;
    auto related = c.Exec(
        "SELECT id FROM applications WHERE (merged_into = $1 OR group_case_id = $1) AND id != $1 "
        "UNION SELECT group_case_id FROM group_events WHERE member_case_id = $1 AND group_case_id "
        "!= $1",
        Params().Add(id));
    for (int i = 0; i < related.rows(); ++i) touched.push_back(related.Int(i, 0));
    for (const char* sql :
         {"DELETE FROM messages WHERE case_id = $1", "DELETE FROM tasks WHERE case_id = $1",
          "UPDATE applications SET merged_into = NULL WHERE merged_into = $1",
          "DELETE FROM case_events WHERE case_id = $1",
          "UPDATE applications SET group_case_id = NULL WHERE group_case_id = $1",
          "DELETE FROM group_events WHERE group_case_id = $1 OR member_case_id = $1"}) {
      c.Exec(sql, Params().Add(id));
    }
    for (std::string_view sql : sql::channel_sql::kDeleteCaseSender) c.Exec(sql, Params().Add(id));
    if (c.Exec("DELETE FROM applications WHERE id = $1", Params().Add(id)).affected() == 0) {
      return NotFound("no such case");
    }
    ResealRows(c, "applications", touched);
    MarkForErasure(c, {"applications", "messages", "tasks", "case_events", "group_events",
                       "channel_senders", "channel_outbox"});
    tx.Commit();
    return OkStatus();
  });
  if (!deleted) return deleted;
  return EraseMarked(pool_);
}

Status PgApplicationStore::ChangeStatus(std::int64_t expected_version, const NewCaseEvent& event) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    // Compare and set: a concurrent change bumped the version, so this one must not land.
    auto updated = c.Exec(
        "UPDATE applications SET status = $1, version = version + 1 WHERE id = $2 AND version = $3 "
        "AND status = $4",
        Params()
            .Add(ToString(event.to))
            .Add(event.case_id)
            .Add(expected_version)
            .Add(ToString(event.from)));
    if (updated.affected() == 0) {
      if (!RowExists(c, "applications", event.case_id)) return NotFound("no such case");
      return Error{ErrorCode::kConflict,
                   "the case changed since you opened it; reload it and try again"};
    }
    Params p;
    p.Add(event.case_id)
        .Add(event.at)
        .Add(event.actor_user_id)
        .Add(ToString(event.from))
        .Add(ToString(event.to));
    if (event.reason_sealed.empty())
      p.AddNull();
    else
      p.AddBytes(event.reason_sealed);
    const std::int64_t event_id = c.Exec(
                                       "INSERT INTO case_events (case_id, at, actor_user_id, "
                                       "from_status, to_status, reason_sealed) "
                                       "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                                       p)
                                      .Int(0, 0);
    ResealRow(c, "case_events", event_id);
    ResealRow(c, "applications", event.case_id);
    tx.Commit();
    return OkStatus();
  });
}

Result<std::vector<StoredCaseEvent>> PgApplicationStore::ListCaseEvents(std::int64_t case_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredCaseEvent>> {
    auto r = c.Exec(
        "SELECT id, case_id, at, actor_user_id, from_status, to_status, reason_sealed FROM "
        "case_events "
        "WHERE case_id = $1 ORDER BY id",
        Params().Add(case_id));
    std::vector<StoredCaseEvent> out;
    for (int i = 0; i < r.rows(); ++i) {
      StoredCaseEvent e;
      e.id = r.Int(i, 0);
      e.case_id = r.Int(i, 1);
      e.at = r.Int(i, 2);
      e.actor_user_id = r.Int(i, 3);
      e.from = OrCorrupt(ParseCaseStatus(r.Text(i, 4)));
      e.to = OrCorrupt(ParseCaseStatus(r.Text(i, 5)));
      e.reason_sealed = r.Bytes(i, 6);
      out.push_back(std::move(e));
    }
    return out;
  });
}

Status PgApplicationStore::SetCustodySealed(std::int64_t id, const Blob& sealed) {
  auto updated = pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    if (c.Exec("UPDATE applications SET custody_sealed = $1 WHERE id = $2",
               Params().AddBytes(sealed).Add(id))
            .affected() == 0) {
      return NotFound("no such case");
    }
    ResealRow(c, "applications", id);
    MarkForErasure(c, {"applications"});
    tx.Commit();
    return OkStatus();
  });
  if (!updated) return updated;
  return EraseMarked(pool_);
}

Result<std::int64_t> PgApplicationStore::AddMessage(const NewMessage& m) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
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
    PgTransaction tx(c);
    const std::int64_t id = c.Exec(
                                 "INSERT INTO messages (case_id, author_user_id, created_on, "
                                 "sealed_for_applicant, sealed_for_office, "
                                 "key_generation, ephemeral_public, wrapped_key) VALUES ($1, $2, "
                                 "$3, $4, $5, $6, $7, $8) RETURNING id",
                                 p)
                                .Int(0, 0);
    ResealRow(c, "messages", id);
    ResealRow(c, "applications", m.case_id);  // it counts its MAC'd messages
    tx.Commit();
    return id;
  });
}

Result<std::vector<StoredMessage>> PgApplicationStore::ListMessages(std::int64_t case_id) {
  return pool_.With([&](PgConnection& c) -> Result<std::vector<StoredMessage>> {
    return SelectMessages(c, case_id);
  });
}

Result<std::int64_t> PgApplicationStore::CountApplicantMessages(std::int64_t case_id, Date day) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c
        .Exec(
            "SELECT count(*) FROM messages WHERE case_id = $1 AND author_user_id IS NULL AND "
            "created_on = $2",
            Params().Add(case_id).Add(FormatIsoDate(day)))
        .Int(0, 0);
  });
}

Result<std::vector<WrappedRecordKey>> PgApplicationStore::ListKeysOlderThan(std::int64_t generation,
                                                                            int limit) {
  using Kind = WrappedRecordKey::Kind;
  return pool_.With([&](PgConnection& c) -> Result<std::vector<WrappedRecordKey>> {
    std::vector<WrappedRecordKey> out;
    auto left = [&] {
      return static_cast<std::int64_t>(limit) - static_cast<std::int64_t>(out.size());
    };
    auto applications = c.Exec(
        "SELECT id, receipt_lookup, key_generation, ephemeral_public, wrapped_key FROM "
        "applications "
        "WHERE key_generation < $1 ORDER BY id LIMIT $2",
        Params().Add(generation).Add(left()));
    for (int i = 0; i < applications.rows(); ++i) {
      out.push_back({Kind::kApplication, applications.Int(i, 0), applications.Int(i, 0),
                     ReadBlob32(applications, i, 1), applications.Int(i, 2),
                     ReadBlob32(applications, i, 3), applications.Bytes(i, 4)});
    }
    if (left() <= 0) return out;
    auto messages = c.Exec(
        "SELECT id, case_id, key_generation, ephemeral_public, wrapped_key FROM messages "
        "WHERE key_generation < $1 ORDER BY id LIMIT $2",
        Params().Add(generation).Add(left()));
    for (int i = 0; i < messages.rows(); ++i) {
      out.push_back({Kind::kMessage,
                     messages.Int(i, 0),
                     messages.Int(i, 1),
                     {},
                     messages.Int(i, 2),
                     ReadBlob32(messages, i, 3),
                     messages.Bytes(i, 4)});
    }
    // Records sealed alone (no receipt, no case): prisoners and people abroad.
    for (const auto& [kind, table] : {std::pair{Kind::kPrisoner, "prisoners"},
                                      std::pair{Kind::kPersonAbroad, "people_abroad"}}) {
      if (left() <= 0) return out;
      auto r =
          c.Exec(fmt::format("SELECT id, key_generation, ephemeral_public, wrapped_key FROM {} "
                             "WHERE key_generation < $1 ORDER BY id LIMIT $2",
                             table),
                 Params().Add(generation).Add(left()));
      for (int i = 0; i < r.rows(); ++i) {
        out.push_back({kind, r.Int(i, 0), 0, {}, r.Int(i, 1), ReadBlob32(r, i, 2), r.Bytes(i, 3)});
      }
    }
    return out;
  });
}

Result<std::int64_t> PgApplicationStore::CountKeysOlderThan(std::int64_t generation) {
  return pool_.With([&](PgConnection& c) -> Result<std::int64_t> {
    return c.Exec(kCountKeysOlderThanSql, Params().Add(generation)).Int(0, 0);
  });
}

Status PgApplicationStore::ReplaceWrappedKeys(std::span<const WrappedRecordKey> keys) {
  return pool_.With([&](PgConnection& c) -> Status {
    PgTransaction tx(c);
    for (const auto& k : keys) {
      using Kind = WrappedRecordKey::Kind;
      const char* table = k.kind == Kind::kApplication ? "applications"
                          : k.kind == Kind::kMessage   ? "messages"
                          : k.kind == Kind::kPrisoner  ? "prisoners"
                                                       : "people_abroad";
      c.Exec(fmt::format("UPDATE {} SET key_generation = $1, ephemeral_public = $2, wrapped_key = "
                         "$3 WHERE id = $4",
                         table),
             Params()
                 .Add(k.key_generation)
                 .AddBytes(k.ephemeral_public)
                 .AddBytes(k.wrapped_key)
                 .Add(k.id));
      if (k.kind == Kind::kMessage) ResealRow(c, "messages", k.id);
      if (k.kind == Kind::kMessage || k.kind == Kind::kApplication)
        ResealRow(c, "applications", k.case_id);
    }
    tx.Commit();
    return OkStatus();
  });
}

}  // namespace lifeline::store::postgres
