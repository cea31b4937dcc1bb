#include "store/sqlite/outbox_store.hpp"

#include <algorithm>
#include <stdexcept>

#include "store/sqlite/connection.hpp"

namespace lifeline::store::sqlite {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox_applications (
  id INTEGER PRIMARY KEY,
  receipt_lookup BLOB NOT NULL UNIQUE,
  received_on INTEGER NOT NULL,
  situation INTEGER NOT NULL, group_kind INTEGER NOT NULL, group_size INTEGER NOT NULL,
  contact_channel INTEGER NOT NULL, language INTEGER NOT NULL, deploy_by INTEGER,
  reply_public BLOB NOT NULL, ephemeral_public BLOB NOT NULL, key_generation INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL, sealed_fields BLOB NOT NULL,
  duress_lookup BLOB UNIQUE, duress_reply_public BLOB);
CREATE TABLE IF NOT EXISTS outbox_messages (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL,
  receipt_lookup BLOB NOT NULL,
  created_on INTEGER NOT NULL,
  sealed_for_applicant BLOB NOT NULL, sealed_for_office BLOB NOT NULL,
  key_generation INTEGER NOT NULL, ephemeral_public BLOB NOT NULL, wrapped_key BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS applicant_views (
  receipt_lookup BLOB PRIMARY KEY,
  case_id INTEGER NOT NULL,
  sealed_stage BLOB NOT NULL,
  received_on INTEGER NOT NULL,
  sealed_proof BLOB) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox_proof_requests (
  id INTEGER PRIMARY KEY,
  receipt_lookup BLOB NOT NULL,
  commitment BLOB NOT NULL,
  salt BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS outbox_checks (
  id INTEGER PRIMARY KEY,
  receipt_lookup BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS view_messages (
  receipt_lookup BLOB NOT NULL REFERENCES applicant_views(receipt_lookup) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  created_on INTEGER NOT NULL,
  from_applicant INTEGER NOT NULL,
  sealed_for_applicant BLOB NOT NULL,
  PRIMARY KEY (receipt_lookup, position)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outbox_messages_by_case ON outbox_messages(case_id);
CREATE INDEX IF NOT EXISTS applicant_views_by_case ON applicant_views(case_id);
PRAGMA user_version = 2;
)sql";

// An outbox made before duress receipts (user_version 0 with tables): its applications gain
// the duress receipt's columns, and its views lose the one-view-per-case rule (a case with a
// duress receipt has two, alike: nothing in the outbox tells which is which).
constexpr std::string_view kFromVersion0 = R"sql(
PRAGMA foreign_keys = OFF;
BEGIN;
ALTER TABLE outbox_applications ADD COLUMN duress_lookup BLOB;
ALTER TABLE outbox_applications ADD COLUMN duress_reply_public BLOB;
CREATE UNIQUE INDEX outbox_applications_duress ON outbox_applications(duress_lookup);
CREATE TABLE applicant_views_1 (
  receipt_lookup BLOB PRIMARY KEY,
  case_id INTEGER NOT NULL,
  sealed_stage BLOB NOT NULL,
  received_on INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO applicant_views_1 SELECT receipt_lookup, case_id, sealed_stage, received_on
  FROM applicant_views;
DROP TABLE applicant_views;
ALTER TABLE applicant_views_1 RENAME TO applicant_views;
PRAGMA user_version = 1;
COMMIT;
PRAGMA foreign_keys = ON;
)sql";

// An outbox made before proofs of application (user_version 1): its views gain the sealed
// proof.
constexpr std::string_view kFromVersion1 = R"sql(
ALTER TABLE applicant_views ADD COLUMN sealed_proof BLOB;
PRAGMA user_version = 2;
)sql";

std::int64_t Days(const Date& day) { return std::chrono::sys_days{day}.time_since_epoch().count(); }
Date DayOf(std::int64_t days) { return Date{std::chrono::sys_days{std::chrono::days{days}}}; }
Blob32 ToBlob32(const Blob& blob) {
  Blob32 out{};
  std::copy_n(blob.begin(), std::min(blob.size(), out.size()), out.begin());
  return out;
}
std::span<const std::uint8_t> Bytes(const Blob32& blob) { return blob; }

// The applicant's messages still waiting in `case_id`, oldest first, as the view shows them.
std::vector<StoredMessage> WaitingMessages(Connection& db, std::int64_t case_id) {
  std::vector<StoredMessage> out;
  auto q = db.Prepare(
      "SELECT id, created_on, sealed_for_applicant FROM outbox_messages WHERE case_id = ? "
      "ORDER BY id");
  q.Bind(1, case_id);
  while (q.Step()) {
    StoredMessage m;
    m.id = q.Int(0);
    m.case_id = case_id;
    m.created_on = DayOf(q.Int(1));
    m.sealed_for_applicant = q.Blob(2);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

OutboxStore::OutboxStore(const std::string& path) : db_(std::make_unique<Connection>(path, true)) {
  std::int64_t version = 0;  // statements finished before the upgrades alter their tables
  {
    auto read = db_->Prepare("PRAGMA user_version");
    read.Step();
    auto tables =
        db_->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'outbox_applications'");
    tables.Step();
    version = tables.Int(0) == 1 ? read.Int(0) : 2;  // a new file is made as version 2
  }
  if (version == 0) db_->Execute(kFromVersion0);
  if (version <= 1) db_->Execute(kFromVersion1);
  db_->Execute(kSchema);
  db_->RefuseCommitsWhenBroken();
}

OutboxStore::~OutboxStore() = default;

Result<std::vector<std::int64_t>> OutboxStore::AppendApplications(
    std::span<const NewApplication> batch) {
  std::lock_guard lock(mutex_);
  try {
    Transaction tx(*db_);
    std::vector<std::int64_t> ids;
    // A lookup is taken when any receipt, waiting or collected, has it already.
    auto collected = db_->Prepare(
        "SELECT 1 FROM applicant_views WHERE receipt_lookup IN (?1, ?2) UNION ALL "
        "SELECT 1 FROM outbox_applications WHERE receipt_lookup IN (?1, ?2) OR "
        "duress_lookup IN (?1, ?2)");
    auto insert = db_->Prepare(
        "INSERT INTO outbox_applications (receipt_lookup, received_on, situation, group_kind, "
        "group_size, contact_channel, language, deploy_by, reply_public, ephemeral_public, "
        "key_generation, wrapped_key, sealed_fields, duress_lookup, duress_reply_public) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& a : batch) {
      collected.Bind(1, Bytes(a.receipt_lookup));
      collected.Bind(2, Bytes(a.duress ? a.duress->lookup : a.receipt_lookup));
      if (collected.Step()) return Error{ErrorCode::kConflict, "the receipt lookup exists"};
      collected.Reset();
      insert.Bind(1, Bytes(a.receipt_lookup))
          .Bind(2, Days(a.received_on))
          .Bind(3, static_cast<std::int64_t>(a.clear.situation))
          .Bind(4, static_cast<std::int64_t>(a.clear.group_kind))
          .Bind(5, static_cast<std::int64_t>(a.clear.group_size))
          .Bind(6, static_cast<std::int64_t>(a.clear.contact_channel))
          .Bind(7, static_cast<std::int64_t>(a.clear.language));
      if (a.clear.deploy_by) {
        insert.Bind(8, Days(*a.clear.deploy_by));
      } else {
        insert.BindNull(8);
      }
      insert.Bind(9, Bytes(a.reply_public))
          .Bind(10, Bytes(a.ephemeral_public))
          .Bind(11, a.key_generation)
          .Bind(12, a.wrapped_key)
          .Bind(13, a.sealed_fields);
      if (a.duress) {
        insert.Bind(14, Bytes(a.duress->lookup)).Bind(15, Bytes(a.duress->reply_public));
      } else {
        insert.BindNull(14).BindNull(15);
      }
      insert.Step();
      insert.Reset();
      ids.push_back(db_->LastInsertId());
    }
    tx.Commit();
    return ids;
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Result<ApplicantView> OutboxStore::FindByReceiptLookup(const Blob32& lookup) {
  std::lock_guard lock(mutex_);
  try {
    ApplicantView view;
    // Either receipt of a waiting application finds the same "new" page, by one query.
    auto waiting = db_->Prepare(
        "SELECT received_on FROM outbox_applications WHERE receipt_lookup = ?1 OR "
        "duress_lookup = ?1");
    waiting.Bind(1, Bytes(lookup));
    if (waiting.Step()) {
      view.received_on = DayOf(waiting.Int(0));
      return view;  // case_id 0: not collected yet
    }
    auto q = db_->Prepare(
        "SELECT case_id, sealed_stage, received_on, sealed_proof FROM applicant_views WHERE "
        "receipt_lookup = ?");
    q.Bind(1, Bytes(lookup));
    if (!q.Step()) return Error{ErrorCode::kNotFound, "no application has this lookup"};
    view.case_id = q.Int(0);
    view.sealed_stage = q.Blob(1);
    view.received_on = DayOf(q.Int(2));
    if (!q.IsNull(3)) view.sealed_proof = q.Blob(3);
    auto messages = db_->Prepare(
        "SELECT created_on, from_applicant, sealed_for_applicant FROM view_messages "
        "WHERE receipt_lookup = ? ORDER BY position");
    messages.Bind(1, Bytes(lookup));
    while (messages.Step()) {
      StoredMessage m;
      m.case_id = view.case_id;
      m.created_on = DayOf(messages.Int(0));
      if (messages.Int(1) == 0) m.author_user_id = 0;  // the office wrote it
      m.sealed_for_applicant = messages.Blob(2);
      view.messages.push_back(std::move(m));
    }
    const std::size_t from_office_view = view.messages.size();
    for (auto& m : WaitingMessages(*db_, view.case_id)) {
      const auto end = view.messages.begin() + static_cast<std::ptrdiff_t>(from_office_view);
      const bool shown = std::any_of(view.messages.begin(), end, [&](const StoredMessage& v) {
        return v.sealed_for_applicant == m.sealed_for_applicant;
      });
      if (!shown) view.messages.push_back(std::move(m));
    }
    return view;
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Result<std::int64_t> OutboxStore::AddMessage(const NewMessage& message) {
  if (message.case_id == 0) {
    return Error{ErrorCode::kUnavailable,
                 "the application has not reached the office yet; write again in a minute"};
  }
  if (message.author_user_id || !message.wrapping)
    return Error{ErrorCode::kInternal, "the outbox keeps only the applicant's sealed messages"};
  std::lock_guard lock(mutex_);
  try {
    // Either of the case's views' lookups: the office accepts the case's and its duress
    // receipt's (app/intake/collection.cpp).
    auto known = db_->Prepare(
        "SELECT receipt_lookup FROM applicant_views WHERE case_id = ? ORDER BY receipt_lookup "
        "LIMIT 1");
    known.Bind(1, message.case_id);
    if (!known.Step()) return Error{ErrorCode::kNotFound, "no such case here"};
    const Blob lookup = known.Blob(0);
    auto insert = db_->Prepare(
        "INSERT INTO outbox_messages (case_id, receipt_lookup, created_on, sealed_for_applicant, "
        "sealed_for_office, key_generation, ephemeral_public, wrapped_key) "
        "VALUES (?,?,?,?,?,?,?,?)");
    insert.Bind(1, message.case_id)
        .Bind(2, lookup)
        .Bind(3, Days(message.created_on))
        .Bind(4, message.sealed_for_applicant)
        .Bind(5, message.sealed_for_office)
        .Bind(6, message.wrapping->key_generation)
        .Bind(7, Bytes(message.wrapping->ephemeral_public))
        .Bind(8, message.wrapping->wrapped_key);
    insert.Step();
    return db_->LastInsertId();
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Result<std::int64_t> OutboxStore::CountApplicantMessages(std::int64_t case_id, Date day) {
  std::lock_guard lock(mutex_);
  try {
    auto q = db_->Prepare(
        "SELECT (SELECT count(*) FROM outbox_messages WHERE case_id = ?1 AND created_on = ?2) + "
        "(SELECT count(DISTINCT m.sealed_for_applicant) FROM view_messages m "
        " JOIN applicant_views v USING (receipt_lookup) "
        " WHERE v.case_id = ?1 AND m.created_on = ?2 AND m.from_applicant = 1)");
    q.Bind(1, case_id).Bind(2, Days(day));
    q.Step();
    return q.Int(0);
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Result<OutboxBatch> OutboxStore::Pending(int limit) {
  std::lock_guard lock(mutex_);
  try {
    OutboxBatch batch;
    auto apps = db_->Prepare(
        "SELECT id, receipt_lookup, received_on, situation, group_kind, group_size, "
        "contact_channel, language, deploy_by, reply_public, ephemeral_public, key_generation, "
        "wrapped_key, sealed_fields, duress_lookup, duress_reply_public FROM outbox_applications "
        "ORDER BY id LIMIT ?");
    apps.Bind(1, static_cast<std::int64_t>(limit));
    while (apps.Step()) {
      OutboxApplication a;
      a.id = apps.Int(0);
      a.row.receipt_lookup = ToBlob32(apps.Blob(1));
      a.row.received_on = DayOf(apps.Int(2));
      a.row.clear.situation = static_cast<Situation>(apps.Int(3));
      a.row.clear.group_kind = static_cast<GroupKind>(apps.Int(4));
      a.row.clear.group_size = static_cast<int>(apps.Int(5));
      a.row.clear.contact_channel = static_cast<ContactChannel>(apps.Int(6));
      a.row.clear.language = static_cast<Language>(apps.Int(7));
      if (auto d = apps.OptionalInt(8)) a.row.clear.deploy_by = DayOf(*d);
      a.row.reply_public = ToBlob32(apps.Blob(9));
      a.row.ephemeral_public = ToBlob32(apps.Blob(10));
      a.row.key_generation = apps.Int(11);
      a.row.wrapped_key = apps.Blob(12);
      a.row.sealed_fields = apps.Blob(13);
      if (!apps.IsNull(14))
        a.row.duress = DuressReceipt{ToBlob32(apps.Blob(14)), ToBlob32(apps.Blob(15))};
      batch.applications.push_back(std::move(a));
    }
    auto messages = db_->Prepare(
        "SELECT id, case_id, receipt_lookup, created_on, sealed_for_applicant, sealed_for_office, "
        "key_generation, ephemeral_public, wrapped_key FROM outbox_messages ORDER BY id LIMIT ?");
    messages.Bind(1, static_cast<std::int64_t>(limit));
    while (messages.Step()) {
      OutboxMessage m;
      m.id = messages.Int(0);
      m.message.case_id = messages.Int(1);
      m.receipt_lookup = ToBlob32(messages.Blob(2));
      m.message.created_on = DayOf(messages.Int(3));
      m.message.sealed_for_applicant = messages.Blob(4);
      m.message.sealed_for_office = messages.Blob(5);
      m.message.wrapping =
          OfficeWrapping{messages.Int(6), ToBlob32(messages.Blob(7)), messages.Blob(8)};
      batch.messages.push_back(std::move(m));
    }
    auto checks = db_->Prepare("SELECT id, receipt_lookup FROM outbox_checks ORDER BY id LIMIT ?");
    checks.Bind(1, static_cast<std::int64_t>(limit));
    while (checks.Step()) batch.checks.push_back({checks.Int(0), ToBlob32(checks.Blob(1))});
    auto requests = db_->Prepare(
        "SELECT id, receipt_lookup, commitment, salt FROM outbox_proof_requests ORDER BY id "
        "LIMIT ?");
    requests.Bind(1, static_cast<std::int64_t>(limit));
    while (requests.Step())
      batch.proof_requests.push_back({requests.Int(0), ToBlob32(requests.Blob(1)),
                                      ToBlob32(requests.Blob(2)), requests.Blob(3)});
    return batch;
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Status OutboxStore::AddChecks(std::span<const Blob32> lookups) {
  std::lock_guard lock(mutex_);
  try {
    Transaction tx(*db_);
    auto insert = db_->Prepare("INSERT INTO outbox_checks (receipt_lookup) VALUES (?)");
    for (const Blob32& lookup : lookups) {
      insert.Bind(1, Bytes(lookup));
      insert.Step();
      insert.Reset();
    }
    tx.Commit();
    return OkStatus();
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Status OutboxStore::AddProofRequest(const OutboxProofRequest& request) {
  std::lock_guard lock(mutex_);
  try {
    auto insert = db_->Prepare(
        "INSERT INTO outbox_proof_requests (receipt_lookup, commitment, salt) VALUES (?,?,?)");
    insert.Bind(1, Bytes(request.receipt_lookup))
        .Bind(2, Bytes(request.commitment))
        .Bind(3, request.salt);
    insert.Step();
    return OkStatus();
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Status OutboxStore::Erase(std::span<const std::int64_t> applications,
                          std::span<const std::int64_t> messages,
                          std::span<const std::int64_t> checks,
                          std::span<const std::int64_t> proof_requests) {
  std::lock_guard lock(mutex_);
  try {
    {
      Transaction tx(*db_);
      const auto erase = [this](std::string_view sql, std::span<const std::int64_t> ids) {
        auto d = db_->Prepare(sql);
        for (std::int64_t id : ids) {
          d.Bind(1, id);
          d.Step();
          d.Reset();
        }
      };
      erase("DELETE FROM outbox_applications WHERE id = ?", applications);
      erase("DELETE FROM outbox_messages WHERE id = ?", messages);
      erase("DELETE FROM outbox_checks WHERE id = ?", checks);
      erase("DELETE FROM outbox_proof_requests WHERE id = ?", proof_requests);
      tx.Commit();
    }
    // secure_delete zeroed the rows in the database pages; the write-ahead log still holds
    // the pages as they were before: copy it back and empty it.
    db_->Execute("PRAGMA wal_checkpoint(TRUNCATE)");
    return OkStatus();
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Result<std::vector<Blob32>> OutboxStore::ViewLookups(const std::optional<Blob32>& after,
                                                     int limit) {
  std::lock_guard lock(mutex_);
  try {
    auto q = db_->Prepare(after ? "SELECT receipt_lookup FROM applicant_views WHERE "
                                  "receipt_lookup > ?2 ORDER BY receipt_lookup LIMIT ?1"
                                : "SELECT receipt_lookup FROM applicant_views "
                                  "ORDER BY receipt_lookup LIMIT ?1");
    q.Bind(1, static_cast<std::int64_t>(limit));
    if (after) q.Bind(2, Bytes(*after));
    std::vector<Blob32> out;
    while (q.Step()) out.push_back(ToBlob32(q.Blob(0)));
    return out;
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

Status OutboxStore::PutViews(std::span<const ApplicantViewUpdate> views) {
  std::lock_guard lock(mutex_);
  try {
    Transaction tx(*db_);
    auto drop = db_->Prepare("DELETE FROM applicant_views WHERE receipt_lookup = ?");
    auto insert = db_->Prepare(
        "INSERT INTO applicant_views (receipt_lookup, case_id, sealed_stage, received_on, "
        "sealed_proof) VALUES (?,?,?,?,?)");
    auto add = db_->Prepare(
        "INSERT INTO view_messages (receipt_lookup, position, created_on, from_applicant, "
        "sealed_for_applicant) VALUES (?,?,?,?,?)");
    for (const auto& update : views) {
      const ApplicantView& v = update.view;
      drop.Bind(1, Bytes(update.receipt_lookup));
      drop.Step();
      drop.Reset();
      if (update.gone) continue;
      if (v.case_id <= 0 || v.sealed_stage.empty())
        return Error{ErrorCode::kInvalidInput, "a view needs its case id and sealed stage"};
      insert.Bind(1, Bytes(update.receipt_lookup))
          .Bind(2, v.case_id)
          .Bind(3, v.sealed_stage)
          .Bind(4, Days(v.received_on));
      if (v.sealed_proof.empty()) {
        insert.BindNull(5);
      } else {
        insert.Bind(5, v.sealed_proof);
      }
      insert.Step();
      insert.Reset();
      std::int64_t position = 0;
      for (const auto& m : v.messages) {
        add.Bind(1, Bytes(update.receipt_lookup))
            .Bind(2, position++)
            .Bind(3, Days(m.created_on))
            .Bind(4, static_cast<std::int64_t>(m.author_user_id ? 0 : 1))
            .Bind(5, m.sealed_for_applicant);
        add.Step();
        add.Reset();
      }
    }
    tx.Commit();
    return OkStatus();
  } catch (const SqliteError& e) {
    return ToError(e);
  }
}

}  // namespace lifeline::store::sqlite
