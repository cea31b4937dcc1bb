// Tamper-evident rows (app/audit/row_integrity.hpp), on SQLite and on a real PostgreSQL
// (store/test_engines.hpp): each edit someone with write access to the database could make
// behind the office's back is caught by the read path (which fails closed with kIntegrity and
// an audit entry) and by VerifyStoreRows (`lifeline verify`), naming the row.
#include "app/audit/row_integrity.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

#include "app/accounts/account_admin.hpp"
#include "app/accounts/sessions.hpp"
#include "app/accounts/setup.hpp"
#include "app/accounts/two_factor.hpp"
#include "app/audit/audit_log.hpp"
#include "app/cases/office.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"
#include "domain/camp/ledger.hpp"
#include "store/postgres/pg.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_engines.hpp"

namespace lifeline::app {
namespace {

using store::testing::Engine;
using store::testing::PostgresSchema;

constexpr char kPassphrase[] = "synthetic office passphrase";

store::NewApplication Application(std::uint8_t n) {
  store::NewApplication a;
  a.clear.situation = Situation::kAtFront;
  a.clear.contact_channel = ContactChannel::kTelegram;
  a.received_on = std::chrono::year{2026} / 11 / 20;
  a.receipt_lookup.fill(n);
  a.reply_public.fill(static_cast<std::uint8_t>(n + 1));
  a.ephemeral_public.fill(static_cast<std::uint8_t>(n + 2));
  a.wrapped_key = {n, n, n};
  a.sealed_fields = {static_cast<std::uint8_t>(n + 3), 9, 9};
  return a;
}

class RowIntegrityTest : public ::testing::TestWithParam<Engine> {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }

  void SetUp() override {
    if (GetParam() == Engine::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("lifeline-row-mac-" + store::testing::UniqueSuffix());
      std::filesystem::remove_all(dir_);
      store_ = store::OpenSqliteStore(dir_.string(), true);
    } else {
      if (!PostgresSchema::Available())
        GTEST_SKIP() << "no PostgreSQL for this run (ctest's *_postgres entries have one)";
      schema_ = std::make_unique<PostgresSchema>();
      ASSERT_TRUE(schema_->migrated()) << schema_->migrated().error().message;
      store_ = store::OpenPostgresStore({.conninfo = schema_->conninfo()});
    }
    ASSERT_TRUE(InitialiseInstallation(*store_, kPassphrase, "admin", "synthetic-admin-pw").ok());
    auto opener = UnlockOffice(*store_, kPassphrase);
    ASSERT_TRUE(opener.ok());
    audit_ = std::make_unique<AuditLog>(*store_, clock_, AuditKey(*opener));
    ASSERT_TRUE(EnableRowIntegrity(*store_, *opener, *audit_).ok());
    key_ = RowMacKey(*opener);
    two_factor_ = std::make_unique<TwoFactor>(*store_, *audit_, clock_, *opener);
    const auto device_key = SignInDeviceKey(*opener);
    office_ = std::make_unique<OfficeService>(*store_, *audit_, clock_, std::move(*opener));
    sessions_ =
        std::make_unique<Sessions>(*store_, *audit_, *two_factor_, clock_, device_key,
                                   SessionLimits{}, ThrottleLimits{}, &office_->integrity());
    operator_id_ =
        AddUser(*store_, *audit_, "op.one", Role::kOperator, "synthetic-password").value();
    auto ids =
        store_->AppendApplications(std::vector{Application(10), Application(40), Application(50)})
            .value();
    first_ = ids[0];
    second_ = ids[1];
    third_ = ids[2];
    for (auto id : ids) ASSERT_TRUE(store_->ClaimApplication(id, operator_id_).ok());
    store::NewCaseEvent event{first_, 1000, operator_id_, CaseStatus::kNew, CaseStatus::kContacted,
                              {}};
    ASSERT_TRUE(store_->ChangeStatus(0, event).ok());
    store::NewMessage reply{first_, operator_id_, std::chrono::year{2026} / 11 / 21,
                            {1, 2}, {3, 4},       std::nullopt};
    message_ = store_->AddMessage(reply).value();
    store::CampRecord record;
    record.name = "Лагерь № 1 (синтетический)";
    record.tariff.kopiyky_per_franc = 3800;
    camp_ = store_->InsertCamp(record).value();
    posting_ =
        store_->Post(camp_, lifeline::camp::WorkingPay("pay-1", 1, 5, record.tariff).value(), 1000)
            ->posting_id;
  }

