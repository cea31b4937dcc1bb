#include "store/sqlite/migrations.hpp"

#include <fmt/format.h>

#include <array>
#include <string_view>

#include "store/schema_version.hpp"
#include "store/sql/history.hpp"
#include "store/sql/schema.hpp"

namespace lifeline::store::sqlite {
namespace {

// SQLite's own history: each entry moves a database made by an older lifeline from version i
// to i+1, up to 20; steps 21 to sql::kHistoryEnd both engines took alike (sql/history.hpp).
// Frozen: later changes are written once in store/sql/schema.cpp, and a fresh database is
// created from the schema declared there.
constexpr std::array<std::string_view, 20> kMigrations = {
    R"sql(
CREATE TABLE installation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  office_public BLOB NOT NULL,
  office_private_sealed BLOB NOT NULL,
  office_private_salt BLOB NOT NULL,
  office_private_opslimit INTEGER NOT NULL,
  office_private_memlimit INTEGER NOT NULL,
  receipt_salt BLOB NOT NULL
);
CREATE TABLE applications (
  id INTEGER PRIMARY KEY,
  received_on TEXT NOT NULL,
  status TEXT NOT NULL,
  situation TEXT NOT NULL,
  group_kind TEXT NOT NULL,
  group_size INTEGER NOT NULL,
  contact_channel TEXT NOT NULL,
  language TEXT NOT NULL,
  deploy_by TEXT,
  receipt_lookup BLOB NOT NULL UNIQUE,
  reply_public BLOB NOT NULL,
  ephemeral_public BLOB NOT NULL,
  wrapped_key BLOB,
  sealed_fields BLOB
);
CREATE INDEX applications_by_day ON applications (received_on, id);
CREATE INDEX applications_by_status ON applications (status, received_on, id);
CREATE INDEX applications_by_situation ON applications (situation, received_on, id);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE replies (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES applications (id),
  author_user_id INTEGER NOT NULL REFERENCES users (id),
  created_on TEXT NOT NULL,
  sealed_for_applicant BLOB NOT NULL,
  sealed_for_office BLOB NOT NULL
);
CREATE INDEX replies_by_case ON replies (case_id, id);
)sql",
    R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_user_id INTEGER NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  mac BLOB NOT NULL
);
)sql",
    R"sql(
ALTER TABLE users ADD COLUMN totp_sealed BLOB;
ALTER TABLE users ADD COLUMN totp_pending_sealed BLOB;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
CREATE TABLE recovery_codes (
  user_id INTEGER NOT NULL REFERENCES users (id),
  code_hash BLOB NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, code_hash)
);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql",
    R"sql(
ALTER TABLE applications ADD COLUMN assigned_user_id INTEGER REFERENCES users (id);
CREATE INDEX applications_by_assignee ON applications (assigned_user_id, received_on, id);
)sql",
    // Office key generations (rotation) and the independent office secret.
    R"sql(
CREATE TABLE office_keys (
  generation INTEGER PRIMARY KEY,
  public_key BLOB NOT NULL,
  private_sealed BLOB
);
INSERT INTO office_keys (generation, public_key, private_sealed)
  SELECT 1, office_public, office_private_sealed FROM installation;
ALTER TABLE installation DROP COLUMN office_public;
ALTER TABLE installation DROP COLUMN office_private_sealed;
ALTER TABLE installation RENAME COLUMN office_private_salt TO passphrase_salt;
ALTER TABLE installation RENAME COLUMN office_private_opslimit TO passphrase_opslimit;
ALTER TABLE installation RENAME COLUMN office_private_memlimit TO passphrase_memlimit;
ALTER TABLE installation ADD COLUMN office_secret_sealed BLOB;
ALTER TABLE applications ADD COLUMN key_generation INTEGER NOT NULL DEFAULT 1;
CREATE INDEX applications_by_key_generation ON applications (key_generation, id);
)sql",
    // The sealed custody circumstance (domain/custody.hpp), under the record key.
    R"sql(
ALTER TABLE applications ADD COLUMN custody_sealed BLOB;
)sql",
    // The case workflow: a version for concurrent edits, and each case's timeline.
    R"sql(
