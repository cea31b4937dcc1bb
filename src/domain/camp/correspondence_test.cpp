#include "domain/camp/correspondence.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace lifeline::camp {
namespace {

using namespace std::chrono;

constexpr year_month kMarch = year{2026} / March;

MailItem Sent(int day, MailKind kind, bool held = false) {
  return {sys_days{year{2026} / March / day}, kind, MailDirection::kSent, held};
}

TEST(CampMail, Art71LimitsMayNotGoBelowTwoLettersAndFourCards) {
  EXPECT_TRUE(ValidateMailLimit({}).ok());  // no limit
  EXPECT_TRUE(ValidateMailLimit({2, 4}).ok());
  EXPECT_EQ(ValidateMailLimit({1, 4}).error().field, "letters_per_month");
  EXPECT_EQ(ValidateMailLimit({2, 3}).error().field, "cards_per_month");
  EXPECT_NE(ValidateMailLimit({1, 4}).error().message.find("Art. 71"), std::string::npos);
}

TEST(CampMail, HoldingALetterBeforeTheMinimumIsAShortfall) {
  std::vector<MailItem> items = {Sent(3, MailKind::kLetter), Sent(10, MailKind::kLetter, true)};
  auto m = SummariseMonth(items, kMarch);
  EXPECT_EQ(m.letters_sent, 1);
  EXPECT_EQ(m.letters_held, 1);
  EXPECT_TRUE(m.shortfall);
  // After two letters went, holding a third is within Art. 71.
  items.push_back(Sent(5, MailKind::kLetter));
  m = SummariseMonth(items, kMarch);
  EXPECT_EQ(m.letters_sent, 2);
  EXPECT_FALSE(m.shortfall);
}

TEST(CampMail, CardsCountToFourAndCaptureCardsNotAtAll) {
  std::vector<MailItem> items = {Sent(1, MailKind::kCaptureCard), Sent(2, MailKind::kCard),
                                 Sent(3, MailKind::kCard), Sent(4, MailKind::kCard),
                                 Sent(5, MailKind::kCard, true)};
  auto m = SummariseMonth(items, kMarch);
  EXPECT_EQ(m.cards_sent, 3);
  EXPECT_TRUE(m.shortfall);
  items.insert(items.begin(), Sent(4, MailKind::kCard));
  EXPECT_FALSE(SummariseMonth(items, kMarch).shortfall);
}

TEST(CampMail, OnlyTheMonthCountsAndReceivedMailIsTallied) {
  std::vector<MailItem> items = {
      {sys_days{year{2026} / February / 28}, MailKind::kLetter, MailDirection::kSent, true},
      {sys_days{year{2026} / March / 9}, MailKind::kLetter, MailDirection::kReceived, false},
      {sys_days{year{2026} / March / 9}, MailKind::kCard, MailDirection::kReceived, true}};
  auto m = SummariseMonth(items, kMarch);
  EXPECT_FALSE(m.shortfall);
  EXPECT_EQ(m.received, 1);
  EXPECT_EQ(m.letters_held, 0);
  EXPECT_EQ(ParseMailKind("capture_card"), MailKind::kCaptureCard);
  EXPECT_EQ(ParseMailKind("parcel"), std::nullopt);
  EXPECT_EQ(ParseMailDirection("received"), MailDirection::kReceived);
}

}  // namespace
}  // namespace lifeline::camp
