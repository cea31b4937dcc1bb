#include "app/cases/key_rotation.hpp"

#include <gtest/gtest.h>

#include <future>

#include "app/abroad/abroad.hpp"
#include "app/accounts/setup.hpp"
#include "app/audit/audit_log.hpp"
#include "app/camp/camp.hpp"
#include "app/cases/office.hpp"
#include "app/intake/intake.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"
#include "crypto/office_keys.hpp"

namespace lifeline::app {
namespace {

using testing::FixedClock;
using testing::TempStore;

constexpr char kPassphrase[] = "synthetic office passphrase";
const Actor kCoordinator{1, "admin", Role::kCoordinator};

struct Interrupted {};

class KeyRotationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }

  void Initialise() {
    ASSERT_TRUE(InitialiseInstallation(*store_, kPassphrase, "admin", "synthetic-admin-pw").ok());
  }

  // Submits `count` applications through the real intake, sealed to the newest office key.
  void Submit(int count) {
    auto keys = LoadInstallationKeys(*store_);
    ASSERT_TRUE(keys.ok());
    IntakeService intake(*store_, clock_, keys->office_public, keys->receipt_salt);
    for (int i = 0; i < count; ++i) {
      ApplicationDraft d;
      d.situation = "at_front";
      d.contact_channel = "telegram";
      d.contact_handle = "@synthetic_applicant_" + std::to_string(i);
      d.name = "Синтетический Заявитель " + std::to_string(i);
      std::promise<Result<Receipt>> done;
      intake.Submit(d, [&](Result<Receipt> r) { done.set_value(std::move(r)); });
      ASSERT_TRUE(done.get_future().get().ok());
    }
    intake.Stop();
  }

  // Unlocks the office afresh, as a restarted server would, and reads every case.
  void ExpectEveryCaseOpens(int expected) {
    auto opener = UnlockOffice(*store_, kPassphrase);
    ASSERT_TRUE(opener.ok()) << opener.error().message;
    AuditLog audit(*store_, clock_, AuditKey(*opener));
    OfficeService office(*store_, audit, clock_, std::move(*opener));
    auto page = office.ListCases(kCoordinator, {.limit = 200});
    ASSERT_TRUE(page.ok());
    ASSERT_EQ(page->total, expected);
    for (const auto& summary : page->items) {
      auto details = office.GetCase(kCoordinator, summary.id);
      ASSERT_TRUE(details.ok()) << "case " << summary.id << ": " << details.error().message;
      EXPECT_EQ(details->fields.name.rfind("Синтетический Заявитель ", 0), 0u);
    }
  }

  void ExpectAuditIntact() {
    auto opener = UnlockOffice(*store_, kPassphrase);
    ASSERT_TRUE(opener.ok());
    auto verified = VerifyAuditLog(*store_, AuditKey(*opener));
    ASSERT_TRUE(verified.ok());
    EXPECT_TRUE(verified->problems.empty());
  }

  FixedClock clock_;
  TempStore store_{"app-rotation"};
};

TEST_F(KeyRotationTest, EveryCaseOpensWithTheNewKeyAndTheOldOneCanThenBeRetired) {
  Initialise();
  Submit(7);
  std::vector<std::uint64_t> seen;
  auto rotated = RotateOfficeKey(*store_, kPassphrase, clock_, 3,
                                 [&](std::uint64_t done, std::uint64_t total) {
                                   EXPECT_EQ(total, 7u);
                                   seen.push_back(done);
                                 });
  ASSERT_TRUE(rotated.ok()) << rotated.error().message;
  EXPECT_EQ(rotated->generation, 2);
  EXPECT_FALSE(rotated->resumed);
  EXPECT_EQ(rotated->rewrapped, 7);
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{0, 3, 6, 7}));
  EXPECT_EQ(*store_->CountKeysOlderThan(2), 0);
  ExpectEveryCaseOpens(7);

  ASSERT_EQ(*RetireOldOfficeKeys(*store_, kPassphrase, clock_), 1);
  EXPECT_EQ(*RetireOldOfficeKeys(*store_, kPassphrase, clock_), 0);  // nothing left to retire
  auto installation = store_->LoadInstallation();
  ASSERT_EQ(installation->office_keys.size(), 2u);
  EXPECT_TRUE(installation->office_keys[0].private_sealed.empty());
  ExpectEveryCaseOpens(7);
  ExpectAuditIntact();  // the audit key comes from the office secret, which did not change

  EXPECT_EQ(LoadInstallationKeys(*store_)->office_public.generation, 2);
  Submit(1);  // new arrivals are sealed to generation 2
  EXPECT_EQ(*store_->CountKeysOlderThan(3), 8);
  ExpectEveryCaseOpens(8);
}

