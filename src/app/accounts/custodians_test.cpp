// The office's k-of-n key (app/accounts/custodians.hpp) over a real SQLite store: any k
// custodians open the office, k-1 do not, and a deal anew re-wraps the office keys only
// (cases sealed before it still open) and leaves neither the old passphrase nor a departed
// custodian able to open it. crypto/secret_sharing_test.cpp runs the scheme's many random
// trials; each unlock here costs an Argon2id per custodian.

#include "app/accounts/custodians.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>

#include "app/accounts/setup.hpp"
#include "app/cases/office.hpp"
#include "app/intake/intake.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app {
namespace {

using testing::FixedClock;
using testing::TempStore;

constexpr char kPassphrase[] = "synthetic office passphrase";
const Actor kCoordinator{1, "admin", Role::kCoordinator};

CustodianSecret Custodian(const std::string& name) {
  return {name, "synthetic passphrase of " + name};
}

OfficeCredentials Present(std::initializer_list<std::string> names) {
  OfficeCredentials credentials;
  for (const auto& name : names) credentials.custodians.push_back(Custodian(name));
  return credentials;
}

class CustodiansTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }

  void InitialiseWith(int threshold, std::initializer_list<std::string> names) {
    CustodianDeal deal{threshold, {}};
    for (const auto& name : names) deal.custodians.push_back(Custodian(name));
    auto initialised =
        InitialiseInstallation(*store_, "", "admin", "synthetic-admin-pw", {}, &deal);
    ASSERT_TRUE(initialised.ok()) << initialised.error().message;
  }

  // Submits one application through the real intake, sealed to the office public key.
  void SubmitOne() {
    auto keys = LoadInstallationKeys(*store_);
    ASSERT_TRUE(keys.ok());
    IntakeService intake(*store_, clock_, keys->office_public, keys->receipt_salt);
    ApplicationDraft d;
    d.situation = "at_front";
    d.contact_channel = "telegram";
    d.contact_handle = "@synthetic_custodian_case";
    d.name = "Синтетический Заявитель";
    std::promise<Result<Receipt>> done;
    intake.Submit(d, [&](Result<Receipt> r) { done.set_value(std::move(r)); });
    ASSERT_TRUE(done.get_future().get().ok());
    intake.Stop();
  }

  void ExpectCaseOpensWith(const OfficeCredentials& credentials) {
    auto opener = UnlockOffice(*store_, credentials);
    ASSERT_TRUE(opener.ok()) << opener.error().message;
    AuditLog audit(*store_, clock_, AuditKey(*opener));
    OfficeService office(*store_, audit, clock_, std::move(*opener));
    auto details = office.GetCase(kCoordinator, 1);
    ASSERT_TRUE(details.ok()) << details.error().message;
    EXPECT_EQ(details->fields.name, "Синтетический Заявитель");
  }

  ErrorCode UnlockError(const OfficeCredentials& credentials) {
    auto opener = UnlockOffice(*store_, credentials);
    return opener.ok() ? ErrorCode::kInternal : opener.error().code;
  }

  Result<CustodianSet> Deal(const OfficeCredentials& current, int threshold,
                            std::initializer_list<std::string> names) {
    auto opener = UnlockOffice(*store_, current);
    if (!opener) return opener.error();
    AuditLog audit(*store_, clock_, AuditKey(*opener));
    CustodianDeal deal{threshold, {}};
    for (const auto& name : names) deal.custodians.push_back(Custodian(name));
    return DealCustodians(*store_, current, deal, clock_, audit);
  }

  FixedClock clock_;
  TempStore store_{"app-custodians"};
};

TEST_F(CustodiansTest, AnyTwoOfThreeOpenTheOfficeAndOneDoesNot) {
  InitialiseWith(2, {"custodian.a", "custodian.b", "custodian.c"});
  SubmitOne();
  ExpectCaseOpensWith(Present({"custodian.a", "custodian.b"}));
  ExpectCaseOpensWith(Present({"custodian.b", "custodian.c"}));
  ExpectCaseOpensWith(Present({"custodian.c", "custodian.a"}));
  ExpectCaseOpensWith(Present({"custodian.a", "custodian.b", "custodian.c"}));
  for (const char* alone : {"custodian.a", "custodian.b", "custodian.c"})
    EXPECT_EQ(UnlockError(Present({alone})), ErrorCode::kUnauthenticated) << alone;
  EXPECT_EQ(UnlockError(OfficeCredentials(kPassphrase)), ErrorCode::kUnauthenticated);

  OfficeCredentials wrong = Present({"custodian.a", "custodian.b"});
  wrong.custodians[1].passphrase = "not the passphrase of b";
  auto refused = UnlockOffice(*store_, wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kUnauthenticated);
  EXPECT_NE(refused.error().message.find("custodian.b"), std::string::npos);
  EXPECT_EQ(refused.error().message.find("not the passphrase"), std::string::npos);

  EXPECT_EQ(UnlockError(Present({"custodian.a", "custodian.x"})), ErrorCode::kUnauthenticated);
  EXPECT_EQ(UnlockError(Present({"custodian.a", "custodian.a"})), ErrorCode::kUnauthenticated);

  auto set = CustodiansOf(*store_->LoadInstallation());
  ASSERT_TRUE(set.ok() && set->has_value());
  EXPECT_EQ((*set)->threshold, 2);
  ASSERT_EQ((*set)->custodians.size(), 3u);
  EXPECT_EQ((*set)->custodians[2].name, "custodian.c");
  EXPECT_EQ((*set)->custodians[2].share_number, 3);
}

