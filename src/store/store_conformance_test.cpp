// The cases' storage contract (store/store.hpp's ApplicationStore), run against SQLite and
// against a real PostgreSQL (store/test_engines.hpp), and what only SQLite's files promise.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/test_engines.hpp"

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

using testing::Engine;
using testing::PostgresSchema;

class StoreConformance : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == Engine::kSqlite) {
      dir_ = std::filesystem::temp_directory_path() /
             ("lifeline-store-test-" + testing::UniqueSuffix());
      std::filesystem::remove_all(dir_);
      store_ = OpenSqliteStore(dir_.string(), true);
      return;
    }
    if (!PostgresSchema::Available())
      GTEST_SKIP() << "no PostgreSQL for this run (ctest's *_postgres entries have one)";
    schema_ = std::make_unique<PostgresSchema>();
    ASSERT_TRUE(schema_->migrated()) << schema_->migrated().error().message;
    store_ = OpenPostgresStore({.conninfo = schema_->conninfo(), .wait_seconds = 5});
  }
  void TearDown() override {
    store_.reset();
    schema_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<PostgresSchema> schema_;
  std::unique_ptr<Store> store_;
};

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
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find(marker), std::string::npos) << entry.path().filename();
  }
}

TEST_P(StoreConformance, StatusChangesAreComparedAndSetAndKeptAsATimeline) {
  ASSERT_TRUE(store_->AddUser({.name = "op", .password_hash = "h"}).ok());
  auto ids = store_->AppendApplications(std::vector<NewApplication>{MakeApplication(1)});
  ASSERT_TRUE(ids.ok());
  const std::int64_t id = (*ids)[0];
  EXPECT_EQ(store_->GetApplication(id)->version, 0);
  NewCaseEvent contacted{.case_id = id,
                         .at = 100,
                         .actor_user_id = 1,
                         .from = CaseStatus::kNew,
                         .to = CaseStatus::kContacted};
  ASSERT_TRUE(store_->ChangeStatus(0, contacted).ok());
  EXPECT_EQ(store_->GetApplication(id)->status, CaseStatus::kContacted);
  EXPECT_EQ(store_->GetApplication(id)->version, 1);

  // A second editor who also saw version 0 loses, and nothing of theirs is written.
  NewCaseEvent stale = contacted;
  stale.to = CaseStatus::kWithdrawn;
  stale.reason_sealed = {9};
  EXPECT_EQ(store_->ChangeStatus(0, stale).error().code, ErrorCode::kConflict);
  NewCaseEvent verifying{.case_id = id,
                         .at = 200,
                         .actor_user_id = 1,
                         .from = CaseStatus::kContacted,
                         .to = CaseStatus::kVerifying,
                         .reason_sealed = {7, 7}};
  ASSERT_TRUE(store_->ChangeStatus(1, verifying).ok());
  EXPECT_EQ(
      store_
          ->ChangeStatus(
              2, {.case_id = 999, .from = CaseStatus::kVerifying, .to = CaseStatus::kVerified})
          .error()
          .code,
      ErrorCode::kNotFound);

  auto events = store_->ListCaseEvents(id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].to, CaseStatus::kContacted);
  EXPECT_TRUE((*events)[0].reason_sealed.empty());
  EXPECT_EQ((*events)[1].at, 200);
  EXPECT_EQ((*events)[1].reason_sealed, (Blob{7, 7}));

  ASSERT_TRUE(store_->DeleteApplication(id).ok());
  EXPECT_TRUE(store_->ListCaseEvents(id)->empty());
}

