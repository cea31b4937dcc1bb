#include "store/sql/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "store/readiness_sql.hpp"
#include "store/schema_version.hpp"

namespace lifeline::store::sql {
namespace {

// Every table at kHistoryEnd but readiness (readiness_sql.hpp). Columns that steps of the
// histories added come last, in the order the steps added them, as in an upgraded
// database; posting_legs' id comes first, where SQLite's rebuild of that table put it. The
// marker at the end asks the first office start to seal rows kept without a MAC (there are
// none in a fresh database, so it finds nothing), as step 23 of the histories does.
constexpr std::string_view kTables = R"sql(
CREATE TABLE installation (
  id {int} PRIMARY KEY CHECK (id = 1),
  passphrase_salt {bytes} NOT NULL,
  passphrase_opslimit {int} NOT NULL,
  passphrase_memlimit {int} NOT NULL,
  receipt_salt {bytes} NOT NULL,
  office_secret_sealed {bytes});
CREATE TABLE users (
  id {id},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled {int} NOT NULL DEFAULT 0,
  totp_sealed {bytes},
  totp_pending_sealed {bytes},
  totp_last_step {int} NOT NULL DEFAULT 0,
  row_mac {bytes});
CREATE TABLE applications (
  id {id},
  received_on TEXT NOT NULL,
  status TEXT NOT NULL,
  situation TEXT NOT NULL,
  group_kind TEXT NOT NULL,
  group_size {int} NOT NULL,
  contact_channel TEXT NOT NULL,
  language TEXT NOT NULL,
  deploy_by TEXT,
  receipt_lookup {bytes} NOT NULL UNIQUE,
  reply_public {bytes} NOT NULL,
  ephemeral_public {bytes} NOT NULL,
  wrapped_key {bytes},
  sealed_fields {bytes},
  assigned_user_id {int} REFERENCES users (id),
  key_generation {int} NOT NULL DEFAULT 1,
  custody_sealed {bytes},
  version {int} NOT NULL DEFAULT 0,
  handle_index {bytes},
  screening_score {int},
  name_index {bytes},
  merged_into {int} REFERENCES applications (id),
  group_case_id {int} REFERENCES applications (id),
  origin TEXT NOT NULL DEFAULT 'applicant',
  plan_sealed {bytes},
  row_mac {bytes});
CREATE INDEX applications_by_day ON applications (received_on, id);
CREATE INDEX applications_by_status ON applications (status, received_on, id);
CREATE INDEX applications_by_situation ON applications (situation, received_on, id);
CREATE TABLE audit_log (
  seq {int} PRIMARY KEY,
  at {int} NOT NULL,
  actor_user_id {int} NOT NULL,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  mac {bytes} NOT NULL);
CREATE TABLE recovery_codes (
  user_id {int} NOT NULL REFERENCES users (id),
  code_hash {bytes} NOT NULL,
  used {int} NOT NULL DEFAULT 0,
  PRIMARY KEY (user_id, code_hash));
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL);
CREATE INDEX applications_by_assignee ON applications (assigned_user_id, received_on, id);
CREATE TABLE office_keys (
  generation {int} PRIMARY KEY,
  public_key {bytes} NOT NULL,
  private_sealed {bytes},
  row_mac {bytes});
CREATE INDEX applications_by_key_generation ON applications (key_generation, id);
CREATE TABLE case_events (
  id {id},
  case_id {int} NOT NULL REFERENCES applications (id),
  at {int} NOT NULL,
  actor_user_id {int} NOT NULL REFERENCES users (id),
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  reason_sealed {bytes},
  row_mac {bytes});
CREATE INDEX case_events_by_case ON case_events (case_id, id);
CREATE TABLE messages (
  id {id},
  case_id {int} NOT NULL REFERENCES applications (id),
  author_user_id {int} REFERENCES users (id),
  created_on TEXT NOT NULL,
  sealed_for_applicant {bytes} NOT NULL,
  sealed_for_office {bytes} NOT NULL,
  key_generation {int},
  ephemeral_public {bytes},
  wrapped_key {bytes},
  row_mac {bytes});
CREATE INDEX messages_by_case ON messages (case_id, id);
CREATE INDEX messages_by_key_generation ON messages (key_generation, id) WHERE key_generation IS NOT NULL;
CREATE TABLE tasks (
  id {id},
  case_id {int} NOT NULL REFERENCES applications (id),
  kind TEXT NOT NULL,
  due_at {int} NOT NULL,
  note_sealed {bytes},
  created_by {int} NOT NULL REFERENCES users (id),
  done_at {int},
  done_by {int} REFERENCES users (id));
CREATE INDEX tasks_open_by_due ON tasks (due_at) WHERE done_at IS NULL;
CREATE INDEX tasks_by_case ON tasks (case_id, id);
CREATE INDEX applications_by_deploy_by ON applications (deploy_by) WHERE deploy_by IS NOT NULL;
CREATE INDEX applications_by_handle_index ON applications (handle_index) WHERE handle_index IS NOT NULL;
CREATE INDEX applications_unscreened ON applications (id) WHERE screening_score IS NULL;
CREATE TABLE screening_markers (
  id {id},
  handle_index {bytes},
  phrase_sealed {bytes},
  note_sealed {bytes} NOT NULL,
  created_by {int} NOT NULL REFERENCES users (id),
  created_at {int} NOT NULL);
CREATE INDEX applications_by_name_index ON applications (name_index) WHERE name_index IS NOT NULL;
CREATE INDEX applications_by_merged_into ON applications (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX applications_by_status_situation ON applications (status, situation, received_on, id);
CREATE INDEX applications_by_group ON applications (group_case_id, id) WHERE group_case_id IS NOT NULL;
CREATE TABLE group_events (
  id {id},
  group_case_id {int} NOT NULL REFERENCES applications (id),
  member_case_id {int} NOT NULL REFERENCES applications (id),
  kind TEXT NOT NULL,
  other_group_id {int},
  at {int} NOT NULL,
  actor_user_id {int} NOT NULL REFERENCES users (id),
  row_mac {bytes});
CREATE INDEX group_events_by_group ON group_events (group_case_id, id);
CREATE INDEX group_events_by_member ON group_events (member_case_id);
CREATE INDEX applications_alike ON applications (situation, group_kind, contact_channel, received_on, origin);
CREATE INDEX applications_daily ON applications (received_on, origin, situation, contact_channel, status);
CREATE TABLE callbacks (
  id {id},
  seal_id {bytes} NOT NULL UNIQUE,
  sealed {bytes},
  language TEXT NOT NULL,
  created_at {int} NOT NULL,
  due_at {int} NOT NULL,
  window_end {int} NOT NULL,
  status TEXT NOT NULL,
  attempts {int} NOT NULL DEFAULT 0);
CREATE INDEX callbacks_by_status_due ON callbacks (status, due_at);
CREATE TABLE queue_log (
  id {id},
  at {real} NOT NULL,
  call TEXT NOT NULL,
  operator TEXT NOT NULL,
  event TEXT NOT NULL);
CREATE INDEX queue_log_by_time ON queue_log (at);
CREATE TABLE contact_centre_operators (
  id {id},
  name TEXT NOT NULL UNIQUE,
  uri TEXT NOT NULL,
  languages TEXT NOT NULL);
CREATE TABLE contact_centre_settings (
  key TEXT PRIMARY KEY,
  value {int} NOT NULL);
CREATE TABLE camps (
  id {id},
  name TEXT NOT NULL UNIQUE,
  rules TEXT NOT NULL);
CREATE TABLE prisoners (
  id {id},
  camp_id {int} NOT NULL REFERENCES camps(id),
  case_id {int} UNIQUE,
  rank TEXT NOT NULL,
  health TEXT NOT NULL,
  arrived_on TEXT NOT NULL,
  language TEXT NOT NULL,
  status TEXT NOT NULL,
  capture_card_sent_on TEXT,
  ephemeral_public {bytes} NOT NULL,
  key_generation {int} NOT NULL,
  wrapped_key {bytes} NOT NULL,
  sealed_fields {bytes} NOT NULL);
CREATE INDEX prisoners_by_camp ON prisoners (camp_id, id);
CREATE TABLE prisoner_movements (
  id {id},
  prisoner_id {int} NOT NULL REFERENCES prisoners(id),
  kind TEXT NOT NULL,
  on_day TEXT NOT NULL,
  to_camp {int},
  reported_on TEXT);
CREATE INDEX movements_unreported ON prisoner_movements (reported_on, prisoner_id);
CREATE TABLE postings (
  id {id},
  camp_id {int} NOT NULL REFERENCES camps(id),
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  prisoner_id {int} NOT NULL,
  memo TEXT NOT NULL,
  reverses {int} UNIQUE REFERENCES postings(id),
  at {int} NOT NULL,
  row_mac {bytes},
  UNIQUE (camp_id, key));
CREATE INDEX postings_by_prisoner ON postings (prisoner_id, kind);
CREATE TABLE posting_legs (
  id {id},
  posting_id {int} NOT NULL REFERENCES postings(id),
  account TEXT NOT NULL,
  amount {int} NOT NULL,
  row_mac {bytes});
CREATE INDEX legs_by_posting ON posting_legs (posting_id);
CREATE INDEX legs_by_account ON posting_legs (account, posting_id);
CREATE TABLE balances (
  camp_id {int} NOT NULL REFERENCES camps(id),
  account TEXT NOT NULL,
  balance {int} NOT NULL,
  PRIMARY KEY (camp_id, account)){without_rowid};
CREATE TABLE prisoner_labour (
  prisoner_id {int} PRIMARY KEY REFERENCES prisoners(id),
  asked_for_work {int} NOT NULL,
  volunteers_dangerous {int} NOT NULL,
  last_medical_exam TEXT);
CREATE TABLE work_shifts (
  id {id},
  prisoner_id {int} NOT NULL REFERENCES prisoners(id),
  day TEXT NOT NULL,
  start_minute {int} NOT NULL,
  end_minute {int} NOT NULL,
  kind TEXT NOT NULL,
  supervisory {int} NOT NULL,
  dangerous {int} NOT NULL);
CREATE INDEX work_shifts_by_prisoner ON work_shifts (prisoner_id, day);
CREATE TABLE phone_waiting (
  prisoner_id {int} PRIMARY KEY REFERENCES prisoners(id),
  camp_id {int} NOT NULL REFERENCES camps(id),
  since TEXT NOT NULL,
  last_call TEXT);
CREATE INDEX phone_waiting_by_camp ON phone_waiting (camp_id);
CREATE TABLE phone_calls (
  id {id},
  camp_id {int} NOT NULL REFERENCES camps(id),
  prisoner_id {int} NOT NULL REFERENCES prisoners(id),
  day TEXT NOT NULL,
  start_minute {int} NOT NULL,
  end_minute {int} NOT NULL,
  outcome TEXT NOT NULL,
  minutes {int} NOT NULL,
  posting_id {int} REFERENCES postings(id));
CREATE UNIQUE INDEX phone_calls_one_per_slot ON phone_calls (camp_id, day, start_minute) WHERE outcome != 'no_show';
CREATE INDEX phone_calls_by_prisoner ON phone_calls (prisoner_id, day);
CREATE TABLE phone_rota (
  camp_id {int} NOT NULL REFERENCES camps(id),
  day TEXT NOT NULL,
  position {int} NOT NULL,
  start_minute {int},
  end_minute {int},
  prisoner_id {int} NOT NULL REFERENCES prisoners(id),
  PRIMARY KEY (camp_id, day, position)){without_rowid};
CREATE TABLE mail (
  id {id},
  prisoner_id {int} NOT NULL REFERENCES prisoners(id),
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  direction TEXT NOT NULL,
  held {int} NOT NULL);
CREATE INDEX mail_by_prisoner ON mail (prisoner_id, day);
CREATE TABLE abroad_countries (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  days_allowed {int} NOT NULL,
  period_days {int} NOT NULL,
  note TEXT NOT NULL){without_rowid};
CREATE TABLE people_abroad (
  id {id},
  case_id {int} UNIQUE,
  wanted TEXT NOT NULL,
  needs TEXT NOT NULL,
  updated_at {int} NOT NULL,
  ephemeral_public {bytes} NOT NULL,
  key_generation {int} NOT NULL,
  wrapped_key {bytes} NOT NULL,
  sealed_fields {bytes} NOT NULL);
CREATE TABLE abroad_proceedings (
  id {id},
  person_id {int} NOT NULL REFERENCES people_abroad(id),
  kind TEXT NOT NULL,
  filed_on TEXT NOT NULL,
  closed {int} NOT NULL DEFAULT 0);
CREATE INDEX abroad_proceedings_by_person ON abroad_proceedings (person_id);
CREATE TABLE abroad_events (
  id {id},
  person_id {int} NOT NULL REFERENCES people_abroad(id),
  proceeding_id {int} REFERENCES abroad_proceedings(id),
  kind TEXT NOT NULL,
  on_day TEXT NOT NULL,
  risk {int});
CREATE INDEX abroad_board ON abroad_events (on_day, risk, person_id) WHERE risk IS NOT NULL;
CREATE INDEX abroad_overstays ON abroad_events (on_day, person_id) WHERE risk = 2;
CREATE INDEX abroad_events_by_person ON abroad_events (person_id, on_day);
CREATE INDEX abroad_events_by_proceeding ON abroad_events (proceeding_id);
CREATE TABLE abroad_lead_times (
  risk {int} PRIMARY KEY,
  days {int} NOT NULL);
CREATE TABLE abroad_pathways (
  id {id},
  person_id {int} NOT NULL REFERENCES people_abroad(id),
  kind TEXT NOT NULL,
  target_country TEXT NOT NULL,
  opened_on TEXT NOT NULL,
  steps TEXT NOT NULL);
CREATE INDEX abroad_pathways_by_person ON abroad_pathways (person_id);
CREATE TABLE abroad_partners (
  id {id},
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  public_key {bytes});
CREATE TABLE abroad_referrals (
  id {id},
  person_id {int} NOT NULL REFERENCES people_abroad(id),
  partner_id {int} NOT NULL REFERENCES abroad_partners(id),
  fields TEXT NOT NULL,
  consent_on TEXT NOT NULL,
  consent_how TEXT NOT NULL,
  created_at {int} NOT NULL,
  created_by {int} NOT NULL,
  package {bytes} NOT NULL);
CREATE INDEX abroad_referrals_by_person ON abroad_referrals (person_id);
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

CREATE TABLE channel_senders (
  id {id},
  sender_index {bytes} NOT NULL UNIQUE,
  channel TEXT NOT NULL,
  case_id {int} NOT NULL,
  language TEXT NOT NULL,
  address_sealed {bytes},
  stopped {int} NOT NULL,
  blocked {int} NOT NULL,
  row_mac {bytes});
CREATE INDEX channel_senders_by_case ON channel_senders (case_id);
CREATE TABLE channel_inbound (
  message_key {bytes} PRIMARY KEY,
  sender_id {int} NOT NULL REFERENCES channel_senders(id),
  at {int} NOT NULL);
CREATE INDEX channel_inbound_by_sender ON channel_inbound (sender_id, at);
CREATE TABLE channel_outbox (
  id {id},
  sender_id {int} NOT NULL REFERENCES channel_senders(id),
  state TEXT NOT NULL,
  not_before {int},
  created_at {int} NOT NULL,
  text_sealed {bytes});
CREATE INDEX channel_outbox_by_state ON channel_outbox (state, not_before);
CREATE INDEX channel_outbox_by_sender ON channel_outbox (sender_id);
INSERT INTO settings (key, value) VALUES ('row_mac_backfill', 'pending');
)sql";

// Changes after kHistoryEnd, written once: (the version each brings the database to, its
// SQL in the same spelling as kTables). Append only; never edit a shipped change.
//
// 24: the stay rules seeded at 23 speak the console's language: each country's name and note
// in Russian, where a caseworker has not changed them (issue 20).
constexpr std::string_view kStayRulesInRussian = R"sql(
UPDATE abroad_countries SET note = 'пример правила: прежде чем на него полагаться, проверьте действующее'
  WHERE note = 'example rule: check the current one before relying on it';
UPDATE abroad_countries SET note = 'по шенгенской визе: сверьтесь с самой визой'
  WHERE note = 'Schengen visa holders: check the visa itself';
UPDATE abroad_countries SET name = 'Казахстан' WHERE code = 'KZ' AND name = 'Kazakhstan';
UPDATE abroad_countries SET name = 'Армения' WHERE code = 'AM' AND name = 'Armenia';
UPDATE abroad_countries SET name = 'Грузия' WHERE code = 'GE' AND name = 'Georgia';
UPDATE abroad_countries SET name = 'Киргизия' WHERE code = 'KG' AND name = 'Kyrgyzstan';
UPDATE abroad_countries SET name = 'Узбекистан' WHERE code = 'UZ' AND name = 'Uzbekistan';
UPDATE abroad_countries SET name = 'Турция' WHERE code = 'TR' AND name = 'Turkey';
UPDATE abroad_countries SET name = 'Сербия' WHERE code = 'RS' AND name = 'Serbia';
UPDATE abroad_countries SET name = 'Германия' WHERE code = 'DE' AND name = 'Germany';
UPDATE abroad_countries SET name = 'Франция' WHERE code = 'FR' AND name = 'France';
)sql";

