#include "crypto/secret_sharing.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <bit>
#include <set>
#include <vector>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

SecretBytes RandomSecret(std::size_t size) {
  SecretBytes secret(size);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

bool Same(const SecretBytes& a, const SecretBytes& b) {
  return a.size() == b.size() && std::equal(a.data(), a.data() + a.size(), b.data());
}

// Every subset of `size` indexes out of `count`, as bit masks.
std::vector<unsigned> SubsetsOf(int count, int size) {
  std::vector<unsigned> masks;
  for (unsigned mask = 0; mask < (1u << count); ++mask)
    if (std::popcount(mask) == size) masks.push_back(mask);
  return masks;
}

std::vector<SecretShare> Pick(const std::vector<SecretShare>& shares, unsigned mask) {
  std::vector<SecretShare> picked;
  for (std::size_t i = 0; i < shares.size(); ++i)
    if (mask & (1u << i)) picked.push_back(shares[i]);
  return picked;
}

// Many random trials over every threshold and count up to 7: every set of k shares gives
// the secret back, and no set of k-1 does.
TEST(SecretSharing, AnyThresholdOfSharesOpensAndOneFewerDoesNot) {
  int opened = 0, refused = 0;
  for (int threshold = 1; threshold <= 5; ++threshold) {
    for (int count = threshold; count <= 7; ++count) {
      for (int trial = 0; trial < 20; ++trial) {
        const SecretBytes secret = RandomSecret(32);
        auto shares = SplitSecret(secret, threshold, count);
        ASSERT_TRUE(shares.ok());
        ASSERT_EQ(shares->size(), static_cast<std::size_t>(count));
        for (unsigned mask : SubsetsOf(count, threshold)) {
          auto combined = CombineShares(Pick(*shares, mask));
          ASSERT_TRUE(combined.ok());
          EXPECT_TRUE(Same(*combined, secret)) << threshold << " of " << count;
          ++opened;
        }
        if (threshold == 1) continue;
        for (unsigned mask : SubsetsOf(count, threshold - 1)) {
          auto combined = CombineShares(Pick(*shares, mask));
          ASSERT_TRUE(combined.ok());
          EXPECT_FALSE(Same(*combined, secret)) << threshold - 1 << " of " << count;
          ++refused;
        }
      }
    }
  }
  EXPECT_GT(opened, 4000);
  EXPECT_GT(refused, 4000);
}

// k-1 shares leave every value of the secret equally possible: whatever the k-1 shares
// are, each of the 256 values a k-th share's byte can take completes them to a different
// secret byte, so all 256 secrets are consistent with what k-1 custodians hold together.
TEST(SecretSharing, FewerThanThresholdSharesLeaveEverySecretPossible) {
  for (int threshold = 2; threshold <= 5; ++threshold) {
    for (int trial = 0; trial < 25; ++trial) {
      const SecretBytes secret = RandomSecret(16);
      auto shares = SplitSecret(secret, threshold, threshold + 2);
      ASSERT_TRUE(shares.ok());
      std::vector<SecretShare> known(shares->begin(), shares->begin() + threshold - 1);
      const std::size_t byte = static_cast<std::size_t>(trial) % secret.size();
      std::set<std::uint8_t> secrets_reached;
      for (int value = 0; value < 256; ++value) {
        std::vector<SecretShare> completed = known;
        SecretShare guess{static_cast<std::uint8_t>(threshold + 1), (*shares)[threshold].y};
        guess.y.data()[byte] = static_cast<std::uint8_t>(value);
        completed.push_back(std::move(guess));
        auto combined = CombineShares(completed);
        ASSERT_TRUE(combined.ok());
        secrets_reached.insert(combined->data()[byte]);
      }
      EXPECT_EQ(secrets_reached.size(), 256u) << "threshold " << threshold;
    }
  }
}

TEST(SecretSharing, SplitsDifferEachTime) {
  const SecretBytes secret = RandomSecret(32);
  auto first = SplitSecret(secret, 2, 3);
  auto second = SplitSecret(secret, 2, 3);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_FALSE(Same((*first)[0].y, (*second)[0].y));  // fresh coefficients from the CSPRNG
}

TEST(SecretSharing, RefusesWhatCannotBeSplitOrCombined) {
  const SecretBytes secret = RandomSecret(32);
  EXPECT_EQ(SplitSecret(secret, 0, 3).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(SplitSecret(secret, 4, 3).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(SplitSecret(secret, 2, 256).error().code, ErrorCode::kInvalidInput);
  EXPECT_EQ(SplitSecret(SecretBytes(), 1, 1).error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(SplitSecret(secret, 255, 255).ok());

  auto shares = SplitSecret(secret, 2, 3);
  ASSERT_TRUE(shares.ok());
  EXPECT_EQ(CombineShares({}).error().code, ErrorCode::kInvalidInput);
  std::vector<SecretShare> repeated{(*shares)[0], (*shares)[0]};
  EXPECT_EQ(CombineShares(repeated).error().code, ErrorCode::kInvalidInput);
  std::vector<SecretShare> zero{(*shares)[0], SecretShare{0, (*shares)[1].y}};
  EXPECT_EQ(CombineShares(zero).error().code, ErrorCode::kInvalidInput);
  std::vector<SecretShare> uneven{(*shares)[0], SecretShare{2, SecretBytes(31)}};
  EXPECT_EQ(CombineShares(uneven).error().code, ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace lifeline::crypto
