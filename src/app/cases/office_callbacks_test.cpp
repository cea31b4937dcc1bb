// Safe callbacks through the office: a coordinator's request is audited without the number,
// cancelling shreds the number at once, and only coordinators may do either.

#include <gtest/gtest.h>

#include "app/cases/office_fixture.hpp"

namespace lifeline::app {
namespace {

class OfficeCallbacksTest : public testing::IntakeOfficeTest {
 protected:
  static contact_centre::CallbackDraft Draft() {
    return {"+7 900 000-00-55", {"mon-sun 00:00-23:59"}, "+03:00", "uk"};
  }
  std::vector<store::AuditRecord> Audit() { return store_->ListAuditRecords(0, 1000).value(); }
};

TEST_F(OfficeCallbacksTest, ACoordinatorsRequestIsAuditedWithoutTheNumber) {
  auto scheduled = office_->RequestCallbackFor(operator_, Draft());
  ASSERT_TRUE(scheduled.ok()) << scheduled.error().message;
  const auto audit = Audit();
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "callback_requested");
  EXPECT_EQ(audit.back().target, "callback:" + std::to_string(scheduled->id));
  for (const auto& entry : audit) EXPECT_EQ(entry.target.find("900"), std::string::npos);
  EXPECT_EQ(office_->RequestCallbackFor(operator_, {"call me", {"10:00-11:00"}, "+03:00", "ru"})
                .error()
                .field,
            "number");
}

TEST_F(OfficeCallbacksTest, CancellingShredsTheNumberAndNeverDials) {
  auto scheduled = office_->RequestCallbackFor(operator_, Draft());
  ASSERT_TRUE(scheduled.ok());
  ASSERT_FALSE(store_->GetCallback(scheduled->id)->sealed.empty());
  ASSERT_TRUE(office_->CancelCallback(operator_, scheduled->id).ok());
  auto stored = store_->GetCallback(scheduled->id).value();
  EXPECT_EQ(stored.status, store::CallbackStatus::kLapsed);
  EXPECT_TRUE(stored.sealed.empty());
  EXPECT_EQ(Audit().back().action, "callback_cancelled");
  EXPECT_TRUE(office_->TakeDueCallbacks(10).value().empty());
  EXPECT_EQ(office_->CancelCallback(operator_, scheduled->id).error().code, ErrorCode::kConflict);
  EXPECT_EQ(office_->CancelCallback(operator_, 999).error().code, ErrorCode::kNotFound);
}

TEST_F(OfficeCallbacksTest, ACallbackBeingDialedCannotBeCancelled) {
  auto scheduled = office_->RequestCallbackFor(operator_, Draft());
  ASSERT_TRUE(scheduled.ok());
  ASSERT_EQ(office_->TakeDueCallbacks(10).value().size(), 1u);
  EXPECT_EQ(office_->CancelCallback(operator_, scheduled->id).error().code, ErrorCode::kConflict);
}

TEST_F(OfficeCallbacksTest, OnlyCoordinatorsTakeOrCancelRequests) {
  auto scheduled = office_->RequestCallbackFor(operator_, Draft());
  ASSERT_TRUE(scheduled.ok());
  for (Role role : {Role::kOperator, Role::kVerifier, Role::kCampAdmin, Role::kCaseworker,
                    Role::kAnalyst, Role::kAuditor, Role::kAdmin}) {
    const Actor other{7, "other", role};
    EXPECT_EQ(office_->RequestCallbackFor(other, Draft()).error().code, ErrorCode::kForbidden);
    EXPECT_EQ(office_->CancelCallback(other, scheduled->id).error().code, ErrorCode::kForbidden);
  }
}

}  // namespace
}  // namespace lifeline::app