  void TearDown() override {
    office_.reset();
    sessions_.reset();
    two_factor_.reset();
    audit_.reset();
    store_.reset();
    schema_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  // Runs SQL behind the store's back, as a database administrator or a restored stolen
  // backup would: the same statements on both engines.
  void Tamper(const std::string& sql) {
    if (GetParam() == Engine::kSqlite) {
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open((dir_ / "lifeline.db").c_str(), &db), SQLITE_OK);
      char* error = nullptr;
      const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
      const std::string message = error ? error : "";
      sqlite3_free(error);
      sqlite3_close(db);
      ASSERT_EQ(rc, SQLITE_OK) << message;
      return;
    }
    store::postgres::PgConnection(schema_->conninfo()).Execute(sql);
  }

  std::vector<std::string> BadRows() {
    auto verified = VerifyStoreRows(*store_, key_, 2);  // small batches: paging is exercised too
    EXPECT_TRUE(verified.ok());
    std::vector<std::string> names;
    for (const auto& bad : verified->bad) names.push_back(bad.table + ":" + std::to_string(bad.id));
    return names;
  }

  std::string Row(std::string_view table, std::int64_t id) {
    return std::string(table) + ":" + std::to_string(id);
  }

  bool Audited(const std::string& target) {
    auto entries = store_->ListAuditRecords(0, 1000);
    return std::any_of(entries->begin(), entries->end(), [&](const store::AuditRecord& r) {
      return r.action == "integrity_failure" && r.target == target;
    });
  }

  const Actor kCoordinator{1, "admin", Role::kCoordinator};
  testing::FixedClock clock_;
  std::filesystem::path dir_;
  std::unique_ptr<PostgresSchema> schema_;
  std::unique_ptr<store::Store> store_;
  crypto::Key32 key_{};
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<TwoFactor> two_factor_;
  std::unique_ptr<OfficeService> office_;
  std::unique_ptr<Sessions> sessions_;
  std::int64_t operator_id_ = 0, first_ = 0, second_ = 0, third_ = 0, message_ = 0, camp_ = 0,
               posting_ = 0;
};

TEST_P(RowIntegrityTest, AnUntouchedStoreVerifiesAndItsRowsAreUsed) {
  EXPECT_TRUE(BadRows().empty());
  EXPECT_TRUE(sessions_->SignIn("op.one", "synthetic-password", "", "desk").ok());
  EXPECT_TRUE(office_->integrity().Check("applications", first_).ok());
  // An intact case is used (its sealed fields here are synthetic bytes, so it is not opened).
  EXPECT_TRUE(office_->MayWorkOn(Actor{operator_id_, "op.one", Role::kOperator}, first_).ok());
  auto verified = VerifyStoreRows(*store_, key_);
  // admin, op.one, 3 cases, 1 event, 1 message, 1 office key, 1 posting and its 2 legs.
  EXPECT_EQ(verified->rows, 11);
  EXPECT_FALSE(verified->backfill_pending);
}

TEST_P(RowIntegrityTest, ARaisedRoleRefusesSignInAndSessions) {
  auto session = sessions_->SignIn("op.one", "synthetic-password", "", "desk");
  ASSERT_TRUE(session.ok());
  Tamper("UPDATE users SET role = 'coordinator' WHERE name = 'op.one'");
  auto again = sessions_->SignIn("op.one", "synthetic-password", "", "desk");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kIntegrity);
  // The failure says nothing to someone without the password.
  EXPECT_EQ(sessions_->SignIn("op.one", "wrong", "", "desk").error().code,
            ErrorCode::kUnauthenticated);
  EXPECT_EQ(sessions_->Authenticate(session->token).error().code, ErrorCode::kIntegrity);
  EXPECT_TRUE(Audited(Row("users", operator_id_)));
  EXPECT_EQ(BadRows(), std::vector{Row("users", operator_id_)});
}