ALTER TABLE applications ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES applications (id),
  at INTEGER NOT NULL,
  actor_user_id INTEGER NOT NULL REFERENCES users (id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason_sealed BLOB
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);
)sql",
    // Two-way messages: replies become one conversation, and the applicant's messages are
    // sealed for the office like applications. The author becomes optional, so the table is
    // rebuilt (SQLite cannot drop a NOT NULL).
    R"sql(
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES applications (id),
  author_user_id INTEGER REFERENCES users (id),
  created_on TEXT NOT NULL,
  sealed_for_applicant BLOB NOT NULL,
  sealed_for_office BLOB NOT NULL,
  key_generation INTEGER,
  ephemeral_public BLOB,
  wrapped_key BLOB
);
INSERT INTO messages (id, case_id, author_user_id, created_on, sealed_for_applicant, sealed_for_office)
  SELECT id, case_id, author_user_id, created_on, sealed_for_applicant, sealed_for_office FROM replies;
DROP TABLE replies;
CREATE INDEX messages_by_case ON messages (case_id, id);
CREATE INDEX messages_by_key_generation ON messages (key_generation, id) WHERE key_generation IS NOT NULL;
)sql",
    // Follow-up tasks, and the deployment-date queue.
    R"sql(
CREATE TABLE tasks (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES applications (id),
  kind TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  note_sealed BLOB,
  created_by INTEGER NOT NULL REFERENCES users (id),
  done_at INTEGER,
  done_by INTEGER REFERENCES users (id)
);
CREATE INDEX tasks_open_by_due ON tasks (due_at) WHERE done_at IS NULL;
CREATE INDEX tasks_by_case ON tasks (case_id, id);
CREATE INDEX applications_by_deploy_by ON applications (deploy_by) WHERE deploy_by IS NOT NULL;
)sql",
    // Screening: the contact handle's blind index, a score, and verifiers' markers.
    R"sql(
ALTER TABLE applications ADD COLUMN handle_index BLOB;
ALTER TABLE applications ADD COLUMN screening_score INTEGER;
CREATE INDEX applications_by_handle_index ON applications (handle_index) WHERE handle_index IS NOT NULL;
CREATE INDEX applications_unscreened ON applications (id) WHERE screening_score IS NULL;
CREATE INDEX applications_alike ON applications (situation, group_kind, contact_channel, received_on);
CREATE TABLE screening_markers (
  id INTEGER PRIMARY KEY,
  handle_index BLOB,
  phrase_sealed BLOB,
  note_sealed BLOB NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL
);
)sql",
    // Duplicates: the name's blind index across spellings, and merges.
    R"sql(
ALTER TABLE applications ADD COLUMN name_index BLOB;
ALTER TABLE applications ADD COLUMN merged_into INTEGER REFERENCES applications (id);
CREATE INDEX applications_by_name_index ON applications (name_index) WHERE name_index IS NOT NULL;
CREATE INDEX applications_by_merged_into ON applications (merged_into) WHERE merged_into IS NOT NULL;
)sql",
    // The case list filtered by status and situation at once (467 ms at 1,000,000 cases
    // without it: docs/PERFORMANCE.md).
    R"sql(
CREATE INDEX applications_by_status_situation ON applications (status, situation, received_on, id);
)sql",
    // Group (unit) cases: members linked to the case of the contact who speaks for them, the
    // group's sealed plan, and the history of who joined and left each group.
    R"sql(
ALTER TABLE applications ADD COLUMN group_case_id INTEGER REFERENCES applications (id);
ALTER TABLE applications ADD COLUMN origin TEXT NOT NULL DEFAULT 'applicant';
ALTER TABLE applications ADD COLUMN plan_sealed BLOB;
CREATE INDEX applications_by_group ON applications (group_case_id, id) WHERE group_case_id IS NOT NULL;
CREATE TABLE group_events (
  id INTEGER PRIMARY KEY,
  group_case_id INTEGER NOT NULL REFERENCES applications (id),
  member_case_id INTEGER NOT NULL REFERENCES applications (id),
  kind TEXT NOT NULL,
  other_group_id INTEGER,
  at INTEGER NOT NULL,
  actor_user_id INTEGER NOT NULL REFERENCES users (id)
);
CREATE INDEX group_events_by_group ON group_events (group_case_id, id);
CREATE INDEX group_events_by_member ON group_events (member_case_id);
)sql",
    // Statistics and screening read indexes only: at 1,000,000 cases the backlog by age took
    // 1.3 s and the day counts 0.6 s reading rows (docs/PERFORMANCE.md).
    R"sql(
