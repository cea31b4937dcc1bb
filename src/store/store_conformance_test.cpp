// The storage contract, run against every implementation (SQLite today).

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "store/sqlite/sqlite_store.hpp"

namespace lifeline::store {
namespace {

using namespace std::chrono;
constexpr Date kDay{year{2026}, November, day{22}};

NewApplication MakeApplication(std::uint8_t tag, Situation situation = Situation::kServing) {
  NewApplication a;
  a.clear.situation = situation;
  a.clear.contact_channel = ContactChannel::kSignal;
  a.received_on = kDay;
  a.receipt_lookup.fill(tag);
  a.reply_public.fill(1);
  a.ephemeral_public.fill(2);
  a.wrapped_key = {3, 4, 5};
  a.sealed_fields = {6, 7, 8, tag};
  return a;
}

class StoreConformance : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lifeline-store-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
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

TEST_F(StoreConformance, AppendsBatchAndReadsBack) {
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

TEST_F(StoreConformance, DuplicateLookupRejectsWholeBatch) {
  ASSERT_TRUE(store_->AppendApplications(std::vector{MakeApplication(1)}).ok());
  auto result = store_->AppendApplications(std::vector{MakeApplication(2), MakeApplication(1)});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->ListCases({}).value().total, 1);
}

TEST_F(StoreConformance, ListsNewestFirstWithFilterAndPaging) {
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

TEST_F(StoreConformance, ListsByReceivedDayBeforeArrivalOrder) {
  auto earlier = MakeApplication(1);
  earlier.received_on = Date{year{2026}, October, day{1}};
  ASSERT_TRUE(store_->AppendApplications(std::vector{MakeApplication(2), earlier}).ok());
  auto page = store_->ListCases({});
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].received_on, kDay);
  EXPECT_EQ(page->items[1].received_on, earlier.received_on);
}

TEST_F(StoreConformance, FindsByReceiptLookupWithReplies) {
  auto ids = store_->AppendApplications(std::vector{MakeApplication(9)});
  auto user = store_->AddUser({.name = "op1", .role = Role::kOperator, .password_hash = "h"});
  ASSERT_TRUE(user.ok());
  ASSERT_TRUE(store_->AddReply({.case_id = (*ids)[0], .author_user_id = *user, .created_on = kDay,
                                .sealed_for_applicant = {1}, .sealed_for_office = {2}}).ok());
  Blob32 lookup;
  lookup.fill(9);
  auto view = store_->FindByReceiptLookup(lookup);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->replies.size(), 1u);
  EXPECT_EQ(view->replies[0].sealed_for_applicant, Blob{1});
  lookup.fill(8);
  EXPECT_EQ(store_->FindByReceiptLookup(lookup).error().code, ErrorCode::kNotFound);
}

TEST_F(StoreConformance, UsersAreUniqueByName) {
  ASSERT_TRUE(store_->AddUser({.name = "admin", .role = Role::kAdmin, .password_hash = "h"}).ok());
  EXPECT_EQ(store_->AddUser({.name = "admin", .password_hash = "x"}).error().code, ErrorCode::kConflict);
  auto found = store_->FindUserByName("admin");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->role, Role::kAdmin);
  EXPECT_EQ(store_->FindUserByName("nobody").error().code, ErrorCode::kNotFound);
}

TEST_F(StoreConformance, InstallationIsSavedOnce) {
  EXPECT_EQ(store_->LoadInstallation().error().code, ErrorCode::kNotFound);
  Installation i;
  i.office_public.fill(5);
  i.office_private_sealed = {1};
  i.office_private_salt = {2};
  i.receipt_salt = {3};
  ASSERT_TRUE(store_->SaveInstallation(i).ok());
  EXPECT_EQ(store_->SaveInstallation(i).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->LoadInstallation()->office_public, i.office_public);
}

TEST_F(StoreConformance, ConcurrentWritersAndReadersAgree) {
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

TEST_F(StoreConformance, ReopenKeepsDataAndRefusesNewerSchema) {
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

TEST_F(StoreConformance, RefusesMissingDatabaseWithoutCreate) {
  EXPECT_THROW(OpenSqliteStore((dir_ / "absent").string(), false), std::runtime_error);
}

}  // namespace
}  // namespace lifeline::store