TEST_P(RowIntegrityTest, AnAdministratorsChangesKeepTheAccountSoundAndAProlongedResetFails) {
  AccountAdmin admin(*store_, *store_, *audit_, *sessions_, clock_);
  const Actor administrator{1, "admin", Role::kAdmin};
  ASSERT_TRUE(admin.SetDisabled(administrator, operator_id_, true).ok());
  ASSERT_TRUE(admin.SetDisabled(administrator, operator_id_, false).ok());
  auto reset = admin.ResetPassword(administrator, operator_id_);
  ASSERT_TRUE(reset.ok());
  EXPECT_TRUE(BadRows().empty());
  auto session = sessions_->SignIn("op.one", reset->one_time_password, "", "desk");
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE(sessions_->ChangePassword(session->token, "", "a-new-synthetic-password").ok());
  EXPECT_TRUE(BadRows().empty());

  // Someone with write access gives a one-time password more time: the row fails.
  ASSERT_TRUE(admin.ResetPassword(administrator, operator_id_).ok());
  auto second = admin.ResetPassword(administrator, operator_id_);
  Tamper(
      "UPDATE users SET password_hash = replace(password_hash, 'reset:', 'reset:9') WHERE name "
      "= 'op.one'");
  EXPECT_EQ(sessions_->SignIn("op.one", second->one_time_password, "", "desk").error().code,
            ErrorCode::kIntegrity);
  EXPECT_EQ(BadRows(), std::vector{Row("users", operator_id_)});
}

