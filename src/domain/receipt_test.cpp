#include "domain/receipt.hpp"

#include <gtest/gtest.h>

namespace lifeline {
namespace {

TEST(Receipt, FormatsLikeAPhoneNumberAndParsesBack) {
  const Receipt r{"9123456789012345"};
  EXPECT_EQ(FormatReceipt(r), "912 345-67-89, 012345");
  auto parsed = ParseReceipt(FormatReceipt(r));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->digits, r.digits);
}

TEST(Receipt, AcceptsWhatPeopleType) {
  EXPECT_TRUE(ParseReceipt("+912 (345) 67.89 012345"));
  EXPECT_TRUE(ParseReceipt("9123456789012345"));
}

TEST(Receipt, RejectsWrongLengthOrLetters) {
  EXPECT_FALSE(ParseReceipt("912345678901234"));
  EXPECT_FALSE(ParseReceipt("91234567890123456"));
  EXPECT_FALSE(ParseReceipt("912345678901234a"));
  EXPECT_FALSE(ParseReceipt(""));
  EXPECT_FALSE(ParseReceipt(std::string(1000, '1')));
}

}  // namespace
}  // namespace lifeline
