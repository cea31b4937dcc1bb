// The cases' storage contract (store/store.hpp's ApplicationStore), run against SQLite and
// against a real PostgreSQL (store_conformance_fixture.hpp): intake, accounts, keys,
// concurrency and erasure (case work: case_work_conformance_test.cpp), and what only
// SQLite's files promise.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "store/store_conformance_fixture.hpp"

namespace lifeline::store {
namespace {

using namespace conformance;
using testing::Engine;
using testing::PostgresSchema;

INSTANTIATE_TEST_SUITE_P(Engines, StoreConformance,
                         ::testing::Values(Engine::kSqlite, Engine::kPostgres),
                         testing::EngineName);

TEST_P(StoreConformance, AppendsBatchAndReadsBack) {
  std::vector<NewApplication> batch = {MakeApplication(1), MakeApplication(2)};
  batch[1].clear.deploy_by = Date{year{2026}, December, day{1}};
  auto ids = store_->AppendApplications(batch);
  ASSERT_TRUE(ids.ok()) << ids.error().message;
  ASSERT_EQ(ids->size(), 2u);
  auto got = store_->GetApplication((*ids)[1]);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->sealed_fields, batch[1].sealed_fields);
  EXPECT_EQ(got->receipt_lookup, batch[1].receipt_lookup);
  EXPECT_EQ(got->clear.deploy_by, batch[1].clear.deploy_by);
  EXPECT_EQ(got->status, CaseStatus::kNew);
}

TEST_P(StoreConformance, DuplicateLookupRejectsWholeBatch) {
  ASSERT_TRUE(store_->AppendApplications(std::vector{MakeApplication(1)}).ok());
  auto result = store_->AppendApplications(std::vector{MakeApplication(2), MakeApplication(1)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->ListCases({}).value().total, 1);
}

TEST_P(StoreConformance, ListsNewestFirstWithFilterAndPaging) {
  for (std::uint8_t i = 1; i <= 5; ++i) {
    auto situation = i % 2 ? Situation::kAtFront : Situation::kRelative;
    ASSERT_TRUE(store_->AppendApplications(std::vector{MakeApplication(i, situation)}).ok());
  }
  auto page = store_->ListCases({.situation = Situation::kAtFront, .offset = 1, .limit = 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, 3);
  auto all = store_->ListCases({});
  EXPECT_EQ(all->items.front().id, 5);
}

TEST_P(StoreConformance, ListsByReceivedDayBeforeArrivalOrder) {
  auto earlier = MakeApplication(1);
  earlier.received_on = Date{year{2026}, October, day{1}};
  ASSERT_TRUE(store_->AppendApplications(std::vector{MakeApplication(2), earlier}).ok());
  auto page = store_->ListCases({});
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].received_on, kDay);
  EXPECT_EQ(page->items[1].received_on, earlier.received_on);
}

TEST_P(StoreConformance, FindsByReceiptLookupWithTheConversation) {
  auto ids = store_->AppendApplications(std::vector{MakeApplication(9)});
  auto user = store_->AddUser({.name = "op1", .role = Role::kOperator, .password_hash = "h"});
  ASSERT_TRUE(user.ok());
  const std::int64_t case_id = (*ids)[0];
  ASSERT_TRUE(store_
                  ->AddMessage({.case_id = case_id,
                                .author_user_id = *user,
                                .created_on = kDay,
                                .sealed_for_applicant = {1},
                                .sealed_for_office = {2}})
                  .ok());
  OfficeWrapping wrapping{.key_generation = 1, .wrapped_key = {4}};
  wrapping.ephemeral_public.fill(3);
  ASSERT_TRUE(store_
                  ->AddMessage({.case_id = case_id,
                                .created_on = kDay,
                                .sealed_for_applicant = {5},
                                .sealed_for_office = {6},
                                .wrapping = wrapping})
                  .ok());
  Blob32 lookup;
  lookup.fill(9);
  auto view = store_->FindByReceiptLookup(lookup);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->messages.size(), 2u);
  EXPECT_EQ(view->messages[0].sealed_for_applicant, Blob{1});
  EXPECT_EQ(view->messages[0].author_user_id, *user);
  EXPECT_FALSE(view->messages[0].wrapping);
  EXPECT_FALSE(view->messages[1].author_user_id);
  ASSERT_TRUE(view->messages[1].wrapping);
  EXPECT_EQ(view->messages[1].wrapping->wrapped_key, Blob{4});
  EXPECT_EQ(*store_->CountApplicantMessages(case_id, kDay), 1);
  EXPECT_EQ(*store_->CountKeysOlderThan(2), 2);  // the application's key and the message's
  auto keys = store_->ListKeysOlderThan(2, 10);
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[1].kind, WrappedRecordKey::Kind::kMessage);
  EXPECT_EQ((*keys)[1].case_id, case_id);
  lookup.fill(8);
  EXPECT_EQ(store_->FindByReceiptLookup(lookup).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, UsersAreUniqueByName) {
  ASSERT_TRUE(store_->AddUser({.name = "admin", .role = Role::kAdmin, .password_hash = "h"}).ok());
  EXPECT_EQ(store_->AddUser({.name = "admin", .password_hash = "x"}).error().code,
            ErrorCode::kConflict);
  auto found = store_->FindUserByName("admin");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->role, Role::kAdmin);
  EXPECT_EQ(store_->FindUserByName("nobody").error().code, ErrorCode::kNotFound);
}

