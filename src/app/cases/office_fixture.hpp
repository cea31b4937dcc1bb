#pragma once
// A fixture for tests of the office: a fresh installation with intake and office services
// over a throw-away SQLite store and a fixed clock.

#include <gtest/gtest.h>

#include <future>

#include "app/accounts/setup.hpp"
#include "app/audit/row_integrity.hpp"
#include "app/cases/office.hpp"
#include "app/intake/intake.hpp"
#include "app/test_support.hpp"
#include "crypto/crypto.hpp"

namespace lifeline::app::testing {

constexpr char kPassphrase[] = "synthetic office passphrase";

class IntakeOfficeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { crypto::Initialise(); }
  void SetUp() override {
    ASSERT_TRUE(InitialiseInstallation(*store_, kPassphrase, "admin", "synthetic-admin-pw").ok());
    auto keys = LoadInstallationKeys(*store_);
    ASSERT_TRUE(keys.ok());
    intake_ =
        std::make_unique<IntakeService>(*store_, clock_, keys->office_public, keys->receipt_salt);
    auto opener = UnlockOffice(*store_, kPassphrase);
    ASSERT_TRUE(opener.ok());
    audit_ = std::make_unique<AuditLog>(*store_, clock_, AuditKey(*opener));
    ASSERT_TRUE(EnableRowIntegrity(*store_, *opener, *audit_).ok());
    office_ = std::make_unique<OfficeService>(*store_, *audit_, clock_, std::move(*opener));
  }

  Result<Receipt> SubmitAndWait(const ApplicationDraft& draft) {
    std::promise<Result<Receipt>> promise;
    intake_->Submit(draft, [&](Result<Receipt> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }

  Result<ApplicantStatus> CheckAndWait(std::string_view receipt, IntakeService* intake = nullptr) {
    std::promise<Result<ApplicantStatus>> promise;
    (intake ? intake : intake_.get())->CheckStatus(receipt, [&](Result<ApplicantStatus> r) {
      promise.set_value(std::move(r));
    });
    return promise.get_future().get();
  }

  Status SendAndWait(std::string_view receipt, std::string text) {
    std::promise<Status> promise;
    intake_->SendMessage(receipt, std::move(text),
                         [&](Status s) { promise.set_value(std::move(s)); });
    return promise.get_future().get();
  }

  static ApplicationDraft Draft() {
    ApplicationDraft d;
    d.situation = "at_front";
    d.contact_channel = "telegram";
    d.contact_handle = "@synthetic_person";
    d.name = "Вымышлов Пробный";
    d.unit = "часть-пример №1";
    d.safe_windows = {"mon-fri 19:00-21:00"};
    d.message = "Синтетическое сообщение";
    return d;
  }

  // A coordinator works any case; operators must claim first (tested below).
  const Actor operator_{1, "admin", Role::kCoordinator};
  FixedClock clock_;
  TempStore store_{::testing::UnitTest::GetInstance()->current_test_info()->name()};
  std::unique_ptr<IntakeService> intake_;
  std::unique_ptr<AuditLog> audit_;
  std::unique_ptr<OfficeService> office_;
};

}  // namespace lifeline::app::testing