// Two custodians' shares swapped between them (someone who can write the database) open
// nothing: each share is bound to its custodian's name and number.
TEST_F(CustodiansTest, ASharePassedOffAsAnothersDoesNotOpen) {
  InitialiseWith(2, {"custodian.a", "custodian.b", "custodian.c"});
  auto installation = store_->LoadInstallation();
  ASSERT_TRUE(installation.ok());
  std::string tampered = installation->custodians;
  const auto a = tampered.find("\"name\":\"custodian.a\"");
  const auto b = tampered.find("\"name\":\"custodian.b\"");
  ASSERT_NE(a, std::string::npos);
  ASSERT_NE(b, std::string::npos);
  tampered.replace(b, 20, "\"name\":\"custodian.q\"");
  tampered.replace(a, 20, "\"name\":\"custodian.b\"");
  ASSERT_TRUE(store_->PutSetting(std::string(store::kCustodiansSetting), tampered).ok());
  EXPECT_EQ(UnlockError(Present({"custodian.b", "custodian.c"})), ErrorCode::kUnauthenticated);
}

TEST_F(CustodiansTest, ADealFromThePassphraseLeavesThePassphraseUseless) {
  ASSERT_TRUE(InitialiseInstallation(*store_, kPassphrase, "admin", "synthetic-admin-pw").ok());
  SubmitOne();
  const store::Installation before = *store_->LoadInstallation();
  auto dealt = Deal(OfficeCredentials(kPassphrase), 2, {"custodian.a", "custodian.b"});
  ASSERT_TRUE(dealt.ok()) << dealt.error().message;
  EXPECT_EQ(dealt->threshold, 2);
  EXPECT_EQ(UnlockError(OfficeCredentials(kPassphrase)), ErrorCode::kUnauthenticated);
  ExpectCaseOpensWith(Present({"custodian.a", "custodian.b"}));
  // The old wrapping (which the passphrase still opens) is erased from the database's
  // files, not merely replaced.
  const std::string secret(before.office_secret_sealed.begin(), before.office_secret_sealed.end());
  const std::string key(before.office_keys[0].private_sealed.begin(),
                        before.office_keys[0].private_sealed.end());
  for (const auto& entry : std::filesystem::directory_iterator(store_.dir())) {
    std::ifstream file(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(file)), {});
    EXPECT_EQ(bytes.find(secret), std::string::npos) << entry.path();
    EXPECT_EQ(bytes.find(key), std::string::npos) << entry.path();
  }
}

TEST_F(CustodiansTest, ADepartedCustodianOpensNothingAfterTheNextDeal) {
  InitialiseWith(2, {"custodian.a", "custodian.b", "custodian.c"});
  SubmitOne();
  const store::Installation before = *store_->LoadInstallation();
  auto dealt = Deal(Present({"custodian.a", "custodian.b"}), 2,
                    {"custodian.a", "custodian.b", "custodian.d"});
  ASSERT_TRUE(dealt.ok()) << dealt.error().message;
  ExpectCaseOpensWith(Present({"custodian.b", "custodian.d"}));
  EXPECT_EQ(UnlockError(Present({"custodian.a", "custodian.c"})), ErrorCode::kUnauthenticated);
  // Even with the old shares kept aside, the old wrapping key opens nothing now stored.
  auto old_key = DeriveWrappingKey(before, Present({"custodian.a", "custodian.c"}));
  ASSERT_TRUE(old_key.ok());
  EXPECT_FALSE(OpenOffice(*store_->LoadInstallation(), *old_key).ok());
  // The cases were not re-encrypted: the same wrapped key, the same generation.
  EXPECT_EQ(store_->LoadInstallation()->office_keys.size(), before.office_keys.size());
}

TEST_F(CustodiansTest, RefusesADealThatWouldLetOnePersonOpenTheOffice) {
  ASSERT_TRUE(InitialiseInstallation(*store_, kPassphrase, "admin", "synthetic-admin-pw").ok());
  EXPECT_EQ(Deal(OfficeCredentials(kPassphrase), 1, {"custodian.a", "custodian.b"}).error().field,
            "threshold");
  EXPECT_EQ(Deal(OfficeCredentials(kPassphrase), 3, {"custodian.a", "custodian.b"}).error().field,
            "threshold");
  EXPECT_EQ(Deal(OfficeCredentials(kPassphrase), 2, {"custodian.a", "custodian.a"}).error().field,
            "custodian");
  EXPECT_EQ(Deal(OfficeCredentials(kPassphrase), 2, {"Custodian A", "custodian.b"}).error().field,
            "custodian");
  EXPECT_EQ(
      Deal(OfficeCredentials("a wrong passphrase"), 2, {"custodian.a", "custodian.b"}).error().code,
      ErrorCode::kUnauthenticated);
  EXPECT_TRUE(UnlockOffice(*store_, kPassphrase).ok());
}

}  // namespace
}  // namespace lifeline::app