Installation MakeInstallation() {
  Installation i;
  i.passphrase_salt = {2};
  i.passphrase_opslimit = 3;
  i.passphrase_memlimit = 1 << 20;
  i.office_secret_sealed = {9, 9};
  StoredOfficeKey first{.generation = 1, .private_sealed = {1}};
  first.public_key.fill(5);
  i.office_keys = {first};
  i.receipt_salt = {3};
  return i;
}

TEST_P(StoreConformance, InstallationIsSavedOnce) {
  EXPECT_EQ(store_->LoadInstallation().error().code, ErrorCode::kNotFound);
  const Installation i = MakeInstallation();
  ASSERT_TRUE(store_->SaveInstallation(i).ok());
  EXPECT_EQ(store_->SaveInstallation(i).error().code, ErrorCode::kConflict);
  auto loaded = store_->LoadInstallation();
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->office_keys.size(), 1u);
  EXPECT_EQ(loaded->office_keys[0].public_key, i.office_keys[0].public_key);
  EXPECT_EQ(loaded->office_secret_sealed, i.office_secret_sealed);
  EXPECT_EQ(loaded->passphrase_memlimit, i.passphrase_memlimit);
}

TEST_P(StoreConformance, OfficeKeyGenerationsFollowEachOtherAndTheSecretIsStoredOnce) {
  Installation i = MakeInstallation();
  i.office_secret_sealed.clear();
  ASSERT_TRUE(store_->SaveInstallation(i).ok());
  EXPECT_TRUE(store_->LoadInstallation()->office_secret_sealed.empty());
  ASSERT_TRUE(store_->SaveOfficeSecret({7, 7}).ok());
  EXPECT_EQ(store_->SaveOfficeSecret({8, 8}).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->LoadInstallation()->office_secret_sealed, (Blob{7, 7}));

  StoredOfficeKey third{.generation = 3, .private_sealed = {3}};
  EXPECT_EQ(store_->AddOfficeKey(third).error().code, ErrorCode::kConflict);
  StoredOfficeKey second{.generation = 2, .private_sealed = {2}};
  second.public_key.fill(6);
  ASSERT_TRUE(store_->AddOfficeKey(second).ok());
  EXPECT_EQ(store_->AddOfficeKey(second).error().code, ErrorCode::kConflict);
  auto loaded = store_->LoadInstallation();
  ASSERT_EQ(loaded->office_keys.size(), 2u);
  EXPECT_EQ(loaded->office_keys[1].generation, 2);
  EXPECT_EQ(loaded->office_keys[1].public_key, second.public_key);
}

