#include "domain/application.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

using namespace std::chrono;
constexpr year_month_day kToday{year{2026}, November, day{22}};

ApplicationDraft MinimalDraft() {
  ApplicationDraft d;
  d.situation = "serving";
  d.contact_channel = "signal";
  d.contact_handle = "@synthetic_handle";
  return d;
}

std::string FieldAtFault(const ApplicationDraft& d) {
  auto result = ValidateApplication(d, kToday);
  EXPECT_FALSE(result.ok());
  return result.ok() ? "" : result.error().field;
}

TEST(ValidateApplication, AcceptsMinimalDraftWithDefaults) {
  auto result = ValidateApplication(MinimalDraft(), kToday);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->clear.group_kind, GroupKind::kAlone);
  EXPECT_EQ(result->clear.group_size, 1);
  EXPECT_EQ(result->clear.language, Language::kRu);
  EXPECT_EQ(result->identifying.contact_handle, "@synthetic_handle");
}

TEST(ValidateApplication, TrimsTextAndParsesWindows) {
  auto d = MinimalDraft();
  d.name = "  Тестов Пётр  ";
  d.safe_windows = {"пн-пт 19:00-21:00", "sat 10:00-12:00"};
  auto result = ValidateApplication(d, kToday);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->identifying.name, "Тестов Пётр");
  ASSERT_EQ(result->identifying.safe_windows.size(), 2u);
  EXPECT_EQ(result->identifying.safe_windows[0].days, 0x1F);
}

TEST(ValidateApplication, TheWindowsTimeZoneDefaultsToMoscowAndMustBeAnOffset) {
  auto d = MinimalDraft();
  EXPECT_EQ(ValidateApplication(d, kToday)->identifying.utc_offset_minutes, 180);
  d.utc_offset = "+05:00";
  EXPECT_EQ(ValidateApplication(d, kToday)->identifying.utc_offset_minutes, 300);
  for (const char* bad : {"Europe/Moscow", "+5", "+15:00", "+03:20"}) {
    d.utc_offset = bad;
    auto refused = ValidateApplication(d, kToday);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().field, "contact.utc_offset");
  }
}

TEST(ValidateApplication, RejectsMissingAndUnknownEnums) {
  auto d = MinimalDraft();
  d.situation = "";
  EXPECT_EQ(FieldAtFault(d), "situation");
  d.situation = "general";
  EXPECT_EQ(FieldAtFault(d), "situation");
  d = MinimalDraft();
  d.contact_channel = "pigeon";
  EXPECT_EQ(FieldAtFault(d), "contact.channel");
  d = MinimalDraft();
  d.group_kind = "battalion";
  EXPECT_EQ(FieldAtFault(d), "group.kind");
  d = MinimalDraft();
  d.language = "de";
  EXPECT_EQ(FieldAtFault(d), "language");
}

TEST(ValidateApplication, RejectsAbsurdGroupSizes) {
  auto d = MinimalDraft();
  d.group_kind = "alone";
  d.group_size = 3;
  EXPECT_EQ(FieldAtFault(d), "group.size");
  d.group_kind = "unit";
  d.group_size = 1'000'000;
  EXPECT_EQ(FieldAtFault(d), "group.size");
  d.group_size = -4;
  EXPECT_EQ(FieldAtFault(d), "group.size");
  d.group_size = 120;
  EXPECT_TRUE(ValidateApplication(d, kToday).ok());
}

TEST(ValidateApplication, RejectsImpossibleAndFarDates) {
  auto d = MinimalDraft();
  d.deploy_by = "2026-02-30";
  EXPECT_EQ(FieldAtFault(d), "deploy_by");
  d.deploy_by = "1941-06-22";
  EXPECT_EQ(FieldAtFault(d), "deploy_by");
  d.deploy_by = "2099-01-01";
  EXPECT_EQ(FieldAtFault(d), "deploy_by");
  d.deploy_by = "22.11.2026";
  EXPECT_EQ(FieldAtFault(d), "deploy_by");
  d.deploy_by = "2026-12-05";
  EXPECT_TRUE(ValidateApplication(d, kToday).ok());
}

TEST(ValidateApplication, RequiresHandleUnlessChannelIsNone) {
  auto d = MinimalDraft();
  d.contact_handle = "   ";
  EXPECT_EQ(FieldAtFault(d), "contact.handle");
  d.contact_channel = "none";
  auto result = ValidateApplication(d, kToday);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->identifying.contact_handle, "");
}

TEST(ValidateApplication, RejectsBadText) {
  auto d = MinimalDraft();
  d.name = std::string("\xC3\x28", 2);  // invalid UTF-8
  EXPECT_EQ(FieldAtFault(d), "name");
  d = MinimalDraft();
  d.unit = std::string("a\0b", 3);
  EXPECT_EQ(FieldAtFault(d), "unit");
  d = MinimalDraft();
  d.rank = "line\nbreak";
  EXPECT_EQ(FieldAtFault(d), "rank");
  d = MinimalDraft();
  d.message = std::string(ApplicationLimits::kMessage + 1, 'x');
  EXPECT_EQ(FieldAtFault(d), "message");
  d.message = "first line\nsecond line";
  EXPECT_TRUE(ValidateApplication(d, kToday).ok());
}

TEST(ValidateApplication, CountsCharactersNotBytes) {
  auto d = MinimalDraft();
  std::string cyrillic;
  for (std::size_t i = 0; i < ApplicationLimits::kShortText; ++i) cyrillic += "ж";
  d.name = cyrillic;
  EXPECT_TRUE(ValidateApplication(d, kToday).ok());
  d.name += "ж";
  EXPECT_EQ(FieldAtFault(d), "name");
}

TEST(ValidateApplication, RejectsMalformedOrTooManyWindows) {
  auto d = MinimalDraft();
  d.safe_windows = {"evenings"};
  EXPECT_EQ(FieldAtFault(d), "contact.safe_windows");
  d.safe_windows.assign(ApplicationLimits::kSafeWindows + 1, "10:00-11:00");
  EXPECT_EQ(FieldAtFault(d), "contact.safe_windows");
}

}  // namespace
}  // namespace lifeline
