#include "crypto/record_sealer.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "crypto/crypto.hpp"

namespace lifeline::crypto {
namespace {

class RecordSealerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Initialise(); }
  OfficeKeyPair office_ = GenerateOfficeKeyPair();
  OfficeOpener Opener() {
    return OfficeOpener(OfficePrivateKey{office_.private_key.bytes}, office_.public_key);
  }
};

TEST_F(RecordSealerTest, OfficeOpensWhatIntakeSealed) {
  IntakeSealer sealer(office_.public_key, std::chrono::seconds(1), 256);
  SealedRecord sealed = sealer.Seal("name=Synthetic Person", "lookup-1");
  auto opened = Opener().Open(sealed, "lookup-1");
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(opened->view(), "name=Synthetic Person");
}

TEST_F(RecordSealerTest, CiphertextDoesNotContainPlaintext) {
  IntakeSealer sealer(office_.public_key, std::chrono::seconds(1), 256);
  SealedRecord sealed = sealer.Seal("UniqueMarker", "lookup-1");
  const std::string blob(sealed.ciphertext.begin(), sealed.ciphertext.end());
  EXPECT_EQ(blob.find("UniqueMarker"), std::string::npos);
}

TEST_F(RecordSealerTest, RefusesWrongAssociatedDataAndWrongOffice) {
  IntakeSealer sealer(office_.public_key, std::chrono::seconds(1), 256);
  SealedRecord sealed = sealer.Seal("secret", "lookup-1");
  EXPECT_FALSE(Opener().Open(sealed, "lookup-2").ok());
  OfficeKeyPair other = GenerateOfficeKeyPair();
  OfficeOpener stranger(std::move(other.private_key), other.public_key);
  EXPECT_FALSE(stranger.Open(sealed, "lookup-1").ok());
}

TEST_F(RecordSealerTest, RotatesWindowAfterMaxRecords) {
  IntakeSealer sealer(office_.public_key, std::chrono::hours(1), 3);
  SealedRecord first = sealer.Seal("a", "1");
  sealer.Seal("b", "2");
  sealer.Seal("c", "3");
  EXPECT_FALSE(sealer.holds_window_key());  // wiped as soon as the window is full
  SealedRecord fourth = sealer.Seal("d", "4");
  EXPECT_EQ(sealer.windows_opened(), 2u);
  EXPECT_NE(first.ephemeral_public, fourth.ephemeral_public);
  EXPECT_TRUE(Opener().Open(first, "1").ok());
  EXPECT_TRUE(Opener().Open(fourth, "4").ok());
}

TEST_F(RecordSealerTest, RotatesWindowAfterItsTimeAndClosesIdleWindow) {
  IntakeSealer sealer(office_.public_key, std::chrono::milliseconds(20), 1000);
  SealedRecord first = sealer.Seal("a", "1");
  sealer.CloseExpiredWindow();
  EXPECT_TRUE(sealer.holds_window_key());  // not expired yet
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  sealer.CloseExpiredWindow();
  EXPECT_FALSE(sealer.holds_window_key());  // an idle server keeps no key for past records
  SealedRecord second = sealer.Seal("b", "2");
  EXPECT_EQ(sealer.windows_opened(), 2u);
  EXPECT_NE(first.ephemeral_public, second.ephemeral_public);
}

TEST_F(RecordSealerTest, ShreddedKeyMakesRecordUnreadable) {
  IntakeSealer sealer(office_.public_key, std::chrono::seconds(1), 256);
  SealedRecord sealed = sealer.Seal("secret", "1");
  sealed.wrapped_key.clear();
  EXPECT_FALSE(Opener().Open(sealed, "1").ok());
}

TEST_F(RecordSealerTest, RewrappedKeyOpensUnderTheNewGenerationOnly) {
  IntakeSealer old_sealer(office_.public_key, std::chrono::seconds(1), 256);
  SealedRecord sealed = old_sealer.Seal("fields", "lookup-1");
  ASSERT_EQ(sealed.key_generation, 1);

  OfficeKeyPair next = GenerateOfficeKeyPair(2);
  auto key = Opener().OpenRecordKey(sealed, "lookup-1");
  ASSERT_TRUE(key.ok());
  IntakeSealer new_sealer(next.public_key, std::chrono::seconds(1), 256);
  SealedRecord rewrapped = new_sealer.Wrap(*key, "lookup-1");
  EXPECT_EQ(rewrapped.key_generation, 2);
  EXPECT_TRUE(rewrapped.ciphertext.empty());
  rewrapped.ciphertext = sealed.ciphertext;  // the fields themselves are untouched

  std::vector<OfficeKeyGeneration> both;
  both.push_back({OfficePrivateKey{office_.private_key.bytes}, office_.public_key});
  both.push_back({OfficePrivateKey{next.private_key.bytes}, next.public_key});
  const OfficeOpener during(SecretBytes(32), std::move(both));
  EXPECT_EQ(during.newest_public().generation, 2);
  EXPECT_EQ(during.Open(rewrapped, "lookup-1")->view(), "fields");
  EXPECT_EQ(during.Open(sealed, "lookup-1")->view(), "fields");

  std::vector<OfficeKeyGeneration> only_new;
  only_new.push_back({OfficePrivateKey{next.private_key.bytes}, next.public_key});
  const OfficeOpener after(SecretBytes(32), std::move(only_new));
  EXPECT_EQ(after.Open(rewrapped, "lookup-1")->view(), "fields");
  EXPECT_FALSE(after.Open(sealed, "lookup-1").ok());  // generation 1 retired
  SealedRecord mislabelled = rewrapped;
  mislabelled.key_generation = 1;
  EXPECT_FALSE(during.Open(mislabelled, "lookup-1").ok());
}

TEST_F(RecordSealerTest, SubkeysDependOnTheSecretNotOnTheKeyPairs) {
  const SecretBytes secret = GenerateOfficeSecret();
  std::vector<OfficeKeyGeneration> first;
  first.push_back({OfficePrivateKey{office_.private_key.bytes}, office_.public_key});
  OfficeKeyPair next = GenerateOfficeKeyPair(2);
  std::vector<OfficeKeyGeneration> second;
  second.push_back({OfficePrivateKey{next.private_key.bytes}, next.public_key});
  const OfficeOpener before(secret, std::move(first));
  const OfficeOpener after(secret, std::move(second));
  EXPECT_EQ(before.DeriveSubkey("lifeline/audit-mac/v1"),
            after.DeriveSubkey("lifeline/audit-mac/v1"));
  EXPECT_NE(before.DeriveSubkey("lifeline/audit-mac/v1"),
            before.DeriveSubkey("lifeline/totp-seal/v1"));
}

}  // namespace
}  // namespace lifeline::crypto