TEST_P(StoreConformance, RewrappedKeysMoveToTheNewGenerationAndOldKeysRetireOnlyThen) {
  Installation i = MakeInstallation();
  const std::string marker = "RETIRED-KEY-MARKER-0123456789";
  i.office_keys[0].private_sealed.assign(marker.begin(), marker.end());
  ASSERT_TRUE(store_->SaveInstallation(i).ok());
  ASSERT_TRUE(store_->AddOfficeKey({.generation = 2, .private_sealed = {2}}).ok());
  std::vector<NewApplication> batch = {MakeApplication(1), MakeApplication(2), MakeApplication(3)};
  batch[2].key_generation = 2;
  auto ids = store_->AppendApplications(batch);
  ASSERT_TRUE(ids.ok());

  EXPECT_EQ(*store_->CountKeysOlderThan(2), 2);
  auto old = store_->ListKeysOlderThan(2, 1);
  ASSERT_TRUE(old.ok());
  ASSERT_EQ(old->size(), 1u);
  EXPECT_EQ((*old)[0].id, (*ids)[0]);
  EXPECT_EQ((*old)[0].receipt_lookup, batch[0].receipt_lookup);
  EXPECT_EQ((*old)[0].wrapped_key, batch[0].wrapped_key);
  EXPECT_EQ(store_->RetireOfficeKeysBefore(2).error().code, ErrorCode::kConflict);

  std::vector<WrappedRecordKey> rewrapped = *store_->ListKeysOlderThan(2, 10);
  ASSERT_EQ(rewrapped.size(), 2u);
  for (auto& k : rewrapped) {
    k.key_generation = 2;
    k.ephemeral_public.fill(8);
    k.wrapped_key = {8, 8, 8};
  }
  ASSERT_TRUE(store_->DeleteApplication((*ids)[1]).ok());  // deleted meanwhile: skipped
  ASSERT_TRUE(store_->ReplaceWrappedKeys(rewrapped).ok());
  EXPECT_EQ(*store_->CountKeysOlderThan(2), 0);
  auto first = store_->GetApplication((*ids)[0]);
  EXPECT_EQ(first->key_generation, 2);
  EXPECT_EQ(first->wrapped_key, (Blob{8, 8, 8}));
  EXPECT_EQ(first->sealed_fields, batch[0].sealed_fields);
  EXPECT_EQ(store_->GetApplication((*ids)[1]).error().code, ErrorCode::kNotFound);

  ASSERT_TRUE(store_->RetireOfficeKeysBefore(2).ok());
  auto loaded = store_->LoadInstallation();
  EXPECT_TRUE(loaded->office_keys[0].private_sealed.empty());
  EXPECT_FALSE(loaded->office_keys[1].private_sealed.empty());
  if (GetParam() != Engine::kSqlite) return;  // PostgreSQL's copies: docs/deploy.md
  for (const auto& entry : std::filesystem::directory_iterator(engine_->dir())) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(marker), std::string::npos) << entry.path().filename();
  }
}

TEST_P(StoreConformance, ConcurrentWritersAndReadersAgree) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        auto a = MakeApplication(0);
        a.receipt_lookup[0] = static_cast<std::uint8_t>(t);
        a.receipt_lookup[1] = static_cast<std::uint8_t>(i);
        ASSERT_TRUE(store_->AppendApplications(std::vector{a}).ok());
        ASSERT_TRUE(store_->ListCases({.limit = 5}).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(store_->ListCases({}).value().total, 100);
}

// The search index walks ids upwards from the highest it has seen: it must never be shown
// a case while a lower id is still to be committed by a concurrent writer.
TEST_P(StoreConformance, WalkingIdsUpwardsMissesNoCaseWrittenConcurrently) {
  std::atomic<bool> writing = true;
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 60; ++i) {
        auto a = MakeApplication(0);
        a.receipt_lookup[0] = static_cast<std::uint8_t>(t + 1);
        a.receipt_lookup[1] = static_cast<std::uint8_t>(i);
        ASSERT_TRUE(store_->AppendApplications(std::vector{a}).ok());
      }
    });
  }
  std::set<std::int64_t> seen;
  std::int64_t high = 0;
  auto walk = [&] {
    auto ids = store_->ListCaseIdsAfter(high, 1000);
    ASSERT_TRUE(ids.ok());
    for (std::int64_t id : *ids) seen.insert(id);
    if (!ids->empty()) high = ids->back();
  };
  std::thread indexer([&] {
    while (writing) walk();
  });
  for (auto& w : writers) w.join();
  writing = false;
  indexer.join();
  walk();
  EXPECT_EQ(seen.size(), 240u) << "the walk skipped cases committed after a higher id";
}

