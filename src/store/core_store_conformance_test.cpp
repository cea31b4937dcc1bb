// Accounts, the installation, the audit log and the contact centre's lasting state
// (store/store.hpp's UserStore, InstallationStore, AuditStore and ContactCentreStore), one suite
// run against SQLite and against a real PostgreSQL (store/test_engines.hpp).
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_engines.hpp"

namespace lifeline::store {
namespace {

using testing::Engine;
using testing::EngineStore;

// The three interfaces under test, whichever engine holds them.
struct CoreStores {
  UserStore* users = nullptr;
  InstallationStore* installation = nullptr;
  AuditStore* audit = nullptr;
  ContactCentreStore* centre = nullptr;
};

class CoreStoreConformance : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (!EngineStore::Runs(GetParam())) GTEST_SKIP() << EngineStore::kNoPostgres;
    engine_ = std::make_unique<EngineStore>(GetParam(), "core-store");
    ASSERT_TRUE(engine_->opened()) << engine_->opened().error().message;
    store_ = engine_->get();
    stores_ = {store_, store_, store_, store_};
  }
  void TearDown() override { engine_.reset(); }

  static Installation NewInstallation() {
    Installation i;
    i.passphrase_salt = {1, 2, 3};
    i.passphrase_opslimit = 3;
    i.passphrase_memlimit = 1 << 20;
    i.receipt_salt = {4, 5, 6};
    Blob32 key{};
    key[0] = 9;
    i.office_keys = {{1, key, {7, 7, 7}}};
    return i;
  }

  CoreStores stores_;
  std::unique_ptr<EngineStore> engine_;
  Store* store_ = nullptr;
};