DROP INDEX applications_alike;
CREATE INDEX applications_alike ON applications (situation, group_kind, contact_channel, received_on, origin);
CREATE INDEX applications_daily ON applications (received_on, origin, situation, contact_channel, status);
)sql",
    // Safe callbacks: the number and windows sealed, the schedule in clear.
    R"sql(
CREATE TABLE callbacks (
  id INTEGER PRIMARY KEY,
  seal_id BLOB NOT NULL UNIQUE,
  sealed BLOB,
  language TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX callbacks_by_status_due ON callbacks (status, due_at);
)sql",
    // The contact centre's queue log (no caller data).
    R"sql(
CREATE TABLE queue_log (
  id INTEGER PRIMARY KEY,
  at REAL NOT NULL,
  call TEXT NOT NULL,
  operator TEXT NOT NULL,
  event TEXT NOT NULL
);
CREATE INDEX queue_log_by_time ON queue_log (at);
)sql",
    // The contact centre's operators and lines, as managers set them up.
    R"sql(
CREATE TABLE contact_centre_operators (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  uri TEXT NOT NULL,
  languages TEXT NOT NULL
);
CREATE TABLE contact_centre_settings (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
)sql",
    // Prisoner-of-war camps: the registry (identifying fields sealed), movements, and the
    // double-entry ledger. A posting's legs sum to zero; balances are kept in step with the
    // legs in the same transaction (lifeline ledger check proves it).
    R"sql(
CREATE TABLE camps (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  rules TEXT NOT NULL
);
CREATE TABLE prisoners (
  id INTEGER PRIMARY KEY,
  camp_id INTEGER NOT NULL REFERENCES camps(id),
  case_id INTEGER UNIQUE,
  rank TEXT NOT NULL,
  health TEXT NOT NULL,
  arrived_on TEXT NOT NULL,
  language TEXT NOT NULL,
  status TEXT NOT NULL,
  capture_card_sent_on TEXT,
  ephemeral_public BLOB NOT NULL,
  key_generation INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL,
  sealed_fields BLOB NOT NULL
);
CREATE INDEX prisoners_by_camp ON prisoners (camp_id, id);
CREATE TABLE prisoner_movements (
  id INTEGER PRIMARY KEY,
  prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
  kind TEXT NOT NULL,
  on_day TEXT NOT NULL,
  to_camp INTEGER,
  reported_on TEXT
);
CREATE INDEX movements_unreported ON prisoner_movements (reported_on, prisoner_id);
CREATE TABLE postings (
  id INTEGER PRIMARY KEY,
  camp_id INTEGER NOT NULL REFERENCES camps(id),
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  prisoner_id INTEGER NOT NULL,
  memo TEXT NOT NULL,
  reverses INTEGER UNIQUE REFERENCES postings(id),
  at INTEGER NOT NULL,
  UNIQUE (camp_id, key)
);
CREATE INDEX postings_by_prisoner ON postings (prisoner_id, kind);
CREATE TABLE posting_legs (
  posting_id INTEGER NOT NULL REFERENCES postings(id),
  account TEXT NOT NULL,
  amount INTEGER NOT NULL
);
CREATE INDEX legs_by_posting ON posting_legs (posting_id);
CREATE INDEX legs_by_account ON posting_legs (account, posting_id);
CREATE TABLE balances (
  camp_id INTEGER NOT NULL REFERENCES camps(id),
  account TEXT NOT NULL,
  balance INTEGER NOT NULL,
  PRIMARY KEY (camp_id, account)
) WITHOUT ROWID;
)sql",
    // The camp's labour (Arts. 49-55), its phone line's waiting list and call log, and the
    // correspondence log (Art. 71). One line per camp: a slot holds one call.
    R"sql(
