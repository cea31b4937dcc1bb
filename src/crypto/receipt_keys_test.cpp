#include "crypto/receipt_keys.hpp"

#include <gtest/gtest.h>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

class ReceiptKeysTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Initialise(); }
  Bytes salt_ = RandomBytes(kReceiptSaltBytes);
};

TEST_F(ReceiptKeysTest, SameReceiptSameKeys) {
  auto a = DeriveReceiptKeys("1234567890123456", salt_);
  auto b = DeriveReceiptKeys("1234567890123456", salt_);
  EXPECT_EQ(a.lookup, b.lookup);
  EXPECT_EQ(a.reply_public, b.reply_public);
}

TEST_F(ReceiptKeysTest, OtherReceiptOrSaltOtherKeys) {
  auto a = DeriveReceiptKeys("1234567890123456", salt_);
  EXPECT_NE(a.lookup, DeriveReceiptKeys("1234567890123457", salt_).lookup);
  EXPECT_NE(a.lookup, DeriveReceiptKeys("1234567890123456", RandomBytes(kReceiptSaltBytes)).lookup);
  EXPECT_NE(a.lookup, a.reply_public);
}

TEST_F(ReceiptKeysTest, OnlyTheReceiptHolderOpensAReply) {
  auto keys = DeriveReceiptKeys("1234567890123456", salt_);
  Bytes sealed = SealForApplicant(keys.reply_public, "We received your application.");
  SecretBytes text;
  ASSERT_TRUE(OpenForApplicant(keys, sealed, text));
  EXPECT_EQ(text.view(), "We received your application.");
  auto other = DeriveReceiptKeys("6543210987654321", salt_);
  EXPECT_FALSE(OpenForApplicant(other, sealed, text));
}

TEST_F(ReceiptKeysTest, RejectsWrongSaltSize) {
  EXPECT_THROW(DeriveReceiptKeys("1234567890123456", Bytes(3)), std::invalid_argument);
}

}  // namespace
}  // namespace lifeline::crypto