TEST_P(CoreStoreConformance, UsersAreUniqueByNameAndKeepTheirSecondFactor) {
  UserStore& users = *stores_.users;
  const std::int64_t id =
      users.AddUser({0, "op.synthetic", Role::kOperator, "hash", false, {}, {}, 0}).value();
  EXPECT_EQ(
      users.AddUser({0, "op.synthetic", Role::kAdmin, "other", false, {}, {}, 0}).error().code,
      ErrorCode::kConflict);
  EXPECT_EQ(users.FindUserByName("op.synthetic").value().id, id);
  EXPECT_EQ(users.FindUserById(id).value().role, Role::kOperator);
  EXPECT_EQ(users.FindUserByName("nobody").error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(users.SetPendingTotp(id, {1, 2}));
  EXPECT_EQ(users.FindUserById(id).value().totp_pending_sealed, (Blob{1, 2}));
  Blob32 code{};
  code[0] = 5;
  ASSERT_TRUE(users.ActivateTotp(id, {3, 4}, 100, {code}));
  const UserRecord active = users.FindUserById(id).value();
  EXPECT_EQ(active.totp_sealed, (Blob{3, 4}));
  EXPECT_TRUE(active.totp_pending_sealed.empty());
  EXPECT_FALSE(users.AdvanceTotpStep(id, 100).value());  // a replay
  EXPECT_TRUE(users.AdvanceTotpStep(id, 101).value());
  EXPECT_TRUE(users.UseRecoveryCode(id, code).value());
  EXPECT_FALSE(users.UseRecoveryCode(id, code).value());  // once only
  ASSERT_TRUE(users.ClearTotp(id));
  EXPECT_TRUE(users.FindUserById(id).value().totp_sealed.empty());

  EXPECT_EQ(users.GetSetting("require_totp").value(), "");
  ASSERT_TRUE(users.PutSetting("require_totp", "1"));
  ASSERT_TRUE(users.PutSetting("require_totp", "0"));
  EXPECT_EQ(users.GetSetting("require_totp").value(), "0");
}

TEST_P(CoreStoreConformance, AdministratorsChangesToAccountsAreKeptAndListedByName) {
  UserStore& users = *stores_.users;
  const std::int64_t zed =
      users.AddUser({0, "zed.synthetic", Role::kOperator, "hash-z", false, {}, {}, 0}).value();
  const std::int64_t amy =
      users.AddUser({0, "amy.synthetic", Role::kAuditor, "hash-a", false, {}, {}, 0}).value();
  auto listed = users.ListUsers().value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, amy);
  EXPECT_EQ(listed[1].role, Role::kOperator);

  ASSERT_TRUE(users.SetUserDisabled(zed, true));
  EXPECT_TRUE(users.FindUserById(zed).value().disabled);
  ASSERT_TRUE(users.SetUserDisabled(zed, false));
  EXPECT_FALSE(users.FindUserById(zed).value().disabled);
  ASSERT_TRUE(users.SetPasswordHash(zed, "hash-z2"));
  EXPECT_EQ(users.FindUserById(zed).value().password_hash, "hash-z2");
  EXPECT_EQ(users.FindUserById(zed).value().console_language, Language::kRu);  // by default
  ASSERT_TRUE(users.SetConsoleLanguage(zed, Language::kUk));
  EXPECT_EQ(users.FindUserById(zed).value().console_language, Language::kUk);
  EXPECT_EQ(users.FindUserByName("zed.synthetic").value().console_language, Language::kUk);
  EXPECT_EQ(users.FindUserById(amy).value().console_language, Language::kRu);  // only his
  // Not a console language: the column refuses it, whatever the engine calls the refusal.
  EXPECT_FALSE(users.SetConsoleLanguage(zed, Language::kBe));
  EXPECT_EQ(users.FindUserById(zed).value().console_language, Language::kUk);

  Blob32 code{};
  code[0] = 7;
  ASSERT_TRUE(users.ActivateTotp(zed, {3, 4}, 100, {code}));
  ASSERT_TRUE(users.SetPendingTotp(zed, {5}));
  ASSERT_TRUE(users.ResetCredentials(zed, "reset:1:hash"));
  const UserRecord reset = users.FindUserById(zed).value();
  EXPECT_EQ(reset.password_hash, "reset:1:hash");
  EXPECT_TRUE(reset.totp_sealed.empty());
  EXPECT_TRUE(reset.totp_pending_sealed.empty());
  EXPECT_FALSE(users.UseRecoveryCode(zed, code).value());  // the old codes are gone

  for (std::int64_t missing : {std::int64_t{999}}) {
    EXPECT_EQ(users.SetUserDisabled(missing, true).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(users.SetPasswordHash(missing, "x").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(users.SetConsoleLanguage(missing, Language::kEn).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(users.ResetCredentials(missing, "x").error().code, ErrorCode::kNotFound);
  }
}

TEST_P(CoreStoreConformance, ATotpStepIsAcceptedOnceUnderConcurrency) {
  UserStore& users = *stores_.users;
  const std::int64_t id =
      users.AddUser({0, "op.race", Role::kOperator, "hash", false, {}, {}, 0}).value();
  std::atomic<int> accepted = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      if (users.AdvanceTotpStep(id, 500).value()) ++accepted;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 1);
}

TEST_P(CoreStoreConformance, TheInstallationIsMadeOnceAndItsKeysGrowOneGenerationAtATime) {
  InstallationStore& store = *stores_.installation;
  EXPECT_EQ(store.LoadInstallation().error().code, ErrorCode::kNotFound);
  ASSERT_TRUE(store.SaveInstallation(NewInstallation()));
  EXPECT_EQ(store.SaveInstallation(NewInstallation()).error().code, ErrorCode::kConflict);
  Installation loaded = store.LoadInstallation().value();
  EXPECT_EQ(loaded.receipt_salt, (Blob{4, 5, 6}));
  ASSERT_EQ(loaded.office_keys.size(), 1u);
  EXPECT_EQ(loaded.office_keys[0].public_key[0], 9);

  Blob32 second{};
  second[0] = 10;
  EXPECT_EQ(store.AddOfficeKey({3, second, {1}}).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store.AddOfficeKey({2, second, {8, 8}}));
  EXPECT_EQ(store.RetireOfficeKeysBefore(2).error().code,
            ErrorCode::kConflict);  // no office secret yet
  ASSERT_TRUE(store.SaveOfficeSecret({6, 6}));
  EXPECT_EQ(store.SaveOfficeSecret({6, 7}).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store.RetireOfficeKeysBefore(2));
  loaded = store.LoadInstallation().value();
  ASSERT_EQ(loaded.office_keys.size(), 2u);
  EXPECT_TRUE(loaded.office_keys[0].private_sealed.empty());
  EXPECT_EQ(loaded.office_keys[1].private_sealed, (Blob{8, 8}));
  EXPECT_EQ(loaded.office_secret_sealed, (Blob{6, 6}));
}

TEST_P(CoreStoreConformance, TheAuditLogTakesEachSeqOnceAndListsInOrder) {
  AuditStore& audit = *stores_.audit;
  EXPECT_FALSE(audit.LastAuditRecord().value());
  for (std::int64_t seq = 1; seq <= 5; ++seq) {
    Blob32 mac{};
    mac[0] = static_cast<std::uint8_t>(seq);
    ASSERT_TRUE(audit.AppendAuditRecord({seq, 1000 + seq, 0, "", "sign_in", "user:1", mac}));
  }
  EXPECT_EQ(audit.AppendAuditRecord({3, 0, 0, "", "sign_in", "", {}}).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(audit.LastAuditRecord().value()->seq, 5);
  const auto page = audit.ListAuditRecords(2, 2).value();
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, 3);
  EXPECT_EQ(page[1].mac[0], 4);

  // Each account's latest entry of a kind (the accounts page's last sign-in).
  Blob32 mac{};
  ASSERT_TRUE(audit.AppendAuditRecord({6, 2000, 7, "op", "sign_in", "user:7", mac}));
  ASSERT_TRUE(audit.AppendAuditRecord({7, 1500, 7, "op", "sign_in", "user:7", mac}));
  ASSERT_TRUE(audit.AppendAuditRecord({8, 3000, 8, "au", "sign_out", "user:8", mac}));
  ASSERT_TRUE(audit.AppendAuditRecord({9, 2500, 8, "au", "sign_in", "user:8", mac}));
  const auto latest = audit.LatestAuditByActor("sign_in").value();
  using Pair = std::pair<std::int64_t, std::int64_t>;
  EXPECT_EQ(latest, (std::vector<Pair>{{7, 2000}, {8, 2500}}));  // actor 0 is nobody's
  EXPECT_TRUE(audit.LatestAuditByActor("backup_created").value().empty());
}

TEST_P(CoreStoreConformance, TheQueueLogKeepsItsOrderAndDropsOldLines) {
  ContactCentreStore& centre = *stores_.centre;
  const std::vector<QueueLogRecord> first = {{100, "c1", "", "offered"},
                                             {101.5, "c1", "ext-1", "ringing"}};
  ASSERT_TRUE(centre.AppendQueueLog(first, 0).ok());
  const std::vector<QueueLogRecord> second = {{200, "c2", "", "offered"},
                                              {201, "c2", "ext-1", "ringing"},
                                              {202, "c2", "ext-1", "answered"}};
  ASSERT_TRUE(centre.AppendQueueLog(second, 150).ok());  // lines before 150 go
  auto lines = centre.ListQueueLog(10).value();
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].call, "c2");
  EXPECT_EQ(lines[2].event, "answered");
  auto latest = centre.ListQueueLog(2).value();  // the latest two, oldest first
  ASSERT_EQ(latest.size(), 2u);
  EXPECT_EQ(latest[0].event, "ringing");
  EXPECT_DOUBLE_EQ(latest[0].at, 201);
  EXPECT_EQ(latest[1].operator_name, "ext-1");
}