// 25: the auditors' filters (by account, action, time) and the accounts page's last sign-in
// read the audit log through indexes rather than the whole log (docs/PERFORMANCE.md, "The
// audit log's filters").
constexpr std::string_view kAuditLogIndexes = R"sql(
CREATE INDEX audit_log_by_actor ON audit_log (actor_name, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_latest ON audit_log (action, actor_user_id, at);
CREATE INDEX audit_log_by_time ON audit_log (at);
)sql";

// Step 26: the language each account reads the console in (issue 20). Outside the row's
// MAC on purpose: it changes only the words shown to the account, never what it may do.
constexpr std::string_view kConsoleLanguage = R"sql(
ALTER TABLE users ADD COLUMN console_language TEXT NOT NULL DEFAULT 'ru'
  CHECK (console_language IN ('ru', 'uk', 'en'));
)sql";

// Step 27: duress receipts (issue 22): a second receipt an applicant may ask for, which opens
// a harmless status page and tells the office. Its own table, so that a case without one
// has no trace of the choice. Outside the case's MAC: deleting a row stops the signal (the
// office then sees a real check), it cannot make anyone else's receipt open a case.
constexpr std::string_view kDuressReceipts = R"sql(
CREATE TABLE duress_receipts (
  lookup {bytes} PRIMARY KEY,
  case_id {int} NOT NULL UNIQUE REFERENCES applications (id),
  reply_public {bytes} NOT NULL){without_rowid};
)sql";