// How many of the applications table's pages hold `needle`, dead row versions included
// (pageinspect reads the raw pages).
std::int64_t PagesHolding(postgres::Pool& pool, const Blob& needle) {
  return pool
      .With([&](postgres::PgConnection& c) -> Result<std::int64_t> {
        c.Execute("CREATE EXTENSION IF NOT EXISTS pageinspect SCHEMA public");
        return c
            .Exec(
                "SELECT count(*) FROM generate_series(0, pg_relation_size('applications') / "
                "current_setting('block_size')::int - 1) AS page "
                "WHERE position($1::bytea IN public.get_raw_page('applications', page::int)) > 0",
                postgres::Params().AddBytes(needle))
            .Int(0, 0);
      })
      .value();
}

// A DELETE leaves the row's old version in the table's pages until they are rewritten:
// after a deletion, no page holds the case's sealed bytes.
TEST_P(StoreConformance, ADeletedCaseLeavesNoCopyInTheTablesPages) {
  if (GetParam() != Engine::kPostgres)
    GTEST_SKIP() << "SQLite's files are scanned by tests/e2e/test_retention.py";
  auto doomed = MakeApplication(1);
  doomed.sealed_fields.assign(96, 0);
  for (std::size_t i = 0; i < doomed.sealed_fields.size(); ++i)
    doomed.sealed_fields[i] = static_cast<std::uint8_t>(i * 7 + 3);
  auto ids = store_->AppendApplications(std::vector{doomed, MakeApplication(2)});
  ASSERT_TRUE(ids.ok());
  ASSERT_EQ(PagesHolding(engine_->schema().pool(), doomed.sealed_fields),
            1);  // the probe finds it while it lives
  ASSERT_TRUE(store_->DeleteApplication((*ids)[0]).ok());
  EXPECT_EQ(PagesHolding(engine_->schema().pool(), doomed.sealed_fields), 0);
  EXPECT_EQ(store_->GetApplication((*ids)[1])->sealed_fields, MakeApplication(2).sealed_fields);
}

// A transaction begun before the deletion could still read the old rows, so they cannot be
// rewritten away yet: the deletion says so instead of claiming it, and the next erasure,
// once that transaction has ended, finishes it.
TEST_P(StoreConformance, AnOlderOpenTransactionDelaysTheErasureAndNothingClaimsItDone) {
  if (GetParam() != Engine::kPostgres)
    GTEST_SKIP() << "SQLite has one writer and no old row versions";
  auto doomed = MakeApplication(1);
  doomed.sealed_fields.assign(80, 0);
  for (std::size_t i = 0; i < doomed.sealed_fields.size(); ++i)
    doomed.sealed_fields[i] = static_cast<std::uint8_t>(i * 5 + 1);
  auto ids =
      store_->AppendApplications(std::vector{doomed, MakeApplication(2), MakeApplication(3)});
  ASSERT_TRUE(ids.ok());
  postgres::PgConnection report(engine_->schema().conninfo());  // a long report, say
  report.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
  report.Exec("SELECT count(*) FROM applications");

  auto deleted = store_->DeleteApplication((*ids)[0]);
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(deleted.error().message.find("the change is saved"), std::string::npos)
      << deleted.error().message;
  EXPECT_EQ(store_->GetApplication((*ids)[0]).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(PagesHolding(engine_->schema().pool(), doomed.sealed_fields), 1);

  report.Execute("COMMIT");
  ASSERT_TRUE(store_->DeleteApplication((*ids)[1]).ok());  // erases everything marked
  EXPECT_EQ(PagesHolding(engine_->schema().pool(), doomed.sealed_fields), 0);
}

// What the SQLite store promises about its files.
class SqliteStoreFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lifeline-store-files-" + testing::UniqueSuffix());
    std::filesystem::remove_all(dir_);
    store_ = OpenSqliteStore(dir_.string(), true);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreFiles, ReopenKeepsDataAndRefusesNewerSchema) {
  ASSERT_TRUE(store_->AppendApplications(std::vector{MakeApplication(1)}).ok());
  store_.reset();
  store_ = OpenSqliteStore(dir_.string(), false);
  EXPECT_EQ(store_->ListCases({}).value().total, 1);
  store_.reset();
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((dir_ / "lifeline.db").c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  EXPECT_THROW(OpenSqliteStore(dir_.string(), false), std::runtime_error);
}

TEST_F(SqliteStoreFiles, RefusesMissingDatabaseWithoutCreate) {
  EXPECT_THROW(OpenSqliteStore((dir_ / "absent").string(), false), std::runtime_error);
}

}  // namespace
}  // namespace lifeline::store
