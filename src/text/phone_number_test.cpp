#include "text/phone_number.hpp"

#include <gtest/gtest.h>

namespace lifeline::text {
namespace {

// Synthetic numbers in ranges the numbering plans reserve for mobiles; every way of writing
// one is the same canonical form, and the national forms are those worked out by hand.
TEST(PhoneNumber, EveryCommonWayOfWritingANumberIsOneNumber) {
  const std::vector<std::string> russian = {"79123456789", "89123456789", "9123456789"};
  for (const char* written : {"+7 912 345-67-89", "8 (912) 345-67-89", "89123456789",
                              "+79123456789", "9123456789", "8-912-345-67-89", "+7(912)3456789"}) {
    EXPECT_EQ(PhoneNumberForms(written), russian) << written;
  }
  const std::vector<std::string> ukrainian = {"380671234567", "0671234567", "671234567"};
  for (const char* written : {"+380 67 123 4567", "067 123 45 67", "+380671234567"})
    EXPECT_EQ(PhoneNumberForms(written), ukrainian) << written;
  const std::vector<std::string> belarusian = {"375291234567", "80291234567", "291234567"};
  for (const char* written : {"+375 29 123-45-67", "8 029 123-45-67", "+375291234567"})
    EXPECT_EQ(PhoneNumberForms(written), belarusian) << written;
}

TEST(PhoneNumber, WhatIsNoNumberHasNoForms) {
  for (const char* text : {"", "@synthetic_user", "12", "not a number", "+7 000",
                           "1234567890123456789012345678901234567890123"})
    EXPECT_TRUE(PhoneNumberForms(text).empty()) << text;
}

}  // namespace
}  // namespace lifeline::text