TEST_F(KeyRotationTest, PrisonersAndPeopleAbroadRotateTooAndStillOpenAfterRetirement) {
  Initialise();
  const Actor camp_admin{1, "admin", Role::kCampAdmin};
  const Actor caseworker{2, "case.worker", Role::kCaseworker};
  auto register_one = [&] {
    auto opener = UnlockOffice(*store_, kPassphrase);
    ASSERT_TRUE(opener.ok());
    AuditLog audit(*store_, clock_, AuditKey(*opener));
    OfficeService office(*store_, audit, clock_, std::move(*opener));
    CampService camps(*store_, audit, clock_, office);
    store::CampRecord c;
    c.name = "Лагерь ротации";
    c.tariff.kopiyky_per_franc = 3800;
    c.phone_hours = {{600, 660}};
    auto camp =
        store_->ListCamps()->empty() ? camps.CreateCamp(camp_admin, c) : Result<std::int64_t>(1);
    ASSERT_TRUE(camp.ok()) << camp.error().message;
    PrisonerDraft d;
    d.camp_id = *camp;
    d.fields.surname = "Ротационный";
    ASSERT_TRUE(camps.RegisterPrisoner(camp_admin, d).ok());
    AbroadService abroad(*store_, audit, clock_, office);
    PersonAbroadDraft person;
    person.fields.name = "Ротационный Уехавший";
    person.fields.country = "GE";
    person.fields.arrived_on = "2026-11-01";
    ASSERT_TRUE(abroad.AddPerson(caseworker, person).ok());
  };
  register_one();
  ASSERT_TRUE(RotateOfficeKey(*store_, kPassphrase, clock_, 10, {}).ok());
  EXPECT_EQ(*store_->CountKeysOlderThan(2), 0);
  ASSERT_EQ(*RetireOldOfficeKeys(*store_, kPassphrase, clock_), 1);
  auto opener = UnlockOffice(*store_, kPassphrase);
  ASSERT_TRUE(opener.ok());
  AuditLog audit(*store_, clock_, AuditKey(*opener));
  OfficeService office(*store_, audit, clock_, std::move(*opener));
  CampService camps(*store_, audit, clock_, office);
  auto prisoner = camps.GetPrisoner(camp_admin, 1);
  ASSERT_TRUE(prisoner.ok()) << prisoner.error().message;
  EXPECT_EQ(prisoner->fields->surname, "Ротационный");
  AbroadService abroad(*store_, audit, clock_, office);
  auto person = abroad.Person(caseworker, 1);
  ASSERT_TRUE(person.ok()) << person.error().message;
  EXPECT_EQ(person->fields->name, "Ротационный Уехавший");
}

TEST_F(KeyRotationTest, AnInterruptedRotationResumesWithoutANewGenerationAndBlocksRetirement) {
  Initialise();
  Submit(7);
  auto interrupted = [](std::uint64_t done, std::uint64_t) {
    if (done >= 3) throw Interrupted{};  // as if killed after the first batch committed
  };
  EXPECT_THROW((void)RotateOfficeKey(*store_, kPassphrase, clock_, 3, interrupted), Interrupted);
  EXPECT_EQ(*store_->CountKeysOlderThan(2), 4);
  ExpectEveryCaseOpens(7);  // half done, nothing unreadable

  auto refused = RetireOldOfficeKeys(*store_, kPassphrase, clock_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_FALSE(store_->LoadInstallation()->office_keys[0].private_sealed.empty());

  auto resumed = RotateOfficeKey(*store_, kPassphrase, clock_, 3, {});
  ASSERT_TRUE(resumed.ok());
  EXPECT_TRUE(resumed->resumed);
  EXPECT_EQ(resumed->generation, 2);
  EXPECT_EQ(resumed->rewrapped, 4);
  ExpectEveryCaseOpens(7);

  auto again = RotateOfficeKey(*store_, kPassphrase, clock_, 100, {});  // a new rotation
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->resumed);
  EXPECT_EQ(again->generation, 3);
  ASSERT_EQ(*RetireOldOfficeKeys(*store_, kPassphrase, clock_), 2);
  ExpectEveryCaseOpens(7);
  ExpectAuditIntact();
}

TEST_F(KeyRotationTest, AWrongPassphraseChangesNothing) {
  Initialise();
  Submit(2);
  auto rotated = RotateOfficeKey(*store_, "not the office passphrase", clock_, 10, {});
  ASSERT_FALSE(rotated.ok());
  EXPECT_EQ(rotated.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(store_->LoadInstallation()->office_keys.size(), 1u);
  auto retired = RetireOldOfficeKeys(*store_, "not the office passphrase", clock_);
  EXPECT_EQ(retired.error().code, ErrorCode::kUnauthenticated);
}

TEST_F(KeyRotationTest, AFolderFromBeforeTheOfficeSecretKeepsItsAuditKeyThroughRotation) {
  // Built by hand as an older lifeline wrote it: no office secret, so the subkeys derive
  // from generation 1's private key.
  crypto::PassphraseParams params = crypto::NewPassphraseParams();
  params.opslimit = 1;
  params.memlimit = 8192;
  auto wrapping = crypto::DerivePassphraseKey(kPassphrase, params);
  ASSERT_TRUE(wrapping.ok());
  crypto::OfficeKeyPair keys = crypto::GenerateOfficeKeyPair(1);
  store::Installation old;
  old.passphrase_salt = params.salt;
  old.passphrase_opslimit = params.opslimit;
  old.passphrase_memlimit = params.memlimit;
  old.office_keys = {
      {1, keys.public_key.bytes, crypto::WrapPrivateKey(keys.private_key, *wrapping)}};
  old.receipt_salt = crypto::RandomBytes(16);
  ASSERT_TRUE(store_->SaveInstallation(old).ok());
  const crypto::OfficeOpener legacy(crypto::OfficePrivateKey{keys.private_key.bytes},
                                    keys.public_key);
  {
    AuditLog audit(*store_, clock_, AuditKey(legacy));
    ASSERT_TRUE(audit.Record({.action = AuditAction::kInstallationCreated}).ok());
  }
  Submit(3);

  ASSERT_TRUE(RotateOfficeKey(*store_, kPassphrase, clock_, 2, {}).ok());
  EXPECT_FALSE(store_->LoadInstallation()->office_secret_sealed.empty());
  ASSERT_EQ(*RetireOldOfficeKeys(*store_, kPassphrase, clock_), 1);
  auto opener = UnlockOffice(*store_, kPassphrase);
  ASSERT_TRUE(opener.ok());
  EXPECT_EQ(AuditKey(*opener), AuditKey(legacy));
  ExpectAuditIntact();
  ExpectEveryCaseOpens(3);
}

}  // namespace
}  // namespace lifeline::app