TEST_P(StoreConformance, TasksQueueByDueTimeAndDeploymentDatesQueueByDate) {
  auto user = store_->AddUser({.name = "op", .password_hash = "h"});
  std::vector<NewApplication> batch = {MakeApplication(1), MakeApplication(2), MakeApplication(3)};
  batch[0].clear.deploy_by = Date{year{2026}, December, day{20}};
  batch[1].clear.deploy_by = Date{year{2026}, December, day{1}};
  auto ids = store_->AppendApplications(batch);
  ASSERT_TRUE(ids.ok() && user.ok());
  ASSERT_TRUE(*store_->ClaimApplication((*ids)[0], *user));
  auto later = store_->AddTask(
      {.case_id = (*ids)[0], .kind = TaskKind::kContact, .due_at = 300, .created_by = *user});
  auto sooner = store_->AddTask({.case_id = (*ids)[1],
                                 .kind = TaskKind::kCheck,
                                 .due_at = 100,
                                 .note_sealed = {7},
                                 .created_by = *user});
  ASSERT_TRUE(later.ok() && sooner.ok());

  auto queue = store_->ListOpenTasks(1000, std::nullopt, 10);
  ASSERT_EQ(queue->size(), 2u);
  EXPECT_EQ((*queue)[0].task.id, *sooner);
  EXPECT_TRUE((*queue)[0].task.note_sealed.empty());  // the queue carries no notes
  EXPECT_EQ((*queue)[0].summary.id, (*ids)[1]);
  EXPECT_EQ(store_->ListOpenTasks(200, std::nullopt, 10)->size(), 1u);
  EXPECT_EQ(store_->ListOpenTasks(1000, *user, 10)->size(), 1u);  // only the claimed case's

  ASSERT_TRUE(store_->CompleteTask(*sooner, *user, 150).ok());
  EXPECT_EQ(store_->CompleteTask(*sooner, *user, 160).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->CompleteTask(999, *user, 160).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store_->ListOpenTasks(1000, std::nullopt, 10)->size(), 1u);
  auto done = store_->GetTask(*sooner);
  EXPECT_EQ(done->done_at, 150);
  EXPECT_EQ(done->note_sealed, Blob{7});

  auto deploying =
      store_->ListDeployingBefore(Date{year{2026}, December, day{31}}, std::nullopt, 10);
  ASSERT_EQ(deploying->size(), 2u);
  EXPECT_EQ((*deploying)[0].id, (*ids)[1]);  // the sooner date first
  EXPECT_EQ(
      store_->ListDeployingBefore(Date{year{2026}, December, day{10}}, std::nullopt, 10)->size(),
      1u);

  ASSERT_TRUE(store_->DeleteApplication((*ids)[0]).ok());
  EXPECT_TRUE(store_->ListTasks((*ids)[0])->empty());
}