CREATE TABLE prisoner_labour (
  prisoner_id INTEGER PRIMARY KEY REFERENCES prisoners(id),
  asked_for_work INTEGER NOT NULL,
  volunteers_dangerous INTEGER NOT NULL,
  last_medical_exam TEXT
);
CREATE TABLE work_shifts (
  id INTEGER PRIMARY KEY,
  prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
  day TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  kind TEXT NOT NULL,
  supervisory INTEGER NOT NULL,
  dangerous INTEGER NOT NULL
);
CREATE INDEX work_shifts_by_prisoner ON work_shifts (prisoner_id, day);
CREATE TABLE phone_waiting (
  prisoner_id INTEGER PRIMARY KEY REFERENCES prisoners(id),
  camp_id INTEGER NOT NULL REFERENCES camps(id),
  since TEXT NOT NULL,
  last_call TEXT
);
CREATE INDEX phone_waiting_by_camp ON phone_waiting (camp_id);
CREATE TABLE phone_calls (
  id INTEGER PRIMARY KEY,
  camp_id INTEGER NOT NULL REFERENCES camps(id),
  prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
  day TEXT NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  posting_id INTEGER REFERENCES postings(id)
);
-- One line per camp: a slot holds one call (a no-show leaves it to the next on standby).
CREATE UNIQUE INDEX phone_calls_one_per_slot ON phone_calls (camp_id, day, start_minute) WHERE outcome != 'no_show';
CREATE INDEX phone_calls_by_prisoner ON phone_calls (prisoner_id, day);
-- A day's rota, fixed when first planned, so that the guard's printout does not change as
-- calls are made; standby places have no slot.
CREATE TABLE phone_rota (
  camp_id INTEGER NOT NULL REFERENCES camps(id),
  day TEXT NOT NULL,
  position INTEGER NOT NULL,
  start_minute INTEGER,
  end_minute INTEGER,
  prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
  PRIMARY KEY (camp_id, day, position)
) WITHOUT ROWID;
CREATE TABLE mail (
  id INTEGER PRIMARY KEY,
  prisoner_id INTEGER NOT NULL REFERENCES prisoners(id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  direction TEXT NOT NULL,
  held INTEGER NOT NULL
);
CREATE INDEX mail_by_prisoner ON mail (prisoner_id, day);
)sql",
    // Help abroad (docs/abroad.md): people's sealed records, the dates the risk board
    // watches (from their records and their proceedings), pathways' checklists, the
    // countries' stay rules (examples to check, editable), partners and referrals.
    R"sql(
CREATE TABLE abroad_countries (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  days_allowed INTEGER NOT NULL,
  period_days INTEGER NOT NULL,
  note TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO abroad_countries VALUES
  ('KZ', 'Kazakhstan', 90, 180, 'example rule: check the current one before relying on it'),
  ('AM', 'Armenia', 180, 365, 'example rule: check the current one before relying on it'),
  ('GE', 'Georgia', 365, 365, 'example rule: check the current one before relying on it'),
  ('KG', 'Kyrgyzstan', 90, 180, 'example rule: check the current one before relying on it'),
  ('UZ', 'Uzbekistan', 90, 180, 'example rule: check the current one before relying on it'),
  ('TR', 'Turkey', 60, 180, 'example rule: check the current one before relying on it'),
  ('RS', 'Serbia', 30, 60, 'example rule: check the current one before relying on it'),
  ('DE', 'Germany', 90, 180, 'Schengen visa holders: check the visa itself'),
  ('FR', 'France', 90, 180, 'Schengen visa holders: check the visa itself');
CREATE TABLE people_abroad (
  id INTEGER PRIMARY KEY,
  case_id INTEGER UNIQUE,
  wanted TEXT NOT NULL,
  needs TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  ephemeral_public BLOB NOT NULL,
  key_generation INTEGER NOT NULL,
  wrapped_key BLOB NOT NULL,
  sealed_fields BLOB NOT NULL
);
CREATE TABLE abroad_proceedings (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people_abroad(id),
  kind TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  closed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX abroad_proceedings_by_person ON abroad_proceedings (person_id);
-- Every dated event: a proceeding's (proceeding_id set) or one the person's record sets
-- (the end of permitted stay, a document's expiry: replaced when the record changes).
-- `risk` is the abroad::RiskKind the board watches it as, graver first; NULL: not watched.
CREATE TABLE abroad_events (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people_abroad(id),
  proceeding_id INTEGER REFERENCES abroad_proceedings(id),
  kind TEXT NOT NULL,
  on_day TEXT NOT NULL,
  risk INTEGER
);
CREATE INDEX abroad_board ON abroad_events (on_day, risk, person_id) WHERE risk IS NOT NULL;
-- Ends of permitted stay already past: he is overstaying (or his record is out of date).
CREATE INDEX abroad_overstays ON abroad_events (on_day, person_id) WHERE risk = 2;
CREATE INDEX abroad_events_by_person ON abroad_events (person_id, on_day);
CREATE INDEX abroad_events_by_proceeding ON abroad_events (proceeding_id);
CREATE TABLE abroad_lead_times (
  risk INTEGER PRIMARY KEY,
  days INTEGER NOT NULL
);
CREATE TABLE abroad_pathways (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people_abroad(id),
  kind TEXT NOT NULL,
  target_country TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  steps TEXT NOT NULL
);
CREATE INDEX abroad_pathways_by_person ON abroad_pathways (person_id);
CREATE TABLE abroad_partners (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  public_key BLOB
);
CREATE TABLE abroad_referrals (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people_abroad(id),
  partner_id INTEGER NOT NULL REFERENCES abroad_partners(id),
  fields TEXT NOT NULL,
  consent_on TEXT NOT NULL,
  consent_how TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  package BLOB NOT NULL
);
CREATE INDEX abroad_referrals_by_person ON abroad_referrals (person_id);
)sql",
};

// SQLite's part of step 23 (sql/history.hpp): it cannot add a primary key to a table, so
// the posting legs move into a new table where each has an id and a row_mac column.
constexpr std::string_view kPostingLegsWithIds = R"sql(
CREATE TABLE posting_legs_with_id (
  id INTEGER PRIMARY KEY,
  posting_id INTEGER NOT NULL REFERENCES postings(id),
  account TEXT NOT NULL,
  amount INTEGER NOT NULL,
  row_mac BLOB
);
INSERT INTO posting_legs_with_id (posting_id, account, amount)
  SELECT posting_id, account, amount FROM posting_legs ORDER BY rowid;
DROP TABLE posting_legs;
ALTER TABLE posting_legs_with_id RENAME TO posting_legs;
CREATE INDEX legs_by_posting ON posting_legs (posting_id);
CREATE INDEX legs_by_account ON posting_legs (account, posting_id);
)sql";