TEST_P(RowIntegrityTest, AnEditedAssigneeOrStatusFailsTheCase) {
  Tamper("UPDATE applications SET assigned_user_id = 1 WHERE id = " + std::to_string(first_));
  Tamper("UPDATE applications SET status = 'verified' WHERE id = " + std::to_string(second_));
  EXPECT_EQ(office_->GetCase(kCoordinator, first_).error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(
      office_->ClaimCase(Actor{operator_id_, "op.one", Role::kOperator}, second_).error().code,
      ErrorCode::kIntegrity);
  EXPECT_TRUE(Audited(Row("applications", first_)));
  EXPECT_EQ(BadRows(), (std::vector{Row("applications", first_), Row("applications", second_)}));
}

TEST_P(RowIntegrityTest, AnEditedCustodyCircumstanceFailsTheCase) {
  // Custody is sealed, but a sealed value copied from another case, or removed, is an edit.
  ASSERT_TRUE(store_->SetCustodySealed(first_, {9, 9, 9}).ok());
  Tamper(
      "UPDATE applications SET custody_sealed = (SELECT a.custody_sealed FROM applications a WHERE "
      "a.id = " +
      std::to_string(first_) + ") WHERE id = " + std::to_string(second_));
  Tamper("UPDATE applications SET custody_sealed = NULL WHERE id = " + std::to_string(first_));
  EXPECT_EQ(office_->GetCase(kCoordinator, first_).error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(office_->GetCase(kCoordinator, second_).error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(BadRows(), (std::vector{Row("applications", first_), Row("applications", second_)}));
}

TEST_P(RowIntegrityTest, AnEditedGroupMembershipFailsItsRows) {
  // A case slipped into another's group, and a membership event forged for it.
  Tamper("UPDATE applications SET group_case_id = " + std::to_string(first_) +
         " WHERE id = " + std::to_string(second_));
  Tamper(
      "INSERT INTO group_events (group_case_id, member_case_id, kind, at, actor_user_id) VALUES (" +
      std::to_string(first_) + ", " + std::to_string(second_) + ", 'joined', 1000, 1)");
  EXPECT_EQ(office_->GetCase(kCoordinator, first_).error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(office_->GetCase(kCoordinator, second_).error().code, ErrorCode::kIntegrity);
  const auto bad = BadRows();
  EXPECT_EQ(bad.size(), 3u);  // both cases and the forged event
  EXPECT_NE(std::find(bad.begin(), bad.end(), Row("applications", first_)), bad.end());
  EXPECT_NE(std::find(bad.begin(), bad.end(), Row("applications", second_)), bad.end());
  EXPECT_TRUE(std::any_of(bad.begin(), bad.end(),
                          [](const std::string& r) { return r.starts_with("group_events:"); }));
}

TEST_P(RowIntegrityTest, AChannelConversationMovedToAnotherCaseFailsBothSenders) {
  // Two SMS conversations; swapping their cases would send case A's replies to B's phone.
  auto& channels = store_->Channels();
  std::vector<std::int64_t> cases, senders;
  for (std::uint8_t n : {90, 100}) {
    store::ChannelSender sender;
    sender.sender_index.fill(n);
    sender.channel = "sms";
    sender.language = "ru";
    sender.address_sealed = store::Blob{n, n};
    store::Blob32 message_key{};
    message_key.fill(static_cast<std::uint8_t>(n + 1));
    cases.push_back(channels.OpenConversation(Application(n), sender, message_key, 1000).value());
    senders.push_back(channels.FindSenderOfCase(cases.back()).value()->id);
  }
  ASSERT_TRUE(channels.BlockSender(senders[1]).ok());  // a change the office makes is resealed
  EXPECT_TRUE(BadRows().empty());
  EXPECT_TRUE(office_->integrity().Check("channel_senders", senders[0]).ok());
  Tamper("UPDATE channel_senders SET case_id = CASE WHEN id = " + std::to_string(senders[0]) +
         " THEN " + std::to_string(cases[1]) + " ELSE " + std::to_string(cases[0]) + " END");
  EXPECT_EQ(office_->integrity().Check("channel_senders", senders[0]).error().code,
            ErrorCode::kIntegrity);
  EXPECT_TRUE(Audited(Row("channel_senders", senders[0])));
  EXPECT_EQ(BadRows(),
            (std::vector{Row("channel_senders", senders[0]), Row("channel_senders", senders[1])}));
}

TEST_P(RowIntegrityTest, SwappedCaseRowsFailBoth) {
  // Case 3 would show case 2's applicant: the rows change places, ids stay.
  Tamper("UPDATE applications SET id = -1 WHERE id = " + std::to_string(third_));
  Tamper("UPDATE applications SET id = " + std::to_string(third_) +
         " WHERE id = " + std::to_string(second_));
  Tamper("UPDATE applications SET id = " + std::to_string(second_) + " WHERE id = -1");
  EXPECT_EQ(office_->GetCase(kCoordinator, second_).error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(office_->GetCase(kCoordinator, third_).error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(BadRows(), (std::vector{Row("applications", second_), Row("applications", third_)}));
}

TEST_P(RowIntegrityTest, ADeletedMessageOrEventFailsItsCase) {
  Tamper("DELETE FROM messages WHERE id = " + std::to_string(message_));
  EXPECT_EQ(office_->GetCase(kCoordinator, first_).error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(BadRows(), std::vector{Row("applications", first_)});
}

TEST_P(RowIntegrityTest, AnEditedEventOrMessageFailsItsRow) {
  Tamper("UPDATE case_events SET actor_user_id = 1");
  Tamper("UPDATE messages SET author_user_id = 1");
  const auto bad = BadRows();
  EXPECT_EQ(bad.size(), 2u);
  EXPECT_EQ(office_->integrity().Check("messages", message_).error().code, ErrorCode::kIntegrity);
}

TEST_P(RowIntegrityTest, AConsistentRewriteOfTheBooksIsCaught) {
  // Pay doubled, with the balances to match: the books still balance.
  Tamper("UPDATE posting_legs SET amount = amount * 2");
  Tamper("UPDATE balances SET balance = balance * 2");
  auto report = store_->CheckLedger();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->Sound());
  const auto bad = BadRows();
  EXPECT_EQ(bad.size(), 2u);
  EXPECT_TRUE(std::all_of(bad.begin(), bad.end(),
                          [](const std::string& r) { return r.starts_with("posting_legs:"); }));
  Tamper("DELETE FROM posting_legs WHERE amount < 0");
  const auto after = BadRows();
  EXPECT_NE(std::find(after.begin(), after.end(), Row("postings", posting_)), after.end());
}

TEST_P(RowIntegrityTest, AnInjectedOfficeKeyStopsTheOffice) {
  // A newer generation with someone else's public key and no private key (as if retired):
  // the office would unlock, and the intake would seal new cases to it.
  Tamper(
      "INSERT INTO office_keys (generation, public_key, private_sealed) SELECT 2, reply_public, "
      "NULL "
      "FROM applications WHERE id = " +
      std::to_string(first_));
  auto opener = UnlockOffice(*store_, kPassphrase);
  ASSERT_TRUE(opener.ok());
  auto enabled = EnableRowIntegrity(*store_, *opener, *audit_);
  ASSERT_FALSE(enabled.ok());
  EXPECT_EQ(enabled.error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(BadRows(), std::vector{Row("office_keys", 2)});
}

TEST_P(RowIntegrityTest, AnIntakeRowWithoutMacPassesUntilItCarriesOfficeState) {
  // The intake role holds no office secret: its rows carry no MAC.
  std::unique_ptr<store::Store> intake =
      GetParam() == Engine::kSqlite ? store::OpenSqliteStore(dir_.string(), false)
                                    : store::OpenPostgresStore({.conninfo = schema_->conninfo()});
  const std::int64_t id = intake->AppendApplications(std::vector{Application(70)})->front();
  EXPECT_FALSE(store_->ReadSealedRow("applications", id)->mac.has_value());
  EXPECT_TRUE(office_->integrity().Check("applications", id).ok());
  EXPECT_TRUE(BadRows().empty());
  Tamper("UPDATE applications SET assigned_user_id = " + std::to_string(operator_id_) +
         " WHERE id = " + std::to_string(id));
  EXPECT_EQ(office_->integrity().Check("applications", id).error().code, ErrorCode::kIntegrity);
  EXPECT_EQ(BadRows(), std::vector{Row("applications", id)});
}

TEST_P(RowIntegrityTest, TheOfficeSealsAnIntakeRowWhenItFirstChangesIt) {
  std::unique_ptr<store::Store> intake =
      GetParam() == Engine::kSqlite ? store::OpenSqliteStore(dir_.string(), false)
                                    : store::OpenPostgresStore({.conninfo = schema_->conninfo()});
  const std::int64_t id = intake->AppendApplications(std::vector{Application(80)})->front();
  ASSERT_TRUE(store_->ClaimApplication(id, operator_id_).ok());
  EXPECT_TRUE(store_->ReadSealedRow("applications", id)->mac.has_value());
  EXPECT_TRUE(office_->integrity().Check("applications", id).ok());
  EXPECT_TRUE(BadRows().empty());
}

TEST_P(RowIntegrityTest, RowsKeptBeforeTheUpgradeAreSealedAtTheFirstOfficeStart) {
  // As an upgraded store: no MACs yet, the migration's marker, and a log that never sealed.
  Tamper("DELETE FROM audit_log WHERE action = 'rows_sealed'");
  for (const auto& table : store::kRowMacTables)
    Tamper("UPDATE " + std::string(table.name) + " SET row_mac = NULL");
  Tamper("UPDATE settings SET value = 'pending' WHERE key = 'row_mac_backfill'");
  auto before = VerifyStoreRows(*store_, key_);
  EXPECT_TRUE(before->backfill_pending);
  EXPECT_FALSE(before->bad.empty());
  auto opener = UnlockOffice(*store_, kPassphrase);
  ASSERT_TRUE(EnableRowIntegrity(*store_, *opener, *audit_).ok());
  auto after = VerifyStoreRows(*store_, key_);
  EXPECT_FALSE(after->backfill_pending);
  EXPECT_TRUE(after->bad.empty());
}

TEST_P(RowIntegrityTest, AForgedUpgradeMarkerCannotLaunderAnEdit) {
  // Rows as an upgraded store has them, sealed once at the first office start.
  Tamper("DELETE FROM audit_log WHERE action = 'rows_sealed'");
  for (const auto& table : store::kRowMacTables)
    Tamper("UPDATE " + std::string(table.name) + " SET row_mac = NULL");
  Tamper("UPDATE settings SET value = 'pending' WHERE key = 'row_mac_backfill'");
  auto opener = UnlockOffice(*store_, kPassphrase);
  ASSERT_TRUE(EnableRowIntegrity(*store_, *opener, *audit_).ok());
  // Later someone raises a role, strips the MACs and asks for a fresh sealing.
  Tamper("UPDATE users SET role = 'coordinator' WHERE name = 'op.one'");
  for (const auto& table : store::kRowMacTables)
    Tamper("UPDATE " + std::string(table.name) + " SET row_mac = NULL");
  Tamper("UPDATE settings SET value = 'pending' WHERE key = 'row_mac_backfill'");
  auto again = EnableRowIntegrity(*store_, *opener, *audit_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kIntegrity);
  EXPECT_FALSE(
      store_->ReadSealedRow("users", operator_id_)->mac.has_value());  // nothing was sealed
  EXPECT_FALSE(VerifyStoreRows(*store_, key_)->bad.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, RowIntegrityTest,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         store::testing::EngineName);

}  // namespace
}  // namespace lifeline::app