TEST_P(StoreConformance, GroupMembersAreCasesOfTheirOwnAndNotInquiries) {
  ASSERT_TRUE(store_->AddUser({.name = "op", .password_hash = "h"}).ok());
  const std::int64_t group = store_->AppendApplications(std::vector{MakeApplication(1)}).value()[0];
  ASSERT_TRUE(store_->ClaimApplication(group, 1).ok());
  NewGroupMember member{.application = MakeApplication(2),
                        .group_case_id = group,
                        .assigned_user_id = 1,
                        .actor_user_id = 1,
                        .at = 500};
  auto id = store_->AddGroupMember(member);
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto stored = store_->GetApplication(*id);
  EXPECT_EQ(stored->group_case_id, group);
  EXPECT_EQ(stored->assigned_user_id, 1);
  EXPECT_EQ(stored->status, CaseStatus::kNew);
  auto members = store_->ListGroupMembers(group);
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ((*members)[0].id, *id);
  EXPECT_EQ((*members)[0].group_case_id, group);
  auto history = store_->ListGroupEvents(group);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].kind, GroupEventKind::kAdded);
  EXPECT_EQ((*history)[0].at, 500);

  // A member is a person in the funnel, but not an inquiry nor part of a burst.
  auto counts = store_->CountStatistics(kDay, Date{sys_days{kDay} + days{1}}, kDay);
  EXPECT_EQ(counts->applications, 2);
  std::int64_t inquiries = 0;
  for (const auto& c : counts->by_channel) inquiries += c.count;
  EXPECT_EQ(inquiries, 1);
  EXPECT_EQ(
      store_->CountAlike(MakeApplication(9).clear, kDay, Date{sys_days{kDay} + days{1}}).value(),
      1);

  // Groups do not nest, and a missing group is reported.
  member.application = MakeApplication(3);
  member.group_case_id = *id;
  EXPECT_EQ(store_->AddGroupMember(member).error().code, ErrorCode::kConflict);
  member.group_case_id = 999;
  EXPECT_EQ(store_->AddGroupMember(member).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, GroupMovesAreAllOrNothingComparedAndKeptAsHistory) {
  ASSERT_TRUE(store_->AddUser({.name = "op", .password_hash = "h"}).ok());
  auto ids =
      store_->AppendApplications(std::vector{MakeApplication(1), MakeApplication(2)}).value();
  const std::int64_t a = ids[0], b = ids[1];
  std::vector<std::int64_t> in_a;
  for (std::uint8_t tag : {3, 4, 5}) {
    in_a.push_back(store_
                       ->AddGroupMember({.application = MakeApplication(tag),
                                         .group_case_id = a,
                                         .actor_user_id = 1,
                                         .at = 10})
                       .value());
  }
  // Split: in_a[0] leads a new group and takes in_a[1] with it.
  std::vector<GroupMove> split = {{in_a[0], a, std::nullopt}, {in_a[1], a, in_a[0]}};
  ASSERT_TRUE(store_->MoveGroupMembers(split, 1, 20).ok());
  EXPECT_EQ(store_->ListGroupMembers(a)->size(), 1u);
  EXPECT_EQ(store_->ListGroupMembers(in_a[0])->size(), 1u);
  EXPECT_EQ(store_->GetApplication(in_a[1])->version, 1);

  // The same split again is stale: nothing of it lands.
  std::vector<GroupMove> stale = {{in_a[2], a, b}, {in_a[1], a, in_a[0]}};
  EXPECT_EQ(store_->MoveGroupMembers(stale, 1, 30).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->GetApplication(in_a[2])->group_case_id, a);

  // Nesting is refused: a leader with members cannot join a group, nor anyone join a member.
  std::vector<GroupMove> nest_leader = {{in_a[0], std::nullopt, b}};
  EXPECT_EQ(store_->MoveGroupMembers(nest_leader, 1, 30).error().code, ErrorCode::kConflict);
  std::vector<GroupMove> into_member = {{b, std::nullopt, in_a[2]}};
  EXPECT_EQ(store_->MoveGroupMembers(into_member, 1, 30).error().code, ErrorCode::kConflict);

  // Merge the split-off group into b: its member first, then its leader.
  std::vector<GroupMove> merge = {{in_a[1], in_a[0], b}, {in_a[0], std::nullopt, b}};
  ASSERT_TRUE(store_->MoveGroupMembers(merge, 1, 40).ok());
  EXPECT_EQ(store_->ListGroupMembers(b)->size(), 2u);
  EXPECT_TRUE(store_->ListGroupMembers(in_a[0])->empty());

  // Every move stays in both groups' histories.
  auto history = store_->ListGroupEvents(in_a[0]);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].kind, GroupEventKind::kJoined);
  EXPECT_EQ((*history)[0].other_group_id, a);
  EXPECT_EQ((*history)[1].kind, GroupEventKind::kLeft);
  EXPECT_EQ((*history)[1].other_group_id, b);
  EXPECT_EQ(store_->ListGroupEvents(a)->size(), 5u);  // three added, two left

  // Deleting a group's leader frees its members; deleting a member leaves no trace of it.
  ASSERT_TRUE(store_->DeleteApplication(b).ok());
  EXPECT_EQ(store_->GetApplication(in_a[1])->group_case_id, std::nullopt);
  ASSERT_TRUE(store_->DeleteApplication(in_a[2]).ok());
  const auto remaining = store_->ListGroupEvents(a).value();
  for (const auto& e : remaining) EXPECT_NE(e.member_case_id, in_a[2]);
}