int UserVersion(Connection& c) {
  auto stmt = c.Prepare("PRAGMA user_version");
  stmt.Step();
  return static_cast<int>(stmt.Int(0));
}

}  // namespace

// Steps 1 to 20 are SQLite's own; 21 to 23 both engines took alike (sql/history.hpp).
static_assert(kMigrations.size() == 20, "the history is frozen");

int LatestSchemaVersion() { return kSchemaVersion; }

Status Migrate(Connection& c, FreshDatabase fresh) {
  try {
    c.Execute("BEGIN IMMEDIATE");  // serialises concurrent migrators
    int version = UserVersion(c);
    if (version > LatestSchemaVersion()) {
      c.Execute("ROLLBACK");
      return Error{ErrorCode::kInternal,
                   fmt::format("the database has schema version {}, newer than this lifeline "
                               "understands ({}); upgrade lifeline",
                               version, LatestSchemaVersion())};
    }
    if (version == 0 && fresh == FreshDatabase::kFromDeclaredSchema) {
      c.Execute(sql::CreateSchema(sql::kSqliteSpelling));
      version = LatestSchemaVersion();
      c.Execute(fmt::format("PRAGMA user_version = {}", version));
    }
    for (; version < static_cast<int>(kMigrations.size()); ++version) {
      c.Execute(kMigrations[static_cast<std::size_t>(version)]);
      c.Execute(fmt::format("PRAGMA user_version = {}", version + 1));
    }
    for (const auto& [target, step] : sql::StepsFrom20(sql::kSqliteSpelling, kPostingLegsWithIds)) {
      if (target <= version) continue;
      c.Execute(step);
      c.Execute(fmt::format("PRAGMA user_version = {}", target));
      version = target;
    }
    for (const auto& [target, change] : sql::ChangesAfter(version, sql::kSqliteSpelling)) {
      c.Execute(change);
      c.Execute(fmt::format("PRAGMA user_version = {}", target));
    }
    c.Execute("COMMIT");
    return OkStatus();
  } catch (const SqliteError& e) {
    try {
      c.Execute("ROLLBACK");
    } catch (const SqliteError&) {
    }
    return Error{ErrorCode::kInternal, fmt::format("database migration failed: {}", e.what())};
  }
}

}  // namespace lifeline::store::sqlite