// Step 28: the proof-of-application log (issue 22): signed statements an applicant may hold,
// each chained to the one before (app/intake/application_proof.hpp). Append-only: deleting
// a case unlinks its entry and erases its salt, the entry stays. Outside the row MACs: each
// entry carries the office's signature, which the issuer checks before it chains to it.
constexpr std::string_view kApplicationProofs = R"sql(
CREATE TABLE application_proofs (
  seq {int} PRIMARY KEY,
  case_id {int} UNIQUE REFERENCES applications (id),
  logged_on TEXT NOT NULL,
  received_on TEXT NOT NULL,
  commitment {bytes} NOT NULL,
  salt {bytes} NOT NULL,
  previous {bytes} NOT NULL,
  signature {bytes} NOT NULL){without_rowid};
)sql";

constexpr std::array<std::pair<int, std::string_view>, 5> kLaterChanges = {{
    {24, kStayRulesInRussian},
    {25, kAuditLogIndexes},
    {26, kConsoleLanguage},
    {27, kDuressReceipts},
    {28, kApplicationProofs},
}};

static_assert(kHistoryEnd + static_cast<int>(kLaterChanges.size()) == kSchemaVersion,
              "a schema change is appended to kLaterChanges and raises kSchemaVersion");

std::string Spell(std::string_view sql, const Spelling& s) {
  return fmt::format(fmt::runtime(sql), fmt::arg("id", s.id), fmt::arg("int", s.int64),
                     fmt::arg("bytes", s.bytes), fmt::arg("real", s.real),
                     fmt::arg("without_rowid", s.without_rowid));
}

}  // namespace

std::string CreateSchema(const Spelling& spelling) {
  std::string sql = Spell(kTables, spelling);
  sql += readiness_sql::kCreateTable;
  for (const auto& [version, change] : kLaterChanges) sql += Spell(change, spelling);
  return sql;
}

std::vector<std::pair<int, std::string>> ChangesAfter(int version, const Spelling& spelling) {
  std::vector<std::pair<int, std::string>> out;
  for (const auto& [target, change] : kLaterChanges)
    if (target > version) out.emplace_back(target, Spell(change, spelling));
  return out;
}

}  // namespace lifeline::store::sql