TEST_P(StoreConformance, APlanIsComparedAndSetOnTheCaseVersion) {
  const std::int64_t id = store_->AppendApplications(std::vector{MakeApplication(1)}).value()[0];
  ASSERT_TRUE(store_->SetPlanSealed(id, 0, Blob{1, 2}).ok());
  EXPECT_EQ(store_->GetApplication(id)->plan_sealed, (Blob{1, 2}));
  EXPECT_EQ(store_->SetPlanSealed(id, 0, Blob{3}).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->GetApplication(id)->plan_sealed, (Blob{1, 2}));
  EXPECT_EQ(store_->SetPlanSealed(999, 0, Blob{3}).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreConformance, CallbacksAreScheduledComparedAndShreddedWhenOver) {
  NewCallback c{
      .sealed = {1, 2, 3}, .language = "ru", .created_at = 10, .due_at = 100, .window_end = 200};
  c.seal_id.fill(7);
  const std::int64_t early = store_->AddCallback(c).value();
  c.seal_id.fill(8);
  c.due_at = 50;
  const std::int64_t earlier = store_->AddCallback(c).value();
  c.seal_id.fill(9);
  c.due_at = 500;
  ASSERT_TRUE(store_->AddCallback(c).ok());
  auto due = store_->ListDueCallbacks(150, 10).value();
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].id, earlier);  // soonest first
  EXPECT_EQ(due[1].id, early);
  EXPECT_EQ(due[1].sealed, (Blob{1, 2, 3}));

  CallbackUpdate dialing{.id = early,
                         .from = CallbackStatus::kPending,
                         .to = CallbackStatus::kDialing,
                         .attempts = 1,
                         .due_at = 100,
                         .window_end = 200};
  ASSERT_TRUE(store_->UpdateCallback(dialing).ok());
  EXPECT_EQ(store_->UpdateCallback(dialing).error().code, ErrorCode::kConflict);  // already dialing
  EXPECT_EQ(store_->ListDueCallbacks(150, 10).value().size(), 1u);
  CallbackUpdate connected{.id = early,
                           .from = CallbackStatus::kDialing,
                           .to = CallbackStatus::kConnected,
                           .attempts = 1};
  ASSERT_TRUE(store_->UpdateCallback(connected).ok());
  EXPECT_TRUE(store_->GetCallback(early)->sealed.empty());  // the number is shredded
  EXPECT_EQ(store_->ListCallbacks(CallbackStatus::kConnected, 10)->size(), 1u);
  EXPECT_EQ(store_->UpdateCallback({.id = 999}).error().code, ErrorCode::kNotFound);
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
  ASSERT_EQ(PagesHolding(schema_->pool(), doomed.sealed_fields),
            1);  // the probe finds it while it lives
  ASSERT_TRUE(store_->DeleteApplication((*ids)[0]).ok());
  EXPECT_EQ(PagesHolding(schema_->pool(), doomed.sealed_fields), 0);
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
  postgres::PgConnection report(schema_->conninfo());  // a long report, say
  report.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
  report.Exec("SELECT count(*) FROM applications");

  auto deleted = store_->DeleteApplication((*ids)[0]);
  ASSERT_FALSE(deleted.ok());
  EXPECT_EQ(deleted.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(deleted.error().message.find("the change is saved"), std::string::npos)
      << deleted.error().message;
  EXPECT_EQ(store_->GetApplication((*ids)[0]).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(PagesHolding(schema_->pool(), doomed.sealed_fields), 1);

  report.Execute("COMMIT");
  ASSERT_TRUE(store_->DeleteApplication((*ids)[1]).ok());  // erases everything marked
  EXPECT_EQ(PagesHolding(schema_->pool(), doomed.sealed_fields), 0);
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
