#include "domain/camp/money.hpp"

#include <gtest/gtest.h>

namespace lifeline::camp {
namespace {

TEST(CampMoney, AmountsParseToWholeKopiyky) {
  EXPECT_EQ(ParseAmount("10", "amount").value(), 1000);
  EXPECT_EQ(ParseAmount("10.5", "amount").value(), 1050);
  EXPECT_EQ(ParseAmount("10.05", "amount").value(), 1005);
  EXPECT_EQ(ParseAmount("0.01", "amount").value(), 1);
  EXPECT_EQ(ParseAmount("1000000000.00", "amount").value(), kMaxMinorUnits);
  EXPECT_EQ(ParseAmount("0", "amount", true).value(), 0);
}

TEST(CampMoney, NegativeFractionalAndMalformedAmountsAreRefusedNamingTheField) {
  for (const char* bad : {"-1", "+1", "10.001", "1,50", "1e3", "", ".5", "10.", "1.2.3", "ten",
                          " 1", "1000000000.01", "99999999999999999"}) {
    auto parsed = ParseAmount(bad, "price");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().field, "price") << bad;
  }
  EXPECT_FALSE(ParseAmount("0", "amount").ok());
  EXPECT_FALSE(ParseAmount("0.00", "amount").ok());
}

TEST(CampMoney, AmountsFormatWithTwoDecimals) {
  EXPECT_EQ(FormatAmount(1050), "10.50");
  EXPECT_EQ(FormatAmount(5), "0.05");
  EXPECT_EQ(FormatAmount(0), "0.00");
  EXPECT_EQ(FormatAmount(-1175), "-11.75");
}

TEST(CampMoney, OnlyTheCampsCurrenciesAreKnown) {
  EXPECT_EQ(ParseCurrency("UAH").value(), Currency::kUah);
  EXPECT_EQ(ParseCurrency("CHF").value(), Currency::kChf);
  for (const char* bad : {"EUR", "uah", "RUB", ""})
    EXPECT_EQ(ParseCurrency(bad).error().field, "currency") << bad;
}

TEST(CampMoney, FrancsConvertRoundingUpSoAMinimumStaysAMinimum) {
  EXPECT_EQ(ChfToUahRoundedUp(25, 4700), 1175);  // a quarter franc at 47.00: 11.75 exactly
  EXPECT_EQ(ChfToUahRoundedUp(25, 4701), 1176);  // 11.7525 → 11.76
  EXPECT_EQ(ChfToUahRoundedUp(800, 4650), 37200);
}

}  // namespace
}  // namespace lifeline::camp