TEST_P(CoreStoreConformance, OperatorsAndLinesAreKeptInTheOrderManagersSetThem) {
  ContactCentreStore& centre = *stores_.centre;
  EXPECT_TRUE(centre.ListOperators().value().empty());
  EXPECT_EQ(centre.LoadLines().value(), std::nullopt);
  ASSERT_TRUE(centre.InsertOperator({"ext-2", "sip:ext-2@127.0.0.1:5060", "ru,uk"}).ok());
  ASSERT_TRUE(centre.InsertOperator({"ext-1", "", "en"}).ok());
  EXPECT_EQ(centre.InsertOperator({"ext-1", "", "ru"}).error().code, ErrorCode::kConflict);
  auto operators = centre.ListOperators().value();
  ASSERT_EQ(operators.size(), 2u);
  EXPECT_EQ(operators[0].name, "ext-2");
  EXPECT_EQ(operators[0].uri, "sip:ext-2@127.0.0.1:5060");
  EXPECT_EQ(operators[0].languages, "ru,uk");
  EXPECT_EQ(operators[1].languages, "en");
  ASSERT_TRUE(centre.SaveLines(12).ok());
  ASSERT_TRUE(centre.SaveLines(40).ok());
  EXPECT_EQ(centre.LoadLines().value(), 40);
  // Operators' accounts, kept beside the lines: a link, a move, a removal.
  ASSERT_TRUE(centre.SaveOperatorAccount("ext-1", 7).ok());
  ASSERT_TRUE(centre.SaveOperatorAccount("ext-2", 8).ok());
  ASSERT_TRUE(centre.SaveOperatorAccount("ext-2", 9).ok());
  ASSERT_TRUE(centre.SaveOperatorAccount("ext-1", 0).ok());
  using Links = std::vector<std::pair<std::string, std::int64_t>>;
  EXPECT_EQ(centre.ListOperatorAccounts().value(), (Links{{"ext-2", 9}}));
  EXPECT_EQ(centre.LoadLines().value(), 40);
}

INSTANTIATE_TEST_SUITE_P(Engines, CoreStoreConformance,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineName);

}  // namespace
}  // namespace lifeline::store
